import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { test } from 'node:test';
import Database from 'better-sqlite3-multiple-ciphers';
import { appendAudit, CHECKPOINT_EVERY, verifyAuditChain } from '../../main/core/audit/audit-log.js';
import { purgeAuditEntries } from '../../main/core/audit/audit-retention.js';
import { createSigningKey, listCheckpoints, writeCheckpoint } from '../../main/core/audit/checkpoints.js';
import { migrate } from '../../main/core/store/migrate.js';

function signedLog(n: number) {
  const db = new Database(':memory:');
  migrate(db);
  const publicKey = createSigningKey(db);
  for (let i = 1; i <= n; i++) {
    appendAudit(db, { actor: 'ana', role: 'reviewer', source: 'ui', action: 'case.view', objectIds: { case: i } });
  }
  return { db, publicKey };
}

test('entries carry the AU-3 fields: type, time, actor, role, workstation, source, object ids, outcome', () => {
  const { db } = signedLog(1);
  appendAudit(db, { actor: 'ben', role: 'auditor', source: 'ui', action: 'access.denied', objectIds: { channel: 'cases:decide' }, outcome: 'denied' });
  const row = db.prepare('SELECT * FROM audit_log WHERE seq = 2').get() as Record<string, unknown>;
  assert.equal(row.action, 'access.denied');
  assert.match(String(row.ts), /^\d{4}-\d\d-\d\dT/);
  assert.equal(row.actor, 'ben');
  assert.equal(row.role, 'auditor');
  assert.ok(String(row.workstation).length > 0);
  assert.equal(row.source, 'ui');
  assert.equal(row.object_ids, '{"channel":"cases:decide"}');
  assert.equal(row.outcome, 'denied');
  assert.equal(row.format, 2);
});

test('the chain covers the new fields: changing role, workstation or source is caught', () => {
  for (const column of ['role', 'workstation', 'source']) {
    const { db, publicKey } = signedLog(4);
    db.prepare(`UPDATE audit_log SET ${column} = 'forged' WHERE seq = 3`).run();
    const verdict = verifyAuditChain(db, publicKey);
    assert.equal(verdict.firstBroken, 3, column);
    assert.match(verdict.reason ?? '', /#3 was altered/);
  }
});

test(`a checkpoint is signed every ${CHECKPOINT_EVERY} entries and on demand, and all verify`, () => {
  const { db, publicKey } = signedLog(CHECKPOINT_EVERY * 2 + 5);
  assert.deepEqual(listCheckpoints(db).map((c) => c.seq), [CHECKPOINT_EVERY, CHECKPOINT_EVERY * 2]);
  writeCheckpoint(db);
  const verdict = verifyAuditChain(db, publicKey);
  assert.equal(verdict.ok, true, verdict.reason ?? '');
  assert.equal(verdict.checkpoints, 3);
  assert.equal(verdict.lastCheckpoint?.seq, CHECKPOINT_EVERY * 2 + 5);
});

test('truncating the log behind its last checkpoint is detected', () => {
  const { db, publicKey } = signedLog(10);
  writeCheckpoint(db);
  db.prepare('DELETE FROM audit_log WHERE seq > 7').run();
  const verdict = verifyAuditChain(db, publicKey);
  assert.equal(verdict.ok, false);
  assert.equal(verdict.firstBroken, 8);
  assert.match(verdict.reason ?? '', /truncated: .* up to #10, the log ends at #7/);
});

test('truncating and then appending again does not hide it: the re-used position differs from the signed one', () => {
  const { db, publicKey } = signedLog(10);
  writeCheckpoint(db);
  db.prepare('DELETE FROM audit_log WHERE seq > 7').run();
  for (let i = 0; i < 3; i++) appendAudit(db, { actor: 'mallory', action: 'case.view', objectIds: { case: 1 } });
  const verdict = verifyAuditChain(db, publicKey);
  assert.equal(verdict.firstBroken, 10);
  assert.match(verdict.reason ?? '', /differs from the one its checkpoint signed/);
});

test('a forged or altered checkpoint signature is detected; so is a key swapped in the database', () => {
  const { db, publicKey } = signedLog(5);
  writeCheckpoint(db);
  db.prepare("UPDATE audit_checkpoints SET ts = '2020-01-01T00:00:00.000Z'").run();
  assert.match(verifyAuditChain(db, publicKey).reason ?? '', /invalid signature/);

  const other = signedLog(5);
  createSigningKey(other.db); // someone replaces the private key inside the database and re-signs
  writeCheckpoint(other.db);
  const verdict = verifyAuditChain(other.db, other.publicKey);
  assert.equal(verdict.ok, false);
  assert.match(verdict.reason ?? '', /checkpoint at entry #5 has an invalid signature/);
});

test('deleting and reordering entries are named', () => {
  const deleted = signedLog(6);
  deleted.db.prepare('DELETE FROM audit_log WHERE seq = 4').run();
  assert.match(verifyAuditChain(deleted.db, deleted.publicKey).reason ?? '', /#4 is missing/);

  const reordered = signedLog(6);
  const swap = reordered.db.transaction(() => {
    reordered.db.prepare('UPDATE audit_log SET seq = -1 WHERE seq = 3').run();
    reordered.db.prepare('UPDATE audit_log SET seq = 3 WHERE seq = 4').run();
    reordered.db.prepare('UPDATE audit_log SET seq = 4 WHERE seq = -1').run();
  });
  swap();
  const verdict = verifyAuditChain(reordered.db, reordered.publicKey);
  assert.equal(verdict.firstBroken, 3);
  assert.match(verdict.reason ?? '', /#3 does not follow entry #2/);
});

test('entries purged before a signed checkpoint leave a chain that still verifies from that checkpoint', () => {
  const { db, publicKey } = signedLog(CHECKPOINT_EVERY + 20);
  db.prepare('DELETE FROM audit_log WHERE seq <= ?').run(CHECKPOINT_EVERY);
  const verdict = verifyAuditChain(db, publicKey);
  assert.equal(verdict.ok, true, verdict.reason ?? '');
  db.prepare('DELETE FROM audit_log WHERE seq = ?').run(CHECKPOINT_EVERY + 1);
  assert.match(verifyAuditChain(db, publicKey).reason ?? '', /#1 is missing/);
});

test('entries written before migration 009 (format 1) still verify next to format 2 ones', () => {
  const { db, publicKey } = signedLog(2);
  // A format-1 entry as the old code wrote it, then a new one after it.
  db.prepare('DELETE FROM audit_log').run();
  db.prepare('DELETE FROM audit_checkpoints').run();
  const old = { seq: 1, ts: '2025-01-01T00:00:00.000Z', actor: 'reviewer:ana', action: 'case.view', object_ids: '{"case":1}', outcome: 'success', prev_hash: '0'.repeat(64) };
  const hash = createHash('sha256').update(JSON.stringify([old.seq, old.ts, old.actor, old.action, old.object_ids, old.outcome, old.prev_hash])).digest('hex');
  db.prepare('INSERT INTO audit_log (seq, ts, actor, action, object_ids, outcome, prev_hash, hash) VALUES (@seq, @ts, @actor, @action, @object_ids, @outcome, @prev_hash, @hash)').run({ ...old, hash });
  appendAudit(db, { actor: 'ana', action: 'case.view', objectIds: { case: 2 } });
  assert.equal(verifyAuditChain(db, publicKey).ok, true);
  db.prepare("UPDATE audit_log SET format = 2 WHERE seq = 1").run();
  assert.equal(verifyAuditChain(db, publicKey).firstBroken, 1);
});

test('purging up to a checkpoint keeps the chain verifiable; entries after the last old checkpoint stay', () => {
  const { db } = signedLog(CHECKPOINT_EVERY + 30);
  // Back-date the oldest entries (this breaks their hashes; only which rows go is checked here).
  db.prepare("UPDATE audit_log SET ts = '2019-01-01T00:00:00.000Z' WHERE seq <= ?").run(CHECKPOINT_EVERY + 10);
  const { deleted, anchorSeq } = purgeAuditEntries(db, '2020-01-01T00:00:00.000Z');
  assert.equal(anchorSeq, CHECKPOINT_EVERY);
  assert.equal(deleted, CHECKPOINT_EVERY);
  assert.equal(db.prepare('SELECT min(seq) FROM audit_log').pluck().get(), CHECKPOINT_EVERY + 1);
  assert.equal(listCheckpoints(db)[0]?.seq, CHECKPOINT_EVERY, 'the anchor checkpoint is kept');
  assert.deepEqual(purgeAuditEntries(db, '2020-01-01T00:00:00.000Z'), { deleted: 0, anchorSeq: CHECKPOINT_EVERY });
});

test('a purge of an unaltered log leaves it verifying from the anchor', () => {
  const { db, publicKey } = signedLog(CHECKPOINT_EVERY + 30);
  const { deleted } = purgeAuditEntries(db, '2999-01-01T00:00:00.000Z');
  assert.equal(deleted, CHECKPOINT_EVERY);
  const verdict = verifyAuditChain(db, publicKey);
  assert.equal(verdict.ok, true, verdict.reason ?? '');
  assert.equal(verdict.entries, 30);
});
