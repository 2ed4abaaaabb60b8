/**
 * The cases of one time window (optionally one slice), column by column from case_metrics: what drift and alerts
 * compute on. Ids, bits, numbers and slice values only.
 */
import type { Db } from '../store/database.js';
import { SLICE_COLUMNS, sliceWhere, type SliceColumn, type SliceFilter } from './overview-types.js';
import type { SecondsRange } from './time-windows.js';
import type { VocabularyColumn } from './vocabulary.js';

/** Baseline windows above this many cases are measured on every k-th case (by id), to keep drift within budget. */
export const BASELINE_CAP = 250_000;

export interface WindowRows {
  /** Cases in the window (the rows hold every `stride`-th of them by id when it is above the cap). */
  total: number;
  stride: number;
  ids: number[];
  masks: number[];
  /** De-identified user text length, characters. */
  chars: number[];
  /** Source-reported prompt tokens, else words of the de-identified user text. */
  tokens: number[];
  /** Mean evaluator score; null without one. */
  scores: (number | null)[];
  /** Slice values as codes into each column's own list of values (null: no value). */
  slices: Record<SliceColumn, CodedColumn>;
  /** Hashed-token counts of the window's vocabulary sample (null for rows outside it); absent until attached. */
  vocabulary?: VocabularyColumn;
}

export interface CodedColumn {
  codes: Int32Array;
  values: (string | null)[];
}

export function emptyRows(): WindowRows {
  return {
    total: 0,
    stride: 1,
    ids: [],
    masks: [],
    chars: [],
    tokens: [],
    scores: [],
    slices: Object.fromEntries(SLICE_COLUMNS.map((c) => [c, { codes: new Int32Array(0), values: [] }])) as unknown as WindowRows['slices'],
  };
}

/** Codes a column of texts (`NULL_TEXT` for no value): each distinct value once, in order of first appearance. */
function coded(parts: string[]): CodedColumn {
  const index = new Map<string, number>();
  const values: (string | null)[] = [];
  const codes = new Int32Array(parts.length);
  for (let i = 0; i < parts.length; i++) {
    const text = parts[i]!;
    let code = index.get(text);
    if (code === undefined) {
      code = values.length;
      index.set(text, code);
      values.push(text === NULL_TEXT ? null : text);
    }
    codes[i] = code;
  }
  return { codes, values };
}

const NULL_TEXT = '\u0001';
const TEXT_SEPARATOR = '\u001e';

/**
 * The window's rows, column by column. One pass of SQL aggregates each column into one text (`group_concat`, in the
 * same scan order for every column), split here: for tens of thousands of rows this is several times faster than
 * handing back a row object per case.
 */
export function loadWindowRows(db: Db, range: SecondsRange, slice?: SliceFilter | null, options: { maxRows?: number } = {}): WindowRows {
  const where = sliceWhere(slice);
  let stride = 1;
  let total: number | null = null;
  if (options.maxRows !== undefined) {
    total = db.prepare(`SELECT count(*) FROM case_metrics WHERE occurred_s >= ? AND occurred_s < ?${where.sql}`).pluck().get(range.from, range.to, ...where.params) as number;
    stride = Math.max(1, Math.ceil(total / options.maxRows));
  }
  const sampled = stride > 1 ? ` AND case_id % ${stride} = 0` : '';
  const texts = SLICE_COLUMNS.map((c) => `group_concat(coalesce(${c}, char(1)), char(30))`);
  const row = db
    .prepare(
      `SELECT count(*), group_concat(case_id, ','), group_concat(signal_mask, ','), group_concat(input_chars, ','),
              group_concat(coalesce(input_tokens, input_words), ','), group_concat(coalesce(eval_score, ''), ','), ${texts.join(', ')}
       FROM case_metrics WHERE occurred_s >= ? AND occurred_s < ?${where.sql}${sampled}`,
    )
    .raw()
    .get(range.from, range.to, ...where.params) as [number, ...(string | number | null)[]];
  if (row[0] === 0) return { ...emptyRows(), total: total ?? 0, stride };
  const numbers = (text: string | number | null | undefined) => String(text ?? '').split(',').map(Number);
  const slices = SLICE_COLUMNS.map((_, i) => coded(String(row[6 + i] ?? '').split(TEXT_SEPARATOR)));
  return {
    total: total ?? row[0],
    stride,
    ids: numbers(row[1]),
    masks: numbers(row[2]),
    chars: numbers(row[3]),
    tokens: numbers(row[4]),
    scores: String(row[5] ?? '').split(',').map((v) => (v === '' ? null : Number(v))),
    slices: Object.fromEntries(SLICE_COLUMNS.map((c, i) => [c, slices[i]!])) as unknown as WindowRows['slices'],
  };
}

/** The rows at the given positions. */
export function subset(rows: WindowRows, positions: readonly number[]): WindowRows {
  const n = positions.length;
  const pick = <T>(column: readonly T[]): T[] => {
    const out = new Array<T>(n);
    for (let k = 0; k < n; k++) out[k] = column[positions[k]!]!;
    return out;
  };
  const pickCodes = (codes: Int32Array): Int32Array => {
    const out = new Int32Array(n);
    for (let k = 0; k < n; k++) out[k] = codes[positions[k]!]!;
    return out;
  };
  return {
    total: n * rows.stride,
    stride: rows.stride,
    ids: pick(rows.ids),
    masks: pick(rows.masks),
    chars: pick(rows.chars),
    tokens: pick(rows.tokens),
    scores: pick(rows.scores),
    slices: Object.fromEntries(SLICE_COLUMNS.map((c) => [c, { codes: pickCodes(rows.slices[c].codes), values: rows.slices[c].values }])) as unknown as WindowRows['slices'],
    ...(rows.vocabulary ? { vocabulary: pick(rows.vocabulary) } : {}),
  };
}

/** Row positions per value of a slice field. */
export function positionsByValue(rows: WindowRows, field: SliceColumn): Map<string | null, number[]> {
  const { codes, values } = rows.slices[field];
  const byCode = values.map((): number[] => []);
  for (let i = 0; i < codes.length; i++) byCode[codes[i]!]!.push(i);
  return new Map(values.map((value, code) => [value, byCode[code]!] as const).filter(([, positions]) => positions.length > 0));
}
