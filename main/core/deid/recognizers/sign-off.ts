import type { RawText } from '../../text.js';
import type { Finding, Recognizer } from '../types.js';
import { matchesAt } from './word-scan.js';
import { execAll } from './exec-all.js';

/**
 * Two cues people leave around their own names in chat and e-mail, which a model trained on prose misses:
 * - a sign-off: a dash, then one to three capitalised words ending the message or line ("… thanks — Takeshi Nakamura");
 * - an e-mail address whose local part spells a capitalised word written nearby ("t.nakamura@… — Takeshi Nakamura"):
 *   that word, and the capitalised words joined to it, are the owner's name.
 */
const CAPITALISED = String.raw`\p{Lu}[\p{Ll}'’-]+`;
/** Tried only at a dash that opens the text or follows a blank (see dashStarts), as a sticky regex. */
const SIGN_OFF = new RegExp(String.raw`[—–-]{1,2}\s*(${CAPITALISED}(?: ${CAPITALISED}){0,2})\s*[.!]?\s*$`, 'myu');
const LOCAL_CHAR = /[\p{L}\p{N}._%+-]/u;
/** `LOCAL_CHAR` by UTF-16 code unit, as it tests one char of the text: a Unicode-mode test per char cost most of the pass. */
const IS_LOCAL_CHAR = new Uint8Array(0x10000);
for (let code = 0; code < 0x10000; code++) if (LOCAL_CHAR.test(String.fromCharCode(code))) IS_LOCAL_CHAR[code] = 1;
/** The domain after an "@": tried there only, as scanning a long text for e-mails char by char is costly. */
const EMAIL_DOMAIN = /[\p{L}\p{N}.-]+\.\p{L}{2,}/uy;
const NAME_RUN = new RegExp(String.raw`${CAPITALISED}(?: ${CAPITALISED}){0,2}`, 'gu');

/** Dashes at the text's start or after a blank: where a sign-off can open. */
function dashStarts(text: string): number[] {
  const starts: number[] = [];
  // Each kind of dash found by indexOf, which is much faster than a loop over every char.
  for (const dash of DASHES) {
    for (let at = text.indexOf(dash); at >= 0; at = text.indexOf(dash, at + 1)) {
      if (at === 0 || /\s/.test(text[at - 1]!)) starts.push(at);
    }
  }
  return starts.sort((a, b) => a - b);
}
const DASHES = ['-', '\u2013', '\u2014'];

function signOffs(text: string): Finding[] {
  const found: Finding[] = [];
  for (const match of matchesAt(text, SIGN_OFF, dashStarts(text))) {
    const name = match[1]!;
    const start = match.index + match[0].indexOf(name);
    found.push({ start, end: start + name.length, label: 'PERSON', score: 0.7, source: 'pattern:sign-off' });
  }
  return found;
}

const UPPER = /\p{Lu}/u;

/**
 * Whether some part may be a capitalised word of the text, as `NAME_RUN` reads one: the part, lower-cased, where
 * the text has an upper-case letter. Most addresses' parts ("jlopez") are written nowhere else, and this spares the
 * Unicode scan of the whole text for names. Where lower-casing the text is not lower-casing its words one by one
 * (a length change, a capital sigma), the answer is yes.
 */
function mayHoldCapitalisedPart(text: string, parts: ReadonlySet<string>): boolean {
  const lower = text.toLocaleLowerCase();
  if (lower.length !== text.length || text.includes('\u03a3')) return true;
  for (const part of parts) {
    for (let at = lower.indexOf(part); at >= 0; at = lower.indexOf(part, at + 1)) if (UPPER.test(String.fromCodePoint(text.codePointAt(at)!))) return true;
  }
  return false;
}

function namesSpelledInEmails(text: string): Finding[] {
  const parts = new Set<string>();
  for (let at = text.indexOf('@'); at >= 0; at = text.indexOf('@', at + 1)) {
    let start = at;
    while (start > 0 && IS_LOCAL_CHAR[text.charCodeAt(start - 1)] === 1) start--;
    EMAIL_DOMAIN.lastIndex = at + 1;
    if (start === at || !EMAIL_DOMAIN.test(text)) continue;
    for (const part of text.slice(start, at).toLocaleLowerCase().split(/[._%+\-\d]+/)) if (part.length >= 3) parts.add(part);
  }
  if (parts.size === 0 || !mayHoldCapitalisedPart(text, parts)) return [];
  const found: Finding[] = [];
  for (const run of execAll(NAME_RUN, text)) {
    if (!run[0].split(' ').some((word) => parts.has(word.toLocaleLowerCase()))) continue;
    found.push({ start: run.index, end: run.index + run[0].length, label: 'PERSON', score: 0.75, source: 'pattern:email-name' });
  }
  return found;
}

export const signOffRecognizer: Recognizer = {
  name: 'pattern:sign-off',
  labels: ['PERSON'],
  detect(text: RawText): Finding[] {
    const hasDash = /[—–-]/.test(text);
    const hasAt = text.includes('@');
    if (!hasDash && !hasAt) return [];
    // Each pass only where its cue is: the e-mail pattern is costly to try across a long text.
    return [...(hasDash ? signOffs(text) : []), ...(hasAt ? namesSpelledInEmails(text) : [])];
  },
};
