import type { RawText } from '../../text.js';
import type { Finding, Recognizer } from '../types.js';

/**
 * Two cues people leave around their own names in chat and e-mail, which a model trained on prose misses:
 * - a sign-off: a dash, then one to three capitalised words ending the message or line ("… thanks — Takeshi Nakamura");
 * - an e-mail address whose local part spells a capitalised word written nearby ("t.nakamura@… — Takeshi Nakamura"):
 *   that word, and the capitalised words joined to it, are the owner's name.
 */
const CAPITALISED = String.raw`\p{Lu}[\p{Ll}'’-]+`;
const SIGN_OFF = new RegExp(String.raw`(?:^|\s)[—–-]{1,2}\s*(${CAPITALISED}(?: ${CAPITALISED}){0,2})\s*[.!]?\s*$`, 'gmu');
const EMAIL_LOCAL = /([\p{L}\p{N}._%+-]+)@[\p{L}\p{N}.-]+\.\p{L}{2,}/gu;
const NAME_RUN = new RegExp(String.raw`${CAPITALISED}(?: ${CAPITALISED}){0,2}`, 'gu');

function signOffs(text: string): Finding[] {
  const found: Finding[] = [];
  for (const match of text.matchAll(SIGN_OFF)) {
    const name = match[1]!;
    const start = match.index + match[0].indexOf(name);
    found.push({ start, end: start + name.length, label: 'PERSON', score: 0.7, source: 'pattern:sign-off' });
  }
  return found;
}

function namesSpelledInEmails(text: string): Finding[] {
  const parts = new Set<string>();
  for (const match of text.matchAll(EMAIL_LOCAL)) {
    for (const part of match[1]!.toLocaleLowerCase().split(/[._%+\-\d]+/)) if (part.length >= 3) parts.add(part);
  }
  if (parts.size === 0) return [];
  const found: Finding[] = [];
  for (const run of text.matchAll(NAME_RUN)) {
    if (!run[0].split(' ').some((word) => parts.has(word.toLocaleLowerCase()))) continue;
    found.push({ start: run.index, end: run.index + run[0].length, label: 'PERSON', score: 0.75, source: 'pattern:email-name' });
  }
  return found;
}

export const signOffRecognizer: Recognizer = {
  name: 'pattern:sign-off',
  labels: ['PERSON'],
  detect(text: RawText): Finding[] {
    if (!/[—–-]|@/.test(text)) return [];
    return [...signOffs(text), ...namesSpelledInEmails(text)];
  },
};
