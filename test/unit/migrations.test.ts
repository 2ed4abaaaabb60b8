import assert from 'node:assert/strict';
import { test } from 'node:test';
import Database from 'better-sqlite3-multiple-ciphers';
import { migrate } from '../../main/core/store/migrate.js';
import { initialSchema } from '../../main/core/store/migrations/001-initial-schema.js';
import { migrations } from '../../main/core/store/migrations/index.js';

test('migrations are numbered 1..n without gaps', () => {
  assert.deepEqual(
    migrations.map((m) => m.version),
    migrations.map((_, i) => i + 1),
  );
});

test('001 creates the vault, case, quarantine and audit tables, and re-running is a no-op', () => {
  const db = new Database(':memory:');
  initialSchema.up(db);
  const tables = (db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").pluck().all() as string[]).sort();
  assert.deepEqual(tables, ['audit_log', 'cases', 'ingest_runs', 'quarantine', 'vault_findings', 'vault_interactions']);
  db.close();
});

test('migrate applies every migration once and records the version', () => {
  const db = new Database(':memory:');
  assert.equal(migrate(db), migrations.length);
  assert.equal(migrate(db), migrations.length);
  assert.throws(() => db.prepare("INSERT INTO cases (id, run_id, line, content_hash, redacted_json, signals_json, slices_json, placeholders_json, status, ingested_at) VALUES (1, 1, 1, 'h', '{}', '{}', '{}', '[]', 'maybe', 'now')").run());
});
