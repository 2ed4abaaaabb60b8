/** Finding a literal term in a text, as whole words: shared by the term lists and within-case propagation. */
import { foldedKey, hasOddCase, isLetterCode, isScanned, wordsOf } from './recognizers/word-scan.js';

const WORD = /[\p{L}\p{N}]/u;

export interface Occurrence {
  start: number;
  end: number;
}

/**
 * Every occurrence of `needle` in `text` that is not glued to a longer word: where the needle starts (ends)
 * with a letter or digit, the character before (after) it must not be one. Case-insensitive unless asked.
 */
export function findWholeWords(text: string, needle: string, caseSensitive = false, lowered?: string): Occurrence[] {
  // `lowered`: the text already lower-cased by the caller, who searches it for many needles.
  const haystack = caseSensitive ? text : (lowered ?? text.toLocaleLowerCase());
  const target = caseSensitive ? needle : needle.toLocaleLowerCase();
  // Lower-casing that changes a string's length would shift every offset; such texts are not searched.
  if (!target || haystack.length !== text.length) return [];
  const gluedBefore = WORD.test(target[0]!);
  const gluedAfter = WORD.test(target.at(-1)!);
  const found: Occurrence[] = [];
  for (let at = haystack.indexOf(target); at !== -1; at = haystack.indexOf(target, at + 1)) {
    const end = at + target.length;
    if (gluedBefore && at > 0 && WORD.test(text[at - 1]!)) continue;
    if (gluedAfter && end < text.length && WORD.test(text[end]!)) continue;
    found.push({ start: at, end });
  }
  return found;
}

export interface Needle {
  readonly value: string;
  readonly caseSensitive: boolean;
}

/**
 * `findWholeWords` for many needles in one text, each answer the same. A needle that opens with a letter of the
 * shared word scan can only occur where a scanned word opens with the needle's first word (the char before a
 * whole-word occurrence is no letter), so those needles are looked up in one pass over the scan's word hashes
 * instead of one search through the text each: a case's terms number in the tens and its text in the thousands
 * of chars. Other needles, and lower-cased search in a text whose case the scan does not fold alike, search as before.
 */
export function findWholeWordsMany(text: string, needles: readonly Needle[]): Occurrence[][] {
  const found: Occurrence[][] = [];
  if (needles.length === 0) return found;
  // The text's lower case, made when first needed (no local closure: this runs per text).
  let lowered: string | undefined;
  // A text not scanned yet costs a scan, worth it only for many needles; otherwise each is searched alone.
  const indexable = isScanned(text) || needles.length >= MIN_NEEDLES_TO_SCAN;
  let oddCase: boolean | undefined;
  // A text with no char that lower-cases unlike the fold, in a locale without contextual lower-casing, lower-cases
  // char by char: its lower case has its length, and each word's lower case is that word of it. Such a text is not
  // lower-cased whole; an indexed hit's words are lower-cased alone.
  const charwise = !CONTEXTUAL_LOWER_CASE && indexable && needles.some((needle) => !needle.caseSensitive) && !(oddCase ??= hasOddCase(text));
  const targets: string[] = [];
  const byKey = new Map<number, number[]>();
  FILTER.fill(0);
  for (let n = 0; n < needles.length; n++) {
    const { value, caseSensitive } = needles[n]!;
    const target = caseSensitive ? value : value.toLocaleLowerCase();
    targets.push(target);
    found.push([]);
    // What findWholeWords answers without searching.
    if (!target || (!caseSensitive && !charwise && (lowered ??= text.toLocaleLowerCase()).length !== text.length)) continue;
    let firstEnd = 0;
    while (firstEnd < target.length && isLetterCode(target.charCodeAt(firstEnd))) firstEnd++;
    if (!indexable || firstEnd === 0 || (!caseSensitive && (oddCase ??= hasOddCase(text)))) {
      found[n] = findWholeWords(text, value, caseSensitive, caseSensitive ? undefined : (lowered ??= text.toLocaleLowerCase()));
      continue;
    }
    const key = foldedKey(target, 0, firstEnd);
    const slot = key & FILTER_MASK;
    FILTER[slot >>> 5] = (FILTER[slot >>> 5] as number) | (1 << (slot & 31));
    const list = byKey.get(key);
    if (list) list.push(n);
    else byKey.set(key, [n]);
  }
  if (byKey.size === 0) return found;
  const words = wordsOf(text);
  for (let i = 0; i < words.count; i++) {
    const key = words.keys[i] as number;
    const slot = key & FILTER_MASK;
    if (((FILTER[slot >>> 5] as number) & (1 << (slot & 31))) === 0) continue;
    const at = words.starts[i] as number;
    for (const n of byKey.get(key) ?? []) {
      const target = targets[n]!;
      if (needles[n]!.caseSensitive ? !text.startsWith(target, at) : !lowerStartsWith(text, target, at, charwise ? undefined : (lowered ??= text.toLocaleLowerCase()))) continue;
      // As findWholeWords: the needle opens with a letter, so the char before must not be one.
      if (at > 0 && WORD.test(text[at - 1]!)) continue;
      const end = at + target.length;
      if (WORD.test(target.at(-1)!) && end < text.length && WORD.test(text[end]!)) continue;
      found[n]!.push({ start: at, end });
    }
  }
  return found;
}

const MIN_NEEDLES_TO_SCAN = 8;
/** Whether this locale lower-cases some letter by what follows it (Lithuanian "I" before an accent). */
const CONTEXTUAL_LOWER_CASE = 'I\u0300'.toLocaleLowerCase() !== 'i\u0300' || 'J\u0300'.toLocaleLowerCase() !== 'j\u0300';

/** `lowered.startsWith(target, at)` for the text's lower case, or, without it, for a text that lower-cases char by char. */
function lowerStartsWith(text: string, target: string, at: number, lowered: string | undefined): boolean {
  if (lowered !== undefined) return lowered.startsWith(target, at);
  return at + target.length <= text.length && text.slice(at, at + target.length).toLocaleLowerCase() === target;
}
/** A bit per needle hash, cleared for each text: most words are answered by it. */
const FILTER = new Int32Array(64);
const FILTER_MASK = FILTER.length * 32 - 1;
