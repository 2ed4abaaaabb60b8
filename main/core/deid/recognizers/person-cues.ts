import type { Finding, Recognizer } from '../types.js';
import type { RawText } from '../../text.js';
import { KNOWN_NAME_SOURCE, KNOWN_NAME_WITH_PLACE_SOURCE } from '../spans.js';
import { caseless } from './context.js';
import { isPlace } from './location-gazetteer.js';
import { isCommonWord, isFirstName, isFirstNameAt, isSurname } from './name-gazetteer.js';
import { ORGANIZATION_VOCABULARIES } from './organization-vocabulary.js';
import { isFrequentWord } from '../word-shapes.js';
import { personWords } from './person-vocabulary.js';
import { isRegistrySurname } from './registry-names.js';
import { handleFindings, socialCueFindings } from './social-cues.js';
import { execAll } from './exec-all.js';
import { isEverydayWord } from '../everyday-words.js';
import { ADDRESS_VOCABULARIES } from './address-vocabulary.js';
import { firstWord, isLetterCode, matchesAt, WordTable, wordsOf } from './word-scan.js';

/**
 * Person names found by their cues, ahead of (and alongside) the NER model: a title ("Dr. Ruiz", "Sra. Pérez"),
 * an introduction ("my name is", "me llamo"), a form label ("Nombre:", "Paciente:"), a signature after a
 * closing ("Regards,\nAnna Berg"), a quotation's speaker ('…," Cappelletti told reporters'), and a gazetteer of first
 * names and surnames for "Firstname Lastname" pairs.
 * Only the name is flagged, not the title or label, so the redacted text still reads "Dr. [PERSON]".
 *
 * A capitalised word is weak evidence: every sentence starts with one, and many names are ordinary words
 * ("Will", "Grace") or products ("Julia", "Alexa"). A gazetteer pair therefore needs a first name that is not an
 * ordinary word, or a known surname after it, and a pair opening a sentence needs both.
 *
 * Each cue opens on a known word (or a line start before one), so the cue patterns run as sticky regexes only where
 * the shared word scan found such a word; the gazetteer pass reads capitalised words with a char loop.
 */
const UPPER = 'A-ZÀ-ÖØ-Þ\\u0100-\\u017f';
const LOWER = 'a-zß-öø-ÿ\\u0100-\\u017f';
const NAME_WORD = `[${UPPER}][${LOWER}]+(?:[${UPPER}][${LOWER}]+)?(?:['’-][${UPPER}]?[${LOWER}]+)*`;
const INITIAL = `[${UPPER}]\\.`;
const PARTICLE = "(?:de|del|de la|de los|de las|la|van|von|der|den|da|das|do|dos|di|du|le|y|i|bin|ibn|al|el)";
/** "Estefanía Romero Selas", "Ruth R Montez", "Katrine T. Jørgensen", "María de la Cruz": up to five words. */
const FULL_NAME = `${NAME_WORD}(?:[ \\t]+(?:${INITIAL}|[${UPPER}](?=[ \\t,]|$)|(?:${PARTICLE}[ \\t]+)?${NAME_WORD})){0,4}`;
const LOWER_NAME = `[${LOWER}]{2,}(?:[ \\t]+[${LOWER}]{2,}){0,2}`;

const TITLES = personWords((v) => v.titles);
const TITLES_NEEDING_PERIOD = new Set(personWords((v) => v.titlesNeedingPeriod));
/** Titles need a period or a following capitalised name; some ("D", "Fr") need the period. */
const TITLE = new RegExp(
  `(?<![${UPPER}${LOWER}\\d])(?:(?:${TITLES.join('|')})\\.|(?:${TITLES.filter((t) => !TITLES_NEEDING_PERIOD.has(t)).join('|')})(?=[ \\t]))[ \\t]*(${FULL_NAME})`,
  'dy',
);

const STRONG_INTRODUCTIONS = personWords((v) => v.strongIntroductions);
const INTRODUCTION_STRONG = new RegExp(`(?<![${LOWER}])${caseless(`(?:${STRONG_INTRODUCTIONS.join('|')})`)}[ \\t]+(${FULL_NAME}|${LOWER_NAME})`, 'dy');
/** "I'm Tom" is an introduction, "I'm Happy" is not: these need the name in the gazetteer. */
const WEAK_INTRODUCTIONS = personWords((v) => v.weakIntroductions);
const INTRODUCTION_WEAK = new RegExp(`(?<![${LOWER}])${caseless(`(?:${WEAK_INTRODUCTIONS.join('|')})`)}[ \\t,]+(${FULL_NAME})`, 'dy');

const LABELS = personWords((v) => v.formLabels);
/**
 * "Remitido por: Dr.Jorge Ruiz", "Médico: Dra: Ana Gil": the title, glued or not, is not part of the name. A record's
 * "Surname, Given name" ("Patient: Donnelly, Anna") is one name when a first name follows the comma (group 2).
 */
const LABEL_LINE = new RegExp(
  `(?<![${UPPER}${LOWER}])(?:${LABELS.join('|')})[ \\t]*:[ \\t]*(?:(?:${TITLES.join('|')})(?:[.:][ \\t]*|[ \\t]+))?(${FULL_NAME})(?:,[ \\t]*(${NAME_WORD}(?:[ \\t]+${NAME_WORD})?)(?=[ \\t]*(?:$|\\n|[,;(]|[ \\t][${UPPER}]{2,})))?`,
  'dy',
);

const CLOSINGS = personWords((v) => v.closings);
const SIGNATURE = new RegExp(`(?:^|\\n)[ \\t>]*${caseless(`(?:${CLOSINGS.join('|')})`)}[ \\t]*[,.!]?[ \\t]*\\n[ \\t>]*(${FULL_NAME})[ \\t]*(?=\\n|$)`, 'dy');

const RELATIVES = personWords((v) => v.relatives);
/** "Wife Ada at bedside", "daughter Elinor Walter, 055 ...": a relative's word, then a capitalised name. */
const RELATIVE = new RegExp(`(?<![${UPPER}${LOWER}])${caseless(`(?:${RELATIVES.join('|')})`)}[ \\t]+(${FULL_NAME})`, 'dy');

/**
 * A quotation's speaker: a closing mark after the quote's last punctuation, a name, a verb of saying ('…lightly,"
 * Cappelletti told reporters', '…," van der Wal said', '«…», Pérez afirmó'). The name lists must know one of its
 * words: "Police said" names no one.
 */
const QUOTE_ATTRIBUTION = new RegExp(
  `(?:[,.!?…]["”»’']|[”»][,.]?)[ \\t]+((?:(?:${PARTICLE})[ \\t]+)*${NAME_WORD}(?:[ \\t]+(?:(?:${PARTICLE})[ \\t]+)*${NAME_WORD}){0,2})[ \\t]+(?:${personWords((v) => v.quoteVerbs).join('|')})(?![${LOWER}])`,
  'dg',
);

function quoteAttributionFindings(text: string, findings: Finding[]): void {
  if (!/[,.!?…]["”»’']|[”»]/.test(text)) return;
  for (const match of execAll(QUOTE_ATTRIBUTION, text)) {
    const [start, end] = match.indices?.[1] ?? [0, 0];
    // A name the name lists know among the words: "Police said", "Officials told" name no one.
    if (!text.slice(start, end).split(/[ \t]+/).some((word) => isSurname(word) || isFirstName(word))) continue;
    findings.push({ start, end, label: 'PERSON', score: 0.5, source: 'pattern:person' });
  }
}

/** A transcript's speaker: "Nicole: Remember me?" at the start of a line. */
const SPEAKER = new RegExp(`(?:^|\\n)[ \\t>]*(${NAME_WORD})(?=:[ \\t])`, 'dy');

/** What a word can open, as bit flags of the word table. */
const Cue = { title: 1 << 0, introduction: 1 << 1, weakIntroduction: 1 << 2, label: 1 << 3, closing: 1 << 4, relative: 1 << 5 } as const;

const CUE_WORDS = new WordTable()
  .add(TITLES.map(firstWord), Cue.title, true)
  .add(STRONG_INTRODUCTIONS.map(firstWord), Cue.introduction, false)
  .add(WEAK_INTRODUCTIONS.map(firstWord), Cue.weakIntroduction, false)
  .add(LABELS.map(firstWord), Cue.label, true)
  .add(CLOSINGS.map(firstWord), Cue.closing, false)
  .add(RELATIVES.map(firstWord), Cue.relative, false);

/** Where each cue pattern can match in one text, ascending. */
interface CueStarts {
  readonly speaker: number[];
  readonly title: number[];
  readonly introduction: number[];
  readonly weakIntroduction: number[];
  readonly label: number[];
  readonly signature: number[];
  readonly relative: number[];
}

const isBlankOrQuote = (code: number): boolean => code === 32 || code === 9 || code === 62;
const isNameCode = (code: number): boolean => isLetterCode(code) || code === 39 || code === 0x2019 || code === 45;

/** Where `(?:^|\n)[ \t>]*` opens a match that continues at `at`, or -1 if `at` is not at a line's start. */
function lineOpening(text: string, at: number): number {
  while (at > 0 && isBlankOrQuote(text.charCodeAt(at - 1))) at--;
  if (at === 0) return 0;
  return text.charCodeAt(at - 1) === 10 ? at - 1 : -1;
}

function pushOnce(list: number[], at: number): void {
  if (at >= 0 && list.at(-1) !== at) list.push(at);
}

function cueStarts(text: string): CueStarts {
  const words = wordsOf(text);
  const starts: CueStarts = { speaker: [], title: [], introduction: [], weakIntroduction: [], label: [], signature: [], relative: [] };
  // A speaker's word ends at a colon and a blank: found from the colons, not by visiting every word.
  for (let colon = text.indexOf(':', 1); colon >= 0; colon = text.indexOf(':', colon + 1)) {
    const next = text.charCodeAt(colon + 1);
    if ((next !== 32 && next !== 9) || !isLetterCode(text.charCodeAt(colon - 1))) continue;
    let nameStart = colon;
    while (nameStart > 0 && isNameCode(text.charCodeAt(nameStart - 1))) nameStart--;
    pushOnce(starts.speaker, lineOpening(text, nameStart));
  }
  for (let c = 0; c < words.cueCount; c++) {
    const i = words.cues[c] as number;
    const start = words.starts[i] as number;
    const kinds = CUE_WORDS.kindsOf(words, i);
    if (kinds === 0) continue;
    if (kinds & Cue.title) starts.title.push(start);
    if (kinds & Cue.introduction) starts.introduction.push(start);
    if (kinds & Cue.weakIntroduction) starts.weakIntroduction.push(start);
    if (kinds & Cue.label) starts.label.push(start);
    if (kinds & Cue.closing) pushOnce(starts.signature, lineOpening(text, start));
    if (kinds & Cue.relative) starts.relative.push(start);
  }
  return starts;
}

interface CuePattern {
  /** Sticky, with the name as group 1. */
  readonly regex: RegExp;
  readonly score: number;
  /** Whether the name must hold a gazetteer word to count. */
  readonly needsKnownName: boolean;
  readonly starts: keyof CueStarts;
  /**
   * Whether a first name that is also an ordinary word counts as known ("Husband [June] at bedside", "Wife [Ada]"):
   * right after a relative's word, a capitalised first name is the relative's, whatever else it spells, unless it is
   * a frequent word ("Will").
   */
  readonly takesOrdinaryFirstNames?: boolean;
}

const CUES: readonly CuePattern[] = [
  { regex: SPEAKER, score: 0.5, needsKnownName: true, starts: 'speaker' },
  { regex: TITLE, score: 0.7, needsKnownName: false, starts: 'title' },
  { regex: INTRODUCTION_STRONG, score: 0.8, needsKnownName: false, starts: 'introduction' },
  { regex: INTRODUCTION_WEAK, score: 0.6, needsKnownName: true, starts: 'weakIntroduction' },
  { regex: LABEL_LINE, score: 0.7, needsKnownName: false, starts: 'label' },
  { regex: SIGNATURE, score: 0.6, needsKnownName: true, starts: 'signature' },
  { regex: RELATIVE, score: 0.6, needsKnownName: true, starts: 'relative', takesOrdinaryFirstNames: true },
];

/** Words of a name-shaped match that end it early: "my name is John and I ..." keeps "John". */
const STOP_WORDS = new Set([
  'and', 'but', 'or', 'the', 'a', 'an', 'i', 'im', 'from', 'with', 'at', 'in', 'on', 'to', 'of', 'for', 'is', 'was',
  'y', 'e', 'o', 'con', 'en', 'por', 'para', 'que', 'soy', 'tengo', 'have', 'am', 'not', 'your', 'you', 'my', 'mi',
  'here', 'there', 'this', 'that', 'please', 'por favor', 'but', 'so', 'also', 'too', 'just', 'who', 'which',
]);

function trimToName(text: string, start: number, end: number): number {
  // Walked word by word (runs of non-blanks between blank runs), without splitting a copy of the text.
  let trimmed = blankRunEnd(text, start, end, false);
  while (trimmed < end) {
    const wordStart = blankRunEnd(text, trimmed, end, true);
    const wordEnd = blankRunEnd(text, wordStart, end, false);
    if (STOP_WORDS.has(text.slice(wordStart, wordEnd).toLowerCase())) break;
    trimmed = wordEnd;
  }
  return trimmed;
}

/** Where the run of blanks (`blanks`) or of other chars (`!blanks`) from `at` ends, at most at `end`. */
function blankRunEnd(text: string, at: number, end: number, blanks: boolean): number {
  while (at < end && (text.charCodeAt(at) === 32 || text.charCodeAt(at) === 9) === blanks) at++;
  return at;
}

const hasKnownName = (name: string): boolean =>
  name.split(/[ \t]+/).some((word) => (isFirstName(word) || isSurname(word)) && !isCommonWord(word));

function cueFindings(text: string, findings: Finding[]): void {
  const starts = cueStarts(text);
  for (const { regex, score, needsKnownName, starts: kind, takesOrdinaryFirstNames } of CUES) {
    for (const match of matchesAt(text, regex, starts[kind])) {
      const [start, rawEnd] = match.indices?.[1] ?? [0, 0];
      if (rawEnd === 0) continue;
      let end = trimToName(text, start, rawEnd);
      const name = text.slice(start, end);
      const firstWord = name.split(/[ \t]/)[0] ?? '';
      // Not a frequent word, as "Will" ("Her son Will is fine" may be a sentence's "will").
      const ordinaryFirstName = takesOrdinaryFirstNames === true && isFirstName(firstWord) && !isFrequentWord(firstWord.toLowerCase());
      if (end <= start || STOP_WORDS.has(name.toLowerCase()) || (isCommonWord(firstWord) && !name.includes(' ') && !ordinaryFirstName)) continue;
      if (needsKnownName && !hasKnownName(name) && !ordinaryFirstName) continue;
      // "Donnelly, Anna": the given name after a record's comma, when the lists know it as a first name.
      const given = end === rawEnd ? match.indices?.[2] : undefined;
      if (given && isFirstName(text.slice(given[0], given[1]).split(/[ \t]/)[0]!)) end = given[1];
      findings.push({ start, end, label: 'PERSON', score, source: 'pattern:person' });
    }
  }
}

const isUpperCode = (code: number): boolean =>
  (code >= 65 && code <= 90) || (code >= 0xc0 && code <= 0xde && code !== 0xd7) || (code >= 0x100 && code <= 0x17f);
const isLowerCode = (code: number): boolean =>
  (code >= 97 && code <= 122) || (code >= 0xdf && code <= 0xff && code !== 0xf7) || (code >= 0x100 && code <= 0x17f);
const isJoinerCode = (code: number): boolean => code === 39 || code === 0x2019 || code === 45;

function lowerRunEnd(text: string, at: number): number {
  while (isLowerCode(text.charCodeAt(at))) at++;
  return at;
}

/** Name-shaped words of one text, in text order. */
export class NameWords {
  readonly starts: number[] = [];
  readonly ends: number[] = [];

  constructor(readonly text: string) {}

  get count(): number {
    return this.starts.length;
  }

  start(k: number): number {
    return this.starts[k] as number;
  }

  end(k: number): number {
    return this.ends[k] as number;
  }

  word(k: number): string {
    return this.text.slice(this.start(k), this.end(k));
  }

  isInitial(k: number): boolean {
    return this.text.charCodeAt(this.end(k) - 1) === 46;
  }

  /** Whether only blanks separate word `a` from word `b`. */
  adjacent(a: number, b: number): boolean {
    return onlyBlanks(this.text, this.end(a), this.start(b));
  }
}

/**
 * The words a global scan for `NAME_WORD|INITIAL` finds ("McDonald", "O'Neil", "T.", and "Phone" in "iPhone"),
 * by a char loop: the gazetteer pass visits every one of them, and a regex match per word cost more than the rest
 * of the pass together.
 */
export function nameWords(text: string): NameWords {
  const words = new NameWords(text);
  const { starts, ends } = words;
  const scan = wordsOf(text);
  let at = 0;
  for (let w = 0; w < scan.count; w++) {
    // Capitalised words open only in scanned words that hold a capital; most words are skipped unread.
    if (scan.capitals[w] === 0 || (scan.ends[w] as number) <= at) continue;
    const wordEnd = scan.ends[w] as number;
    for (at = Math.max(at, scan.starts[w] as number); at < wordEnd; ) {
      if (!isUpperCode(text.charCodeAt(at))) {
        at++;
        continue;
      }
      let end = lowerRunEnd(text, at + 1);
      if (end === at + 1) {
        // Not a name word here; perhaps an initial.
        if (text.charCodeAt(at + 1) === 46) {
          starts.push(at);
          ends.push(at + 2);
          at += 2;
        } else at++;
        continue;
      }
      if (isUpperCode(text.charCodeAt(end)) && isLowerCode(text.charCodeAt(end + 1))) end = lowerRunEnd(text, end + 1);
      while (isJoinerCode(text.charCodeAt(end))) {
        const next = end + 1;
        if (isUpperCode(text.charCodeAt(next)) && isLowerCode(text.charCodeAt(next + 1))) end = lowerRunEnd(text, next + 1);
        else if (isLowerCode(text.charCodeAt(next))) end = lowerRunEnd(text, next);
        else break;
      }
      starts.push(at);
      ends.push(end);
      at = end;
    }
  }
  return words;
}

/** Text that makes the next word a sentence opener: its capital says nothing. */
const SENTENCE_BREAK = /(?:^|[.!?:;"“”*#>\-–•(]|\n)[\s"“'*(]*$/;
/** Words after a first name that make the pair a place, an organisation or a thing, not a person. */
const NOT_A_SURNAME = new Set([
  'street', 'st', 'avenue', 'road', 'lane', 'drive', 'court', 'way', 'park', 'square', 'bridge', 'station', 'airport',
  'university', 'college', 'school', 'hospital', 'clinic', 'church', 'cathedral', 'inc', 'ltd', 'llc', 'corp', 'company',
  'group', 'foundation', 'institute', 'center', 'centre', 'museum', 'library', 'county', 'city', 'island', 'islands',
  'river', 'lake', 'mountain', 'valley', 'beach', 'bay', 'day', 'award', 'prize', 'cup', 'league', 'hotel', 'restaurant',
  'theater', 'theatre', 'hall', 'tower', 'road', 'calle', 'avenida', 'hospital', 'universidad', 'colegio', 'plaza',
  // The kinds of institution written after a name: "Carmen Herald" is a newspaper, "Laura Practice" a surgery.
  ...Object.values(ORGANIZATION_VOCABULARIES).flatMap((v) => v.institutionSuffixes.map((word) => word.toLowerCase())),
]);
/** Surnames that also end place names ("Amber Hills", "Beverly Hills"): such a pair does not outvote a model's place. */
const PLACE_ENDINGS = new Set(['hills', 'heights', 'springs', 'falls', 'gardens', 'creek', 'harbour', 'harbor', 'village']);

const ARTICLE_BEFORE = /(?:^|[^\p{L}])(?:the|a|an|el|la|los|las|un|una|our|your|my|his|her|their)[ \t]+$/iu;
const LETTER = /[A-Za-zß-öø-ÿ\u0100-\u017f]/;
const LOWER_CASE_REACH = 600;

/** Whether `word` stands alone in lower case near `near`: then it is an ordinary word in this text. */
function usedInLowerCase(text: string, word: string, near: number): boolean {
  // Looked up near the candidate only: a long log is many conversations, and the cost must stay per candidate.
  const lower = word.toLowerCase();
  const from = Math.max(0, near - LOWER_CASE_REACH);
  const nearby = text.slice(from, near + LOWER_CASE_REACH);
  for (let at = nearby.indexOf(lower); at >= 0; at = nearby.indexOf(lower, at + 1)) {
    if (!LETTER.test(nearby[at - 1] ?? ' ') && !LETTER.test(nearby[at + lower.length] ?? ' ')) return true;
  }
  return false;
}

function opensSentenceAt(text: string, index: number): boolean {
  return SENTENCE_BREAK.test(text.slice(Math.max(0, index - 6), index));
}

/** Whether text[from, to) is one or more blanks. */
function onlyBlanks(text: string, from: number, to: number): boolean {
  if (to <= from) return false;
  for (let at = from; at < to; at++) {
    const code = text.charCodeAt(at);
    if (code !== 32 && code !== 9) return false;
  }
  return true;
}

/**
 * A first name alone ("No intent to hurt Cindy", "Poor Jimmy"): inside a sentence, not an ordinary word or a
 * place, not next to another capitalised word, not after an article, and not written in lower case nearby.
 */
function isSingleFirstName(text: string, words: NameWords, i: number, afterCapitalised: boolean): boolean {
  const word = words.word(i);
  const start = words.start(i);
  if (afterCapitalised || isCommonWord(word) || word.length < 3) return false;
  if (i + 1 < words.count && words.adjacent(i, i + 1)) return false;
  if (opensSentenceAt(text, start) || ARTICLE_BEFORE.test(text.slice(Math.max(0, start - 8), start))) return false;
  if (isPlace(word)) return false;
  return !usedInLowerCase(text, word, start);
}

/**
 * Whether a name word starts inside a word on a small letter the scan counts as a capital (Latin Extended-A is both
 * cases to it): "āris" in "bulvāris" is no name "Aris", while "Phone" in "iPhone" still opens on a capital.
 */
function opensInsideWord(text: string, start: number): boolean {
  if (start === 0 || !isLetterCode(text.charCodeAt(start - 1))) return false;
  const first = text[start]!;
  return first !== first.toUpperCase();
}

/** Street and unit words of every language's address vocabulary, in lower case ("avda", "calle", "suite"). */
const ADDRESS_WORDS: ReadonlySet<string> = new Set(
  Object.values(ADDRESS_VOCABULARIES).flatMap((v) => [...v.streetTypesBefore, ...v.streetTypesAfter, ...v.unitWords].map((word) => word.toLowerCase())),
);

/** Whether a word is glued to a letter, digit, "@" or "#" before it: part of a handle or a hashtag ("@WeLoveMay"). */
const insideToken = (text: string, start: number): boolean => start > 0 && /[\p{L}\p{N}@#_]/u.test(text[start - 1]!);

/**
 * Words no list knows as names, places, everyday or address words ("Federer", "Grylls"; not "Avda" of "Virgen del
 * Rocío Avda. Manuel Siurot"): a name's shape and nothing else.
 */
const unknownNames = (words: readonly string[]): boolean =>
  words.length > 0 &&
  words.every((word) => word.length > 2 && !isEverydayWord(word.toLowerCase()) && !isPlace(word) && !isCommonWord(word) && !ADDRESS_WORDS.has(word.toLowerCase()));

/**
 * "Firstname Lastname" pairs from the gazetteer: one pass over capitalised words, one Set lookup per word. A
 * pair inside a longer run of capitalised words is a title or a proper noun phrase ("Top Gun Maverick",
 * "Kennedy Space Center"); a word the same text also uses in lower case is an ordinary word ("Ender Dragon" in
 * a text about ender pearls); a pair after an article is a thing ("the Roman Empire").
 */
function gazetteerFindings(text: string, findings: Finding[]): void {
  const words = nameWords(text);
  const count = words.count;
  for (let i = 0; i < count; i++) {
    if (words.isInitial(i) || !isFirstNameAt(text, words.start(i), words.end(i)) || opensInsideWord(text, words.start(i))) continue;
    const firstWord = words.word(i);
    // After a sentence-opening capitalised word ("Ask Anna Berg") the run may still be a name, if it ends in a surname.
    const afterCapitalised = i > 0 && !words.isInitial(i - 1) && words.adjacent(i - 1, i);
    if (afterCapitalised && !opensSentenceAt(text, words.start(i - 1))) continue;
    const firstStart = words.start(i);
    const ordinaryFirst = isCommonWord(firstWord);
    // After a first name that is no ordinary word, the census surnames count as surnames too ("Sylvia Mathews
    // Burwell"); after one that is ("Summer", "Will"), only the name lists' do, as the census holds words ("Camp").
    const surname = (word: string): boolean => isSurname(word) || (!ordinaryFirst && isRegistrySurname(word));
    let j = i + 1;
    let end = words.end(i);
    let surnameSeen = false;
    let ordinary = false;
    let particle = false;
    const parts = [firstWord];
    // The name may hold a middle initial and run to three words after the first.
    while (j < count && j - i <= 3) {
      const gap = text.slice(end, words.start(j));
      if (!/^[ \t]+$/.test(gap) && !/^[ \t]+(?:de|del|de la|van|von|da|di|le)[ \t]+$/.test(gap)) break;
      if (!/^[ \t]+$/.test(gap)) particle = true;
      const initial = words.isInitial(j);
      const bare = words.word(j).replace(/['’]s$/, '');
      if (NOT_A_SURNAME.has(bare.toLowerCase()) || (!initial && isCommonWord(bare))) {
        ordinary = true;
        break;
      }
      if (surname(bare)) surnameSeen = true;
      if (!initial) parts.push(bare);
      end = words.end(j);
      j++;
      if (!initial && !surname(bare) && !isFirstName(bare)) break;
    }
    if (ordinary) continue;
    if (j === i + 1) {
      if (isSingleFirstName(text, words, i, afterCapitalised)) {
        findings.push({ start: firstStart, end, label: 'PERSON', score: 0.4, source: 'pattern:person' });
      }
      continue;
    }
    if (j < count && words.adjacent(j - 1, j)) continue;
    const before = text.slice(Math.max(0, firstStart - 8), firstStart);
    if (ARTICLE_BEFORE.test(before)) continue;
    const opensSentence = opensSentenceAt(text, firstStart);
    // A first name that is also a word ("Roger", "Will") before a name no list has ("Federer"): a person inside a
    // sentence where that name is no everyday word and no place ("falls to Roger Federer in straight sets").
    if (ordinaryFirst && (opensSentence || (!surnameSeen && (particle || insideToken(text, firstStart) || !unknownNames(parts.slice(1)))))) continue;
    if (afterCapitalised && !surnameSeen) continue;
    // At a sentence start the capitals say nothing, but a known first name followed by a word used nowhere in
    // lower case still does, if weakly.
    const score = surnameSeen ? 0.6 : opensSentence ? 0.4 : 0.45;
    // Last, as the costliest test: a word this text also writes in lower case is an ordinary word.
    if (parts.some((word) => usedInLowerCase(text, word, firstStart))) continue;
    // A first name that is no ordinary word and a known surname: a person even where a model reads a company or,
    // with no place among its words, a place (spans.ts). "Jack Daniels" may be the whisky; with a particle, "Isla de
    // la Palma" is an island; after another capitalised word, "Hospital Gregorio Marañón" a hospital.
    // A place's word ("Beverly Hills") or, after a comma, a place's tail ("West Arthur, Sierra Leone") reads as a name
    // too: such a pair outvotes a company only.
    const known = surnameSeen && !ordinaryFirst && !particle && !afterCapitalised;
    const placeLike =
      parts.some((part) => isPlace(part) || PLACE_ENDINGS.has(part.toLowerCase())) || /,[ \t]*$/.test(text.slice(Math.max(0, firstStart - 3), firstStart));
    const source = !known ? 'pattern:person' : placeLike ? KNOWN_NAME_WITH_PLACE_SOURCE : KNOWN_NAME_SOURCE;
    findings.push({ start: firstStart, end, label: 'PERSON', score, source });
    i = j - 1;
  }
}

export const personCueRecognizer: Recognizer = {
  name: 'pattern:person',
  labels: ['PERSON'],
  detect(text: RawText): Finding[] {
    const findings: Finding[] = [];
    cueFindings(text, findings);
    gazetteerFindings(text, findings);
    socialCueFindings(text, findings);
    handleFindings(text, findings);
    quoteAttributionFindings(text, findings);
    return findings;
  },
};
