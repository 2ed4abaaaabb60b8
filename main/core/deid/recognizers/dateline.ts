import type { Finding, Recognizer } from '../types.js';
import type { RawText } from '../../text.js';
import { execAll } from './exec-all.js';

/**
 * A news dateline opening a paragraph: the town in capitals, an optional region, country or date after a comma,
 * and the news agency in brackets before a dash ("BERLIN (Reuters) - ", "SPRINGFIELD, Illinois (AP) — ",
 * "LONDON, March 3 (AFP) -", "HAMBURG (dpa) - ": some agencies write their name in lower case). The town and a region
 * or country are LOCATION, the agency ORGANIZATION; a date after the comma is left to the date recognizer.
 */
/** News agencies that write their name in lower case (German ones: "dpa", "epd", "KNA" as "kna", "sid"). */
const LOWER_CASE_AGENCIES = ['dpa', 'epd', 'kna', 'sid', 'dts', 'ots'];
const DATELINE = new RegExp(
  String.raw`(?:^|\n)[ \t]*(\p{Lu}[\p{Lu}\p{M}'’.-]+(?:[ \t]+\p{Lu}[\p{Lu}\p{M}'’.-]*){0,3})(?:,[ \t]+([^()\n]{1,40}?))?[ \t]+\((\p{Lu}[\p{L}\p{N} .&'’-]{0,30}|${LOWER_CASE_AGENCIES.join('|')})\)[ \t]*[-–—]+[ \t]`,
  'gu',
);
/** A region or country after the town: capitalised words, no digits ("Illinois", "Costa Rica"). */
const PLACE_WORDS = /^\p{Lu}[\p{L}\p{M}'’.-]*(?:[ \t]+(?:\p{Lu}[\p{L}\p{M}'’.-]*|of|and|de|del|la))*$/u;

export const datelineRecognizer: Recognizer = {
  name: 'pattern:dateline',
  labels: ['LOCATION', 'ORGANIZATION'],
  detect(text: RawText): Finding[] {
    if (!text.includes(')')) return [];
    const findings: Finding[] = [];
    for (const match of execAll(DATELINE, text)) {
      const [whole, town = '', region, agency = ''] = match;
      const townStart = match.index + whole.indexOf(town);
      findings.push({ start: townStart, end: townStart + town.length, label: 'LOCATION', score: 0.6, source: 'pattern:dateline' });
      if (region && PLACE_WORDS.test(region)) {
        const regionStart = whole.indexOf(region, town.length) + match.index;
        findings.push({ start: regionStart, end: regionStart + region.length, label: 'LOCATION', score: 0.5, source: 'pattern:dateline' });
      }
      const agencyStart = match.index + whole.lastIndexOf(`(${agency})`) + 1;
      findings.push({ start: agencyStart, end: agencyStart + agency.length, label: 'ORGANIZATION', score: 0.6, source: 'pattern:dateline' });
    }
    return findings;
  },
};
