import type { DateLanguage } from './dates.js';

const TOP_CATEGORY: Record<DateLanguage, string> = { en: '90 or older', es: '90 o más' };

/**
 * HIPAA Safe Harbor: ages up to 89 may stay, ages over 89 collapse into one category. Ages written out in words
 * stop at twenty (see the age recognizer), so only numbers can be over 89.
 */
export function capAge(original: string, language: DateLanguage): string {
  // The age recognizer flags the unit with the number ("95 años", "95-year-old"): the category replaces both.
  const age = /^\s*(\d{1,3})(?!\d)\D*$/.exec(original)?.[1];
  return age !== undefined && Number(age) > 89 ? TOP_CATEGORY[language] : original;
}
