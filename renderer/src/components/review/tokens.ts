/**
 * The words of a case's de-identified text, for choosing a missed span from the keyboard: each word with the
 * message it is in (its index among the request messages, the response last, as `review:missedPii` counts) and
 * its offsets in the stored text. Placeholders are not words: they are already redacted. A span of several words
 * has the same shape (selection.ts's MessageSpan).
 */
export interface Token {
  field: number;
  start: number;
  end: number;
  text: string;
}

/** A word: letters and digits, joined by the characters found inside e-mails, ids, names and numbers. */
const WORD = /[\p{L}\p{N}](?:[\p{L}\p{N}@._'’+\-/:#]*[\p{L}\p{N}])?/gu;
const PLACEHOLDER = /\[[A-Z][A-Z_]*_\d+\]/g;

/** The words of each field, in reading order. */
export function tokenize(fields: readonly string[]): Token[] {
  const tokens: Token[] = [];
  fields.forEach((text, field) => {
    const redacted = [...text.matchAll(PLACEHOLDER)].map((m) => [m.index, m.index + m[0].length] as const);
    for (const match of text.matchAll(WORD)) {
      const start = match.index;
      const end = start + match[0].length;
      if (redacted.some(([from, to]) => start < to && from < end)) continue;
      tokens.push({ field, start, end, text: match[0] });
    }
  });
  return tokens;
}

/** Indexes of the tokens whose text contains `filter` (case-insensitive); all of them for an empty filter. */
export function matching(tokens: readonly Token[], filter: string): number[] {
  const needle = filter.trim().toLocaleLowerCase();
  const found: number[] = [];
  tokens.forEach((token, i) => {
    if (!needle || token.text.toLocaleLowerCase().includes(needle)) found.push(i);
  });
  return found;
}

/**
 * How many more words, up to `extra`, a span starting at token `first` can take: it stays in one message and
 * never reaches over a placeholder (that text is already redacted).
 */
export function reach(tokens: readonly Token[], fields: readonly string[], first: number, extra: number): number {
  let n = 0;
  for (; n < extra; n += 1) {
    const last = tokens[first + n]!;
    const next = tokens[first + n + 1];
    if (next?.field !== last.field) break;
    if (new RegExp(PLACEHOLDER.source).test(fields[last.field]!.slice(last.end, next.start))) break;
  }
  return n;
}

/** The span from token `first` over `extra` more words (as far as `reach` allows), as the missed-PII report takes it. */
export function spanOf(tokens: readonly Token[], fields: readonly string[], first: number, extra: number): Token {
  const start = tokens[first]!;
  const end = tokens[first + reach(tokens, fields, first, extra)]!.end;
  return { field: start.field, start: start.start, end, text: fields[start.field]!.slice(start.start, end) };
}
