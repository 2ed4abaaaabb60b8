import assert from 'node:assert/strict';
import { test } from 'node:test';
import Database from 'better-sqlite3-multiple-ciphers';
import { migrate } from '../../main/core/store/migrate.js';
import { initialSchema } from '../../main/core/store/migrations/001-initial-schema.js';
import { operatorVault } from '../../main/core/store/migrations/002-operator-vault.js';
import { migrations } from '../../main/core/store/migrations/index.js';

const tables = (db: Database.Database): string[] =>
  (db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").pluck().all() as string[]).sort();

test('002 adds workspace_meta and vault_surrogates', () => {
  const db = new Database(':memory:');
  initialSchema.up(db);
  const before = tables(db);
  operatorVault.up(db);
  assert.deepEqual(
    tables(db).filter((name) => !before.includes(name)),
    ['vault_surrogates', 'workspace_meta'],
  );
});

test('002 upgrades a version-1 workspace without touching its cases', () => {
  const db = new Database(':memory:');
  db.transaction(() => {
    initialSchema.up(db);
    db.pragma('user_version = 1');
  })();
  db.prepare("INSERT INTO ingest_runs (id, source_file, format, started_at) VALUES (1, 'a.jsonl', 'openai-chat', 'now')").run();
  assert.equal(migrate(db), migrations.length);
  assert.equal(db.prepare('SELECT count(*) FROM ingest_runs').pluck().get(), 1);
});

test('vault_surrogates keeps one fake per label and value key, and only takes a 64-hex key', () => {
  const db = new Database(':memory:');
  migrate(db);
  const insert = db.prepare('INSERT INTO vault_surrogates (label, value_hmac, surrogate, created_at) VALUES (?, ?, ?, ?)');
  const key = 'a'.repeat(64);
  insert.run('PERSON', key, 'Ana Ruiz', 'now');
  insert.run('LOCATION', key, 'Toledo', 'now');
  // Two values may share a fake (ages have only a few); uniqueness is on the value, not the fake.
  insert.run('PERSON', 'b'.repeat(64), 'Ana Ruiz', 'now');
  assert.throws(() => insert.run('PERSON', key, 'Otro Nombre', 'now'), /UNIQUE/);
  assert.throws(() => insert.run('PERSON', 'plain value', 'Otro Nombre', 'now'), /CHECK/);
});

test('workspace_meta holds one row per key', () => {
  const db = new Database(':memory:');
  migrate(db);
  const insert = db.prepare('INSERT INTO workspace_meta (key, value, created_at) VALUES (?, ?, ?)');
  insert.run('operator-secret', Buffer.alloc(32, 1), 'now');
  assert.throws(() => insert.run('operator-secret', Buffer.alloc(32, 2), 'now'), /UNIQUE/);
});
