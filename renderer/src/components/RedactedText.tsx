import type { ReactNode } from 'react';

/** `[LABEL_n]`, as the de-identifier writes it. */
const PLACEHOLDER = /\[([A-Z][A-Z_]*)_(\d+)\]/g;

const LABEL_NAMES: Record<string, string> = {
  PERSON: 'person',
  LOCATION: 'location',
  ORGANIZATION: 'organization',
  ADDRESS: 'address',
  DATE: 'date',
  AGE: 'age',
  PHONE: 'phone number',
  EMAIL: 'email address',
  URL: 'URL',
  IP_ADDRESS: 'IP address',
  ID: 'identifier',
  SSN: 'social security number',
  CREDIT_CARD: 'credit card number',
  IBAN: 'IBAN',
};

export function describeLabel(label: string): string {
  return LABEL_NAMES[label] ?? label.toLowerCase().replaceAll('_', ' ');
}

export function PlaceholderChip({ placeholder, label }: { placeholder: string; label: string }) {
  return (
    <span className="ph" data-label={label} title={`De-identified ${describeLabel(label)}`}>
      {placeholder}
    </span>
  );
}

interface Props {
  text: string;
  /** Placeholder → label from the case; the placeholder's own prefix is the fallback. */
  labels?: ReadonlyMap<string, string>;
}

/** De-identified text with each placeholder shown as a chip coloured by entity type. */
export function RedactedText({ text, labels }: Props) {
  const parts: ReactNode[] = [];
  let last = 0;
  for (const match of text.matchAll(PLACEHOLDER)) {
    const [placeholder, prefix = ''] = match;
    if (match.index > last) parts.push(text.slice(last, match.index));
    parts.push(
      <PlaceholderChip key={match.index} placeholder={placeholder} label={labels?.get(placeholder) ?? prefix} />,
    );
    last = match.index + placeholder.length;
  }
  if (last < text.length) parts.push(text.slice(last));
  return <>{parts}</>;
}
