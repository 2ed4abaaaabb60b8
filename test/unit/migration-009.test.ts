import assert from 'node:assert/strict';
import { test } from 'node:test';
import Database from 'better-sqlite3-multiple-ciphers';
import { migrations } from '../../main/core/store/migrations/index.js';
import { accountsAuditFields } from '../../main/core/store/migrations/009-accounts-audit-fields.js';

test('009 adds the AU-3 columns (old entries keep format 1), checkpoints and the accounts mirror', () => {
  const db = new Database(':memory:');
  db.pragma('foreign_keys = ON');
  const before = migrations.filter((m) => m.version < 9);
  for (const migration of before) migration.up(db);
  db.prepare("INSERT INTO audit_log (seq, ts, actor, action, object_ids, outcome, prev_hash, hash) VALUES (1, 't', 'a', 'case.view', '{}', 'success', 'p', 'h')").run();
  accountsAuditFields.up(db);
  assert.equal(accountsAuditFields.version, 9);
  assert.deepEqual(db.prepare('SELECT role, workstation, source, format FROM audit_log').get(), { role: '', workstation: '', source: '', format: 1 });
  assert.throws(() => db.prepare("UPDATE audit_log SET format = 3").run(), /CHECK/);

  db.prepare("INSERT INTO audit_checkpoints (seq, hash, ts, signature) VALUES (1, 'h', 't', 's')").run();
  assert.throws(() => db.prepare("INSERT INTO audit_checkpoints (seq, hash, ts, signature) VALUES (1, 'h', 't', 's')").run(), /UNIQUE|PRIMARY KEY/);

  const insert = db.prepare("INSERT INTO accounts (name, role, created_at) VALUES (?, ?, 'now')");
  insert.run('Ana', 'admin');
  assert.throws(() => insert.run('ana', 'reviewer'), /UNIQUE|PRIMARY KEY/, 'names are unique ignoring case');
  assert.throws(() => insert.run('ben', 'superuser'), /CHECK/);
  assert.equal(db.prepare("SELECT count(*) FROM pragma_table_info('accounts') WHERE name LIKE '%pass%' OR name LIKE '%key%'").pluck().get(), 0);
});
