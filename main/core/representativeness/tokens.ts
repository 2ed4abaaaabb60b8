/**
 * How representativeness measures a de-identified text: its length in characters (Unicode code points) and its
 * word tokens. A placeholder such as `[PERSON_1]` is one token of its label (`[person]`), so two cases naming
 * different people still share the word; other tokens are runs of letters and digits, lower-cased.
 */

const TOKEN = /\[([A-Z][A-Z0-9_]*?)_\d+\]|[\p{L}\p{N}]+(?:['’][\p{L}]+)*/gu;

/** Length in Unicode code points, so a character outside the BMP counts once. */
export function charLength(text: string): number {
  let n = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    // A high surrogate followed by a low one is one code point.
    if (code >= 0xd800 && code <= 0xdbff && i + 1 < text.length) {
      const next = text.charCodeAt(i + 1);
      if (next >= 0xdc00 && next <= 0xdfff) i++;
    }
    n++;
  }
  return n;
}

/** The text's word tokens in order: lower-cased words and numbers, placeholders as `[label]`. */
export function tokenize(text: string): string[] {
  const out: string[] = [];
  for (const m of text.matchAll(TOKEN)) out.push(m[1] !== undefined ? `[${m[1].toLowerCase()}]` : m[0].toLowerCase());
  return out;
}
