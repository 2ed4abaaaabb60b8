import type { RawText } from '../text.js';

/** Entity types the de-identifier emits. Placeholders are `[LABEL_n]`. */
export const PII_LABELS = [
  'PERSON',
  'LOCATION',
  'ORGANIZATION',
  'ADDRESS',
  'DATE',
  'AGE',
  'PHONE',
  'EMAIL',
  'URL',
  'IP_ADDRESS',
  'ID',
  'SSN',
  'CREDIT_CARD',
  'IBAN',
] as const;
export type PiiLabel = (typeof PII_LABELS)[number];

export function isPiiLabel(label: unknown): label is PiiLabel {
  return typeof label === 'string' && (PII_LABELS as readonly string[]).includes(label);
}

/** One detected span in a raw text. Offsets are JavaScript string indices (UTF-16), end exclusive. */
export interface Finding {
  start: number;
  end: number;
  label: PiiLabel;
  /** 0..1; recognizers with validation (Luhn, checksums) report high scores. */
  score: number;
  /** Which detector found it, e.g. `pattern:email` or `ner:quarry-ner-0.1.0`. */
  source: string;
}

/** A synchronous detector over one text: pattern recognizers. */
export interface Recognizer {
  readonly name: string;
  readonly labels: readonly PiiLabel[];
  detect(text: RawText): Finding[];
}

/** An asynchronous, batched detector: the NER model in a worker pool. */
export interface BatchDetector {
  readonly name: string;
  detectBatch(texts: readonly RawText[]): Promise<Finding[][]>;
  /** Drops every text it keeps in memory between batches (see ner/detector.ts FindingsMemo), if it keeps any. */
  forget?(): void;
  close(): Promise<void>;
}
