/**
 * Turns an input stream into numbered records: JSONL line by line (or the whole file as one JSON document when
 * its first line is not JSON on its own and the file is small enough), or CSV rows through csv-parse's streaming
 * parser. A record that cannot be read comes out as an error with its line and the field at fault, never its text.
 * Lines are split on bytes: a UTF-8 byte order mark is dropped, a line longer than MAX_LINE_BYTES is skipped
 * without being held (reported as too long), and a record with invalid UTF-8 bytes is quarantined naming the
 * field that holds them, so nothing is stored with silently replaced characters. A file that opens with `[` (one JSON
 * array of records) or `{"data": [` (an API page) is streamed element by element instead (formats/json-array.ts).
 */
import { isUtf8 } from 'node:buffer';
import { text as readAll } from 'node:stream/consumers';
import { basename } from 'node:path';
import { Readable } from 'node:stream';
import { parse, type CsvError, type Options } from 'csv-parse';
import { RecordError, type JsonRecord } from './formats/format.js';
import { jsonArrayRecords, sniffStream } from './formats/json-array.js';
import { parseJsonLine } from './formats/json-record.js';
import { openSource } from './source-stream.js';

export interface SourceRecord {
  line: number;
  record?: JsonRecord;
  error?: RecordError;
}

/** A file whose first line is not JSON on its own may be one pretty-printed document, if it is not huge. */
export const WHOLE_DOCUMENT_LIMIT = 64 * 1024 * 1024;

async function wholeDocument(file: string): Promise<JsonRecord | null> {
  const source = openSource(file);
  try {
    if (!source.gzip && source.totalBytes > WHOLE_DOCUMENT_LIMIT) return null;
    let size = 0;
    source.stream.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > WHOLE_DOCUMENT_LIMIT) source.stream.destroy(new Error('too large'));
    });
    const json: unknown = JSON.parse((await readAll(source.stream)).replace(/^\uFEFF/, ''));
    return typeof json === 'object' && json !== null && !Array.isArray(json) ? (json as JsonRecord) : null;
  } catch {
    return null;
  } finally {
    source.close();
  }
}

/** The longest line (JSONL record or CSV physical line) read; a longer one is skipped, never held whole. */
export const MAX_LINE_BYTES = 32 * 1024 * 1024;

/** One physical line: its text (without the line break), or null when it was longer than the limit. */
export interface PhysicalLine {
  line: number;
  text: string | null;
  /** The line's bytes are not valid UTF-8 (the text has U+FFFD where they were). */
  invalidUtf8: boolean;
}

const BOM = Buffer.from([0xef, 0xbb, 0xbf]);

/**
 * Splits a byte stream on `\n`, numbering lines from 1; memory stays bounded by `maxBytes` per line. Lines come
 * out in batches, one per chunk read, so a file of short lines costs one await per chunk rather than per line.
 */
export async function* physicalLineBatches(stream: AsyncIterable<Buffer | string>, maxBytes = MAX_LINE_BYTES): AsyncGenerator<PhysicalLine[]> {
  let parts: Buffer[] = [];
  let size = 0;
  let tooLong = false;
  let lineNumber = 0;
  const finish = (): PhysicalLine => {
    lineNumber += 1;
    if (tooLong) {
      parts = [];
      size = 0;
      tooLong = false;
      return { line: lineNumber, text: null, invalidUtf8: false };
    }
    let bytes = parts.length === 1 ? parts[0]! : Buffer.concat(parts, size);
    parts = [];
    size = 0;
    // A byte order mark opens the file's first line only (it may arrive split over chunks).
    if (lineNumber === 1 && bytes.subarray(0, 3).equals(BOM)) bytes = bytes.subarray(3);
    if (bytes.length > 0 && bytes[bytes.length - 1] === 0x0d) bytes = bytes.subarray(0, bytes.length - 1);
    return { line: lineNumber, text: bytes.toString('utf8'), invalidUtf8: !isUtf8(bytes) };
  };
  const take = (piece: Buffer): void => {
    if (tooLong) return;
    if (size + piece.length > maxBytes) {
      tooLong = true;
      parts = [];
      size = 0;
      return;
    }
    if (piece.length > 0) {
      parts.push(piece);
      size += piece.length;
    }
  };
  for await (const chunk of stream) {
    const buffer = typeof chunk === 'string' ? Buffer.from(chunk, 'utf8') : chunk;
    const batch: PhysicalLine[] = [];
    let from = 0;
    for (let at = buffer.indexOf(0x0a, from); at !== -1; at = buffer.indexOf(0x0a, from)) {
      take(buffer.subarray(from, at));
      batch.push(finish());
      from = at + 1;
    }
    take(buffer.subarray(from));
    if (batch.length > 0) yield batch;
  }
  if (size > 0 || tooLong) yield [finish()];
}

/** The lines of `physicalLineBatches` one by one. */
export async function* physicalLines(stream: AsyncIterable<Buffer | string>, maxBytes = MAX_LINE_BYTES): AsyncGenerator<PhysicalLine> {
  for await (const batch of physicalLineBatches(stream, maxBytes)) yield* batch;
}

/** The reason given for a line over MAX_LINE_BYTES. */
export function lineTooLong(maxBytes = MAX_LINE_BYTES): RecordError {
  return new RecordError('', `line too long: over ${Math.round(maxBytes / (1024 * 1024))} MiB, skipped without being held in memory (split the record, or export in smaller batches)`);
}

/** The dot path of the first string (key or value) in `value` holding U+FFFD, or null when there is none. */
export function replacedField(value: unknown, path = ''): string | null {
  if (typeof value === 'string') return value.includes('\uFFFD') ? path : null;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const found = replacedField(value[i], path ? `${path}.${i}` : String(i));
      if (found !== null) return found;
    }
    return null;
  }
  if (typeof value === 'object' && value !== null) {
    for (const [key, item] of Object.entries(value)) {
      const here = path ? `${path}.${key}` : key;
      if (key.includes('\uFFFD')) return here;
      const found = replacedField(item, here);
      if (found !== null) return found;
    }
  }
  return null;
}

/** A record read from bytes that are not valid UTF-8, as an error naming the field that holds them. */
export function invalidUtf8(field: string | null): RecordError {
  return new RecordError(field ?? '', 'contains bytes that are not valid UTF-8 (re-export the file as UTF-8)');
}

/**
 * JSONL records, one per non-empty line; `file` is re-read as one document if the first line is not JSON. A JSON
 * array of records, or an API page `{"data": [...]}`, is streamed element by element (the limit then applies to
 * each element), each numbered by the line it starts on.
 */
export async function* jsonRecords(stream: AsyncIterable<Buffer | string>, file: string, maxLineBytes = MAX_LINE_BYTES): AsyncGenerator<SourceRecord> {
  const { shape, chunks } = await sniffStream(stream);
  if (shape !== 'lines') {
    try {
      yield* jsonArrayRecords(chunks, shape, basename(file), maxLineBytes);
    } finally {
      await chunks.return(undefined);
    }
    return;
  }
  const batches = physicalLineBatches(chunks, maxLineBytes);
  let first = true;
  try {
    for await (const batch of batches) for (const { line: lineNumber, text: line, invalidUtf8: invalid } of batch) {
      if (line === null) {
        first = false;
        yield { line: lineNumber, error: lineTooLong(maxLineBytes) };
        continue;
      }
      if (line.trim() === '') continue;
      let parsed: SourceRecord;
      try {
        const record = parseJsonLine(line);
        parsed = invalid ? { line: lineNumber, error: invalidUtf8(replacedField(record)) } : { line: lineNumber, record };
      } catch (error) {
        if (!(error instanceof RecordError)) throw error;
        const document = first ? await wholeDocument(file) : null;
        if (document) {
          yield { line: lineNumber, record: document };
          return;
        }
        parsed = { line: lineNumber, error: invalid ? invalidUtf8(null) : error };
      }
      first = false;
      yield parsed;
    }
  } finally {
    await batches.return(undefined);
  }
}

export interface CsvReadOptions {
  delimiter: string;
  header: boolean;
  quote: string;
}

/** Column names from a header row: blanks become `column_N`, repeats get `_2`, `_3`. */
export function headerNames(row: string[]): string[] {
  const seen = new Map<string, number>();
  return row.map((raw, i) => {
    const base = raw.trim() || `column_${i + 1}`;
    const count = (seen.get(base) ?? 0) + 1;
    seen.set(base, count);
    return count === 1 ? base : `${base}_${count}`;
  });
}

/** Why csv-parse refused a row, in words that never quote the row. */
function csvReason(error: CsvError): string {
  switch (error.code) {
    case 'CSV_QUOTE_NOT_CLOSED':
      return 'a quoted field is never closed';
    case 'INVALID_OPENING_QUOTE':
      return 'a quote inside an unquoted field (quote the whole field and double the quote)';
    case 'CSV_INVALID_CLOSING_QUOTE':
      return 'a closing quote is followed by something other than the delimiter';
    case 'CSV_NON_TRIMABLE_CHAR_AFTER_CLOSING_QUOTE':
      return 'text after a closing quote';
    case 'CSV_MAX_RECORD_SIZE':
      return 'the row is too large';
    default:
      return `the row cannot be parsed (${error.code})`;
  }
}

/**
 * CSV rows as column → text records, numbered by the line they start on. Rows with more or fewer fields than the
 * header, and rows csv-parse cannot read, come out as errors; reading goes on with the next row.
 */
export async function* csvRecords(stream: Readable, options: CsvReadOptions, maxLineBytes = MAX_LINE_BYTES): AsyncGenerator<SourceRecord> {
  // Records and refusals are numbered in parse order (both callbacks run synchronously as csv-parse reads), by
  // the line each starts on: the line after the previous record or refusal ended, past empty lines.
  let previousEnd = 0;
  let emptySoFar = 0;
  const startOf = (end: number, empty: number): number => {
    const start = Math.min(previousEnd + 1 + (empty - emptySoFar), end);
    previousEnd = end;
    emptySoFar = empty;
    return start;
  };
  const skipped: SourceRecord[] = [];
  type Numbered = { record: string[]; line: number; end: number };
  const parserOptions: Options<Numbered, string[]> = {
    delimiter: options.delimiter,
    quote: options.quote,
    bom: true,
    relax_column_count: true,
    // Strict quotes: relaxing them would let a quote left open merge the next rows into one silently.
    skip_empty_lines: true,
    skip_records_with_error: true,
    on_record: (record, context) => ({ record, line: startOf(context.lines, context.empty_lines), end: context.lines }),
    on_skip: (error) => {
      const end = Number(error?.lines) || previousEnd;
      // csv-parse may report one broken record twice; one quarantine entry for it is enough.
      if (end <= previousEnd && skipped.length > 0) return undefined;
      const line = startOf(end, Number(error?.empty_lines ?? emptySoFar));
      if (error) skipped.push({ line, error: new RecordError('', csvReason(error) + (end > line ? ` (lines ${line} to ${end})` : '')) });
      return undefined;
    },
  };
  // Physical lines go to csv-parse as text: a line over the limit is replaced by an empty one (keeping the line
  // numbers) and reported as too long; lines with invalid UTF-8 are remembered, to refuse the rows they are in.
  const invalidLines = new Set<number>();
  const batches = physicalLineBatches(stream, maxLineBytes);
  async function* texts(): AsyncGenerator<string> {
    for await (const batch of batches) {
      let out = '';
      for (const { line, text, invalidUtf8: invalid } of batch) {
        if (text === null) {
          const at = skipped.findIndex((s) => s.line > line);
          skipped.splice(at < 0 ? skipped.length : at, 0, { line, error: lineTooLong(maxLineBytes) });
          out += '\n';
          continue;
        }
        if (invalid) invalidLines.add(line);
        out += `${text}\n`;
      }
      yield out;
    }
  }
  const input = Readable.from(texts());
  // parse()'s typings tie on_record's result to records without columns; ours wraps each row with its lines.
  const parser = parse(parserOptions as unknown as Options);
  input.on('error', (error) => parser.destroy(error));
  input.pipe(parser);
  let columns: string[] | null = null;
  const skippedBefore = (line: number): SourceRecord[] => {
    const count = skipped.findIndex((s) => s.line >= line);
    return skipped.splice(0, count < 0 ? skipped.length : count);
  };
  try {
    for await (const { record, line, end } of parser as AsyncIterable<Numbered>) {
      yield* skippedBefore(line);
      if (columns === null) {
        columns = options.header ? headerNames(record) : record.map((_, i) => `column_${i + 1}`);
        if (options.header) continue;
      }
      if (record.length !== columns.length) {
        const span = end > line ? ` (the record runs from line ${line} to ${end}: is a quote left open?)` : '';
        yield { line, error: new RecordError('', `the row has ${record.length} fields where the header has ${columns.length}${span}`) };
        continue;
      }
      const row: JsonRecord = Object.fromEntries(columns.map((name, i) => [name, record[i]]));
      if (invalidLines.size > 0 && [...invalidLines].some((l) => l >= line && l <= end)) {
        for (let l = line; l <= end; l++) invalidLines.delete(l);
        yield { line, error: invalidUtf8(replacedField(row)) };
        continue;
      }
      yield { line, record: row };
    }
    yield* skippedBefore(Infinity);
  } finally {
    parser.destroy();
    input.destroy();
  }
}
