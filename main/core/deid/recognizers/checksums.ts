/** Check-digit algorithms that let a recognizer tell a real identifier from a number of the same shape. */

/** Luhn (mod 10), used by payment cards. `digits` holds ASCII digits only. */
export function passesLuhn(digits: string): boolean {
  let sum = 0;
  let double = false;
  for (let i = digits.length - 1; i >= 0; i--) {
    let value = digits.charCodeAt(i) - 48;
    if (double) {
      value *= 2;
      if (value > 9) value -= 9;
    }
    sum += value;
    double = !double;
  }
  return digits.length > 0 && sum % 10 === 0;
}

/** ISO 13616 IBAN check: move the first four characters to the end, letters to 10..35, remainder mod 97 is 1. */
export function passesIbanMod97(compactIban: string): boolean {
  const rearranged = compactIban.slice(4) + compactIban.slice(0, 4);
  let remainder = 0;
  for (const char of rearranged.toUpperCase()) {
    const code = char.charCodeAt(0);
    const value = code >= 65 && code <= 90 ? code - 55 : code - 48;
    if (value < 0 || value > 35) return false;
    remainder = value > 9 ? (remainder * 100 + value) % 97 : (remainder * 10 + value) % 97;
  }
  return remainder === 1;
}

const DNI_LETTERS = 'TRWAGMYFPDXBNJZSQVHLCKE';

/** Spanish DNI (8 digits + letter) and NIE (X/Y/Z + 7 digits + letter): the letter is the number mod 23. */
export function passesSpanishIdLetter(id: string): boolean {
  const upper = id.toUpperCase();
  const prefix = 'XYZ'.indexOf(upper[0] ?? '');
  const numeric = prefix >= 0 ? String(prefix) + upper.slice(1, -1) : upper.slice(0, -1);
  if (!/^\d{8}$/.test(numeric)) return false;
  return DNI_LETTERS[Number(numeric) % 23] === upper.at(-1);
}

/** UK NHS number: 10 digits, weighted mod 11 check digit. */
export function passesNhsCheck(digits: string): boolean {
  if (!/^\d{10}$/.test(digits)) return false;
  let sum = 0;
  for (let i = 0; i < 9; i++) sum += (digits.charCodeAt(i) - 48) * (10 - i);
  const check = 11 - (sum % 11);
  if (check === 10) return false;
  return (check === 11 ? 0 : check) === digits.charCodeAt(9) - 48;
}
