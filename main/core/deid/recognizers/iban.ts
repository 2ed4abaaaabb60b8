import type { Finding, Recognizer } from '../types.js';
import type { RawText } from '../../text.js';
import { passesIbanMod97 } from './checksums.js';
import { execAll } from './exec-all.js';
import { digitCount } from './word-scan.js';

/**
 * IBANs, compact ("GB29NWBK60161331926819") or printed in groups of four, any case. A candidate must carry a
 * registered country code, that country's IBAN length, and pass the mod-97 check, which together make chance
 * matches on hashes or product codes negligible.
 */
const CANDIDATE = /(?<![\p{L}\p{N}_])[a-z]{2}\d{2}(?: ?[a-z0-9]{4}){2,7}(?: ?[a-z0-9]{1,3})?(?![\p{L}\p{N}_])/giu;

/** IBAN length by country (ISO 13616 registry, with the countries that joined it since 2020 and Iran's national IBAN). */
const IBAN_LENGTHS: Readonly<Record<string, number>> = {
  AD: 24, AE: 23, AL: 28, AT: 20, AZ: 28, BA: 20, BE: 16, BG: 22, BH: 22, BR: 29, BY: 28, CH: 21, CR: 22, CY: 28,
  CZ: 24, DE: 22, DK: 18, DO: 28, EE: 20, EG: 29, ES: 24, FI: 18, FO: 18, FR: 27, GB: 22, GE: 22, GI: 23, GL: 18,
  GR: 27, GT: 28, HR: 21, HU: 28, IE: 22, IL: 23, IQ: 23, IS: 26, IT: 27, JO: 30, KW: 30, KZ: 20, LB: 28, LC: 32,
  LI: 21, LT: 20, LU: 20, LV: 21, MC: 27, MD: 24, ME: 22, MK: 19, MR: 27, MT: 31, MU: 30, NL: 18, NO: 15, PK: 24,
  PL: 28, PS: 29, PT: 25, QA: 29, RO: 24, RS: 22, SA: 24, SC: 31, SE: 24, SI: 19, SK: 24, SM: 27, ST: 25, SV: 28,
  TL: 23, TN: 24, TR: 26, UA: 29, VA: 22, VG: 24, XK: 20,
  BI: 27, DJ: 27, FK: 18, HN: 28, IR: 26, LY: 25, MN: 20, NI: 28, OM: 23, RU: 33, SD: 18, SO: 23, YE: 30,
};

export const ibanRecognizer: Recognizer = {
  name: 'pattern:iban',
  labels: ['IBAN'],
  detect(text: RawText): Finding[] {
    const findings: Finding[] = [];
    // Two digits follow the country code.
    if (digitCount(text) < 2) return findings;
    for (const match of execAll(CANDIDATE, text)) {
      const compact = match[0].replace(/ /g, '').toUpperCase();
      const expected = IBAN_LENGTHS[compact.slice(0, 2)];
      if (expected === undefined || compact.length < expected) continue;
      // A grouped IBAN may be followed by an unrelated short word the regex swallowed; keep only the IBAN itself.
      const iban = compact.slice(0, expected);
      if (!passesIbanMod97(iban)) continue;
      const end = endOfCharacters(match[0], expected);
      findings.push({ start: match.index, end: match.index + end, label: 'IBAN', score: 1, source: 'pattern:iban' });
    }
    return findings;
  },
};

/** Index in `grouped` just after its `count`-th non-space character. */
function endOfCharacters(grouped: string, count: number): number {
  let seen = 0;
  for (let i = 0; i < grouped.length; i++) {
    if (grouped[i] !== ' ' && ++seen === count) return i + 1;
  }
  return grouped.length;
}
