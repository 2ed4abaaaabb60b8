import { formatDate, parseDate, shiftDate, shiftWeekday, type DateLanguage } from './dates.js';
import { hmacHex } from './keys.js';

/** Why a date kept its placeholder: the reason is safe to report, the date is not. */
export type DateFallback = 'unparsed-date' | 'date-unchanged' | 'date-without-year' | 'year-implies-age-over-89';

export type DateRendering = { text: string } | { fallback: DateFallback };

const MAX_SHIFT_DAYS = 365;

/**
 * One offset for every date of a case, so intervals within the case survive: 1–365 days either way, never 0.
 * Derived from the workspace key and the case id, so re-exporting a case shifts it the same way.
 */
export function caseDateOffset(dateShiftKey: Buffer, caseId: number): number {
  const digest = Buffer.from(hmacHex(dateShiftKey, `case:${caseId}`), 'hex');
  const magnitude = (digest.readUInt32BE(0) % MAX_SHIFT_DAYS) + 1;
  return (digest[4] ?? 0) & 1 ? magnitude : -magnitude;
}

/**
 * The date moved by `days`, in its original format. A date written without its day ("March 2025") or month
 * ("1980") may come out unchanged after a short shift; it then keeps its placeholder rather than the real value.
 */
export function shiftDateText(original: string, days: number, language: DateLanguage): DateRendering {
  const parsed = parseDate(original, language);
  if (!parsed) return { fallback: 'unparsed-date' };
  const text = formatDate(parsed, shiftDate(parsed.date, days), shiftWeekday(parsed.weekday, days));
  return text === original ? { fallback: 'date-unchanged' } : { text };
}

/** Safe Harbor counts anyone born 90 or more years ago as identifiable by the year alone. */
const OLDEST_SAFE_AGE = 89;

/**
 * Only the year, as HIPAA Safe Harbor allows. A date without a year keeps its placeholder, and so does a year
 * more than 89 years back, which Safe Harbor treats like an age over 89.
 */
export function yearOnlyText(original: string, language: DateLanguage, now: Date): DateRendering {
  const parsed = parseDate(original, language);
  if (!parsed) return { fallback: 'unparsed-date' };
  const { year } = parsed.date;
  if (year === null) return { fallback: 'date-without-year' };
  if (now.getUTCFullYear() - year > OLDEST_SAFE_AGE) return { fallback: 'year-implies-age-over-89' };
  return { text: String(year) };
}
