import assert from 'node:assert/strict';
import { test } from 'node:test';
import Database from 'better-sqlite3-multiple-ciphers';
import { initialSchema } from '../../main/core/store/migrations/001-initial-schema.js';
import { retention } from '../../main/core/store/migrations/010-retention.js';

test('010 adds retention policies, the purge history and a purge mark on vault rows', () => {
  const db = new Database(':memory:');
  db.pragma('foreign_keys = ON');
  initialSchema.up(db);
  db.prepare("INSERT INTO ingest_runs (id, source_file, format, started_at) VALUES (1, 'f', 'openai-chat', 'now')").run();
  db.prepare("INSERT INTO vault_interactions (id, content_hash, run_id, line, raw_json) VALUES (1, 'h', 1, 1, '{}')").run();
  retention.up(db);
  assert.equal(retention.version, 10);
  assert.equal(db.prepare('SELECT purged_at FROM vault_interactions WHERE id = 1').pluck().get(), null, 'existing rows are not purged');

  const policy = db.prepare("INSERT INTO retention_policies (source, raw_days, updated_by, updated_at) VALUES (?, ?, 'admin', 'now')");
  policy.run('openai-chat', 30);
  assert.throws(() => policy.run('openai-chat', 60), /UNIQUE|PRIMARY KEY/);
  assert.throws(() => policy.run('otel-genai', 0), /CHECK/);
  assert.throws(() => policy.run('', 5), /CHECK/);

  const purge = db.prepare(
    "INSERT INTO retention_purges (purged_at, source, cutoff, interactions, findings, surrogates, actor) VALUES ('now', 'openai-chat', 'then', ?, 0, 0, 'system')",
  );
  purge.run(3);
  assert.throws(() => purge.run(-1), /CHECK/);
  db.close();
});
