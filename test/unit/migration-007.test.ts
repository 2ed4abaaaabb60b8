import assert from 'node:assert/strict';
import { test } from 'node:test';
import Database from 'better-sqlite3-multiple-ciphers';
import fc from 'fast-check';
import { signalsOfMask } from '../../main/core/review/queue-signals.js';
import { parseSamplingPolicy } from '../../main/core/sampling/policy.js';
import { migrate } from '../../main/core/store/migrate.js';
import { failureSignalsOf } from '../../main/core/sampling/run-sampling.js';
import { initialSchema } from '../../main/core/store/migrations/001-initial-schema.js';
import { operatorVault } from '../../main/core/store/migrations/002-operator-vault.js';
import { deidTermLists } from '../../main/core/store/migrations/003-deid-term-lists.js';
import { sampling } from '../../main/core/store/migrations/004-sampling.js';
import { reviewQueue } from '../../main/core/store/migrations/007-review-queue.js';

function schemaBefore007(): Database.Database {
  const db = new Database(':memory:');
  db.pragma('foreign_keys = ON');
  for (const migration of [initialSchema, operatorVault, deidTermLists, sampling]) migration.up(db);
  db.prepare("INSERT INTO ingest_runs (id, source_file, format, started_at) VALUES (1, 'f', 'openai-chat', 'now')").run();
  return db;
}

function insertCase(db: Database.Database, id: number, signals: object, slices: object = {}, preview = 'hello [PERSON_1]'): void {
  db.prepare("INSERT INTO vault_interactions (id, content_hash, run_id, line, raw_json) VALUES (?, ?, 1, 1, '{}')").run(id, `h${id}`);
  db.prepare(
    `INSERT INTO cases (id, run_id, line, content_hash, redacted_json, signals_json, slices_json, placeholders_json, ingested_at)
     VALUES (?, 1, 1, ?, ?, ?, ?, '[{"placeholder":"[PERSON_1]","label":"PERSON"}]', 'now')`,
  ).run(id, `h${id}`, JSON.stringify({ messages: [], response: null, preview }), JSON.stringify(signals), JSON.stringify(slices));
}

const queueRow = (db: Database.Database, id: number) =>
  db.prepare('SELECT q.*, p.preview FROM case_queue q JOIN case_preview p USING (case_id) WHERE case_id = ?').get(id) as Record<string, unknown> | undefined;

test('007 backfills the queue table from existing cases and adds assignment columns', () => {
  const db = schemaBefore007();
  insertCase(db, 1, { thumbs: 'down', escalated: true }, { tier: 'pro', intent: 'billing' });
  reviewQueue.up(db);
  assert.equal(reviewQueue.version, 7);
  const row = queueRow(db, 1)!;
  assert.equal(row.status, 'pending');
  assert.equal(row.signal_mask, 1 | 8);
  assert.equal(row.severity, 6);
  assert.equal(row.findings, 1);
  assert.equal(row.tier, 'pro');
  assert.equal(row.intent, 'billing');
  assert.equal(row.language, null);
  assert.equal(row.preview, 'hello [PERSON_1]');
  db.prepare("UPDATE cases SET assignee = 'ana', assigned_at = 'now' WHERE id = 1").run();
  assert.equal(queueRow(db, 1)!.assignee, 'ana');
  db.close();
});

test('007 triggers keep the queue table in step with inserts, updates and deletes', () => {
  const db = schemaBefore007();
  reviewQueue.up(db);
  insertCase(db, 2, { regenerated: true }, { language: 'es' }, 'first');
  assert.equal(queueRow(db, 2)!.signal_mask, 2);
  db.prepare("UPDATE cases SET status = 'accepted', signals_json = '{\"schema_valid\":false}', slices_json = '{\"tier\":\"free\"}' WHERE id = 2").run();
  const row = queueRow(db, 2)!;
  assert.equal(row.status, 'accepted');
  assert.equal(row.signal_mask, 16);
  assert.equal(row.tier, 'free');
  assert.equal(row.language, null);
  db.prepare('UPDATE cases SET redacted_json = ? WHERE id = 2').run(JSON.stringify({ messages: [], response: null, preview: 'second [EMAIL_1]' }));
  assert.equal(queueRow(db, 2)!.preview, 'second [EMAIL_1]');
  db.prepare('DELETE FROM cases WHERE id = 2').run();
  assert.equal(queueRow(db, 2), undefined);
  assert.equal(db.prepare('SELECT count(*) FROM case_preview').pluck().get(), 0);
  db.close();
});

const signalsArbitrary = fc.record(
  {
    thumbs: fc.constantFrom('up', 'down'),
    regenerated: fc.boolean(),
    user_edited_chars: fc.integer({ min: 0, max: 120 }),
    escalated: fc.boolean(),
    schema_valid: fc.boolean(),
    confidence: fc.double({ min: 0, max: 1, noNaN: true }),
    evaluations: fc.array(fc.record({ name: fc.constant('judge'), score: fc.double({ min: 0, max: 1, noNaN: true }) }, { requiredKeys: ['name'] }), {
      maxLength: 3,
    }),
  },
  { requiredKeys: [] },
);

test('007 signal bits agree with the sampling policy at its default thresholds', () => {
  const db = schemaBefore007();
  reviewQueue.up(db);
  const policy = parseSamplingPolicy({
    name: 'all signals',
    failureSignals: ['thumbs_down', 'regenerated', 'heavy_edit', 'escalated', 'schema_failure', 'low_evaluator_score', 'low_confidence'],
  });
  let id = 100;
  fc.assert(
    fc.property(signalsArbitrary, (signals) => {
      id += 1;
      insertCase(db, id, signals);
      const mask = queueRow(db, id)!.signal_mask as number;
      assert.deepEqual(new Set(signalsOfMask(mask)), new Set(failureSignalsOf(signals as never, policy)));
    }),
    { numRuns: 300 },
  );
  db.close();
});

test('after every migration the queue triggers are still in place (no later migration rebuilt `cases` without them)', () => {
  const db = new Database(':memory:');
  migrate(db);
  const triggers = db.prepare("SELECT name FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'cases' ORDER BY name").pluck().all();
  for (const name of ['cases_preview_update', 'cases_queue_delete', 'cases_queue_insert', 'cases_queue_update']) assert.ok(triggers.includes(name), `${name} exists`);
  db.prepare("INSERT INTO ingest_runs (id, source_file, format, started_at) VALUES (1, 'f', 'openai-chat', 'now')").run();
  insertCase(db, 1, { thumbs: 'down' });
  assert.equal(queueRow(db, 1)!.signal_mask, 1);
  db.close();
});
