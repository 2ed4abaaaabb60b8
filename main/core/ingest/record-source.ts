/**
 * Turns an input stream into numbered records: JSONL line by line (or the whole file as one JSON document when
 * its first line is not JSON on its own and the file is small enough), or CSV rows through csv-parse's streaming
 * parser. A record that cannot be read comes out as an error with its line and the field at fault, never its text.
 */
import { createInterface } from 'node:readline';
import { text as readAll } from 'node:stream/consumers';
import type { Readable } from 'node:stream';
import { parse, type CsvError, type Options } from 'csv-parse';
import { RecordError, type JsonRecord } from './formats/format.js';
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
    const json: unknown = JSON.parse(await readAll(source.stream));
    return typeof json === 'object' && json !== null && !Array.isArray(json) ? (json as JsonRecord) : null;
  } catch {
    return null;
  } finally {
    source.close();
  }
}

/** JSONL records, one per non-empty line; `file` is re-read as one document if the first line is not JSON. */
export async function* jsonRecords(stream: Readable, file: string): AsyncGenerator<SourceRecord> {
  const lines = createInterface({ input: stream, crlfDelay: Infinity });
  let lineNumber = 0;
  let first = true;
  try {
    for await (const line of lines) {
      lineNumber += 1;
      if (line.trim() === '') continue;
      let parsed: SourceRecord;
      try {
        parsed = { line: lineNumber, record: parseJsonLine(line) };
      } catch (error) {
        if (!(error instanceof RecordError)) throw error;
        const document = first ? await wholeDocument(file) : null;
        if (document) {
          yield { line: lineNumber, record: document };
          return;
        }
        parsed = { line: lineNumber, error };
      }
      first = false;
      yield parsed;
    }
  } finally {
    lines.close();
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
export async function* csvRecords(stream: Readable, options: CsvReadOptions): AsyncGenerator<SourceRecord> {
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
  // parse()'s typings tie on_record's result to records without columns; ours wraps each row with its lines.
  const parser = parse(parserOptions as unknown as Options);
  stream.on('error', (error) => parser.destroy(error));
  stream.pipe(parser);
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
      yield { line, record: Object.fromEntries(columns.map((name, i) => [name, record[i]])) };
    }
    yield* skippedBefore(Infinity);
  } finally {
    parser.destroy();
  }
}
