/** Finding a literal term in a text, as whole words: shared by the term lists and within-case propagation. */
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
