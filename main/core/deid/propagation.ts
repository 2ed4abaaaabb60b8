import type { RawText } from '../text.js';
import { combineFindings } from './spans.js';
import type { Finding, PiiLabel } from './types.js';
import { findWholeWordsMany, type Occurrence } from './word-search.js';
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
  let plain = plainNames.get(word);
  if (plain === undefined) {
    plain = /^\p{L}+$/u.test(word) && !isFrequentWord(word.toLowerCase()) && !isFunctionWord(word);
    plain &&= (isFirstName(word) || isSurname(word)) && !isCommonWord(word) && !isPlace(word);
    if (plainNames.size >= PLAIN_NAMES_KEPT) plainNames.clear();
    plainNames.set(word, plain);
  }
  return plain;
}
/** `isPlainName`'s answers: a case's names recur in its spans and in the next cases; cleared past a long log's names. */
const plainNames = new Map<string, boolean>();
const PLAIN_NAMES_KEPT = 50_000;
/** What `value.split(/\s+/)` splits at: a trimmed value holding none is one token. */
const BLANK = /\s/;

/**
 * Of `words`, those some field writes in lower case, as a whole word ("servicio" beside "Servicio de Urología"):
 * looked up together, one pass over each field for all of them.
 */
function writtenInLowerCase(fields: readonly RawText[], words: readonly string[]): Set<string> {
  const needles = words.map((word) => ({ value: word.toLocaleLowerCase(), caseSensitive: true }));
  const written = new Set<string>();
  for (const text of fields) {
    findWholeWordsMany(text, needles).forEach((occurrences, n) => {
      if (occurrences.length > 0) written.add(words[n]!);
    });
  }
  return written;
}

/** A name part as propagation reads it: letters at both ends. */
const cleanPart = (part: string): string => part.replace(/^[^\p{L}]+|[^\p{L}]+$/gu, '');

/**
 * The parts of multi-word PERSON spans, as `propagateWithinCase` reads them, each with whether it is a plain name
 * (`isPlainName`, asked once per part).
 */
function personParts(fields: readonly RawText[], spans: readonly (readonly Finding[])[]): Map<string, boolean> {
  const parts = new Map<string, boolean>();
  fields.forEach((text, field) => {
    for (const span of spans[field] ?? []) {
      if (span.label !== 'PERSON') continue;
      const value = text.slice(span.start, span.end).trim();
      if (value.length < MIN_LENGTH || !BLANK.test(value)) continue;
      for (const part of value.split(/\s+/)) {
        const clean = cleanPart(part);
        if (clean.length >= MIN_LENGTH && !parts.has(clean)) parts.set(clean, isPlainName(clean));
      }
    }
  });
  return parts;
}

/** Capitalised and no plain name: the parts whose lower-case use in the case decides whether they propagate. */
const askedInLowerCase = (parts: ReadonlyMap<string, boolean>): string[] =>
  [...parts].filter(([part, plain]) => !plain && part[0] === part[0]!.toLocaleUpperCase()).map(([part]) => part);

function sameOccurrences(a: readonly Occurrence[], b: readonly Occurrence[]): boolean {
  return a.length === b.length && a.every((occurrence, i) => occurrence.start === b[i]!.start && occurrence.end === b[i]!.end);
}

export function propagateWithinCase(fields: readonly RawText[], spans: readonly (readonly Finding[])[]): Propagated {
  // chatCase: a single-word name the lists know, matched in any case in a text that does not capitalise.
  const terms = new Map<string, { label: PiiLabel; value: string; caseSensitive: boolean; chatCase: boolean; score: number }>();
  const aliases: Propagated['aliases'] = [];
  // Every name part's lower-case search at once, before the terms are read in order.
  const parts = personParts(fields, spans);
  const inLowerCase = writtenInLowerCase(fields, askedInLowerCase(parts));
  fields.forEach((text, field) => {
    for (const span of spans[field] ?? []) {
      if (!PROPAGATED.has(span.label)) continue;
      const value = text.slice(span.start, span.end).trim();
      if (value.length < MIN_LENGTH) continue;
      // A single word is matched with its case, so a name like "Will" does not take every "will" with it; a name
      // the lists know that is no ordinary word recurs in any case where a text does not capitalise, as chat writes
      // names ("Justin" … "justin").
      const caseSensitive = !BLANK.test(value);
      const chatCase = caseSensitive && span.label === 'PERSON' && isPlainName(value);
      terms.set(`${span.label}\u0000${value.toLocaleLowerCase()}`, { label: span.label, value, caseSensitive, chatCase, score: span.score });
      if (span.label !== 'PERSON' || caseSensitive) continue;
      for (const part of value.split(/\s+/)) {
        const clean = cleanPart(part);
        // A part the case also writes in lower case is a common word caught inside a longer span ("Servicio"
        // of "Servicio de Urología"): alone, it is not the person. A name of the lists is the person in any case.
        const plain = clean.length >= MIN_LENGTH && parts.get(clean) === true;
        if (clean.length < MIN_LENGTH || (clean[0] !== clean[0]!.toLocaleUpperCase() && !plain)) continue;
        if (!plain && inLowerCase.has(clean)) continue;
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
      let cased: boolean | undefined;
      const list = [...terms.values()];
      // A chat-case name is matched in any case in a text that does not capitalise. It is looked for both ways, and
      // whether the text capitalises (a scan of its sentences) is asked only where the two answers differ.
      const needles = list.map((term) => ({ value: term.value, caseSensitive: term.caseSensitive }));
      const anyCase: number[] = [];
      list.forEach((term, n) => {
        if (!term.chatCase) return;
        anyCase[n] = needles.length;
        needles.push({ value: term.value, caseSensitive: false });
      });
      const occurrences = findWholeWordsMany(text, needles);
      for (let n = 0; n < list.length; n++) {
        const term = list[n]!;
        let found = occurrences[n]!;
        const other = anyCase[n];
        const inAnyCase = other === undefined ? found : occurrences[other]!;
        if (inAnyCase !== found && !sameOccurrences(found, inAnyCase) && !(cased ??= isCasedText(text))) found = inAnyCase;
        for (const { start, end } of found) {
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
