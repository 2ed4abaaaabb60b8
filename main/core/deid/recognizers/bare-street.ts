import type { Finding, Recognizer } from '../types.js';
import type { RawText } from '../../text.js';
import { extendAddressTail } from './address.js';
import { ADDRESS_VOCABULARIES } from './address-vocabulary.js';
import { DATE_VOCABULARIES } from './date-vocabulary.js';
import { isPlace } from './location-gazetteer.js';
import { isCommonWord } from './name-gazetteer.js';
import { isBlankCode, isCapitalCode, isDigitCode, isWordCode, matchesAt, wordsOf } from './word-scan.js';

/**
 * A street named with no type word, in languages whose streets are often named so ("Kapelska", "Ondrejovova",
 * "Sedlárska"): one or two capitalised words and a house number that ends a clause, either
 * - after a preposition of place (address-vocabulary.ts `bareStreetPrepositions`): "instead of [Kapelska 922], can
 *   you check?", "at [Dubová 52], 993 47 Partizánske"; or
 * - alone on a line whose next line opens with a postcode and a town: "[Bielkova 781]\n68 586 Hlohovec".
 * The first word must be no ordinary word, month, weekday, known place or noun that takes a number (address-vocabulary.ts
 * `numberedNouns`), and the number no year and no decimal: "at Gate 5.", "of Chapter 2.", "at Paris 2024", "of
 * Creatinina 1,2" are no streets. The street takes in its flat, postcode and town as the address recognizer's streets
 * do ("Dubová 52[, 993 47 Partizánske]"). The prepositions are read from the shared word scan's words.
 */
const UPPER = 'A-ZÀ-ÖØ-Þ\\u0100-\\u017f';
const LOWER = 'a-zß-öø-ÿ\\u0100-\\u017f';
const STREET_WORDS = `[${UPPER}][${LOWER}'’-]{2,}(?:[ \\t]+[${UPPER}][${LOWER}'’-]+)?`;
const HOUSE_NUMBER = `\\d{1,4}[A-Za-z]?(?![\\d${UPPER}${LOWER}])`;
/**
 * The clause ends after the number: punctuation (not a decimal's), a line break or the text's end. Not a colon: a
 * title and its number before a subtitle is no street ("the plot of Terminator 2: Judgment Day").
 */
const CLAUSE_END = `(?=[ \\t]*(?:[,.;!?)](?!\\d)|\\n|$))`;

/** Whether a blank and a digit follow `end`. */
const numberAfter = (text: string, end: number): boolean => isBlankCode(text.charCodeAt(end)) && isDigitCode(text.charCodeAt(end + 1));

const PREPOSITIONS = Object.values(ADDRESS_VOCABULARIES).flatMap((v) => v.bareStreetPrepositions ?? []);
/**
 * The prepositions by their length. Not a word table: a table's words join the union every recognizer's cue loop
 * visits, and these are among a text's most frequent words.
 */
const PREPOSITIONS_BY_LENGTH: readonly (readonly string[])[] = PREPOSITIONS.reduce<string[][]>((byLength, word) => {
  (byLength[word.length] ??= []).push(word);
  return byLength;
}, []);
/**
 * Whether one of `words` is written at `at` of `text`. A loop, not `words.some(...)`: that arrow, reached for every
 * word of a text the length of a preposition, closed over the loop's `start` and cost a context object per word (a
 * twentieth of the patterns' allocations on the bench corpus).
 */
function startsWithOneOf(text: string, at: number, words: readonly string[]): boolean {
  for (let i = 0; i < words.length; i++) if (text.startsWith(words[i]!, at)) return true;
  return false;
}
/** Sticky at a preposition: the street as group 1. */
const AFTER_PREPOSITION = new RegExp(`(?:${PREPOSITIONS.join('|')})[ \\t]+(${STREET_WORDS}[ \\t]+${HOUSE_NUMBER})${CLAUSE_END}`, 'dy');
/** Sticky at a line's start: the street as group 1, then the next line's postcode and town. */
const BLOCK_LINE = new RegExp(
  `[ \\t]*(${STREET_WORDS}[ \\t]+${HOUSE_NUMBER})[ \\t]*\\n[ \\t]*(?:\\d{4,6}|\\d{2,3}[ -]\\d{2,3}|[A-Z]{1,2}-?\\d{4,5})[ \\t]+[${UPPER}]`,
  'dy',
);
const DATE_WORDS: ReadonlySet<string> = new Set(
  Object.values(DATE_VOCABULARIES).flatMap((v) => [...v.months.flat(), ...v.weekdays]).map((word) => word.toLowerCase()),
);
const BARE_YEAR = /^(?:1[89]|20)\d{2}$/;
const NUMBERED_NOUNS: ReadonlySet<string> = new Set(Object.values(ADDRESS_VOCABULARIES).flatMap((v) => v.numberedNouns ?? []));

function streetAt(text: string, match: RegExpExecArray, findings: Finding[]): void {
  const [start, end] = match.indices?.[1] ?? [0, 0];
  if (end === 0) return;
  const street = text.slice(start, end);
  const first = street.slice(0, street.search(/[ \t]/));
  const number = street.slice(street.search(/\d/));
  const lower = first.toLowerCase();
  if (isCommonWord(first) || DATE_WORDS.has(lower) || NUMBERED_NOUNS.has(lower) || isPlace(first) || BARE_YEAR.test(number)) return;
  findings.push({ start, end: extendAddressTail(text, end), label: 'ADDRESS', score: 0.5, source: 'pattern:address' });
}

export const bareStreetRecognizer: Recognizer = {
  name: 'pattern:bare-street',
  labels: ['ADDRESS'],
  detect(text: RawText): Finding[] {
    const words = wordsOf(text);
    if (words.digits === 0) return [];
    const findings: Finding[] = [];
    const starts: number[] = [];
    // A preposition is a short word followed by a blank and a capital, and one of the next two words by a blank and a
    // digit: most words fail on length or on what follows.
    for (let i = 0; i + 1 < words.count; i++) {
      const start = words.starts[i] as number;
      const end = words.ends[i] as number;
      const candidates = PREPOSITIONS_BY_LENGTH[end - start];
      if (candidates === undefined || !isBlankCode(text.charCodeAt(end)) || !isCapitalCode(text.charCodeAt(end + 1))) continue;
      if (!numberAfter(text, words.ends[i + 1] as number) && !(i + 2 < words.count && numberAfter(text, words.ends[i + 2] as number))) continue;
      if (startsWithOneOf(text, start, candidates) && (start === 0 || !isWordCode(text.charCodeAt(start - 1)))) starts.push(start);
    }
    for (const match of matchesAt(text, AFTER_PREPOSITION, starts)) streetAt(text, match, findings);
    // A street's line is tried only where the next line opens with a digit or a capital and a digit (a postcode).
    const lines: number[] = [];
    for (let lineStart = 0, at = text.indexOf('\n'); at >= 0; lineStart = at + 1, at = text.indexOf('\n', at + 1)) {
      let next = at + 1;
      while (isBlankCode(text.charCodeAt(next))) next++;
      if (isDigitCode(text.charCodeAt(next)) || isDigitCode(text.charCodeAt(next + 1)) || isDigitCode(text.charCodeAt(next + 2))) lines.push(lineStart);
    }
    if (lines.length > 0) for (const match of matchesAt(text, BLOCK_LINE, lines)) streetAt(text, match, findings);
    return findings;
  },
};
