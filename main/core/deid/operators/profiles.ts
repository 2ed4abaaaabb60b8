import { QuarryError } from '../../errors.js';
import { PII_LABELS, type PiiLabel } from '../types.js';
import { SURROGATE_LABELS } from './surrogate.js';

/**
 * Export profiles: for every entity type, which operator replaces its placeholder when a case is exported, and
 * why. Profiles are data so the choices can be read, reviewed and tested as a table.
 *
 * Operators:
 * - `placeholder`  keeps `[LABEL_n]`, as the review queue shows it.
 * - `surrogate`    a realistic fake, the same for the same real value across the workspace.
 * - `date-shift`   the date moved by the case's offset (±1–365 days), in its original format.
 * - `year-only`    only the date's year.
 * - `age-cap`      ages over 89 become "90 or older"; younger ages stay as written.
 * - `hmac`         `LABEL_<12 hex>`, a keyed hash stable across the workspace.
 * - `redact`       `[REDACTED]`.
 * - `keep`         the real value.
 */
export const OPERATORS = ['placeholder', 'surrogate', 'date-shift', 'year-only', 'age-cap', 'hmac', 'redact', 'keep'] as const;
export type OperatorName = (typeof OPERATORS)[number];

/** Operators that let (part of) the real value through: a profile using one has explicitly chosen to keep it. */
export const KEEPING_OPERATORS: ReadonlySet<OperatorName> = new Set(['keep', 'age-cap', 'year-only']);

/** Operators that only make sense for some labels; the rest apply to any. */
const ONLY_FOR: Partial<Record<OperatorName, readonly PiiLabel[]>> = {
  surrogate: SURROGATE_LABELS,
  'date-shift': ['DATE'],
  'year-only': ['DATE'],
  'age-cap': ['AGE'],
};

export function operatorApplies(operator: OperatorName, label: PiiLabel): boolean {
  return ONLY_FOR[operator]?.includes(label) ?? true;
}

export interface ProfileRule {
  readonly operator: OperatorName;
  readonly why: string;
}

export interface ExportProfile {
  readonly id: string;
  readonly name: string;
  readonly summary: string;
  readonly rules: Readonly<Record<PiiLabel, ProfileRule>>;
}

const asPlaceholder: ProfileRule = { operator: 'placeholder', why: 'Exactly what the reviewer approved.' };

export const PLACEHOLDER_PROFILE: ExportProfile = {
  id: 'placeholder',
  name: 'Placeholders',
  summary: 'Every entity stays `[LABEL_n]`, as shown in the review queue. Needs no vault and reveals nothing.',
  rules: Object.fromEntries(PII_LABELS.map((label) => [label, asPlaceholder])) as Record<PiiLabel, ProfileRule>,
};

/**
 * HIPAA Safe Harbor, 45 CFR 164.514(b)(2): the 18 identifiers removed. Fakes are drawn at random, never derived
 * from the real value, so they are not a re-identification code Safe Harbor forbids (164.514(c)); for the same
 * reason this profile uses no `hmac`. Biometric identifiers (16) and full-face photographs (17) are not text and
 * the de-identifier has no label for them; they cannot reach an export of chat text.
 */
export const HIPAA_SAFE_HARBOR_PROFILE: ExportProfile = {
  id: 'hipaa-safe-harbor',
  name: 'HIPAA Safe Harbor (18 identifiers)',
  summary: 'Removes the 18 Safe Harbor identifiers; dates keep their year, ages up to 89 stay, the rest become fakes.',
  rules: {
    PERSON: { operator: 'surrogate', why: 'Names (identifier 1). A random fake name keeps the text natural; one person keeps one fake.' },
    LOCATION: {
      operator: 'surrogate',
      why: 'Geographic subdivisions smaller than a state (2). The label cannot tell a town from a state, so every place is replaced.',
    },
    ORGANIZATION: {
      operator: 'surrogate',
      why: 'Not one of the 18, but an employer or a small practice plus context points at a person, which the "no actual knowledge" condition rules out.',
    },
    ADDRESS: { operator: 'surrogate', why: 'Street address, city and ZIP code (2).' },
    DATE: {
      operator: 'year-only',
      why:
        'All date elements except the year (3). A shifted date is derived from the real one, which Safe Harbor does not allow; ' +
        'dates without a year and years more than 89 years back keep their placeholder.',
    },
    AGE: { operator: 'age-cap', why: 'Ages over 89 (3) become "90 or older"; younger ages are not identifiers and stay.' },
    PHONE: { operator: 'surrogate', why: 'Telephone and fax numbers (4, 5). Same layout and country code, random digits.' },
    EMAIL: { operator: 'surrogate', why: 'Email addresses (6). A fake address at a reserved example domain.' },
    URL: { operator: 'surrogate', why: 'Web URLs (14). Same scheme and path depth on a fake domain.' },
    IP_ADDRESS: { operator: 'surrogate', why: 'IP addresses (15). A random address of the same version.' },
    ID: {
      operator: 'surrogate',
      why:
        'Medical record, health plan, account, licence, vehicle and device numbers and any other unique number (8–13, 18). ' +
        'Same layout; check letters and digits stay valid.',
    },
    SSN: { operator: 'surrogate', why: 'Social Security numbers (7). A random number in an issuable area, same layout.' },
    CREDIT_CARD: { operator: 'surrogate', why: 'Account numbers (10). Same length and network digit, Luhn-valid.' },
    IBAN: { operator: 'surrogate', why: 'Account numbers (10). Same country and layout, valid check digits.' },
  },
};

/** For evaluation sets outside HIPAA: realistic text and timelines, nothing of the real values kept. */
export const GENERAL_PII_PROFILE: ExportProfile = {
  id: 'general-pii',
  name: 'General PII',
  summary: 'Realistic fakes and shifted dates so the model sees natural text; nothing real is kept.',
  rules: {
    PERSON: { operator: 'surrogate', why: 'A model behaves differently on "[PERSON_1]" than on a name; a fake keeps the prompt natural.' },
    LOCATION: { operator: 'surrogate', why: 'A fake place of the case’s language keeps the prompt natural.' },
    ORGANIZATION: { operator: 'surrogate', why: 'A fake company keeps the prompt natural.' },
    ADDRESS: { operator: 'surrogate', why: 'A fake street address keeps address-handling prompts testable.' },
    DATE: {
      operator: 'date-shift',
      why: 'One offset per case keeps intervals and weekdays, so date arithmetic in the conversation still checks out.',
    },
    AGE: { operator: 'surrogate', why: 'An age in the same decade keeps the life stage without the exact age.' },
    PHONE: { operator: 'surrogate', why: 'Same layout and country code, so formatting and validation prompts behave the same.' },
    EMAIL: { operator: 'surrogate', why: 'A fake address at a reserved example domain: plausible and undeliverable.' },
    URL: { operator: 'surrogate', why: 'Same scheme and path depth on a fake domain.' },
    IP_ADDRESS: { operator: 'surrogate', why: 'A random address of the same version.' },
    ID: { operator: 'surrogate', why: 'Same layout and valid check characters, so id-validation prompts behave the same.' },
    SSN: {
      operator: 'redact',
      why: 'No evaluation needs a national id, and a realistic fake may be someone’s real number; it is removed.',
    },
    CREDIT_CARD: {
      operator: 'hmac',
      why: 'A Luhn-valid fake may be a real card; the token still links one card across cases (fraud, chargeback flows).',
    },
    IBAN: { operator: 'hmac', why: 'A valid fake may be a real account; the token still links one account across cases.' },
  },
};

export const EXPORT_PROFILES: readonly ExportProfile[] = [PLACEHOLDER_PROFILE, HIPAA_SAFE_HARBOR_PROFILE, GENERAL_PII_PROFILE];

export function exportProfile(id: string): ExportProfile {
  const profile = EXPORT_PROFILES.find((p) => p.id === id);
  if (!profile) {
    throw new QuarryError('unknown-export-profile', `There is no export profile "${id}". Choose one of: ${EXPORT_PROFILES.map((p) => p.id).join(', ')}.`);
  }
  return profile;
}

/** What is wrong with a profile, one sentence each; empty when every label has an operator that applies to it. */
export function profileProblems(profile: ExportProfile): string[] {
  return PII_LABELS.flatMap((label) => {
    const rule = profile.rules[label] as ProfileRule | undefined;
    if (!rule) return [`${profile.id}: no operator for ${label}.`];
    if (!OPERATORS.includes(rule.operator)) return [`${profile.id}: ${label} uses unknown operator "${rule.operator}".`];
    if (!operatorApplies(rule.operator, label)) return [`${profile.id}: ${rule.operator} cannot replace ${label}.`];
    return [];
  });
}
