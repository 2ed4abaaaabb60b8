import type { Finding, Recognizer } from '../types.js';
import type { RawText } from '../../text.js';
import { contextPattern, digitsOf, hasContextBefore } from './context.js';
import { passesLuhn } from './checksums.js';
import { execAll } from './exec-all.js';
import { digitCount } from './word-scan.js';

/**
 * Payment card numbers: 12–19 digits, optionally grouped by single spaces or dashes used consistently, that
 * start with a known issuer prefix and pass Luhn. Twelve digits are accepted only for Maestro ranges, the one
 * scheme that issues them. One random number in ten passes Luhn, so the prefix check carries real weight; after a
 * card word ("credit card", "tarjeta"), Luhn alone will do, as issuers' ranges change and no list has them all.
 */
const CANDIDATE = /(?<![\p{L}\p{N}_.,/-])\d{2,6}(?:([ -])\d{2,7}(?:\1\d{1,7}){0,5}|\d{8,17})(?![\p{L}\p{N}_]|[.,/-]\d)/gu;
const CONTEXT = contextPattern([
  'card', 'credit', 'debit', 'visa', 'mastercard', 'amex', 'american express', 'discover', 'maestro', 'cc',
  'tarjeta', 'crédito', 'credito', 'débito', 'debito', 'carte', 'kreditkarte',
]);

type IssuerRange = readonly [low: number, high: number, lengths: readonly number[]];

/** Issuer identification ranges, compared on the leading digits of the same width as the bounds. */
const ISSUER_RANGES: readonly IssuerRange[] = [
  [4, 4, [13, 16, 19]], // Visa
  [51, 55, [16]], // Mastercard
  [2221, 2720, [16]], // Mastercard 2-series
  [34, 34, [15]], // American Express
  [37, 37, [15]],
  [300, 305, [14, 16, 19]], // Diners Club
  [36, 36, [14, 16, 19]],
  [38, 39, [14, 16, 19]],
  [6011, 6011, [16, 19]], // Discover
  [644, 649, [16, 19]],
  [65, 65, [16, 19]],
  [3528, 3589, [16, 17, 18, 19]], // JCB
  [35, 35, [16]], // generators and some co-branded cards use the whole 35 range
  [2131, 2131, [15]],
  [1800, 1800, [15]],
  [62, 62, [16, 17, 18, 19]], // UnionPay
  [2200, 2204, [16, 17, 18, 19]], // Mir
  [50, 50, [12, 13, 14, 15, 16, 17, 18, 19]], // Maestro
  [56, 69, [12, 13, 14, 15, 16, 17, 18, 19]],
  [60, 60, [16]], // RuPay
  [81, 82, [16]],
];

function hasKnownIssuer(digits: string): boolean {
  return ISSUER_RANGES.some(([low, high, lengths]) => {
    if (!lengths.includes(digits.length)) return false;
    const prefix = Number(digits.slice(0, String(low).length));
    return prefix >= low && prefix <= high;
  });
}

export const creditCardRecognizer: Recognizer = {
  name: 'pattern:credit-card',
  labels: ['CREDIT_CARD'],
  detect(text: RawText): Finding[] {
    if (digitCount(text) < 12) return [];
    const findings: Finding[] = [];
    for (const match of execAll(CANDIDATE, text)) {
      const digits = digitsOf(match[0]);
      if (digits.length < 12 || digits.length > 19) continue;
      if (!passesLuhn(digits) || /^(\d)\1+$/.test(digits)) continue;
      const start = match.index;
      const context = hasContextBefore(text, start, CONTEXT, 50);
      // A card word right before vouches for a number whose issuer no range here lists ("credit card 060426070011").
      if (!hasKnownIssuer(digits) && !context) continue;
      const score = context ? 1 : 0.85;
      findings.push({ start, end: start + match[0].length, label: 'CREDIT_CARD', score, source: 'pattern:credit-card' });
    }
    return findings;
  },
};
