import assert from 'node:assert/strict';
import { test } from 'node:test';
import type Database from 'better-sqlite3-multiple-ciphers';
import { bulkCaseInserts } from '../../main/core/ingest/bulk-derived.js';
import { bulkCaseInserts as migration015 } from '../../main/core/store/migrations/015-bulk-case-inserts.js';
import { migrations } from '../../main/core/store/migrations/index.js';
import { derivedCaseRows, migratedWithRun } from '../helpers-migrations.js';

type Db = Database.Database;

const upTo = (version: number): Db => migratedWithRun(version);

/** Varied cases: signals that set every mask bit, user texts of several words, slices of several types. */
function caseValues(id: number): unknown[] {
  const user = id % 5 === 0 ? '' : `Question ${id}  about\tthe [EMAIL_1] claim\nplease`;
  const redacted = {
    messages: [
      { role: 'system', content: 'Be brief.' },
      { role: 'user', content: user },
      ...(id % 3 === 0 ? [{ role: 'user', content: 'and one more thing' }] : []),
    ],
    response: { role: 'assistant', content: 'ok' },
    preview: id % 7 === 0 ? undefined : `Question ${id}`,
  };
  const signals = {
    thumbs: id % 2 ? 'down' : 'up',
    regenerated: id % 4 === 0,
    user_edited_chars: id * 7,
    escalated: id % 6 === 0,
    schema_valid: id % 8 !== 0,
    evaluations: [{ score: (id % 10) / 10 }, { score: 'n/a' }],
    confidence: (id % 9) / 9,
    latency_ms: id % 11 === 0 ? 'slow' : 100 + id,
    cost_usd: id / 1000,
    input_tokens: id * 3,
  };
  const slices = { tier: id % 2 ? 'pro' : 'free', intent: ['billing', 'claims'][id % 2], language: id % 3 ? 'en' : 7, model: 'gpt', product_area: null };
  const occurred = id % 4 === 0 ? null : new Date(Date.UTC(2026, 2, 1, id % 48, id % 60)).toISOString();
  return [id, id, `h${id}`, JSON.stringify(redacted), JSON.stringify(signals), JSON.stringify(slices), JSON.stringify([{ placeholder: '[EMAIL_1]', label: 'EMAIL' }]), occurred];
}

function insertCases(db: Db, ids: number[]): void {
  const vault = db.prepare("INSERT INTO vault_interactions (id, content_hash, run_id, line, raw_json) VALUES (?, ?, 1, ?, '{}')");
  const insert = db.prepare(
    `INSERT INTO cases (id, run_id, line, content_hash, redacted_json, signals_json, slices_json, placeholders_json, ingested_at, occurred_at)
     VALUES (?, 1, ?, ?, ?, ?, ?, ?, '2026-03-02T10:00:00.000Z', ?)`,
  );
  for (const id of ids) {
    vault.run(id, `h${id}`, id);
    insert.run(...caseValues(id));
  }
}

const derived = derivedCaseRows;

const ids = (from: number, to: number): number[] => Array.from({ length: to - from + 1 }, (_, i) => from + i);

test('015 guards the two insert triggers and keeps their bodies; plain inserts still fill every derived table', () => {
  const before = upTo(14);
  const after = upTo(14);
  migration015.up(after);
  assert.equal(migration015.version, 15);
  assert.equal(migrations.find((m) => m.version === 15), migration015);
  for (const name of ['cases_queue_insert', 'cases_metrics_insert']) {
    const sql = (db: Db) => db.prepare("SELECT sql FROM sqlite_master WHERE name = ?").pluck().get(name) as string;
    assert.match(sql(after), /WHEN NOT EXISTS \(SELECT 1 FROM cases_bulk_insert\) BEGIN/);
    assert.equal(sql(after).replace(' WHEN NOT EXISTS (SELECT 1 FROM cases_bulk_insert)', ''), sql(before), `${name} body unchanged`);
  }
  insertCases(before, ids(1, 60));
  insertCases(after, ids(1, 60));
  const rows = derived(after) as { queue: unknown[] };
  assert.equal(rows.queue.length, 60);
  assert.deepEqual(rows, derived(before), 'derived rows identical to the unguarded triggers');
  // While the guard row is there, the triggers are off (ingest fills the rows itself, in the same transaction).
  after.prepare('INSERT INTO cases_bulk_insert (run_id) VALUES (1)').run();
  insertCases(after, [61]);
  assert.equal(after.prepare('SELECT count(*) FROM case_queue WHERE case_id = 61').pluck().get(), 0);
});

test('bulk inserts write the same queue, preview, metrics and dirty-hour rows as the triggers, and leave no guard', () => {
  const viaTriggers = upTo(15);
  const viaBulk = upTo(15);
  insertCases(viaTriggers, ids(1, 250));
  const bulk = bulkCaseInserts(viaBulk);
  assert.equal(bulk.setBased, true);
  for (const [from, to] of [[1, 100], [101, 101], [102, 250]] as const) {
    viaBulk.transaction(() => bulk.run(1, () => (insertCases(viaBulk, ids(from, to)), { first: from, last: to })))();
  }
  viaBulk.transaction(() => bulk.run(1, () => null))();
  assert.deepEqual(derived(viaBulk), derived(viaTriggers));
  assert.equal(viaBulk.prepare('SELECT count(*) FROM cases_bulk_insert').pluck().get(), 0);

  // A batch that fails part way leaves neither cases nor derived rows nor the guard, and the triggers work after.
  assert.throws(() =>
    viaBulk.transaction(() =>
      bulk.run(1, () => {
        insertCases(viaBulk, [251]);
        throw new Error('disk full');
      }),
    )(),
  );
  assert.equal(viaBulk.prepare('SELECT count(*) FROM cases_bulk_insert').pluck().get(), 0);
  assert.equal(viaBulk.prepare('SELECT count(*) FROM cases WHERE id = 251').pluck().get(), 0);
  insertCases(viaBulk, [251]);
  insertCases(viaTriggers, [251]);
  assert.deepEqual(derived(viaBulk), derived(viaTriggers));
});

test('without the guarded triggers (a schema before 015) bulk inserts fall back to the triggers', () => {
  const db = upTo(14);
  db.exec('CREATE TABLE cases_bulk_insert (run_id INTEGER PRIMARY KEY)');
  const bulk = bulkCaseInserts(db);
  assert.equal(bulk.setBased, false);
  db.transaction(() => bulk.run(1, () => (insertCases(db, ids(1, 5)), { first: 1, last: 5 })))();
  assert.equal(db.prepare('SELECT count(*) FROM case_queue').pluck().get(), 5);
  assert.equal(db.prepare('SELECT count(*) FROM case_metrics').pluck().get(), 5);
});
