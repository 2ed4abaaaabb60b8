import assert from 'node:assert/strict';
import { test } from 'node:test';
import Database from 'better-sqlite3-multiple-ciphers';
import { initialSchema } from '../../main/core/store/migrations/001-initial-schema.js';
import { operatorVault } from '../../main/core/store/migrations/002-operator-vault.js';
import { deidTermLists } from '../../main/core/store/migrations/003-deid-term-lists.js';
import { sampling } from '../../main/core/store/migrations/004-sampling.js';

test('004 adds versioned sampling policies, runs and picks', () => {
  const db = new Database(':memory:');
  db.pragma('foreign_keys = ON');
  for (const migration of [initialSchema, operatorVault, deidTermLists, sampling]) migration.up(db);
  assert.equal(sampling.version, 4);

  const insertPolicy = db.prepare("INSERT INTO sampling_policies (name, version, json, created_by, created_at) VALUES (?, ?, '{}', 'x', 'now')");
  insertPolicy.run('weekly', 1);
  insertPolicy.run('weekly', 2);
  assert.throws(() => insertPolicy.run('weekly', 2), /UNIQUE|PRIMARY KEY/);
  assert.throws(() => insertPolicy.run('weekly', 0), /CHECK/);

  const insertRun = db.prepare("INSERT INTO sampling_runs (policy_name, policy_version, seed, created_at, picked_count) VALUES (?, ?, 7, 'now', 1)");
  const runId = insertRun.run('weekly', 2).lastInsertRowid;
  assert.throws(() => insertRun.run('weekly', 3), /FOREIGN KEY/);

  db.prepare("INSERT INTO ingest_runs (id, source_file, format, started_at) VALUES (1, 'f', 'openai-chat', 'now')").run();
  db.prepare("INSERT INTO vault_interactions (id, content_hash, run_id, line, raw_json) VALUES (1, 'h', 1, 1, '{}')").run();
  db.prepare(
    "INSERT INTO cases (id, run_id, line, content_hash, redacted_json, signals_json, slices_json, placeholders_json, ingested_at) VALUES (1, 1, 1, 'h', '{}', '{}', '{}', '[]', 'now')",
  ).run();
  const insertPick = db.prepare('INSERT INTO sampling_picks (run_id, case_id, reasons) VALUES (?, ?, ?)');
  insertPick.run(runId, 1, '["thumbs_down"]');
  assert.throws(() => insertPick.run(runId, 1, '["base_rate"]'), /UNIQUE|PRIMARY KEY/);
  assert.throws(() => insertPick.run(runId, 99, '["base_rate"]'), /FOREIGN KEY/);
  db.close();
});
