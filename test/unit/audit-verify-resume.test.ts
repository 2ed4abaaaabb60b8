import assert from 'node:assert/strict';
import { test } from 'node:test';
import Database from 'better-sqlite3-multiple-ciphers';
import { appendAudit, verifyAuditChain, verifyAuditChainFrom } from '../../main/core/audit/audit-log.js';
import { migrate } from '../../main/core/store/migrate.js';

function logWith(n: number) {
  const db = new Database(':memory:');
  migrate(db);
  append(db, n);
  return db;
}

function append(db: Database.Database, n: number) {
  for (let i = 1; i <= n; i++) appendAudit(db, { actor: 'reviewer:ana', action: 'case.view', objectIds: { case: i } });
}

test('resuming after a verified prefix gives the same verdict as a whole walk', () => {
  const db = logWith(6);
  const first = verifyAuditChainFrom(db, null, null);
  assert.equal(first.verdict.ok, true);
  assert.deepEqual(first.prefix && { seq: first.prefix.seq, entries: first.prefix.entries }, { seq: 6, entries: 6 });
  append(db, 3);
  const resumed = verifyAuditChainFrom(db, null, first.prefix);
  assert.deepEqual(resumed.verdict, verifyAuditChain(db));
  assert.equal(resumed.verdict.entries, 9);
  assert.equal(resumed.prefix?.seq, 9);
});

test('an entry altered after the verified prefix is named when resuming', () => {
  const db = logWith(4);
  const { prefix } = verifyAuditChainFrom(db, null, null);
  append(db, 3);
  db.prepare("UPDATE audit_log SET object_ids = '{\"case\":99}' WHERE seq = 6").run();
  const { verdict, prefix: next } = verifyAuditChainFrom(db, null, prefix);
  assert.equal(verdict.ok, false);
  assert.equal(verdict.firstBroken, 6);
  assert.equal(next, null);
});

test('when the prefix no longer fits (its last entry changed), the whole chain is walked again', () => {
  const db = logWith(5);
  const { prefix } = verifyAuditChainFrom(db, null, null);
  db.prepare("UPDATE audit_log SET hash = 'x' WHERE seq = 5").run();
  const { verdict } = verifyAuditChainFrom(db, null, prefix);
  assert.equal(verdict.ok, false);
  assert.equal(verdict.firstBroken, 5);
});
