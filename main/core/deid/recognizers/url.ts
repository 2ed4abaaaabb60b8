import type { Finding, Recognizer } from '../types.js';
import type { RawText } from '../../text.js';
import { matchesInWindows, windowsAround } from './windows.js';
import { execAll } from './exec-all.js';

/**
 * URLs: anything after `http(s)://`, `ftp://` or `www.`, and bare domains ending in a known top-level domain.
 * Trailing sentence punctuation and unbalanced closing brackets are left out of the span. Bare domains are the
 * risky part: chat about code is full of `main.py`, `README.md` and `ASP.NET`, so the top-level domain of a
 * bare domain must be lowercase and must not be a common file extension or short word, unless the domain has
 * a path, a port, or a second-level such as `co.uk`.
 */
const WITH_SCHEME = /(?<![\p{L}\p{N}_])(?:(?:https?|ftp):\/\/|www\.)[^\s<>"'`{}|\\^]+/giu;
const MAY_HOLD_WWW = /www\./i;

/** Generic top-level domains seen in ordinary text. */
const GENERIC_TLDS = [
  'com', 'org', 'net', 'edu', 'gov', 'mil', 'int', 'info', 'biz', 'io', 'ai', 'app', 'dev', 'xyz', 'online',
  'site', 'tech', 'store', 'shop', 'blog', 'cloud', 'page', 'news', 'live', 'media', 'agency', 'email', 'health',
  'clinic', 'law', 'bank', 'finance', 'museum', 'travel', 'jobs', 'mobi', 'name', 'pro', 'coop', 'aero', 'tv', 'fm',
];

/** Country-code top-level domains. */
const COUNTRY_TLDS = [
  'ac', 'ad', 'ae', 'af', 'ag', 'al', 'am', 'ao', 'ar', 'as', 'at', 'au', 'az', 'ba', 'bd', 'be', 'bg', 'bh', 'bo',
  'br', 'by', 'bz', 'ca', 'cc', 'cd', 'ch', 'ci', 'cl', 'cm', 'cn', 'co', 'cr', 'cu', 'cy', 'cz', 'de', 'dk', 'do',
  'dz', 'ec', 'ee', 'eg', 'es', 'eu', 'fi', 'fr', 'ge', 'gg', 'gh', 'gl', 'gr', 'gt', 'hk', 'hn', 'hr', 'hu', 'id',
  'ie', 'il', 'im', 'in', 'iq', 'ir', 'is', 'it', 'je', 'jm', 'jo', 'jp', 'ke', 'kr', 'kw', 'kz', 'la', 'lb', 'li',
  'lk', 'lt', 'lu', 'lv', 'ly', 'ma', 'mc', 'md', 'me', 'mk', 'ml', 'mn', 'mt', 'mu', 'mx', 'my', 'ng', 'ni', 'nl',
  'no', 'np', 'nu', 'nz', 'om', 'pa', 'pe', 'ph', 'pk', 'pl', 'pr', 'ps', 'pt', 'py', 'qa', 'ro', 'rs', 'ru', 'sa',
  'se', 'sg', 'si', 'sk', 'sn', 'so', 'sv', 'sy', 'th', 'tk', 'tn', 'to', 'tr', 'tt', 'tw', 'tz', 'ua', 'ug', 'uk',
  'us', 'uy', 'uz', 've', 'vn', 'ws', 'za', 'zw',
];

/** Top-level domains that are also file extensions or everyday words ("main.py", "readme.md", "this.is"). */
const AMBIGUOUS_TLDS = new Set([
  'ac', 'ai', 'am', 'as', 'at', 'be', 'by', 'cc', 'cd', 'de', 'do', 'es', 'fm', 'gl', 'id', 'im', 'in', 'is', 'it',
  'la', 'lt', 'md', 'me', 'ml', 'mk', 'my', 'name', 'no', 'pl', 'pro', 'ps', 'py', 'rs', 'sh', 'so', 'to', 'tv', 'us',
]);

const ALL_TLDS = [...new Set([...GENERIC_TLDS, ...COUNTRY_TLDS])].sort((a, b) => b.length - a.length);
const BARE_DOMAIN = new RegExp(
  `(?<![\\p{L}\\p{N}_@.\\/-])((?:[a-zA-Z0-9](?:[a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?\\.)+)(${ALL_TLDS.join('|')})` +
    `(?![\\p{L}\\p{N}_@-]|\\.[\\p{L}\\p{N}])((?::\\d{2,5})?(?:\\/[^\\s<>"'\`{}|\\\\^]*)?)`,
  'gu',
);
const SECOND_LEVEL = /(?:^|\.)(?:co|com|org|net|gov|edu|ac|gob|nhs)\.$/;

/** Drops trailing punctuation and closing brackets that have no opening partner inside the URL. */
function trimUrlEnd(url: string): string {
  let end = url.length;
  for (;;) {
    const last = url[end - 1];
    if (last === undefined) return '';
    if ('.,;:!?¡¿\'"*'.includes(last)) {
      end--;
      continue;
    }
    const opener = last === ')' ? '(' : last === ']' ? '[' : undefined;
    if (opener === undefined) break;
    const body = url.slice(0, end);
    if (body.split(opener).length >= body.split(last).length) break;
    end--;
  }
  return url.slice(0, end);
}

export const urlRecognizer: Recognizer = {
  name: 'pattern:url',
  labels: ['URL'],
  detect(text: RawText): Finding[] {
    if (!text.includes('.')) return [];
    const findings: Finding[] = [];
    // A scheme's "://" or a "www." must be there: most texts skip the Unicode-mode scan.
    const mayHaveScheme = text.includes('://') || MAY_HOLD_WWW.test(text);
    for (const match of mayHaveScheme ? execAll(WITH_SCHEME, text) : []) {
      const url = trimUrlEnd(match[0]);
      if (url.length <= 'www.'.length + 2 || !url.includes('.')) continue;
      findings.push({ start: match.index, end: match.index + url.length, label: 'URL', score: 0.9, source: 'pattern:url' });
    }
    // A bare domain needs a dot before a lowercase top-level domain; look only around those.
    for (const match of matchesInWindows(text, BARE_DOMAIN, windowsAround(text, /\.[a-z]{2}/g, 100, 200))) {
      if (findings.some((f) => match.index >= f.start && match.index < f.end)) continue;
      const [, labels = '', tld = '', tail = ''] = match;
      const hasTail = trimUrlEnd(tail).length > 1;
      if (AMBIGUOUS_TLDS.has(tld) && !hasTail && !SECOND_LEVEL.test(labels)) continue;
      const url = trimUrlEnd(labels + tld + tail);
      const score = hasTail || labels.split('.').length > 2 ? 0.8 : 0.6;
      findings.push({ start: match.index, end: match.index + url.length, label: 'URL', score, source: 'pattern:url' });
    }
    return findings;
  },
};
