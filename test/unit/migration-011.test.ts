import assert from 'node:assert/strict';
import { test } from 'node:test';
import Database from 'better-sqlite3-multiple-ciphers';
import { initialSchema } from '../../main/core/store/migrations/001-initial-schema.js';
import { ingestProfiles } from '../../main/core/store/migrations/005-ingest-profiles.js';
import { ingestRunTracking } from '../../main/core/store/migrations/011-ingest-run-tracking.js';

test('011 adds run resume and ownership columns, a seen count on cases and one arrival per stored interaction', () => {
  const db = new Database(':memory:');
  db.pragma('foreign_keys = ON');
  initialSchema.up(db);
  ingestProfiles.up(db);
  db.prepare("INSERT INTO ingest_runs (id, source_file, format, started_at) VALUES (1, 'a.jsonl', 'openai-chat', 'now')").run();
  for (const [id, line] of [
    [1, 3],
    [2, 9],
  ]) {
    db.prepare("INSERT INTO vault_interactions (id, content_hash, run_id, line, raw_json) VALUES (?, ?, 1, ?, '{}')").run(id, `h${id}`, line);
    db.prepare(
      "INSERT INTO cases (id, run_id, line, content_hash, redacted_json, signals_json, slices_json, placeholders_json, ingested_at) VALUES (?, 1, ?, ?, '{}', '{}', '{}', '[]', 'now')",
    ).run(id, line, `h${id}`);
  }
  ingestRunTracking.up(db);
  assert.equal(ingestRunTracking.version, 11);

  assert.deepEqual(db.prepare('SELECT seen_count FROM cases ORDER BY id').pluck().all(), [1, 1], 'existing cases were seen once');
  assert.deepEqual(db.prepare('SELECT interaction_id, source_file, line, run_id FROM ingest_arrivals ORDER BY interaction_id').all(), [
    { interaction_id: 1, source_file: 'a.jsonl', line: 3, run_id: 1 },
    { interaction_id: 2, source_file: 'a.jsonl', line: 9, run_id: 1 },
  ]);
  assert.deepEqual(db.prepare('SELECT source_path, resumes_run, owner_pid, error_code FROM ingest_runs').get(), {
    source_path: null,
    resumes_run: null,
    owner_pid: null,
    error_code: null,
  });
  const arrival = db.prepare('INSERT INTO ingest_arrivals (interaction_id, source_file, line, run_id) VALUES (?, ?, ?, 1)');
  assert.throws(() => arrival.run(1, 'a.jsonl', 3), /UNIQUE|PRIMARY KEY/, 'one arrival per file line');
  assert.throws(() => arrival.run(99, 'a.jsonl', 3), /FOREIGN KEY/);
  assert.throws(() => db.prepare('UPDATE cases SET seen_count = 0 WHERE id = 1').run(), /CHECK/);
  assert.throws(() => db.prepare('UPDATE ingest_runs SET resumes_run = 42 WHERE id = 1').run(), /FOREIGN KEY/);

  db.prepare('DELETE FROM cases WHERE id = 2').run();
  db.prepare('DELETE FROM vault_interactions WHERE id = 2').run();
  assert.equal(db.prepare('SELECT count(*) FROM ingest_arrivals').pluck().get(), 1, 'arrivals go with their interaction');
  db.close();
});
