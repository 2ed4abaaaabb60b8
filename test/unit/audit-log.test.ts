import assert from 'node:assert/strict';
import { test } from 'node:test';
import Database from 'better-sqlite3-multiple-ciphers';
import { appendAudit, verifyAuditChain } from '../../main/core/audit/audit-log.js';
import { migrate } from '../../main/core/store/migrate.js';

function logWith(n: number) {
  const db = new Database(':memory:');
  migrate(db);
  for (let i = 1; i <= n; i++) appendAudit(db, { actor: 'reviewer:ana', action: 'case.view', objectIds: { case: i } });
  return db;
}

test('an untouched chain verifies', () => {
  const db = logWith(5);
  assert.deepEqual(verifyAuditChain(db), { ok: true, entries: 5, firstBroken: null, reason: null, checkpoints: 0, lastCheckpoint: null });
});

test('an altered entry is named', () => {
  const db = logWith(5);
  db.prepare("UPDATE audit_log SET object_ids = '{\"case\":99}' WHERE seq = 3").run();
  const verdict = verifyAuditChain(db);
  assert.equal(verdict.ok, false);
  assert.equal(verdict.firstBroken, 3);
  assert.match(verdict.reason ?? '', /altered/);
});

test('a deleted entry is named', () => {
  const db = logWith(5);
  db.prepare('DELETE FROM audit_log WHERE seq = 2').run();
  const verdict = verifyAuditChain(db);
  assert.equal(verdict.firstBroken, 3);
  assert.match(verdict.reason ?? '', /#2 is missing/);
});

test('an entry rewritten with a recomputed hash still breaks the link to the next one', () => {
  const db = logWith(4);
  const second = db.prepare('SELECT * FROM audit_log WHERE seq = 2').get() as Record<string, unknown>;
  db.prepare('DELETE FROM audit_log WHERE seq >= 2').run();
  appendAudit(db, { actor: 'reviewer:mallory', action: 'case.view', objectIds: { case: 2 } });
  db.prepare('INSERT INTO audit_log (seq, ts, actor, action, object_ids, outcome, prev_hash, hash) VALUES (3, @ts, @actor, @action, @object_ids, @outcome, @prev_hash, @hash)').run(second);
  const verdict = verifyAuditChain(db);
  assert.equal(verdict.ok, false);
  assert.equal(verdict.firstBroken, 3);
});

test('entries hold ids and actors, and the action type', () => {
  const db = logWith(1);
  const row = db.prepare('SELECT actor, action, object_ids, outcome FROM audit_log').get();
  assert.deepEqual(row, { actor: 'reviewer:ana', action: 'case.view', object_ids: '{"case":1}', outcome: 'success' });
});
