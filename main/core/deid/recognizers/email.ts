import type { Finding, Recognizer } from '../types.js';
import type { RawText } from '../../text.js';

/**
 * E-mail addresses. Instead of one regex over the whole text (a long run of word characters with no `@` makes
 * a naive `[\w.]+@` pattern quadratic), each `@` is expanded outwards over the characters an address may hold.
 */
const LOCAL_CHAR = /[\p{L}\p{N}._%+'-]/u;
const DOMAIN_CHAR = /[\p{L}\p{N}.-]/u;
const TOP_LEVEL = /^\p{L}{2,24}$/u;
const MAX_LOCAL = 64;
const MAX_DOMAIN = 253;

function findAddress(text: string, at: number): { start: number; end: number } | undefined {
  let start = at;
  while (start > 0 && at - start < MAX_LOCAL && LOCAL_CHAR.test(text[start - 1] ?? '')) start--;
  while (start < at && /[._%+'-]/.test(text[start] ?? '')) start++;
  if (start === at) return undefined;

  let end = at + 1;
  while (end < text.length && end - at <= MAX_DOMAIN && DOMAIN_CHAR.test(text[end] ?? '')) end++;
  while (end > at + 1 && /[.-]/.test(text[end - 1] ?? '')) end--;
  const domain = text.slice(at + 1, end);
  const labels = domain.split('.');
  if (labels.length < 2 || labels.some((label) => label.length === 0)) return undefined;
  if (!TOP_LEVEL.test(labels.at(-1) ?? '')) return undefined;
  return { start, end };
}

export const emailRecognizer: Recognizer = {
  name: 'pattern:email',
  labels: ['EMAIL'],
  detect(text: RawText): Finding[] {
    const findings: Finding[] = [];
    let at = text.indexOf('@');
    while (at !== -1) {
      const address = findAddress(text, at);
      if (address) {
        findings.push({ ...address, label: 'EMAIL', score: 0.95, source: 'pattern:email' });
        at = text.indexOf('@', address.end);
      } else {
        at = text.indexOf('@', at + 1);
      }
    }
    return findings;
  },
};
