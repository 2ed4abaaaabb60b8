import { stringify } from 'csv-stringify/sync';
import { CHECKLIST_ITEMS } from '../../review/rubric.js';
import type { ReleaseCase, ReleaseSnapshot } from '../release-types.js';
import { rubricText, SCALAR_SIGNALS, SLICE_FIELDS, type ExportFile } from './case-views.js';

/**
 * `csv`: cases.csv, one row per case (golden and regressions together, told apart by `kind`), RFC 4180 as
 * csv-stringify writes it: a header row, comma separated, fields quoted when they hold a comma, quote or line
 * break, UTF-8. Nested values are flattened into columns (`checklist_*`, `signal_*`, `slice_*`, `provenance_*`);
 * the few that are lists stay whole as JSON text (`messages_json`, `rubric_json`, `augmentation_json`,
 * `signal_evaluations_json`). Booleans are `true` / `false`; an absent or null value is an empty field.
 *
 * Texts are written as frozen, with one exception against CSV injection (OWASP): a compliance officer opens this
 * file in a spreadsheet, which runs a cell that begins with `=`, `+`, `-`, `@`, a tab or a carriage return (or
 * their full-width forms) as a formula. Such a value gets a leading `'` (csv-stringify's `escape_formulas`), so
 * the spreadsheet shows it as text. Numbers are not escaped (`-3` stays a number). To keep the escape reversible,
 * a text that already begins with one or more `'` and then one of those characters gets one more `'` too: a
 * reader recovers every value exactly by removing one `'` from a field matching FORMULA_ESCAPED. Every other
 * value round-trips exactly through any CSV parser.
 */

/**
 * `'` (one or more), then a character that starts a spreadsheet formula (csv-stringify's `escape_formulas` set:
 * `=`, `+`, `-`, `@`, tab, carriage return and the full-width `＝`, `＋`, `－`, `＠`). In the written file such a
 * field was escaped: one `'` was added in front, and removing it gives the value back.
 */
export const FORMULA_ESCAPED = /^'+[=+\-@\t\r\uFF1D\uFF0B\uFF0D\uFF20]/;


export const CSV_COLUMNS = [
  'case_id',
  'kind',
  'origin',
  'category',
  'deid_profile',
  'task_final',
  'task_original',
  'expected_behaviour',
  'last_user_message',
  'response',
  'messages_json',
  'rubric_text',
  'rubric_json',
  'augmentation_json',
  ...CHECKLIST_ITEMS.map((item) => `checklist_${item}`),
  ...SCALAR_SIGNALS.map((s) => `signal_${s}`),
  'signal_evaluations_json',
  ...SLICE_FIELDS.map((s) => `slice_${s}`),
  'provenance_run_id',
  'provenance_source_file',
  'provenance_line',
  'provenance_record_id',
  'provenance_content_hash',
  'reviewer',
  'decided_at',
  'sha256',
] as const;

/**
 * One field as csv-stringify is given it. Numbers stay numbers, so its formula escape leaves a negative number
 * alone; a text that starts like an escaped one gets its `'` here (csv-stringify escapes the rest).
 */
function cell(value: unknown): string | number {
  if (value === null || value === undefined) return '';
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  if (typeof value === 'number') return value;
  const text = String(value);
  return FORMULA_ESCAPED.test(text) ? `'${text}` : text;
}

type CsvRow = Record<(typeof CSV_COLUMNS)[number], string | number>;

export function csvRow(c: ReleaseCase): CsvRow {
  const lastUser = c.messages.findLast((m) => m.role === 'user');
  const row: Record<string, unknown> = {
    case_id: c.case_id,
    kind: c.kind,
    origin: c.origin,
    category: c.category,
    deid_profile: c.deid_profile,
    task_final: c.task.final,
    task_original: c.task.original,
    expected_behaviour: c.expected_behaviour,
    last_user_message: lastUser?.content,
    response: c.response?.content,
    messages_json: JSON.stringify(c.messages),
    rubric_text: rubricText(c.rubric),
    rubric_json: JSON.stringify(c.rubric),
    augmentation_json: c.task.augmentation ? JSON.stringify(c.task.augmentation) : null,
    ...Object.fromEntries(CHECKLIST_ITEMS.map((item) => [`checklist_${item}`, c.checklist[item]])),
    ...Object.fromEntries(SCALAR_SIGNALS.map((s) => [`signal_${s}`, c.signals[s]])),
    signal_evaluations_json: c.signals.evaluations ? JSON.stringify(c.signals.evaluations) : null,
    ...Object.fromEntries(SLICE_FIELDS.map((s) => [`slice_${s}`, c.slices[s]])),
    provenance_run_id: c.provenance.run_id,
    provenance_source_file: c.provenance.source_file,
    provenance_line: c.provenance.line,
    provenance_record_id: c.provenance.record_id,
    provenance_content_hash: c.provenance.content_hash,
    reviewer: c.review.reviewer,
    decided_at: c.review.decided_at,
    sha256: c.sha256,
  };
  return Object.fromEntries(CSV_COLUMNS.map((column) => [column, cell(row[column])])) as CsvRow;
}

export function csvFiles(snapshot: ReleaseSnapshot): ExportFile[] {
  const contents = stringify(snapshot.cases.map(csvRow), { header: true, columns: [...CSV_COLUMNS], escape_formulas: true });
  // With no rows csv-stringify writes nothing at all; the header still says what the columns are.
  return [{ path: 'cases.csv', contents: contents || stringify([[...CSV_COLUMNS]]) }];
}
