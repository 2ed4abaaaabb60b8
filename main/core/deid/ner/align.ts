/**
 * Maps the model's wordpiece tokens back to character offsets in the text they came from, and decodes BIO
 * tags into entity spans. transformers.js gives token ids but no offsets, so the tokenizer's normalisation
 * (BertNormalizer) is replayed here on a copy of the text that remembers where each character came from.
 */

/** A normalised copy of a text with, for every UTF-16 unit, the original range it was derived from. */
export interface NormalisedText {
  readonly text: string;
  readonly originStart: readonly number[];
  readonly originEnd: readonly number[];
}

export interface NormaliseOptions {
  /** BertNormalizer `lowercase`; when set, accents are stripped too (`strip_accents: null`). */
  readonly lowercase: boolean;
}

/** Character offsets, end exclusive, as JavaScript string indices. */
export interface CharRange {
  readonly start: number;
  readonly end: number;
}

const WHITESPACE = /^\s$/;
const CONTROL = /[\p{Cc}\p{Cf}\p{Co}\p{Cs}]/u;
const COMBINING_MARK = /\p{Mn}/gu;
const PUNCTUATION = /[\p{P}\u0021-\u002F\u003A-\u0040\u005B-\u0060\u007B-\u007E]/u;

function isCjk(cp: number): boolean {
  return (
    (cp >= 0x4e00 && cp <= 0x9fff) ||
    (cp >= 0x3400 && cp <= 0x4dbf) ||
    (cp >= 0x20000 && cp <= 0x2a6df) ||
    (cp >= 0x2a700 && cp <= 0x2b73f) ||
    (cp >= 0x2b740 && cp <= 0x2b81f) ||
    (cp >= 0x2b820 && cp <= 0x2ceaf) ||
    (cp >= 0xf900 && cp <= 0xfaff) ||
    (cp >= 0x2f800 && cp <= 0x2fa1f)
  );
}

/** What one code point becomes: '' for the chars clean_text drops (a dropped char and an emptied one leave the same). */
function pieceOf(char: string, options: NormaliseOptions): string {
  const cp = char.codePointAt(0) ?? 0;
  const isLayoutWhitespace = char === '\t' || char === '\n' || char === '\r';
  if (cp === 0 || cp === 0xfffd || (!isLayoutWhitespace && CONTROL.test(char))) return '';
  if (WHITESPACE.test(char)) return ' ';
  if (options.lowercase) return char.toLowerCase().normalize('NFD').replace(COMBINING_MARK, '');
  return char;
}
/** `pieceOf` by UTF-16 unit, filled as chars are met: with and without lower-casing. */
const LOWERCASE_PIECES: (string | undefined)[] = new Array<string | undefined>(0x10000);
const PIECES: (string | undefined)[] = new Array<string | undefined>(0x10000);

/**
 * Replays BertNormalizer (clean_text, lowercase, accent stripping) code point by code point. CJK padding is
 * not replayed: it only inserts spaces, and the aligner treats a CJK character as a word of its own anyway.
 */
export function normaliseForAlignment(original: string, options: NormaliseOptions): NormalisedText {
  let text = '';
  const originStart: number[] = [];
  const originEnd: number[] = [];
  let index = 0;
  const known = options.lowercase ? LOWERCASE_PIECES : PIECES;
  for (const char of original) {
    const start = index;
    index += char.length;
    // A char of one UTF-16 unit is normalised once per worker, then read back: the regex tests and normalize()
    // per char were most of the alignment's time.
    let piece = char.length === 1 ? known[char.charCodeAt(0)] : undefined;
    if (piece === undefined) {
      piece = pieceOf(char, options);
      if (char.length === 1) known[char.charCodeAt(0)] = piece;
    }
    for (let k = 0; k < piece.length; k++) {
      originStart.push(start);
      originEnd.push(index);
    }
    text += piece;
  }
  return { text, originStart, originEnd };
}

export interface AlignOptions extends NormaliseOptions {
  /** Tokens that stand for no text, e.g. [CLS], [SEP], [PAD]. */
  readonly specialTokens: ReadonlySet<string>;
  readonly unknownToken: string;
  readonly continuationPrefix?: string;
}

/** How far ahead the aligner looks for a piece it did not find where expected before giving up on it. */
const RESYNC_WINDOW = 64;

/**
 * Returns, per token, the range of the original text it covers, or null for special tokens and tokens that
 * could not be placed. Tokens must be in text order, as the tokenizer produced them.
 */
export function alignTokens(
  original: string,
  tokens: readonly string[],
  options: AlignOptions,
): (CharRange | null)[] {
  const prefix = options.continuationPrefix ?? '##';
  const norm = normaliseForAlignment(original, options);
  const text = norm.text;
  let cursor = 0;

  const skipSpaces = (): void => {
    while (cursor < text.length && text[cursor] === ' ') cursor++;
  };
  const codePointAt = (i: number): string => String.fromCodePoint(text.codePointAt(i) ?? 0);
  const isBoundary = (char: string): boolean =>
    char === ' ' || PUNCTUATION.test(char) || isCjk(char.codePointAt(0) ?? 0);
  const toOriginal = (from: number, to: number): CharRange => ({
    start: norm.originStart[from] ?? original.length,
    end: norm.originEnd[to - 1] ?? original.length,
  });

  return tokens.map((token) => {
    if (token === options.unknownToken) {
      // WordPiece turns a whole pre-tokenized word into [UNK]: a punctuation or CJK character alone, or the
      // run up to the next space, punctuation or CJK character.
      skipSpaces();
      if (cursor >= text.length) return null;
      const from = cursor;
      const first = codePointAt(cursor);
      cursor += first.length;
      if (!isBoundary(first)) {
        while (cursor < text.length) {
          const next = codePointAt(cursor);
          if (isBoundary(next)) break;
          cursor += next.length;
        }
      }
      return toOriginal(from, cursor);
    }
    if (options.specialTokens.has(token)) return null;
    const isContinuation = token.startsWith(prefix) && token.length > prefix.length;
    const piece = isContinuation ? token.slice(prefix.length) : token;
    if (!isContinuation) skipSpaces();
    if (!text.startsWith(piece, cursor)) {
      const found = text.indexOf(piece, cursor);
      if (found < 0 || found - cursor > RESYNC_WINDOW) {
        // Same length, different characters (e.g. context-dependent lower-casing): trust the tokenizer's order.
        if (cursor + piece.length > text.length) return null;
        const from = cursor;
        cursor += piece.length;
        return toOriginal(from, cursor);
      }
      cursor = found;
    }
    const from = cursor;
    cursor += piece.length;
    return toOriginal(from, cursor);
  });
}

/** The model's best tag for one token and its probability. */
export interface TokenTag {
  readonly tag: string;
  readonly score: number;
}

export interface EntitySpan extends CharRange {
  /** The tag's entity type, e.g. `PERSON` from `B-PERSON`. */
  readonly label: string;
  /** Mean probability of the tags of the words in the span. */
  readonly score: number;
}

interface Word extends CharRange {
  readonly tag: string;
  readonly score: number;
}

/**
 * Groups tokens into words (a piece and its `##` continuations); a word takes its first piece's tag. A token
 * that covers no text ([CLS], [SEP], an unplaced piece) becomes null: no entity runs across it.
 */
function toWords(
  tokens: readonly string[],
  ranges: readonly (CharRange | null)[],
  tags: readonly TokenTag[],
  prefix: string,
): (Word | null)[] {
  const words: ({ start: number; end: number; tag: string; score: number } | null)[] = [];
  tokens.forEach((token, i) => {
    const range = ranges[i];
    const tag = tags[i];
    if (!range || !tag) {
      words.push(null);
      return;
    }
    const last = words[words.length - 1];
    if (last && token.startsWith(prefix) && token.length > prefix.length) {
      last.end = Math.max(last.end, range.end);
      return;
    }
    words.push({ start: range.start, end: range.end, tag: tag.tag, score: tag.score });
  });
  return words;
}

function splitTag(tag: string): { prefix: 'B' | 'I' | null; label: string } | null {
  if (tag === 'O' || tag === '') return null;
  if ((tag.startsWith('B-') || tag.startsWith('I-')) && tag.length > 2) {
    return { prefix: tag[0] as 'B' | 'I', label: tag.slice(2) };
  }
  return { prefix: null, label: tag };
}

/**
 * BIO decoding over words. An I- tag continues the open span only if it has the same label; otherwise (an
 * I- without a B-, as small models often emit) it opens a span of its own.
 */
export function decodeEntities(
  tokens: readonly string[],
  ranges: readonly (CharRange | null)[],
  tags: readonly TokenTag[],
  continuationPrefix = '##',
): EntitySpan[] {
  const spans: { start: number; end: number; label: string; scores: number[] }[] = [];
  let current: (typeof spans)[number] | null = null;
  for (const word of toWords(tokens, ranges, tags, continuationPrefix)) {
    const parsed = word ? splitTag(word.tag) : null;
    if (!word || !parsed) {
      current = null;
      continue;
    }
    if (parsed.prefix !== 'B' && current && current.label === parsed.label) {
      current.end = word.end;
      current.scores.push(word.score);
    } else {
      current = { start: word.start, end: word.end, label: parsed.label, scores: [word.score] };
      spans.push(current);
    }
  }
  return spans.map(({ start, end, label, scores }) => ({
    start,
    end,
    label,
    score: scores.reduce((a, b) => a + b, 0) / scores.length,
  }));
}
