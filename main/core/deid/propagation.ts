import type { RawText } from '../text.js';
import { combineFindings } from './spans.js';
import type { Finding, PiiLabel } from './types.js';
import { findWholeWords } from './word-search.js';
import { isFunctionWord } from './function-words.js';
import { isFrequentWord } from './word-shapes.js';
import { isCasedText } from './ner-filter.js';
import { isPlace } from './recognizers/location-gazetteer.js';
import { isCommonWord, isFirstName, isSurname } from './recognizers/name-gazetteer.js';

/**
 * Within one case, an identifier found once is redacted everywhere it recurs: a model that spots
 * "Margaret Ellison" in the question may miss "Margaret" alone in the answer, and "MRN 4411" may come back
 * later as a bare "4411". Free-text types only; the pattern recognizers already match their types everywhere.
 */
const PROPAGATED: ReadonlySet<PiiLabel> = new Set(['PERSON', 'LOCATION', 'ORGANIZATION', 'ADDRESS', 'ID']);
const MIN_LENGTH = 3;

export interface Propagated {
  spans: Finding[][];
  /** A name part → the full name it belongs to, so "Margaret" gets the same placeholder as "Margaret Ellison". */
  aliases: { label: PiiLabel; part: string; full: string }[];
}

/** A first name or surname of the name lists that is no ordinary word ("Justin", not "Will" or "Rosa"). */
function isPlainName(word: string): boolean {
  if (!/^\p{L}+$/u.test(word) || isFrequentWord(word.toLowerCase()) || isFunctionWord(word)) return false;
  return (isFirstName(word) || isSurname(word)) && !isCommonWord(word) && !isPlace(word);
}

/** Whether any field writes `word` in lower case, as a whole word ("servicio" beside "Servicio de Urología"). */
function writtenInLowerCase(fields: readonly RawText[], word: string): boolean {
  const lower = word.toLocaleLowerCase();
  return fields.some((text) => findWholeWords(text, lower, true).length > 0);
}

export function propagateWithinCase(fields: readonly RawText[], spans: readonly (readonly Finding[])[]): Propagated {
  // chatCase: a single-word name the lists know, matched in any case in a text that does not capitalise.
  const terms = new Map<string, { label: PiiLabel; value: string; caseSensitive: boolean; chatCase: boolean; score: number }>();
  const aliases: Propagated['aliases'] = [];
  fields.forEach((text, field) => {
    for (const span of spans[field] ?? []) {
      if (!PROPAGATED.has(span.label)) continue;
      const value = text.slice(span.start, span.end).trim();
      if (value.length < MIN_LENGTH) continue;
      const tokens = value.split(/\s+/);
      // A single word is matched with its case, so a name like "Will" does not take every "will" with it; a name
      // the lists know that is no ordinary word recurs in any case where a text does not capitalise, as chat writes
      // names ("Justin" … "justin").
      const caseSensitive = tokens.length === 1;
      const chatCase = caseSensitive && span.label === 'PERSON' && isPlainName(value);
      terms.set(`${span.label}\u0000${value.toLocaleLowerCase()}`, { label: span.label, value, caseSensitive, chatCase, score: span.score });
      if (span.label !== 'PERSON' || tokens.length < 2) continue;
      for (const part of tokens) {
        const clean = part.replace(/^[^\p{L}]+|[^\p{L}]+$/gu, '');
        // A part the case also writes in lower case is a common word caught inside a longer span ("Servicio"
        // of "Servicio de Urología"): alone, it is not the person. A name of the lists is the person in any case.
        const plain = clean.length >= MIN_LENGTH && isPlainName(clean);
        if (clean.length < MIN_LENGTH || (clean[0] !== clean[0]!.toLocaleUpperCase() && !plain)) continue;
        if (!plain && writtenInLowerCase(fields, clean)) continue;
        terms.set(`PERSON\u0000${clean}`, { label: 'PERSON', value: clean, caseSensitive: true, chatCase: plain, score: span.score });
        aliases.push({ label: 'PERSON', part: clean, full: value });
      }
    }
  });
  if (terms.size === 0) return { spans: spans.map((s) => [...s]), aliases };
  return {
    spans: fields.map((text, field) => {
      const extra: Finding[] = [];
      const own = spans[field] ?? [];
      let lowered: string | undefined;
      let cased: boolean | undefined;
      for (const term of terms.values()) {
        const caseSensitive = term.caseSensitive && !(term.chatCase && !(cased ??= isCasedText(text)));
        if (!caseSensitive) lowered ??= text.toLocaleLowerCase();
        for (const { start, end } of findWholeWords(text, term.value, caseSensitive, lowered)) {
          // An occurrence a detector already covers adds nothing (most terms recur only where they were found).
          const score = term.score * 0.9;
          if (own.some((span) => span.start <= start && end <= span.end && span.label === term.label && span.score >= score)) continue;
          extra.push({ start, end, label: term.label, score, source: 'propagation' });
        }
      }
      return extra.length ? combineFindings([...own, ...extra]) : [...own];
    }),
    aliases,
  };
}
