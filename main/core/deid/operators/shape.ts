import { randomInt } from 'node:crypto';
import { passesLuhn, passesNhsCheck, passesSpanishIdLetter } from '../recognizers/checksums.js';

/**
 * Format-preserving fakes for number-like values. A fake is generated as the sequence of its letters and digits
 * (the "canonical" form stored in the surrogate vault) and written back into each occurrence's own layout, so
 * "(415) 555-0132" and "415.555.0132", which are one number, get one fake in two layouts.
 */

const DIGITS = '0123456789';
const LETTERS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';
const isDigit = (c: string): boolean => c >= '0' && c <= '9';
const isLetter = (c: string): boolean => c.toLowerCase() !== c.toUpperCase();
const isAlphanumeric = (c: string): boolean => isDigit(c) || isLetter(c);

const pick = (alphabet: string): string => alphabet.charAt(randomInt(alphabet.length));
const randomDigits = (n: number): string => Array.from({ length: n }, () => pick(DIGITS)).join('');

/** Letters and digits in order, upper-cased: what a canonical fake replaces one for one. */
export function alphanumerics(value: string): string[] {
  return [...value.toUpperCase()].filter(isAlphanumeric);
}

/**
 * Writes a canonical fake into the original's layout: every letter or digit of the original is replaced by the
 * next character of `canonical` (letters keep the original's case), everything else stays. Null when the two do
 * not line up, which only happens if the vault row was made for another value.
 */
export function fillShape(original: string, canonical: string): string | null {
  const fake = [...canonical];
  if (fake.length !== alphanumerics(original).length) return null;
  let next = 0;
  let out = '';
  for (const char of original) {
    if (!isAlphanumeric(char)) {
      out += char;
      continue;
    }
    const replacement = fake[next++] ?? '';
    out += char === char.toLowerCase() && char !== char.toUpperCase() ? replacement.toLowerCase() : replacement;
  }
  return out;
}

/** Replaces every letter with a letter and every digit with a digit; `keep` leading characters stay. */
function sameClasses(chars: readonly string[], keep = 0): string {
  return chars.map((c, i) => (i < keep ? c : isDigit(c) ? pick(DIGITS) : pick(LETTERS))).join('');
}

/**
 * A phone number keeps its "+country code" (it says where, not who) and every digit group starts with 2–9, as
 * subscriber and area numbers do, so the fake still reads as a dialable number.
 */
export function fakePhone(original: string): string {
  const countryCode = /^\s*\+\s*(\d{1,3})(?!\d)/.exec(original)?.[1]?.length ?? 0;
  let out = '';
  let digitIndex = 0;
  let startsGroup = true;
  for (const char of original) {
    if (!isAlphanumeric(char)) {
      startsGroup = true;
      continue;
    }
    if (digitIndex < countryCode) out += char;
    else if (isDigit(char)) out += startsGroup ? String(2 + randomInt(8)) : pick(DIGITS);
    else out += pick(LETTERS);
    digitIndex += 1;
    startsGroup = false;
  }
  return out;
}

/** A US SSN the SSA could issue: area 001–899 except 666, group 01–99, serial 0001–9999. */
export function fakeSsn(original: string): string {
  const chars = alphanumerics(original);
  if (chars.length !== 9 || !chars.every(isDigit)) return sameClasses(chars);
  let area = 1 + randomInt(899);
  if (area === 666) area = 667;
  const group = 1 + randomInt(99);
  const serial = 1 + randomInt(9999);
  return `${String(area).padStart(3, '0')}${String(group).padStart(2, '0')}${String(serial).padStart(4, '0')}`;
}

/** Luhn-valid, same length, same first digit (the card network, not the holder). */
export function fakeCardNumber(original: string): string {
  const chars = alphanumerics(original);
  if (chars.length < 2 || !chars.every(isDigit)) return sameClasses(chars);
  const body = (chars[0] ?? '4') + randomDigits(chars.length - 2);
  for (let check = 0; check <= 9; check++) {
    if (passesLuhn(body + check)) return body + check;
  }
  throw new Error('unreachable: one Luhn check digit always fits');
}

/** Same country and layout, random account part, valid ISO 13616 check digits. */
export function fakeIban(original: string): string {
  const chars = alphanumerics(original);
  const country = chars.slice(0, 2).join('');
  if (chars.length < 5 || !/^[A-Z]{2}$/.test(country)) return sameClasses(chars);
  const account = sameClasses(chars.slice(4));
  const remainder = mod97(`${account}${country}00`);
  return `${country}${String(98 - remainder).padStart(2, '0')}${account}`;
}

function mod97(value: string): number {
  let remainder = 0;
  for (const char of value) {
    const n = isDigit(char) ? Number(char) : char.charCodeAt(0) - 55;
    remainder = (remainder * (n > 9 ? 100 : 10) + n) % 97;
  }
  return remainder;
}

/**
 * Record and document numbers: every letter and digit replaced, except a leading word that names the kind of
 * number ("MRN-", "INV "), which says nothing about the person. Spanish DNI/NIE and NHS numbers keep a valid
 * check character, so the fake passes the same validation the original did.
 */
export function fakeId(original: string): string {
  const chars = alphanumerics(original);
  const compact = chars.join('');
  if (/^(\d{8}|[XYZ]\d{7})[A-Z]$/.test(compact) && passesSpanishIdLetter(compact)) {
    const body = compact.startsWith('X') || compact.startsWith('Y') || compact.startsWith('Z') ? compact[0] + randomDigits(7) : randomDigits(8);
    const letter = [...LETTERS].find((l) => passesSpanishIdLetter(body + l)) ?? 'T';
    return body + letter;
  }
  if (/^\d{10}$/.test(compact) && passesNhsCheck(compact)) {
    for (;;) {
      const candidate = String(1 + randomInt(9)) + randomDigits(9);
      if (passesNhsCheck(candidate)) return candidate;
    }
  }
  const prefix = /^\s*(\p{L}{1,5})[\s\-/.:#]/u.exec(original)?.[1]?.length ?? 0;
  return sameClasses(chars, prefix);
}
