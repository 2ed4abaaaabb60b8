/**
 * Migration 019: case_sampling, the narrow rows sampling reads, is filled from the cases already stored and kept in
 * step with every write to `cases` (a new case, a decision, a changed signal or slice, a deletion).
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { caseSampling } from '../../main/core/store/migrations/019-case-sampling.js';
import { migrations } from '../../main/core/store/migrations/index.js';
import { migratedWithCases } from '../helpers-migrations.js';

const sampling = (db: ReturnType<typeof migratedWithCases>): unknown[] => db.prepare('SELECT * FROM case_sampling ORDER BY case_id').all();
const fromCases = (db: ReturnType<typeof migratedWithCases>): unknown[] =>
  db.prepare('SELECT id AS case_id, status, signals_json, slices_json FROM cases ORDER BY id').all();

test('019 fills case_sampling from the stored cases and its triggers keep it equal to them', () => {
  assert.equal(caseSampling.version, 19);
  assert.equal(migrations[18], caseSampling);
  assert.deepEqual(
    migrations.map((m) => m.version),
    migrations.map((_, i) => i + 1),
    'registered in numeric order',
  );

  const db = migratedWithCases(18, 3);
  db.exec(`UPDATE cases SET signals_json = '{"thumbs":"down"}', slices_json = '{"tier":"pro"}' WHERE id = 2`);
  caseSampling.up(db);
  assert.equal((sampling(db) as unknown[]).length, 3);
  assert.deepEqual(sampling(db), fromCases(db), 'filled from the cases stored before');

  // A new case, a decision, a changed signal and slice, a deletion: each reaches the sampling rows.
  db.prepare("INSERT INTO vault_interactions (id, content_hash, run_id, line, raw_json) VALUES (4, 'h4', 1, 4, '{}')").run();
  db.prepare(
    `INSERT INTO cases (id, run_id, line, content_hash, redacted_json, signals_json, slices_json, placeholders_json, ingested_at)
     VALUES (4, 1, 4, 'h4', '{"messages":[]}', '{"confidence":0.2}', '{"language":"es"}', '[]', 'now')`,
  ).run();
  db.exec(`UPDATE cases SET status = 'accepted' WHERE id = 1`);
  db.exec(`UPDATE cases SET signals_json = '{"regenerated":true}', slices_json = '{"intent":"billing"}' WHERE id = 3`);
  db.exec('DELETE FROM cases WHERE id = 2');
  assert.deepEqual(sampling(db), fromCases(db));
  assert.deepEqual(
    (sampling(db) as { case_id: number; status: string }[]).map((r) => [r.case_id, r.status]),
    [
      [1, 'accepted'],
      [3, 'pending'],
      [4, 'pending'],
    ],
  );
  // A write that touches none of its columns leaves the rows alone.
  db.exec(`UPDATE cases SET expected = 'x' WHERE id = 1`);
  assert.deepEqual(sampling(db), fromCases(db));
  db.close();
});
