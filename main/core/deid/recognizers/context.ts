/**
 * Context words: the few words around a candidate that tell a phone number from an order number, or an ID
 * from a measurement. Recognizers look only at a short window so that a keyword far away cannot vouch for an
 * unrelated number.
 */

/** Builds a case-insensitive, Unicode-aware test for any of `words` as whole words. */
export function contextPattern(words: readonly string[]): RegExp {
  const alternatives = [...words]
    .sort((a, b) => b.length - a.length)
    .map((word) => word.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/ /g, '\\s+'))
    .join('|');
  return new RegExp(`(?<![\\p{L}\\p{N}])(?:${alternatives})(?![\\p{L}])`, 'iu');
}

/**
 * A case-insensitive form of the regex source `words` for use inside a case-sensitive regex: names after a cue
 * must stay capitalised, and V8 scans Latin-1 classes much faster without the `i` flag.
 */
export function caseless(words: string): string {
  return words.replace(/\\.|\p{L}/gu, (letter) => {
    if (letter.startsWith('\\')) return letter;
    const upper = letter.toUpperCase();
    return upper === letter.toLowerCase() ? letter : `[${upper}${letter.toLowerCase()}]`;
  });
}

export function hasContextBefore(text: string, start: number, pattern: RegExp, window = 40): boolean {
  return pattern.test(text.slice(Math.max(0, start - window), start));
}

export function hasContextAfter(text: string, end: number, pattern: RegExp, window = 25): boolean {
  return pattern.test(text.slice(end, end + window));
}

export function digitsOf(text: string): string {
  return text.replace(/\D/g, '');
}
