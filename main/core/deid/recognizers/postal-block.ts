import type { Finding, Recognizer } from '../types.js';
import type { RawText } from '../../text.js';
import { execAll } from './exec-all.js';

/**
 * A two-line postal address whatever the street's language (label `ADDRESS`): a street line with a house number at
 * its start or end ("54a Trg mladinskih delovnih brigad 46c", "12 geiteryggekra 31"), right above a line of a town,
 * a comma, a short region code and a postcode ("Litija, JV 5403", "nordborg, sd 4834"). The postal line's shape
 * says it is an address, so the street needs no street-type word from the vocabularies.
 */
const QUOTE = '[ \\t>]*';
/** A word of the street line: letters, or a number with an optional letter, with dots, hyphens and apostrophes. */
const WORD = "[\\p{L}\\d][\\p{L}\\d.'’/-]*";
const HOUSE_NUMBER = '\\d{1,5}[\\p{L}]?';
const STREET_LINE = `(?:${HOUSE_NUMBER}(?:[ \\t]+${WORD}){1,7}|\\p{L}[\\p{L}.'’-]*(?:[ \\t]+${WORD}){0,6}[ \\t]+${HOUSE_NUMBER})`;
const TOWN = "\\p{L}[\\p{L}'’.-]*(?:[ \\t]+\\p{L}[\\p{L}'’.-]*){0,3}";
const POSTAL_LINE = `${TOWN},[ \\t]*\\p{L}{2,3}[ \\t]+\\d{4,5}`;
const POSTAL_BLOCK = new RegExp(`^${QUOTE}(${STREET_LINE}[ \\t]*\\n${QUOTE}${POSTAL_LINE})[ \\t]*$`, 'gmu');
/**
 * The end of every postal line, loosened so that it needs neither Unicode mode nor a line anchor: a comma, a region
 * code (two or three letters, up to six UTF-16 units), a postcode. A text without one is not scanned by
 * `POSTAL_BLOCK`, whose multiline anchor is tried at every line of every text holding a comma (about 1 % of the
 * patterns' time on the bench corpus).
 */
const MAY_HOLD_POSTAL_LINE = /,[ \t]*\S{2,6}[ \t]+\d{4}/;

export const postalBlockRecognizer: Recognizer = {
  name: 'pattern:address-postal-block',
  labels: ['ADDRESS'],
  detect(text: RawText): Finding[] {
    if (!text.includes('\n') || !MAY_HOLD_POSTAL_LINE.test(text)) return [];
    const findings: Finding[] = [];
    for (const match of execAll(POSTAL_BLOCK, text)) {
      const block = match[1]!;
      // Something must read as a word of the street: "12 34\nAB, CD 1234" is a table of figures.
      if (!/\p{L}{3}/u.test(block.slice(0, block.indexOf('\n')))) continue;
      const start = match.index + match[0].indexOf(block);
      findings.push({ start, end: start + block.length, label: 'ADDRESS', score: 0.6, source: 'pattern:address-postal-block' });
    }
    return findings;
  },
};
