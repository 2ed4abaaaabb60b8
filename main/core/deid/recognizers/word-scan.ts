/**
 * One pass over a text's words, shared by the recognizers that look for cue words (street types, titles, form
 * labels). Running a long alternation of words as a regex tries it at every position of the text; here the text
 * is split into words once, by a char loop, and each word costs a bit test on a case-folded hash (and a Map lookup
 * for the few that pass). The detailed patterns then run only where a cue word was found, as sticky regexes at the
 * places their matches can start.
 *
 * Letters are the ranges the recognizers' regexes use (ASCII, Latin-1, Latin Extended-A, Greek), not \p{L}:
 * words in other scripts hold no cue the recognizers know.
 */

/**
 * Case-folded code of each letter; 0 for anything that is not a letter. A table over all of UTF-16, not just the
 * Latin ranges: the scan reads it once per char, and a range check before it doubled the cost.
 */
const FOLD = new Uint16Array(0x10000);
/**
 * 1 for letters that can open a capitalised word: upper case, and all of Latin Extended-A, which the recognizers'
 * letter classes count as both cases.
 */
const CAPITAL = new Uint8Array(0x10000);
for (let code = 0; code < 0x180; code++) {
  const isLetter =
    (code >= 65 && code <= 90) || (code >= 97 && code <= 122) || (code >= 0xc0 && code !== 0xd7 && code !== 0xf7);
  if (!isLetter) continue;
  FOLD[code] = String.fromCharCode(code).toLowerCase().charCodeAt(0);
  if (FOLD[code] !== code || code >= 0x100) CAPITAL[code] = 1;
}
// Greek, for the addresses and names of Greek forms ("Λεωφ. Καραμανλή 6"): capitals Ά–Ϋ, small letters ά–ώ.
for (let code = 0x386; code <= 0x3ce; code++) {
  const lower = String.fromCharCode(code).toLowerCase().charCodeAt(0);
  if (lower === code && String.fromCharCode(code).toUpperCase().charCodeAt(0) === code) continue;
  FOLD[code] = lower;
  if (lower !== code) CAPITAL[code] = 1;
}

/**
 * 1 for chars whose lower case (in the default locale) is not what the scan's fold makes of them: "İ", the Kelvin
 * sign ("K" → "k"), the Ångström sign, the Greek capital sigma; and in a Turkish locale, "I". A text holding none
 * is lower-cased char by char as the scan folds it, so a scan word matches a lower-cased needle exactly where the
 * lower-cased text does.
 */
const ODD_CASE = new Uint8Array(0x10000);
for (let code = 0; code < 0x10000; code++) {
  const lower = String.fromCharCode(code).toLocaleLowerCase();
  const folded = FOLD[code] as number;
  if (folded !== 0 ? lower !== String.fromCharCode(folded) : [...lower].some((char) => (FOLD[char.charCodeAt(0)] as number) !== 0)) ODD_CASE[code] = 1;
}
// "Σ" lower-cases by its place: "ς" at the end of a word ("ΑΝΝΑΣ" → "αννας"), where the fold makes "σ".
ODD_CASE[0x3a3] = 1;

/** Whether some ASCII char is in `ODD_CASE` ("I" in a Turkish locale): then the scan's test of the others is not enough. */
const ODD_ASCII = ODD_CASE.subarray(0, 0x80).some((odd) => odd === 1);
function hasOddAscii(text: string): boolean {
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) <= 0x7f && ODD_CASE[text.charCodeAt(i)] === 1) return true;
  return false;
}

/** Whether `text` holds a char that lower-cases other than the scan folds it (see `ODD_CASE`). */
export function hasOddCase(text: string): boolean {
  // The scan reads every char anyway: from a kept scan this costs nothing, where the loop below took 0.7 % of the
  // patterns' time on the bench corpus (propagation asks it of every text).
  if (isScanned(text)) return lastScan!.oddCase;
  for (let i = 0; i < text.length; i++) if (ODD_CASE[text.charCodeAt(i)] === 1) return true;
  return false;
}

/** `code` may be NaN, from reading past the end of a text. */
const foldOf = (code: number): number => FOLD[code] ?? 0;
export const isLetterCode = (code: number): boolean => foldOf(code) !== 0;
/** Upper case, or Latin Extended-A: what the recognizers' `[A-ZÀ-ÖØ-Þ\u0100-\u017f]` accepts. */
export const isCapitalCode = (code: number): boolean => CAPITAL[code] === 1;
export const isDigitCode = (code: number): boolean => code >= 48 && code <= 57;
/** A space or a tab: what the recognizers' `[ \t]` accepts. */
export const isBlankCode = (code: number): boolean => code === 32 || code === 9;
/** Letters and digits: what the recognizers' "not inside a word" lookarounds test. */
export const isWordCode = (code: number): boolean => isDigitCode(code) || isLetterCode(code);

/** Must fold as `scan` does. */
const nextKey = (key: number, code: number): number => (Math.imul(key, 31) + foldOf(code)) | 0;

/**
 * The case-folded hash of text[start, end), folding as the scan does (anything but a Latin letter counts as 0).
 * For text without "İ", whose lower case is two chars, it equals the hash of the text's lower case.
 */
export function foldedKey(text: string, start: number, end: number): number {
  let key = 0;
  for (let i = start; i < end; i++) key = nextKey(key, text.charCodeAt(i));
  return key;
}

/**
 * The words (maximal runs of letters) of one text, as offsets, with a case-folded hash of each. The arrays are
 * reused by the next scan: read a scan within one `detect` call, never keep it.
 */
export interface WordScan {
  readonly text: string;
  readonly count: number;
  readonly starts: Int32Array;
  readonly ends: Int32Array;
  readonly keys: Int32Array;
  /** 1 for words holding a letter that can open a capitalised word ("Anna", "iPhone", "łódź"). */
  readonly capitals: Uint8Array;
  /** Each word's slot in the word tables' filters, computed once here rather than once per table. */
  readonly slots: Int32Array;
  /** Indices (ascending) of the words some word table may hold: the only words a table lookup can find. */
  readonly cues: Int32Array;
  readonly cueCount: number;
  /** ASCII digits in the text: the cheap gate of the recognizers that need a number. */
  readonly digits: number;
  /** `hasOddCase(text)`. */
  readonly oddCase: boolean;
}

// Allocating typed arrays per text cost more than the scan itself, so they are kept, up to a size that a long
// log's messages reach; a buffer grown past it for one huge text is dropped after use.
const KEPT_CAPACITY = 1 << 16;
let wordStarts = new Int32Array(KEPT_CAPACITY);
let wordEnds = new Int32Array(KEPT_CAPACITY);
let wordKeys = new Int32Array(KEPT_CAPACITY);
let wordCapitals = new Uint8Array(KEPT_CAPACITY);
let wordSlots = new Int32Array(KEPT_CAPACITY);
let wordCues = new Int32Array(KEPT_CAPACITY);
let lastScan: WordScan | undefined;

/**
 * The union of every word table's filter: a word outside it is in no table, so the recognizers' loops over cue
 * words visit only the few inside. `tablesVersion` changes with every table entry added, so a scan made before
 * is not reused with a filter it did not see.
 */
const ANY_TABLE = new Int32Array(1 << 11);
let tablesVersion = 0;
let lastScanVersion = -1;

function grow<T extends Int32Array<ArrayBuffer> | Uint8Array<ArrayBuffer>>(array: T): T {
  const bigger = new (array.constructor as new (length: number) => T)(array.length * 2);
  bigger.set(array);
  return bigger;
}

function scan(text: string): WordScan {
  let count = 0;
  let cueCount = 0;
  let digits = 0;
  let start = -1;
  let key = 0;
  let capital = 0;
  let opening = 0;
  let odd = 0;
  // One step past the end, so that a text's last word is closed like the others.
  for (let i = 0; i <= text.length; i++) {
    const code = i < text.length ? text.charCodeAt(i) : 0;
    const folded = FOLD[code] as number;
    // Outside ASCII only (see ODD_ASCII): an ODD_CASE load for every char added a sixth to the scan's time.
    if (code > 0x7f) odd |= ODD_CASE[code] as number;
    if (folded !== 0) {
      if (start < 0) {
        start = i;
        opening = CAPITAL[code] as number;
      }
      key = (Math.imul(key, 31) + folded) | 0;
      capital |= CAPITAL[code] as number;
      continue;
    }
    if (code >= 48 && code <= 57) digits++;
    if (start < 0) continue;
    if (count === wordStarts.length) {
      wordStarts = grow(wordStarts);
      wordEnds = grow(wordEnds);
      wordKeys = grow(wordKeys);
      wordCapitals = grow(wordCapitals);
      wordSlots = grow(wordSlots);
      wordCues = grow(wordCues);
    }
    const slot = filterSlot(key, opening);
    wordStarts[count] = start;
    wordEnds[count] = i;
    wordKeys[count] = key;
    wordCapitals[count] = capital;
    wordSlots[count] = slot;
    if (((ANY_TABLE[slot >>> 5] as number) & (1 << (slot & 31))) !== 0) wordCues[cueCount++] = count;
    count++;
    start = -1;
    key = 0;
    capital = 0;
  }
  const words = {
    text,
    count,
    starts: wordStarts,
    ends: wordEnds,
    keys: wordKeys,
    capitals: wordCapitals,
    slots: wordSlots,
    cues: wordCues,
    cueCount,
    digits,
    oddCase: odd !== 0 || (ODD_ASCII && hasOddAscii(text)),
  };
  if (wordStarts.length > KEPT_CAPACITY) {
    wordStarts = new Int32Array(KEPT_CAPACITY);
    wordEnds = new Int32Array(KEPT_CAPACITY);
    wordKeys = new Int32Array(KEPT_CAPACITY);
    wordCapitals = new Uint8Array(KEPT_CAPACITY);
    wordSlots = new Int32Array(KEPT_CAPACITY);
    wordCues = new Int32Array(KEPT_CAPACITY);
  }
  return words;
}

/** The words of `text`. Recognizers run one after another on the same text, so the last scan is kept. */
export function wordsOf(text: string): WordScan {
  if (lastScan?.text !== text || lastScanVersion !== tablesVersion) {
    lastScan = scan(text);
    lastScanVersion = tablesVersion;
  }
  return lastScan;
}

/**
 * Scans of a batch of texts that later scans do not overwrite (each with its own arrays, cut to size), for a caller
 * that reads the batch recognizer by recognizer: each text is scanned once, then `use` makes its scan the kept one
 * before each `detect`.
 */
export class KeptScans {
  private readonly scans: WordScan[];
  /** The `tablesVersion` the scans were made with: after a word table is added, `wordsOf` scans again. */
  private readonly version = tablesVersion;

  constructor(texts: readonly string[]) {
    this.scans = texts.map(keptCopy);
  }

  /** Makes the scan of text `i` the kept scan: `wordsOf` of that text answers from it until another text is scanned. */
  use(i: number): void {
    lastScan = this.scans[i]!;
    lastScanVersion = this.version;
  }
}

/** `scan(text)` with arrays of its own; an object literal of the same shape as `scan`'s (no spread, no side table). */
function keptCopy(text: string): WordScan {
  const words = scan(text);
  const { count, cueCount } = words;
  return {
    text,
    count,
    starts: words.starts.slice(0, count),
    ends: words.ends.slice(0, count),
    keys: words.keys.slice(0, count),
    capitals: words.capitals.slice(0, count),
    slots: words.slots.slice(0, count),
    cues: words.cues.slice(0, cueCount),
    cueCount,
    digits: words.digits,
    oddCase: words.oddCase,
  };
}

/** Whether `wordsOf(text)` would answer from the kept scan, without scanning. */
export function isScanned(text: string): boolean {
  return lastScan?.text === text && lastScanVersion === tablesVersion;
}

/** The number of ASCII digits in `text`, from the shared scan: one count for every recognizer's digit gate. */
export function digitCount(text: string): number {
  return wordsOf(text).digits;
}

/** The first run of letters in `phrase`: the word a phrase cue is looked up by ("c.p" → "c", "Dª" → "D"). */
export function firstWord(phrase: string): string {
  let start = 0;
  while (start < phrase.length && !isLetterCode(phrase.charCodeAt(start))) start++;
  let end = start;
  while (end < phrase.length && isLetterCode(phrase.charCodeAt(end))) end++;
  if (end === start) throw new Error(`No word in cue ${JSON.stringify(phrase)}`);
  return phrase.slice(start, end);
}

interface Entry {
  readonly word: string;
  readonly caseSensitive: boolean;
  readonly kinds: number;
}

/**
 * Words to look up, each tagged with bit flags of what it is a cue for. Most words of a text are in no table and
 * cost one Map miss; a hit is confirmed letter by letter, as hashes collide.
 */
export class WordTable {
  private readonly entries = new Map<number, Entry[]>();
  /**
   * A bit per filter slot of the entries: most words are rejected without a Map lookup. The slot holds whether
   * the word opens with a capital, since case-sensitive entries are mostly capitalised ("DE", "Via") and the
   * commonest words of a text are not ("de", "via").
   */
  private readonly filter = new Int32Array(1 << 11);

  /** Adds `words` (single words) with the flags `kinds`; case-sensitive ones must be written as in the text. */
  add(words: Iterable<string>, kinds: number, caseSensitive: boolean): this {
    for (const word of words) {
      let key = 0;
      for (let i = 0; i < word.length; i++) {
        if (!isLetterCode(word.charCodeAt(i))) throw new Error(`Not a single word: ${JSON.stringify(word)}`);
        key = nextKey(key, word.charCodeAt(i));
      }
      const capital = CAPITAL[word.charCodeAt(0)] as number;
      for (const opening of caseSensitive ? [capital] : [0, 1]) {
        const slot = filterSlot(key, opening);
        this.filter[slot >>> 5] = (this.filter[slot >>> 5] as number) | (1 << (slot & 31));
        ANY_TABLE[slot >>> 5] = (ANY_TABLE[slot >>> 5] as number) | (1 << (slot & 31));
      }
      tablesVersion++;
      const bucket = this.entries.get(key) ?? [];
      bucket.push({ word: caseSensitive ? word : word.toLowerCase(), caseSensitive, kinds });
      this.entries.set(key, bucket);
    }
    return this;
  }

  /** The flags of word `i` of `words`, 0 if it is in no entry. */
  kindsOf(words: WordScan, i: number): number {
    const slot = words.slots[i] as number;
    if (((this.filter[slot >>> 5] as number) & (1 << (slot & 31))) === 0) return 0;
    const key = words.keys[i] as number;
    const start = words.starts[i] as number;
    const bucket = this.entries.get(key);
    if (bucket === undefined) return 0;
    const length = (words.ends[i] as number) - start;
    let kinds = 0;
    for (const entry of bucket) {
      if (entry.word.length === length && sameWord(words.text, start, entry)) kinds |= entry.kinds;
    }
    return kinds;
  }
}

/** A 16-bit slot from a key, mixed so that short words with close keys spread over the filter. */
function filterSlot(key: number, capital: number): number {
  return ((Math.imul(key ^ (key >>> 15), 0x2c1b3c6d) >>> 17) << 1) | capital;
}

function sameWord(text: string, start: number, entry: Entry): boolean {
  for (let i = 0; i < entry.word.length; i++) {
    const code = text.charCodeAt(start + i);
    const expected = entry.word.charCodeAt(i);
    if (entry.caseSensitive ? code !== expected : foldOf(code) !== foldOf(expected)) return false;
  }
  return true;
}

/**
 * Matches of a sticky `pattern` tried at each of `starts` (ascending) that is not inside an earlier match: what
 * a global scan finds, given that every match begins at one of `starts`.
 */
export function matchesAt(text: string, pattern: RegExp, starts: readonly number[]): RegExpExecArray[] {
  const matches: RegExpExecArray[] = [];
  let free = 0;
  for (const start of starts) {
    if (start < free) continue;
    pattern.lastIndex = start;
    const match = pattern.exec(text);
    if (!match) continue;
    free = Math.max(start + 1, pattern.lastIndex);
    matches.push(match);
  }
  return matches;
}

/**
 * Where a pattern that ends at one of `anchors` (ascending positions) can start: the word openings that `opens`
 * accepts in the `reach` chars before each anchor, ascending.
 */
export function startsBefore(text: string, anchors: readonly number[], reach: number, opens: (code: number) => boolean): number[] {
  const found: number[] = [];
  let covered = 0;
  for (const anchor of anchors) {
    for (let i = Math.max(covered, anchor - reach); i < anchor; i++) {
      if (opens(text.charCodeAt(i)) && (i === 0 || !isWordCode(text.charCodeAt(i - 1)))) found.push(i);
    }
    covered = Math.max(covered, anchor);
  }
  return found;
}
