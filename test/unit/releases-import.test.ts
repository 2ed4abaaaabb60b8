import assert from 'node:assert/strict';
import { mkdirSync, truncateSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { createDeidentifier } from '../../main/core/deid/create-deidentifier.js';
import type { Deidentifier } from '../../main/core/deid/deidentifier.js';
import {
  IMPORTED_ID_BASE,
  approveRelease,
  createEvalSet,
  createRelease,
  importedRecords,
  listEvalSets,
  prepareGoldenImport,
  releaseSnapshot,
  storeGoldenImport,
} from '../../main/core/releases/index.js';
import { MAX_IMPORT_BYTES, parseGoldenJsonl } from '../../main/core/releases/import-golden.js';
import type { Db } from '../../main/core/store/database.js';
import { MODELS_DIR, tempDir } from '../helpers.js';
import { accept, releaseWorkspace } from './releases-fixture.js';

const EMAIL = 'dora.vance@example.org';
const PHONE = '415-555-0199';

const good = [
  {
    messages: [{ role: 'user', content: `Please email ${EMAIL} the lab results.` }],
    response: { role: 'assistant', content: `I sent them to ${EMAIL}.` },
    expected_behaviour: `Refuse to send results by email; call ${PHONE} instead.`,
    category: 'adversarial',
    signals: { thumbs: 'down' },
    slices: { tier: 'pro', intent: 'labs' },
    review: { reviewer: 'external team', decided_at: '2026-01-05T10:00:00Z' },
  },
  { messages: [{ role: 'user', content: 'When does the pharmacy close?' }], expected_behaviour: 'Give the closing time.', kind: 'golden' },
  { messages: [{ role: 'user', content: 'Book me in for tomorrow.' }], expected_behaviour: 'Ask which clinic.', kind: 'regression' },
];

async function withDeidentifier<T>(work: (d: Deidentifier) => Promise<T>): Promise<T> {
  const deidentifier = await createDeidentifier({ modelsDir: MODELS_DIR, patternsOnly: true });
  try {
    return await work(deidentifier);
  } finally {
    await deidentifier.close();
  }
}

async function importFile(db: Db, set: string, path: string) {
  const prepared = await withDeidentifier((d) => prepareGoldenImport(d, path));
  if (!prepared.ok) return prepared;
  const id = listEvalSets(db).find((s) => s.name === set)!.id;
  return { ok: true as const, ...storeGoldenImport(db, id, prepared.records, 'ana') };
}

test('an imported golden set is de-identified before storing, joins the next release, and is not imported twice', async (t) => {
  const { db } = await releaseWorkspace(t);
  createEvalSet(db, 'triage', '', 'ana');
  const file = join(tempDir(t), 'team-golden.jsonl');
  writeFileSync(file, `${good.map((r) => JSON.stringify(r)).join('\n')}\n\n`);

  const first = await importFile(db, 'triage', file);
  assert.ok(first.ok);
  assert.deepEqual(first.caseIds, [IMPORTED_ID_BASE + 1, IMPORTED_ID_BASE + 2, IMPORTED_ID_BASE + 3]);
  const stored = JSON.stringify(db.prepare('SELECT * FROM imported_cases').all());
  assert.ok(!stored.includes(EMAIL) && !stored.includes(PHONE), 'no PII from the file is stored');
  const [pii, plain] = importedRecords(db, 1);
  assert.equal(pii!.messages[0]!.content, 'Please email [EMAIL_1] the lab results.');
  assert.equal(pii!.response!.content, 'I sent them to [EMAIL_1].', 'one placeholder numbering per record');
  assert.equal(pii!.expected_behaviour, 'Refuse to send results by email; call [PHONE_1] instead.');
  assert.equal(pii!.task.original, 'Please email [EMAIL_1] the lab results.');
  assert.deepEqual(pii!.provenance, { run_id: 0, source_file: 'team-golden.jsonl', line: 1, record_id: null, content_hash: pii!.provenance.content_hash });
  assert.equal(plain!.task.final, 'When does the pharmacy close?');

  const again = await importFile(db, 'triage', file);
  assert.ok(again.ok);
  assert.deepEqual([again.caseIds.length, again.duplicates], [0, 3]);

  accept(db, 2);
  const v1 = createRelease(db, 'triage', { createdBy: 'ana' });
  approveRelease(db, v1.id, 'bo');
  const snapshot = releaseSnapshot(db, v1.id);
  assert.deepEqual(
    snapshot.cases.map((c) => [c.case_id, c.kind, c.origin]),
    [
      [2, 'golden', 'review'],
      [IMPORTED_ID_BASE + 1, 'regression', 'import'],
      [IMPORTED_ID_BASE + 2, 'golden', 'import'],
      [IMPORTED_ID_BASE + 3, 'regression', 'import'],
    ],
    'the kind follows the signals, and a declared regression stays one',
  );
  assert.deepEqual(snapshot.manifest.counts.by_source_run, { 1: 1, import: 3 });
  assert.deepEqual(snapshot.manifest.counts.by_category, { adversarial: 1, '(none)': 3 });
  assert.ok(snapshot.cases.every((c) => !('declared_kind' in c)), 'the frozen record is the documented shape');
});

test('a file with bad lines stores nothing and names file, line and field for each problem', async (t) => {
  const { db } = await releaseWorkspace(t);
  createEvalSet(db, 'triage', '', 'ana');
  const file = join(tempDir(t), 'broken.jsonl');
  writeFileSync(
    file,
    [
      JSON.stringify(good[0]),
      '{"messages": [',
      JSON.stringify({ messages: [{ role: 'user', content: 'hi' }] }),
      JSON.stringify({ ...good[1], category: 'spicy' }),
      JSON.stringify({ ...good[1], signals: { thumbs: 'sideways' } }),
      JSON.stringify({ ...good[1], patient_name: 'Dora' }),
      JSON.stringify({ ...good[1], messages: [] }),
    ].join('\r\n'),
  );
  const result = await importFile(db, 'triage', file);
  assert.equal(result.ok, false);
  assert.ok(!result.ok);
  assert.deepEqual(
    result.issues.map((i) => [i.file, i.line, i.field]),
    [
      ['broken.jsonl', 2, '(line)'],
      ['broken.jsonl', 3, 'expected_behaviour'],
      ['broken.jsonl', 4, 'category'],
      ['broken.jsonl', 5, 'signals.thumbs'],
      ['broken.jsonl', 6, 'patient_name'],
      ['broken.jsonl', 7, 'messages'],
    ],
  );
  assert.ok(result.issues.every((i) => !i.message.includes('Dora')), 'messages never quote the values');
  assert.equal(db.prepare('SELECT count(*) FROM imported_cases').pluck().get(), 0, 'nothing is stored');

  const empty = join(tempDir(t), 'empty.jsonl');
  writeFileSync(empty, '\n\n');
  const none = await importFile(db, 'triage', empty);
  assert.ok(!none.ok);
  assert.deepEqual(none.issues, [{ file: 'empty.jsonl', line: 1, field: '(file)', message: 'the file holds no records' }]);
  await assert.rejects(
    withDeidentifier((d) => prepareGoldenImport(d, join(tempDir(t), 'missing.jsonl'))),
    { code: 'import-file' },
  );
});

test('only a regular file of bounded size is read: a device, a folder or an oversized file is refused unread', (t) => {
  // /dev/zero has no end: reading it whole grew the process until it aborted (std::bad_alloc).
  assert.throws(() => parseGoldenJsonl('/dev/zero'), { code: 'import-file', message: 'Cannot read /dev/zero: not a regular file.' });
  const folder = join(tempDir(t), 'golden.jsonl');
  mkdirSync(folder);
  assert.throws(() => parseGoldenJsonl(folder), { code: 'import-file', message: `Cannot read ${folder}: not a regular file.` });
  // A sparse file: its size is over the limit without taking the disk space.
  const huge = join(tempDir(t), 'huge.jsonl');
  writeFileSync(huge, '');
  truncateSync(huge, MAX_IMPORT_BYTES + 1);
  assert.throws(() => parseGoldenJsonl(huge), { code: 'import-file', message: /^Cannot import .*huge\.jsonl: it is over 256 MiB; split the golden set/ });
});

test('placeholders already in an imported file keep their numbers; new findings are numbered after them', async (t) => {
  const { db } = await releaseWorkspace(t);
  createEvalSet(db, 'triage', '', 'ana');
  const file = join(tempDir(t), 'from-quarry.jsonl');
  const record = {
    messages: [{ role: 'user', content: `Call [PHONE_1] or ${PHONE}; write to [EMAIL_2].` }],
    response: { role: 'assistant', content: `I will call ${PHONE}, not [PHONE_1].` },
    expected_behaviour: `Use [PHONE_1] first, then ${EMAIL}.`,
  };
  writeFileSync(file, JSON.stringify(record));
  const result = await importFile(db, 'triage', file);
  assert.ok(result.ok);
  const [stored] = importedRecords(db, 1);
  assert.equal(stored!.messages[0]!.content, 'Call [PHONE_1] or [PHONE_2]; write to [EMAIL_2].');
  assert.equal(stored!.response!.content, 'I will call [PHONE_2], not [PHONE_1].');
  assert.equal(stored!.expected_behaviour, 'Use [PHONE_1] first, then [EMAIL_3].');
});
