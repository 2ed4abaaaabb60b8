/** The CSV export parsed back with csv-parse: one row per case, flattened columns, texts byte for byte. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parse } from 'csv-parse/sync';
import { CSV_COLUMNS } from '../../main/core/releases/exports/csv.js';
import { writeReleaseExport } from '../../main/core/releases/exports/index.js';
import { tempDir } from '../helpers.js';
import { readTree, sampleSnapshot, snapshotOf, TRICKY } from './release-export-snapshot.js';

function exported(t: Parameters<typeof tempDir>[0], snapshot = sampleSnapshot()) {
  const out = tempDir(t);
  writeReleaseExport(snapshot, 'csv', out);
  const text = readTree(out).get('cases.csv')!;
  const header = (parse(text, { to_line: 1 }) as string[][])[0];
  const rows = parse(text, { columns: true }) as Array<Record<string, string>>;
  return { snapshot, header, rows };
}

test('one row per case under a header of the documented columns', (t) => {
  const { snapshot, header, rows } = exported(t);
  assert.deepEqual(header, [...CSV_COLUMNS]);
  assert.equal(rows.length, snapshot.cases.length);
  assert.deepEqual(rows.map((r) => Number(r.case_id)), snapshot.cases.map((c) => c.case_id));
  for (const row of rows) assert.deepEqual(Object.keys(row), [...CSV_COLUMNS]);
});

test('nested values are flattened into columns, booleans as true/false, unknown values as empty fields', (t) => {
  const { snapshot, rows } = exported(t);
  const [full, regression, bare] = rows;
  const c = snapshot.cases[0]!;
  assert.equal(full!.kind, 'golden');
  assert.equal(full!.category, 'edge-case');
  assert.equal(full!.task_final, c.task.final);
  assert.equal(full!.task_original, c.task.original);
  assert.equal(full!.last_user_message, c.messages[1]!.content);
  assert.equal(full!.response, 'Two of them expire this month.');
  assert.deepEqual(JSON.parse(full!.messages_json!), c.messages);
  assert.deepEqual(JSON.parse(full!.rubric_json!), c.rubric);
  assert.deepEqual(JSON.parse(full!.augmentation_json!), c.task.augmentation);
  assert.equal(full!.checklist_objective, 'true');
  assert.equal(full!.checklist_difficult, 'false');
  assert.equal(full!.signal_thumbs, 'up');
  assert.equal(full!.signal_latency_ms, '820');
  assert.deepEqual(JSON.parse(full!.signal_evaluations_json!), [{ name: 'helpfulness', score: 0.8 }]);
  assert.equal(full!.slice_intent, 'pharmacy');
  assert.equal(full!.provenance_line, '2');
  assert.equal(full!.reviewer, 'ana');
  assert.equal(full!.sha256, c.sha256);
  assert.equal(regression!.kind, 'regression');
  assert.equal(regression!.signal_regenerated, 'true');
  assert.equal(regression!.checklist_difficult, '', 'an unanswered checklist item is empty');
  assert.equal(bare!.category, '');
  assert.equal(bare!.response, '');
  assert.equal(bare!.augmentation_json, '');
  assert.equal(bare!.provenance_record_id, '');
  assert.equal(bare!.reviewer, '');
});

test('commas, quotes, line breaks, formulas and non-ASCII text survive the round trip exactly', (t) => {
  const { rows } = exported(t);
  const bare = rows[2]!;
  assert.equal(bare.task_final, TRICKY);
  assert.equal(bare.last_user_message, TRICKY);
  assert.deepEqual(JSON.parse(bare.messages_json!), [{ role: 'user', content: TRICKY }]);
});

test('a release without cases still gets the header', (t) => {
  const { header, rows } = exported(t, snapshotOf([]));
  assert.deepEqual(header, [...CSV_COLUMNS]);
  assert.equal(rows.length, 0);
});
