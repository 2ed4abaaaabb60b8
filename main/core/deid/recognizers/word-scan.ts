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

/**
 * What the scan reads of each char, in one load: the case-folded code (`FOLD`, below 0x1000), `CAPITAL` as bit 15,
 * and `ODD_CASE` as bit 14 outside ASCII (see ODD_ASCII). Three tables read apiece took a quarter more of the scan's
 * time (a char loop over the bench corpus's texts: 5.6 against 4.2 ns a char).
 */
const SCAN_CLASS = new Uint16Array(0x10000);
const FOLDED_BITS = 0xfff;
const CAPITAL_BIT = 1 << 15;
const ODD_CASE_BIT = 1 << 14;
for (let code = 0; code < 0x10000; code++) {
  if ((FOLD[code] as number) > FOLDED_BITS) throw new Error(`Folded code of ${code} does not fit the scan's table.`);
  SCAN_CLASS[code] = (FOLD[code] as number) | (CAPITAL[code] === 1 ? CAPITAL_BIT : 0) | (code > 0x7f && ODD_CASE[code] === 1 ? ODD_CASE_BIT : 0);
}

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

/** Typed arrays that scans write their words into, each from some offset on. */
interface ScanBuffers {
  starts: Int32Array<ArrayBuffer>;
  ends: Int32Array<ArrayBuffer>;
  keys: Int32Array<ArrayBuffer>;
  capitals: Uint8Array<ArrayBuffer>;
  slots: Int32Array<ArrayBuffer>;
  cues: Int32Array<ArrayBuffer>;
}

function scanBuffers(capacity: number): ScanBuffers {
  return {
    starts: new Int32Array(capacity),
    ends: new Int32Array(capacity),
    keys: new Int32Array(capacity),
    capitals: new Uint8Array(capacity),
    slots: new Int32Array(capacity),
    cues: new Int32Array(capacity),
  };
}

/** The most words a text of `length` chars holds: each is a letter at least, and a non-letter parts two words. */
const mostWords = (length: number): number => (length + 1) >> 1;

// Allocating typed arrays per text cost more than the scan itself, so `wordsOf` scans into kept buffers, of a size
// that a long log's messages reach (texts up to 128 K chars); a longer text is scanned into buffers of its own.
const KEPT_CAPACITY = 1 << 16;
const shared = scanBuffers(KEPT_CAPACITY);
let lastScan: WordScan | undefined;

/**
 * The union of every word table's filter: a word outside it is in no table, so the recognizers' loops over cue
 * words visit only the few inside. `tablesVersion` changes with every table entry added, so a scan made before
 * is not reused with a filter it did not see.
 */
const ANY_TABLE = new Int32Array(1 << 11);
let tablesVersion = 0;
let lastScanVersion = -1;

/** What one scan found besides the words it wrote. */
interface ScanCounts {
  readonly count: number;
  readonly cueCount: number;
  readonly digits: number;
  readonly oddCase: boolean;
}

/**
 * Scans `text`, writing its words into `buffers` from index `base` on (and its cue words' indices, counted from
 * `base`'s word as 0, from `base` on in `cues`); the buffers must hold `mostWords(text.length)` from `base`.
 */
function scanInto(text: string, buffers: ScanBuffers, base: number): ScanCounts {
  const { starts, ends, keys, capitals, slots, cues } = buffers;
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
    const entry = SCAN_CLASS[code] as number;
    odd |= entry;
    const folded = entry & FOLDED_BITS;
    if (folded !== 0) {
      if (start < 0) {
        start = i;
        opening = entry >>> 15;
      }
      key = (Math.imul(key, 31) + folded) | 0;
      capital |= entry;
      continue;
    }
    if (code >= 48 && code <= 57) digits++;
    if (start < 0) continue;
    const slot = filterSlot(key, opening);
    const at = base + count;
    starts[at] = start;
    ends[at] = i;
    keys[at] = key;
    capitals[at] = capital >>> 15;
    slots[at] = slot;
    if (((ANY_TABLE[slot >>> 5] as number) & (1 << (slot & 31))) !== 0) cues[base + cueCount++] = count;
    count++;
    start = -1;
    key = 0;
    capital = 0;
  }
  return { count, cueCount, digits, oddCase: (odd & ODD_CASE_BIT) !== 0 || (ODD_ASCII && hasOddAscii(text)) };
}

/** A scan into the shared buffers (or, for a text longer than they hold, buffers of its own), read through them. */
function scan(text: string): WordScan {
  const buffers = mostWords(text.length) > shared.starts.length ? scanBuffers(mostWords(text.length)) : shared;
  const { count, cueCount, digits, oddCase } = scanInto(text, buffers, 0);
  const { starts, ends, keys, capitals, slots, cues } = buffers;
  return { text, count, starts, ends, keys, capitals, slots, cues, cueCount, digits, oddCase };
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
 * Scans of a batch of texts, for a caller that reads the batch recognizer by recognizer: each text is scanned once,
 * then `use` makes its scan the kept one before each `detect`. The batch's scans are views of one set of buffers
 * that the next batch's scans reuse (`batchBuffers`): a batch's scans serve until the next `KeptScans` is made, and
 * after that `use` leaves `wordsOf` to scan the text again.
 */
export class KeptScans {
  private readonly scans: WordScan[];
  /** The `tablesVersion` the scans were made with: after a word table is added, `wordsOf` scans again. */
  private readonly version = tablesVersion;
  /** The `batchGeneration` of the scans: a later batch has overwritten them when it changed. */
  private readonly generation: number;

  constructor(texts: readonly string[]) {
    this.scans = keptScans(texts);
    this.generation = batchGeneration;
  }

  /** Makes the scan of text `i` the kept scan: `wordsOf` of that text answers from it until another text is scanned. */
  use(i: number): void {
    if (this.generation !== batchGeneration) {
      lastScan = undefined;
      return;
    }
    lastScan = this.scans[i]!;
    lastScanVersion = this.version;
  }
}

/**
 * The buffers the latest batch's scans are views of, kept for the next batch up to the size of a batch's most words
 * (`MAX_BATCH_CHARS` chars); a batch of one longer text gets buffers of its own. Scanning each text into the shared
 * buffers and copying its words out into arrays of its own, as before, allocated six array buffers a text, and the
 * garbage collector's work on them cost more than the scans. Measured on the bench corpus (patterns only, one thread,
 * five interleaved pairs under load): about 5 % less CPU in all; the batches' scans alone 31 against 46 ms a pass
 * (with the one-load char table, `SCAN_CLASS`). Buffers of each batch's own, not reused, measured slower than the
 * copies: a megabyte or more of buffers a batch made the collector run more often.
 */
let batchBuffers = scanBuffers(0);
let batchGeneration = 0;
/** The most chars `CaseDetector` reads as one batch (case-detection.ts batchesOf). */
export const MAX_BATCH_CHARS = 1 << 19;
const KEPT_BATCH_CAPACITY = mostWords(MAX_BATCH_CHARS);

/** Each text's scan, written into `batchBuffers`, each scan's arrays views cut to its words. */
function keptScans(texts: readonly string[]): WordScan[] {
  let capacity = 0;
  for (const text of texts) capacity += mostWords(text.length);
  if (capacity > batchBuffers.starts.length && capacity <= KEPT_BATCH_CAPACITY) {
    batchBuffers = scanBuffers(Math.max(capacity, Math.min(2 * batchBuffers.starts.length, KEPT_BATCH_CAPACITY)));
  }
  const buffers = capacity > batchBuffers.starts.length ? scanBuffers(capacity) : batchBuffers;
  // The earlier batches' scans, the kept one among them, are overwritten from here.
  batchGeneration++;
  lastScan = undefined;
  const scans: WordScan[] = [];
  let base = 0;
  for (const text of texts) {
    const { count, cueCount, digits, oddCase } = scanInto(text, buffers, base);
    // An object literal of the same shape as `scan`'s (no spread, no side table).
    scans.push({
      text,
      count,
      starts: buffers.starts.subarray(base, base + count),
      ends: buffers.ends.subarray(base, base + count),
      keys: buffers.keys.subarray(base, base + count),
      capitals: buffers.capitals.subarray(base, base + count),
      slots: buffers.slots.subarray(base, base + count),
      cues: buffers.cues.subarray(base, base + cueCount),
      cueCount,
      digits,
      oddCase,
    });
    base += count;
  }
  return scans;
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
