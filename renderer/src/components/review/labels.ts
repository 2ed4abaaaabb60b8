/**
 * The entity types a reviewer can report as missed: the de-identifier's labels (main/core/deid/types.ts
 * PII_LABELS), repeated here because the renderer cannot import main; test/unit/review-labels.test.ts keeps the
 * two lists equal.
 */
export const MISS_LABELS = [
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
