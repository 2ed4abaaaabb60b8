import assert from 'node:assert/strict';
import { test } from 'node:test';
import Database from 'better-sqlite3-multiple-ciphers';
import { initialSchema } from '../../main/core/store/migrations/001-initial-schema.js';
import { caseReviews } from '../../main/core/store/migrations/008-case-reviews.js';

test('008 adds per-reviewer reviews, drafts and de-identification misses with their constraints', () => {
  const db = new Database(':memory:');
  db.pragma('foreign_keys = ON');
  initialSchema.up(db);
  caseReviews.up(db);
  assert.equal(caseReviews.version, 8);
  db.prepare("INSERT INTO ingest_runs (id, source_file, format, started_at) VALUES (1, 'f', 'openai-chat', 'now')").run();
  db.prepare("INSERT INTO vault_interactions (id, content_hash, run_id, line, raw_json) VALUES (1, 'h', 1, 1, '{}')").run();
  db.prepare(
    "INSERT INTO cases (id, run_id, line, content_hash, redacted_json, signals_json, slices_json, placeholders_json, ingested_at) VALUES (1, 1, 1, 'h', '{}', '{}', '{}', '[]', 'now')",
  ).run();

  const review = db.prepare("INSERT INTO case_reviews (case_id, reviewer, decision, reason_code, category, created_at) VALUES (?, 'ana', ?, ?, ?, 'now')");
  const first = review.run(1, 'accept', null, 'happy-path').lastInsertRowid;
  review.run(1, 'reject', 'duplicate', null);
  assert.throws(() => review.run(1, 'reject', null, null), /CHECK/, 'a reject needs a reason code');
  assert.throws(() => review.run(1, 'maybe', null, null), /CHECK/);
  assert.throws(() => review.run(1, 'accept', null, 'sunny-day'), /CHECK/);
  assert.throws(() => review.run(2, 'accept', null, null), /FOREIGN KEY/);
  const row = db.prepare('SELECT kind, state, checklist_json, rubric_json, augmentation_json FROM case_reviews WHERE id = ?').get(first);
  assert.deepEqual(row, { kind: 'review', state: 'active', checklist_json: '{}', rubric_json: '[]', augmentation_json: '{}' });

  const draft = db.prepare("INSERT INTO case_drafts (case_id, reviewer, draft_json, updated_at) VALUES (1, ?, '{}', 'now')");
  draft.run('ana');
  assert.throws(() => draft.run('ana'), /UNIQUE|PRIMARY KEY/);

  const miss = db.prepare(
    "INSERT INTO deid_misses (case_id, field, start, end, label, placeholder, occurrences, reviewer, context_before, context_after, created_at) VALUES (1, 0, ?, ?, 'PERSON', '[PERSON_1]', 1, 'ana', '', '', 'now')",
  );
  miss.run(3, 8);
  assert.throws(() => miss.run(8, 8), /CHECK/);
  db.close();
});
