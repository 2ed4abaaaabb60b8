/**
 * Records streamed out of a whole-document JSON export: a top-level array of records (`[{…}, {…}]`, Langfuse's UI
 * export, OpenAI chat logs saved as one array) or an API page whose first key is an array of them
 * (`{"data": [{…}], "meta": {…}}`), in constant memory, through @streamparser/json's tokenizer and token parser.
 * Several such documents one after another (API pages saved one per line) are read in turn.
 *
 * Positions: every element is numbered from 1 in file order; its `line` is the line of the file where the element
 * starts (from the tokenizer's byte offsets, counted over the bytes as they stream past), and errors name the
 * element, its line and the byte offset (from the start of the file, byte order mark included). Elements of a
 * minified, single-line array all start on line 1: their element number is what tells them apart.
 *
 * What is kept going and what stops the reading:
 * - an element that is not an object, is not valid JSON inside (a missing comma or colon), is over the size limit
 *   (skipped without being built; a single string value is still held by the tokenizer while it is read), or holds
 *   bytes that are not valid UTF-8 (named by the field that holds them) is quarantined and reading goes on;
 * - a missing comma between elements, an empty slot and a trailing comma are reported and reading goes on;
 * - a token that is not JSON, brackets that do not match, content after the end, or a file that ends inside the
 *   array (truncated) stop it: the records before are kept, and the reason says where the rest was lost.
 * Library messages are never passed on: they may quote record text.
 */
import { isUtf8 } from 'node:buffer';
import { TokenParser, Tokenizer, TokenType, type ParsedTokenInfo } from '@streamparser/json';
import { RecordError, type JsonRecord } from './format.js';

/** How a JSON file's records are laid out, from its first bytes. */
export type JsonShape = 'lines' | 'array' | 'data';

export interface ShapedRecord {
  line: number;
  record?: JsonRecord;
  error?: RecordError;
}

const BOM = Buffer.from([0xef, 0xbb, 0xbf]);
/** Replaces each byte that is not valid UTF-8 before tokenizing, so offsets stay where they were. */
const MARKER = 0x7f;
const MARKER_CHAR = '\x7f';

function isSpace(byte: number | undefined): boolean {
  return byte === 0x20 || byte === 0x09 || byte === 0x0a || byte === 0x0d;
}

/**
 * The shape of a file from its first bytes (byte order mark and whitespace skipped): `[` is an array, `{` whose
 * first key is `"data"` holding an array is an API page, anything else is JSON lines. `null` when `head` is too short
 * to tell and more of the file is to come (`final` false).
 */
export function sniffJsonShape(head: Buffer, final: boolean): JsonShape | null {
  if (!final && head.length < 3 && BOM.subarray(0, head.length).equals(head)) return null;
  let at = head.subarray(0, 3).equals(BOM) ? 3 : 0;
  const skip = (): void => {
    while (at < head.length && isSpace(head[at])) at += 1;
  };
  skip();
  if (at >= head.length) return final ? 'lines' : null;
  if (head[at] === 0x5b) return 'array';
  if (head[at] !== 0x7b) return 'lines';
  at += 1;
  for (const expected of ['"data"', ':', '[']) {
    skip();
    const bytes = Buffer.from(expected);
    const have = head.subarray(at, at + bytes.length);
    if (!bytes.subarray(0, have.length).equals(have)) return 'lines';
    if (have.length < bytes.length) return final ? 'lines' : null;
    at += bytes.length;
  }
  return 'data';
}

/** Reads the first bytes of `chunks` for its shape; `chunks` then continues from the start, nothing lost. */
export async function sniffStream(stream: AsyncIterable<Buffer | string>, limit = 64 * 1024): Promise<{ shape: JsonShape; chunks: AsyncGenerator<Buffer> }> {
  const iterator = stream[Symbol.asyncIterator]();
  const head: Buffer[] = [];
  let size = 0;
  let shape: JsonShape | null = null;
  let ended = false;
  while (shape === null) {
    const next = await iterator.next();
    if (next.done) ended = true;
    else {
      const chunk = typeof next.value === 'string' ? Buffer.from(next.value, 'utf8') : next.value;
      head.push(chunk);
      size += chunk.length;
    }
    shape = sniffJsonShape(Buffer.concat(head, size), ended || size >= limit);
  }
  async function* chunks(): AsyncGenerator<Buffer> {
    try {
      yield* head.splice(0);
      if (ended) return;
      for (let next = await iterator.next(); !next.done; next = await iterator.next()) {
        yield typeof next.value === 'string' ? Buffer.from(next.value, 'utf8') : next.value;
      }
    } finally {
      await iterator.return?.();
    }
  }
  return { shape, chunks: chunks() };
}

/** The length of the UTF-8 sequence at `at`, or 0 when the bytes there are not one (or not all there yet). */
function sequenceLength(buffer: Buffer, at: number): number {
  const lead = buffer[at]!;
  let length: number;
  let low = 0x80;
  let high = 0xbf;
  if (lead >= 0xc2 && lead <= 0xdf) length = 2;
  else if (lead >= 0xe0 && lead <= 0xef) {
    length = 3;
    if (lead === 0xe0) low = 0xa0;
    if (lead === 0xed) high = 0x9f;
  } else if (lead >= 0xf0 && lead <= 0xf4) {
    length = 4;
    if (lead === 0xf0) low = 0x90;
    if (lead === 0xf4) high = 0x8f;
  } else return 0;
  for (let i = 1; i < length; i++) {
    const byte = buffer[at + i];
    if (byte === undefined) return 0;
    if (byte < (i === 1 ? low : 0x80) || byte > (i === 1 ? high : 0xbf)) return 0;
  }
  return length;
}

/** Where a multi-byte sequence cut off by the end of `buffer` starts, or `buffer.length` when none is. */
function incompleteTail(buffer: Buffer): number {
  for (let back = 1; back <= 3 && back <= buffer.length; back++) {
    const byte = buffer[buffer.length - back]!;
    if (byte < 0x80) return buffer.length;
    if (byte >= 0xc0) {
      const needed = byte >= 0xf0 ? 4 : byte >= 0xe0 ? 3 : 2;
      return needed > back ? buffer.length - back : buffer.length;
    }
  }
  return buffer.length;
}

/** The dot path of the first key or string value in `value` holding the marker, or null. */
function markedField(value: unknown, path = ''): string | null {
  if (typeof value === 'string') return value.includes(MARKER_CHAR) ? path : null;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const found = markedField(value[i], path ? `${path}.${i}` : String(i));
      if (found !== null) return found;
    }
    return null;
  }
  if (typeof value === 'object' && value !== null) {
    for (const [key, item] of Object.entries(value)) {
      const here = path ? `${path}.${key}` : key;
      if (key.includes(MARKER_CHAR)) return here;
      const found = markedField(item, here);
      if (found !== null) return found;
    }
  }
  return null;
}

/** A reason that stops reading: thrown out of the tokenizer's callback, turned into the last record. */
class Stop extends Error {
  constructor(
    readonly line: number,
    message: string,
  ) {
    super(message);
  }
}

interface Element {
  index: number;
  line: number;
  /** Byte offset of its first byte in the tokenized stream (byte order mark excluded). */
  start: number;
  /** Builds the element; null once it is refused (not an object, too long, invalid inside). */
  parser: TokenParser | null;
  value?: unknown;
  problem?: string;
  tooLong?: boolean;
}

const VALUE_STARTS = new Set<TokenType>([TokenType.LEFT_BRACE, TokenType.LEFT_BRACKET, TokenType.STRING, TokenType.NUMBER, TokenType.TRUE, TokenType.FALSE, TokenType.NULL]);

function kindOf(token: TokenType): string {
  switch (token) {
    case TokenType.LEFT_BRACKET:
      return 'an array';
    case TokenType.STRING:
      return 'a string';
    case TokenType.NUMBER:
      return 'a number';
    case TokenType.NULL:
      return 'null';
    default:
      return 'a boolean';
  }
}

/**
 * The records of a file of shape `array` or `data` (see sniffJsonShape), as elements complete; `file` names it in
 * reasons. Memory holds the chunk being read, the element being built and nothing else.
 */
export async function* jsonArrayRecords(chunks: AsyncIterable<Buffer>, shape: Exclude<JsonShape, 'lines'>, file: string, maxElementBytes: number): AsyncGenerator<ShapedRecord> {
  const limit = maxElementBytes >= 1024 * 1024 ? `${Math.round(maxElementBytes / (1024 * 1024))} MiB` : `${maxElementBytes} bytes`;
  const keptSoFar = (): string => (kept === 1 ? 'the record before it is kept' : `the ${kept} records before it are kept`);
  const out: ShapedRecord[] = [];
  const tokenizer = new Tokenizer();
  /** Bytes before the tokenized stream (a byte order mark) and bytes tokenized so far. */
  let base = 0;
  let fed = 0;
  let first = true;
  // Lines: `line` is the line at byte `scanned` of the current chunk, which starts at `chunkStart`.
  let chunk: Buffer = Buffer.alloc(0);
  let chunkStart = 0;
  let scanned = 0;
  let line = 1;
  const lineAt = (offset: number): number => {
    const to = Math.min(Math.max(offset - chunkStart, 0), chunk.length);
    for (let at = chunk.indexOf(0x0a, scanned); at !== -1 && at < to; at = chunk.indexOf(0x0a, at + 1)) line += 1;
    scanned = Math.max(scanned, to);
    return line;
  };
  // Offsets of bytes that were not valid UTF-8 (replaced by MARKER), in order, from the element being read on.
  const invalid: number[] = [];
  let carry: Buffer | null = null;

  // Structure: the open containers ('{' or '['), where the array of records is, and what may come next in it.
  const open: number[] = [];
  /** Whether the next string is a key (just after `{` or a comma in an object, inside an element). */
  let expectKey = false;
  const arrayDepth = shape === 'array' ? 1 : 2;
  type State = 'document' | 'wrapper-key' | 'wrapper-colon' | 'wrapper-value' | 'first' | 'after-element' | 'after-comma' | 'wrapper-rest';
  let state: State = 'document';
  let documents = 0;
  let index = 0;
  let element: Element | null = null;
  let kept = 0;

  const where = (offset: number, at = lineAt(offset)): string => `line ${at}, byte ${offset + base}`;
  const named = (e: Element): string => `array element ${e.index} (line ${e.line}, byte ${e.start + base})`;
  const stop = (offset: number, what: string): Stop => {
    const at = lineAt(offset);
    const inside = element ? ` inside ${named(element)}` : '';
    return new Stop(at, `${file}: ${what} at ${where(offset, at)}${inside}; ${keptSoFar()}, the rest of the file was not read`);
  };
  const report = (at: number, message: string): void => {
    out.push({ line: at, error: new RecordError('', message) });
  };

  const finishElement = (end: number): void => {
    const e = element!;
    element = null;
    while (invalid.length > 0 && invalid[0]! < e.start) invalid.shift();
    const hasInvalid = invalid.length > 0 && invalid[0]! <= end;
    while (invalid.length > 0 && invalid[0]! <= end) invalid.shift();
    if (e.tooLong) {
      report(e.line, `${named(e)}: over ${limit}, skipped without being held in memory (split the record, or export in smaller batches)`);
    } else if (e.problem !== undefined) {
      report(e.line, `${named(e)}: ${e.problem}`);
    } else if (e.value === undefined) {
      report(e.line, `${named(e)}: not valid JSON inside it`);
    } else if (hasInvalid) {
      const field = markedField(e.value);
      out.push({ line: e.line, error: new RecordError(field ?? '', `${named(e)}: contains bytes that are not valid UTF-8 (re-export the file as UTF-8)`) });
    } else {
      kept += 1;
      out.push({ line: e.line, record: e.value as JsonRecord });
    }
  };

  const startElement = (token: ParsedTokenInfo): void => {
    index += 1;
    const e: Element = { index, line: lineAt(token.offset), start: token.offset, parser: null };
    element = e;
    if (state === 'after-element') report(e.line, `${named(e)}: no comma before it (read anyway)`);
    if (token.token !== TokenType.LEFT_BRACE) {
      e.problem = `expected a JSON object, found ${kindOf(token.token)}`;
      return;
    }
    const parser = new TokenParser({ paths: ['$'], keepStack: false });
    parser.onValue = ({ value }) => {
      e.value = value;
    };
    parser.onError = () => {
      throw new Error('token parser error');
    };
    e.parser = parser;
  };

  const feed = (token: ParsedTokenInfo): void => {
    const e = element!;
    if (!e.parser) return;
    if (token.offset - e.start > maxElementBytes) {
      e.tooLong = true;
      e.parser = null;
      return;
    }
    try {
      e.parser.write(token);
    } catch {
      e.problem = `not valid JSON inside it, at ${where(token.offset)} (is a comma or colon missing?)`;
      e.parser = null;
    }
  };

  tokenizer.onToken = (token) => {
    const t = token.token;
    const depth = open.length;
    // Inside an element: build it, and see where it ends.
    if (element !== null && depth > arrayDepth) {
      if (t === TokenType.LEFT_BRACE || t === TokenType.LEFT_BRACKET) open.push(t);
      else if (t === TokenType.RIGHT_BRACE || t === TokenType.RIGHT_BRACKET) {
        const opener = t === TokenType.RIGHT_BRACE ? TokenType.LEFT_BRACE : TokenType.LEFT_BRACKET;
        if (open.at(-1) !== opener) throw stop(token.offset, 'a closing bracket that does not match its opening one');
        open.pop();
      } else if (t === TokenType.STRING && expectKey && token.value === '__proto__' && element.parser) {
        // The token parser would set the object's prototype where JSON.parse keeps a plain key: refused instead.
        element.problem = 'holds a key named "__proto__", which is not read';
        element.parser = null;
      }
      expectKey = (t === TokenType.LEFT_BRACE || t === TokenType.COMMA) && open.at(-1) === TokenType.LEFT_BRACE;
      feed(token);
      if (open.length === arrayDepth) finishElement(token.offset);
      return;
    }
    switch (state) {
      case 'document':
        if (shape === 'array' && t === TokenType.LEFT_BRACKET) {
          open.push(t);
          state = 'first';
        } else if (shape === 'data' && t === TokenType.LEFT_BRACE) {
          open.push(t);
          state = 'wrapper-key';
        } else throw stop(token.offset, documents === 0 ? 'unexpected content' : `content after the end of the ${shape === 'array' ? 'array' : 'document'}`);
        documents += 1;
        return;
      case 'wrapper-key':
        if (t !== TokenType.STRING || token.value !== 'data') throw stop(token.offset, 'a page without "data" as its first key');
        state = 'wrapper-colon';
        return;
      case 'wrapper-colon':
        if (t !== TokenType.COLON) throw stop(token.offset, 'not valid JSON');
        state = 'wrapper-value';
        return;
      case 'wrapper-value':
        if (t !== TokenType.LEFT_BRACKET) throw stop(token.offset, '"data" that is not an array');
        open.push(t);
        state = 'first';
        return;
      case 'wrapper-rest':
        // The rest of the page (`"meta": {…}`): only its brackets matter, to find where it ends.
        if (t === TokenType.LEFT_BRACE || t === TokenType.LEFT_BRACKET) open.push(t);
        else if (t === TokenType.RIGHT_BRACE || t === TokenType.RIGHT_BRACKET) {
          const opener = t === TokenType.RIGHT_BRACE ? TokenType.LEFT_BRACE : TokenType.LEFT_BRACKET;
          if (open.at(-1) !== opener) throw stop(token.offset, 'a closing bracket that does not match its opening one');
          open.pop();
          if (open.length === 0) state = 'document';
        }
        return;
      default:
        break;
    }
    // In the array of records, between elements.
    if (VALUE_STARTS.has(t)) {
      startElement(token);
      if (t === TokenType.LEFT_BRACE || t === TokenType.LEFT_BRACKET) {
        open.push(t);
        expectKey = t === TokenType.LEFT_BRACE;
        feed(token);
      } else finishElement(token.offset);
      state = 'after-element';
    } else if (t === TokenType.COMMA) {
      if (state !== 'after-element') report(lineAt(token.offset), `${file}: an empty slot in the array at ${where(token.offset)} (two commas, or one after the opening bracket)`);
      state = 'after-comma';
    } else if (t === TokenType.RIGHT_BRACKET) {
      if (state === 'after-comma') report(lineAt(token.offset), `${file}: a comma before the end of the array at ${where(token.offset)}`);
      open.pop();
      state = shape === 'array' ? 'document' : 'wrapper-rest';
    } else throw stop(token.offset, 'not valid JSON between array elements');
  };
  tokenizer.onError = (error) => {
    throw error;
  };

  /** Holds back a UTF-8 sequence cut by the chunk's end and replaces bytes that are not UTF-8 by MARKER. */
  const clean = (raw: Buffer, final: boolean): Buffer => {
    let bytes: Buffer = carry ? Buffer.concat([carry, raw]) : raw;
    carry = null;
    if (!final) {
      const cut = incompleteTail(bytes);
      if (cut < bytes.length) {
        carry = Buffer.from(bytes.subarray(cut));
        bytes = bytes.subarray(0, cut);
      }
    }
    if (isUtf8(bytes)) return bytes;
    const copy = Buffer.from(bytes);
    for (let at = 0; at < copy.length; ) {
      if (copy[at]! < 0x80) {
        at += 1;
        continue;
      }
      const length = sequenceLength(copy, at);
      if (length > 0) at += length;
      else {
        copy[at] = MARKER;
        invalid.push(fed + at);
        at += 1;
      }
    }
    return copy;
  };

  /** Tokenizes one chunk; the records it completed are in `out`. A Stop (or a tokenizer error) ends the reading. */
  const write = (raw: Buffer, final: boolean): boolean => {
    let bytes = raw;
    if (first) {
      first = false;
      if (bytes.subarray(0, 3).equals(BOM)) {
        base = 3;
        bytes = bytes.subarray(3);
      }
    }
    bytes = clean(bytes, final);
    if (bytes.length === 0) return true;
    chunk = bytes;
    chunkStart = fed;
    scanned = 0;
    try {
      tokenizer.write(bytes);
    } catch (error) {
      if (error instanceof Stop) out.push({ line: error.line, error: new RecordError('', error.message) });
      else {
        const position = Number(/absolute position "(\d+)"/.exec((error as Error).message)?.[1] ?? fed);
        const what = invalid.includes(position) ? 'bytes that are not valid UTF-8' : 'not valid JSON';
        const stopped = stop(position, what);
        out.push({ line: stopped.line, error: new RecordError('', stopped.message) });
      }
      return false;
    }
    fed += bytes.length;
    lineAt(fed);
    const current: Element | null = element;
    if (current !== null && !current.tooLong && fed - current.start > maxElementBytes) {
      current.tooLong = true;
      current.parser = null;
    }
    return true;
  };

  let going = true;
  for await (const raw of chunks) {
    going = write(raw, false);
    yield* out.splice(0);
    if (!going) return;
  }
  if (carry !== null) going = write(Buffer.alloc(0), true);
  if (going) {
    try {
      tokenizer.end();
    } catch {
      // The file ends inside a string, number or literal: said below, as the element or array left open.
    }
    const truncated = element as Element | null;
    if (truncated !== null) {
      report(truncated.line, `${file}: the file ends inside ${named(truncated)} (was it exported completely?); ${keptSoFar()}`);
    } else if (state !== 'document') {
      report(lineAt(fed), `${file}: the file ends before the array (or the page around it) is closed, after element ${index} (was it exported completely?); ${keptSoFar()}`);
    }
  }
  yield* out.splice(0);
}
