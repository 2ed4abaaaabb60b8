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

/** Words that announce an e-mail address: after them, a host without a top-level domain still is one. */
const EMAIL_CUE = /(?:e-?mail|correo(?:\s+electr[oó]nico)?|mail)\s*:?\s*$/i;

function findAddress(text: string, at: number): { start: number; end: number; score: number } | undefined {
  let start = at;
  while (start > 0 && at - start < MAX_LOCAL && LOCAL_CHAR.test(text[start - 1] ?? '')) start--;
  while (start < at && /[._%+'-]/.test(text[start] ?? '')) start++;
  if (start === at) return undefined;

  // "ana.gil@ salud.es": a blank typed after the "@" does not make the address any less one.
  const domainStart = text[at + 1] === ' ' && DOMAIN_CHAR.test(text[at + 2] ?? '') ? at + 2 : at + 1;
  let end = domainStart;
  while (end < text.length && end - at <= MAX_DOMAIN && DOMAIN_CHAR.test(text[end] ?? '')) end++;
  while (end > domainStart && /[.-]/.test(text[end - 1] ?? '')) end--;
  const domain = text.slice(domainStart, end);
  const labels = domain.split('.');
  if (labels.some((label) => label.length === 0)) return undefined;
  const score = domainStart === at + 1 ? 0.95 : 0.85;
  if (labels.length >= 2 && TOP_LEVEL.test(labels.at(-1) ?? '')) return { start, end, score };
  // "Correo electrónico: vtomicic@alemana": an announced address cut short of its top-level domain.
  if (labels.length === 1 && /^\p{L}{3,}$/u.test(domain) && EMAIL_CUE.test(text.slice(Math.max(0, start - 30), start))) return { start, end, score: 0.7 };
  return undefined;
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
        findings.push({ start: address.start, end: address.end, label: 'EMAIL', score: address.score, source: 'pattern:email' });
        at = text.indexOf('@', address.end);
      } else {
        at = text.indexOf('@', at + 1);
      }
    }
    return findings;
  },
};
