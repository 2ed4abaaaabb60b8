import type { Finding, PiiLabel } from './types.js';
import { isFunctionWord, isPersonalPronoun } from './function-words.js';
import { isPlace } from './recognizers/location-gazetteer.js';
import { isCommonWord, isFirstName, isSurname } from './recognizers/name-gazetteer.js';
import { execAll } from './recognizers/exec-all.js';

/**
 * Drops NER spans that are clearly not names, before spans are combined and propagated (a false "del" taken for
 * a person would otherwise be redacted at every "del" of the case):
 * - spans with no letter or digit ("/", "."), spans made only of function words ("de", "the", "y"), a personal
 *   pronoun, capitalised or not ("He", "himself"; "US" is no pronoun), and a single dictionary word in lower case
 *   ("smart", "button"), in any text;
 * - in a text that capitalises its sentences and its proper nouns (clinical notes, letters, most chat), spans
 *   written entirely in lower case ("cava infrahepática", "transfusión"): where writing is cased, names are,
 *   unless the span continues a capitalised word inside a sentence ("Árpád fejedelem útja"); and there, a
 *   single capitalised word the same text also writes in lower case ("el Servicio de Urología" beside "servicio"),
 *   unless the name lists know it as a name ("Blanca" beside "raza blanca").
 *   Texts that do not capitalise (much social media) keep them, as there lower case says nothing.
 * Only the free-text types are filtered: a model's date or number span is left as it is.
 */
const FILTERED: ReadonlySet<PiiLabel> = new Set(['PERSON', 'ORGANIZATION', 'LOCATION']);

const HAS_WORD_CHAR = /[\p{L}\p{N}]/u;
const HAS_UPPER_OR_DIGIT = /[\p{Lu}\p{Lt}\p{N}]/u;
const WORDS = /[\p{L}\p{M}'’]+/gu;
/** A sentence's first word: at the text's start, after a line break, or after ., ! or ? and a blank. */
const SENTENCE_OPENER = /(?:^|\n|[.!?]\s)[\s"“'(¿¡*-]*(\p{L})/gu;
/** A capitalised word inside a sentence: after a letter, digit or comma and blanks. */
const INNER_CAPITAL = /[\p{L}\p{N},;][ \t]+\p{Lu}\p{Ll}/u;

/** Sentences needed before casing is trusted: one capitalised sentence may be an accident of the keyboard. */
const MIN_SENTENCES = 2;
const MIN_CAPITALISED_SHARE = 0.8;

/** Whether the text capitalises its sentences and has capitalised words inside them. */
export function isCasedText(text: string): boolean {
  let openers = 0;
  let capitalised = 0;
  for (const match of execAll(SENTENCE_OPENER, text)) {
    openers++;
    const letter = match[1]!;
    if (letter !== letter.toLowerCase()) capitalised++;
  }
  return openers >= MIN_SENTENCES && capitalised / openers >= MIN_CAPITALISED_SHARE && INNER_CAPITAL.test(text);
}

function onlyFunctionWords(span: string): boolean {
  const words = span.match(WORDS);
  return words !== null && !HAS_UPPER_OR_DIGIT.test(span) && words.every(isFunctionWord);
}

/** The word before `at`, skipping blanks and lower-case function words ("Calle [de la] paz"); '' if none. */
function wordBefore(text: string, at: number): { word: string; start: number } {
  let end = at;
  for (;;) {
    while (end > 0 && (text[end - 1] === ' ' || text[end - 1] === '\t')) end--;
    let start = end;
    while (start > 0 && /[\p{L}\p{M}'’]/u.test(text[start - 1]!)) start--;
    const word = text.slice(start, end);
    if (word === '' || !isFunctionWord(word) || word !== word.toLowerCase()) return { word, start };
    end = start;
  }
}

/**
 * A lower-case span that continues a capitalised word inside a sentence is the tail of a multi-word name
 * ("Árpád fejedelem útja", "Vialidad de la barranca"), not a common noun.
 */
function continuesCapitalisedName(text: string, start: number): boolean {
  const { word, start: wordStart } = wordBefore(text, start);
  if (word === '' || word[0] === word[0]!.toLowerCase()) return false;
  return !opensSentence(text, wordStart);
}

function opensSentence(text: string, at: number): boolean {
  let i = at;
  while (i > 0 && /[\s"“'(¿¡*-]/.test(text[i - 1]!)) i--;
  if (i === 0 || text[i] === '\n' || text.slice(i, at).includes('\n')) return true;
  return /[.!?:]/.test(text[i - 1]!) && i < at;
}

const LOWER_CASE_WORD = /^[\p{Ll}\p{M}'’]+$/u;

/**
 * A single ordinary word in lower case ("smart", "button", "himself"), unless it is also a known name or place
 * ("chad", "tanner", "india"), which people write in lower case as often as not.
 */
function isLowerCaseCommonWord(span: string): boolean {
  return LOWER_CASE_WORD.test(span) && isDictionaryWord(span);
}

const ONE_WORD = /^[\p{L}\p{M}'’]+$/u;

/** One ordinary dictionary word that is no known name or place. */
function isDictionaryWord(span: string): boolean {
  return ONE_WORD.test(span) && isCommonWord(span) && !isFirstName(span) && !isSurname(span) && !isPlace(span);
}

/** Whether a word is part of an e-mail address, a domain or a path ("madrid" of "x@salud.madrid.org"). */
function isInAddress(text: string, start: number, end: number): boolean {
  const before = text[start - 1] ?? ' ';
  const after = text[end] ?? ' ';
  return /[.@/_\\-]/.test(before) || /[@/_\\]/.test(after) || (/[.-]/.test(after) && /[\p{L}\p{N}]/u.test(text[end + 1] ?? ' '));
}

/** Words the text writes in lower case: there, the same word capitalised is a common noun ("el Servicio"). */
function lowerCaseWords(text: string): Set<string> {
  const words = new Set<string>();
  for (const match of execAll(WORDS, text)) {
    const word = match[0];
    if (word !== word.toLowerCase() || isInAddress(text, match.index, match.index + word.length)) continue;
    words.add(word);
  }
  return words;
}

/** A personal pronoun that is not also a known name when capitalised ("Ella" is both: kept). */
const isPronounNotName = (span: string): boolean =>
  isPersonalPronoun(span) && !(span !== span.toLowerCase() && (isFirstName(span) || isSurname(span)));

const SINGLE_CAPITALISED_WORD = /^\p{Lu}[\p{Ll}\p{M}'’]+$/u;

/** The findings of a NER model on `text` without those that are clearly not names. */
export function filterNerFindings(text: string, findings: readonly Finding[]): Finding[] {
  let cased: boolean | undefined;
  let lowerWords: Set<string> | undefined;
  return findings.filter((finding) => {
    if (!FILTERED.has(finding.label)) return true;
    const span = text.slice(finding.start, finding.end);
    if (!HAS_WORD_CHAR.test(span) || onlyFunctionWords(span) || isLowerCaseCommonWord(span) || isPronounNotName(span)) return false;
    cased ??= isCasedText(text);
    if (!cased) return true;
    if (SINGLE_CAPITALISED_WORD.test(span)) {
      lowerWords ??= lowerCaseWords(text);
      return !lowerWords.has(span.toLowerCase()) || isFirstName(span) || isSurname(span);
    }
    return HAS_UPPER_OR_DIGIT.test(span) || continuesCapitalisedName(text, finding.start);
  });
}
