import assert from 'node:assert/strict';
import { test } from 'node:test';
import Database from 'better-sqlite3-multiple-ciphers';
import { migrate } from '../../main/core/store/migrate.js';
import { migrations } from '../../main/core/store/migrations/index.js';

test('migrations are numbered 1..n without gaps', () => {
  assert.deepEqual(
    migrations.map((m) => m.version),
    migrations.map((_, i) => i + 1),
  );
});

test('001 creates the vault, case, quarantine and audit tables, and re-running is a no-op', () => {
  const db = new Database(':memory:');
  assert.equal(migrate(db), 1);
  const tables = (db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").pluck().all() as string[]).sort();
  assert.deepEqual(tables, ['audit_log', 'cases', 'ingest_runs', 'quarantine', 'vault_findings', 'vault_interactions']);
  assert.equal(migrate(db), 1);
  assert.throws(() => db.prepare("INSERT INTO cases (id, run_id, line, content_hash, redacted_json, signals_json, slices_json, placeholders_json, status, ingested_at) VALUES (1, 1, 1, 'h', '{}', '{}', '{}', '[]', 'maybe', 'now')").run());
});
