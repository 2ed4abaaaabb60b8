import { stringify } from 'csv-stringify/sync';
import { CHECKLIST_ITEMS } from '../../review/rubric.js';
import type { ReleaseCase, ReleaseSnapshot } from '../release-types.js';
import { rubricText, type ExportFile } from './case-views.js';

/**
 * `csv`: cases.csv, one row per case (golden and regressions together, told apart by `kind`), RFC 4180 as
 * csv-stringify writes it: a header row, comma separated, fields quoted when they hold a comma, quote or line
 * break, UTF-8. Nested values are flattened into columns (`checklist_*`, `signal_*`, `slice_*`, `provenance_*`);
 * the few that are lists stay whole as JSON text (`messages_json`, `rubric_json`, `augmentation_json`,
 * `signal_evaluations_json`). Booleans are `true` / `false`; an absent or null value is an empty field.
 * Values are written exactly as frozen (no spreadsheet formula escaping), so the file round-trips through any
 * CSV parser.
 */

const SIGNALS = [
  'thumbs',
  'regenerated',
  'user_edited_chars',
  'escalated',
  'schema_valid',
  'latency_ms',
  'cost_usd',
  'confidence',
  'input_tokens',
  'output_tokens',
  'rank',
] as const;
const SLICES = ['tier', 'intent', 'language', 'model', 'product_area'] as const;

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
  ...SIGNALS.map((s) => `signal_${s}`),
  'signal_evaluations_json',
  ...SLICES.map((s) => `slice_${s}`),
  'provenance_run_id',
  'provenance_source_file',
  'provenance_line',
  'provenance_record_id',
  'provenance_content_hash',
  'reviewer',
  'decided_at',
  'sha256',
] as const;

function cell(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  return String(value);
}

export function csvRow(c: ReleaseCase): Record<(typeof CSV_COLUMNS)[number], string> {
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
    ...Object.fromEntries(SIGNALS.map((s) => [`signal_${s}`, c.signals[s]])),
    signal_evaluations_json: c.signals.evaluations ? JSON.stringify(c.signals.evaluations) : null,
    ...Object.fromEntries(SLICES.map((s) => [`slice_${s}`, c.slices[s]])),
    provenance_run_id: c.provenance.run_id,
    provenance_source_file: c.provenance.source_file,
    provenance_line: c.provenance.line,
    provenance_record_id: c.provenance.record_id,
    provenance_content_hash: c.provenance.content_hash,
    reviewer: c.review.reviewer,
    decided_at: c.review.decided_at,
    sha256: c.sha256,
  };
  return Object.fromEntries(CSV_COLUMNS.map((column) => [column, cell(row[column])])) as Record<(typeof CSV_COLUMNS)[number], string>;
}

export function csvFiles(snapshot: ReleaseSnapshot): ExportFile[] {
  const contents = stringify(snapshot.cases.map(csvRow), { header: true, columns: [...CSV_COLUMNS] });
  // With no rows csv-stringify writes nothing at all; the header still says what the columns are.
  return [{ path: 'cases.csv', contents: contents || stringify([[...CSV_COLUMNS]]) }];
}
