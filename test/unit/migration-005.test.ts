import assert from 'node:assert/strict';
import { test } from 'node:test';
import Database from 'better-sqlite3-multiple-ciphers';
import { initialSchema } from '../../main/core/store/migrations/001-initial-schema.js';
import { operatorVault } from '../../main/core/store/migrations/002-operator-vault.js';
import { deidTermLists } from '../../main/core/store/migrations/003-deid-term-lists.js';
import { sampling } from '../../main/core/store/migrations/004-sampling.js';
import { ingestProfiles } from '../../main/core/store/migrations/005-ingest-profiles.js';

test('005 adds versioned source profiles, run state and progress, and the quarantine field; older runs keep their outcome', () => {
  const db = new Database(':memory:');
  for (const migration of [initialSchema, operatorVault, deidTermLists, sampling]) migration.up(db);
  db.prepare("INSERT INTO ingest_runs (id, source_file, format, started_at, finished_at) VALUES (1, 'done.jsonl', 'openai-chat', 'a', 'b')").run();
  db.prepare("INSERT INTO ingest_runs (id, source_file, format, started_at) VALUES (2, 'killed.jsonl', 'openai-chat', 'a')").run();
  db.prepare("INSERT INTO quarantine (run_id, line, reason) VALUES (1, 5, 'not valid JSON')").run();
  ingestProfiles.up(db);
  assert.equal(ingestProfiles.version, 5);

  assert.deepEqual(db.prepare('SELECT id, state, records FROM ingest_runs ORDER BY id').all(), [
    { id: 1, state: 'finished', records: 0 },
    { id: 2, state: 'running', records: 0 },
  ]);
  assert.throws(() => db.prepare("UPDATE ingest_runs SET state = 'paused' WHERE id = 2").run(), /CHECK/);
  db.prepare("UPDATE ingest_runs SET state = 'cancelled', bytes_total = 10, bytes_read = 4, profile_name = 'p', profile_version = 1 WHERE id = 2").run();
  assert.deepEqual(db.prepare('SELECT line, field, reason FROM quarantine').get(), { line: 5, field: null, reason: 'not valid JSON' });

  const insert = db.prepare("INSERT INTO source_profiles (name, version, json, created_by, created_at) VALUES (?, ?, '{}', 'x', 'now')");
  insert.run('support', 1);
  insert.run('support', 2);
  assert.throws(() => insert.run('support', 2), /UNIQUE|PRIMARY KEY/);
  assert.throws(() => insert.run('support', 0), /CHECK/);
  db.close();
});
