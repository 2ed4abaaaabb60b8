/**
 * Migration 018: the index of ingest arrivals by run is dropped. The arrivals stay as they were, their key still
 * refuses a second arrival of the same line, and both foreign keys still hold: a deleted interaction takes its
 * arrivals with it, and an arrival of an unknown run is refused.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { dropArrivalsRunIndex } from '../../main/core/store/migrations/018-drop-arrivals-run-index.js';
import { migrations } from '../../main/core/store/migrations/index.js';
import { migratedWithCases } from '../helpers-migrations.js';

const indexes = (db: ReturnType<typeof migratedWithCases>): string[] =>
  db.prepare("SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'ingest_arrivals' ORDER BY name").pluck().all() as string[];

test('018 drops the arrivals-by-run index and keeps every arrival, its key and its foreign keys', () => {
  assert.equal(dropArrivalsRunIndex.version, 18);
  assert.equal(migrations[17], dropArrivalsRunIndex);
  assert.deepEqual(
    migrations.map((m) => m.version),
    migrations.map((_, i) => i + 1),
    'registered in numeric order',
  );

  const db = migratedWithCases(17, 3);
  const arrive = db.prepare("INSERT OR IGNORE INTO ingest_arrivals (interaction_id, source_file, line, run_id) VALUES (?, 'a.jsonl', ?, ?)");
  for (let id = 1; id <= 3; id++) arrive.run(id, id, 1);
  arrive.run(2, 9, 1);
  const rows = (): unknown[] => db.prepare('SELECT interaction_id, source_file, line, run_id FROM ingest_arrivals ORDER BY interaction_id, line').all();
  const before = rows();
  assert.ok(indexes(db).includes('ingest_arrivals_run'));

  dropArrivalsRunIndex.up(db);

  assert.ok(!indexes(db).includes('ingest_arrivals_run'));
  assert.deepEqual(rows(), before, 'no arrival touched');
  assert.equal(arrive.run(2, 9, 1).changes, 0, 'the same line of the same file still arrives once');
  assert.throws(() => arrive.run(1, 50, 99), /FOREIGN KEY/, 'an arrival of an unknown run is refused');
  db.exec('DELETE FROM cases WHERE id = 2; DELETE FROM vault_interactions WHERE id = 2');
  assert.deepEqual(db.prepare('SELECT DISTINCT interaction_id FROM ingest_arrivals ORDER BY 1').pluck().all(), [1, 3], 'arrivals go with their interaction');
  // Reading an interaction's arrivals, as ingest does for a repeat, still uses the table's key.
  const plan = db.prepare("EXPLAIN QUERY PLAN SELECT 1 FROM ingest_arrivals WHERE interaction_id = 1 AND source_file = 'a.jsonl' AND line = 1").all() as { detail: string }[];
  assert.match(plan.map((p) => p.detail).join(' '), /USING PRIMARY KEY/);
  // Running it again (a workspace migrated by hand) is harmless.
  dropArrivalsRunIndex.up(db);
  db.close();
});
