/**
 * A preview of a generic log's first records for the field-mapping screen: its kind (JSONL or CSV, with the CSV
 * delimiter guessed), its columns (CSV header names, or JSON paths down to a few levels) with their value types,
 * and the first rows with every cell run through the de-identifier here in main. Raw cells never leave this
 * module; a suggested mapping from the column names pre-fills the form.
 */
import { closeSync, openSync, readSync } from 'node:fs';
import { constants, gunzipSync } from 'node:zlib';
import type { Deidentifier } from '../../deid/deidentifier.js';
import { QuarryError } from '../../errors.js';
import { asRaw, type RawText } from '../../text.js';
import { isObject, type JsonRecord } from '../formats/format.js';
import { csvRecords, jsonRecords, type SourceRecord } from '../record-source.js';
import { checkInputFile, openSource } from '../source-stream.js';
import type { FieldMapping, SourceProfile } from './source-profile.js';

export const PREVIEW_ROWS = 12;
const MAX_COLUMNS = 40;
/** De-identify at most this much of a cell: the preview shows far less, and a cut never lands in what is shown. */
const CELL_READ = 2000;
const CELL_SHOWN = 140;

export type ColumnType = 'text' | 'number' | 'boolean' | 'list' | 'object' | 'empty';

export interface PreviewColumn {
  name: string;
  type: ColumnType;
  /** Rows (of the previewed ones) where the column has a value. */
  filled: number;
}

export interface SourcePreview {
  kind: 'jsonl' | 'csv';
  csv: { delimiter: string; header: boolean; quote: string } | null;
  columns: PreviewColumn[];
  /** De-identified cells, one array per row in column order ('' when empty). */
  rows: { line: number; cells: string[] }[];
  /** Rows that could not be read, by line and reason. */
  problems: { line: number; reason: string }[];
  suggested: Partial<FieldMapping>;
}

const DELIMITERS = [',', ';', '\t', '|'];

/** The first few KB of the (decompressed) file, to guess its kind and delimiter. */
function head(file: string): string {
  const fd = openSync(file, 'r');
  const buffer = Buffer.alloc(64 * 1024);
  let size: number;
  try {
    size = readSync(fd, buffer, 0, buffer.length, 0);
  } finally {
    closeSync(fd);
  }
  let bytes = buffer.subarray(0, size);
  if (bytes[0] === 0x1f && bytes[1] === 0x8b) {
    try {
      bytes = gunzipSync(bytes, { finishFlush: constants.Z_SYNC_FLUSH }); // a cut-off stream is fine
    } catch {
      throw new QuarryError('ingest-gzip-corrupt', `${file} starts like a gzip file but cannot be decompressed.`);
    }
  }
  return bytes.toString('utf8');
}

/** JSONL when the first non-empty line is a JSON object, CSV otherwise, with the delimiter found most in line 1. */
export function sniffKind(text: string): { kind: 'jsonl' | 'csv'; delimiter: string } {
  const first = text.split(/\r?\n/).find((l) => l.trim() !== '') ?? '';
  // JSON lines, or a whole-array / `{"data": [...]}` export (jsonRecords streams both).
  if (/^[{[]/.test(first.trim())) return { kind: 'jsonl', delimiter: ',' };
  const counts = DELIMITERS.map((d) => first.split(d).length - 1);
  const best = counts.indexOf(Math.max(...counts));
  return { kind: 'csv', delimiter: DELIMITERS[best] ?? ',' };
}

function typeOf(value: unknown): ColumnType {
  if (value === undefined || value === null || value === '') return 'empty';
  if (typeof value === 'number') return 'number';
  if (typeof value === 'boolean') return 'boolean';
  if (Array.isArray(value)) return 'list';
  if (isObject(value)) return 'object';
  const text = String(value).trim();
  if (text !== '' && Number.isFinite(Number(text))) return 'number';
  if (/^(true|false|yes|no)$/i.test(text)) return 'boolean';
  if (/^\s*\[\s*\{/.test(text)) return 'list';
  return 'text';
}

/** JSON leaves as dot paths, down to three levels; arrays stay whole (a messages list maps as one field). */
function flatten(record: JsonRecord, prefix = '', depth = 0, out: Record<string, unknown> = {}): Record<string, unknown> {
  for (const [key, value] of Object.entries(record)) {
    const path = prefix ? `${prefix}.${key}` : key;
    if (isObject(value) && depth < 2) flatten(value, path, depth + 1, out);
    else out[path] = value;
  }
  return out;
}

function cellText(value: unknown): string {
  if (value === undefined || value === null) return '';
  const text = typeof value === 'string' ? value : JSON.stringify(value);
  return text.slice(0, CELL_READ);
}

const GUESSES: [keyof FieldMapping | `signals.${string}` | `slices.${string}` | 'turn.role' | 'turn.content', RegExp][] = [
  ['recordId', /^(id|record_?id|request_?id|message_?id|uuid)$/i],
  ['conversationId', /^(conversation|session|thread|chat)_?id$/i],
  ['timestamp', /^(timestamp|time|created_?at|date|ts)$/i],
  ['messages', /^(messages|conversation|turns|request\.messages)$/i],
  ['turn.role', /^(role|speaker|author)$/i],
  ['turn.content', /^(content|text|message|utterance)$/i],
  ['prompt', /^(prompt|question|input|query|user_?(message|input|text)?)$/i],
  ['response', /^(response|answer|output|completion|reply|assistant_?(message|response)?)$/i],
  ['system', /^(system|system_?prompt|instructions)$/i],
  ['signals.thumbs', /^(thumbs?|feedback|rating|vote|user_?feedback)$/i],
  ['signals.regenerated', /^regenerat(ed|ions?)$/i],
  ['signals.escalated', /^(escalated|handoff|escalation)$/i],
  ['signals.latency_ms', /^latency(_?ms)?$/i],
  ['signals.cost_usd', /^cost(_?usd)?$/i],
  ['signals.confidence', /^confidence$/i],
  ['slices.tier', /^(tier|plan|segment)$/i],
  ['slices.intent', /^(intent|topic|category)$/i],
  ['slices.language', /^(lang|language|locale)$/i],
  ['slices.product_area', /^(product_?area|product|area|feature)$/i],
  ['slices.model', /^(model|model_?name|llm)$/i],
];

/** A first mapping from column names alone; the user confirms or changes it. */
export function suggestMapping(columns: readonly string[]): Partial<FieldMapping> {
  const picks = new Map<string, string>();
  for (const [target, pattern] of GUESSES) {
    const column = columns.find((c) => pattern.test(c) || pattern.test(c.split('.').at(-1)!));
    if (column && ![...picks.values()].includes(column)) picks.set(target, column);
  }
  const get = (k: string) => picks.get(k);
  const signals: Record<string, unknown> = {};
  const slices: Record<string, string> = {};
  for (const [k, v] of picks) {
    if (k === 'signals.thumbs') signals.thumbs = { field: v };
    else if (k.startsWith('signals.')) signals[k.slice(8)] = v;
    else if (k.startsWith('slices.')) slices[k.slice(7)] = v;
  }
  const layout: Partial<FieldMapping> = get('messages')
    ? { messages: get('messages') }
    : get('prompt')
      ? { prompt: get('prompt'), response: get('response'), system: get('system') }
      : get('turn.role') && get('turn.content') && get('conversationId')
        ? { turn: { role: get('turn.role')!, content: get('turn.content')! } }
        : {};
  return JSON.parse(
    JSON.stringify({ recordId: get('recordId'), conversationId: get('conversationId'), timestamp: get('timestamp'), ...layout, signals, slices }),
  ) as Partial<FieldMapping>;
}

/**
 * Previews the first rows of `file`. Without `options`, the kind and CSV delimiter are guessed; pass a profile's
 * kind and CSV options to preview the file as the form currently describes it.
 */
export async function previewSource(
  file: string,
  deidentifier: Deidentifier,
  options: Pick<SourceProfile, 'kind' | 'csv'> | null = null,
): Promise<SourcePreview> {
  checkInputFile(file);
  const sniffed = sniffKind(head(file));
  const kind = options?.kind ?? sniffed.kind;
  const csv = kind === 'csv' ? { delimiter: sniffed.delimiter, header: true, quote: '"', ...options?.csv } : null;
  const source = openSource(file);
  const records: AsyncGenerator<SourceRecord> = csv ? csvRecords(source.stream, csv) : jsonRecords(source.stream, file);
  const read: { line: number; flat: Record<string, unknown> }[] = [];
  const problems: { line: number; reason: string }[] = [];
  try {
    for await (const item of records) {
      if (item.record) read.push({ line: item.line, flat: csv ? item.record : flatten(item.record) });
      else problems.push({ line: item.line, reason: item.error!.message });
      if (read.length >= PREVIEW_ROWS || problems.length >= PREVIEW_ROWS) break;
    }
  } catch (error) {
    throw new QuarryError('preview-failed', `Cannot read the first rows of ${file}: ${(error as NodeJS.ErrnoException).code ?? 'read error'}.`);
  } finally {
    await records.return(undefined);
    source.close();
  }

  const names: string[] = [];
  for (const { flat } of read) for (const name of Object.keys(flat)) if (!names.includes(name) && names.length < MAX_COLUMNS) names.push(name);
  const columns: PreviewColumn[] = names.map((name) => {
    const types = read.map((r) => typeOf(r.flat[name])).filter((t) => t !== 'empty');
    const distinct = [...new Set(types)];
    const type: ColumnType = distinct.length === 0 ? 'empty' : distinct.length === 1 ? distinct[0]! : distinct.every((t) => t === 'number' || t === 'boolean') ? 'number' : 'text';
    return { name, type, filled: types.length };
  });
  // Each row is one case for the de-identifier, so a name in two cells gets the same placeholder.
  const deidentified = await deidentifier.deidentifyCases(read.map((r) => names.map((n) => asRaw(cellText(r.flat[n])) as RawText)));
  const rows = read.map((r, i) => ({
    line: r.line,
    cells: deidentified[i]!.texts.map((t) => (t.length > CELL_SHOWN ? `${t.slice(0, CELL_SHOWN - 1)}…` : t)),
  }));
  return { kind, csv, columns, rows, problems, suggested: suggestMapping(names) };
}
