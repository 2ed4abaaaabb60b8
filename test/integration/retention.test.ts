/**
 * Retention against a real encrypted workspace: policies, purges that keep the de-identified cases, surrogates
 * kept only while a remaining finding needs them, the schedule, the audit log's own period, and the proof on disk
 * that purged plaintext is gone from every page and WAL frame (decrypted with the workspace key).
 */
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test, type TestContext } from 'node:test';
import { appendAudit, verifyAuditChain } from '../../main/core/audit/audit-log.js';
import { createSigningKey, hasSigningKey, writeCheckpoint } from '../../main/core/audit/checkpoints.js';
import { createDeidentifier } from '../../main/core/deid/create-deidentifier.js';
import type { Deidentifier } from '../../main/core/deid/deidentifier.js';
import { renderCaseForExport } from '../../main/core/deid/operators/render-case.js';
import { ingestLogFile } from '../../main/core/ingest/ingest-file.js';
import {
  auditRetention,
  DEFAULT_AUDIT_DAYS,
  setAuditRetentionDays,
  setSourceRetention,
  sourceRetention,
} from '../../main/core/retention/policy.js';
import { purgeHistory, purgeSourceNow, runDuePurges } from '../../main/core/retention/purge.js';
import { startRetentionSchedule } from '../../main/core/retention/schedule.js';
import type { Db } from '../../main/core/store/database.js';
import { createWorkspace, unlockWorkspace, type Workspace } from '../../main/core/store/workspace.js';
import { MODELS_DIR, tempDir } from '../helpers.js';
import { decryptWorkspaceFiles, occurrences, workspaceDataKey } from '../retention-pages.js';

const PASSPHRASE = 'retention passphrase';
const DAY = 86_400_000;
const OLD_CANARIES = ['qx.canary.5521@example.org', '219-44-7731'];
const NEW_CANARY = 'fresh.canary.8830@example.net';
/** In both runs: its surrogate must outlive the purge of the old one. */
const SHARED = 'shared.patient@example.com';

let deidentifier: Deidentifier | undefined;
async function patternsOnly(): Promise<Deidentifier> {
  deidentifier ??= await createDeidentifier({ modelsDir: MODELS_DIR, patternsOnly: true });
  return deidentifier;
}

function chatLine(id: string, user: string): string {
  return JSON.stringify({
    id,
    messages: [{ role: 'user', content: user }],
    choices: [{ message: { role: 'assistant', content: 'Thank you, we will write back shortly.' } }],
    thumbs: 'down',
  });
}

/** A workspace with an old run (carrying the old canaries) and a recent one, both openai-chat. */
async function seeded(t: TestContext): Promise<{ dir: string; workspace: Workspace; oldCase: number; newCase: number }> {
  const root = tempDir(t);
  const dir = join(root, 'ws');
  const oldLog = join(root, 'old.jsonl');
  const newLog = join(root, 'new.jsonl');
  // Long enough that the raw JSON spills onto overflow pages, which a purge must clear as well.
  const padding = ' Please keep this on file.'.repeat(200);
  writeFileSync(oldLog, `${chatLine('old-1', `Write to ${OLD_CANARIES[0]}, my SSN is ${OLD_CANARIES[1]}, cc ${SHARED}.${padding}`)}\n${chatLine('old-2', 'No identifiers here at all.')}\n`);
  writeFileSync(newLog, `${chatLine('new-1', `Reach me at ${NEW_CANARY} or ${SHARED} please.`)}\n`);
  const workspace = createWorkspace(dir, PASSPHRASE);
  const deid = await patternsOnly();
  const oldRun = await ingestLogFile(workspace.db, deid, oldLog);
  await ingestLogFile(workspace.db, deid, newLog);
  workspace.db.prepare('UPDATE ingest_runs SET started_at = ? WHERE id = ?').run(new Date(Date.now() - 40 * DAY).toISOString(), oldRun.runId);
  const caseIdOf = (recordId: string) => workspace.db.prepare('SELECT id FROM cases WHERE record_id = ?').pluck().get(recordId) as number;
  return { dir, workspace, oldCase: caseIdOf('old-1'), newCase: caseIdOf('new-1') };
}

function counts(db: Db) {
  const count = (sql: string) => db.prepare(sql).pluck().get() as number;
  return {
    cases: count('SELECT count(*) FROM cases'),
    raw: count("SELECT count(*) FROM vault_interactions WHERE purged_at IS NULL AND raw_json <> ''"),
    findings: count('SELECT count(*) FROM vault_findings'),
    surrogates: count('SELECT count(*) FROM vault_surrogates'),
  };
}

test.after(async () => deidentifier?.close());

test('a source has no period by default; setting one is validated and audited', async (t) => {
  const { workspace } = await seeded(t);
  const db = workspace.db;
  const [source] = sourceRetention(db);
  assert.equal(source!.source, 'openai-chat');
  assert.equal(source!.rawRows, 3);
  assert.equal(source!.rawDays, null);
  assert.equal(source!.nextPurge, null);
  assert.deepEqual(runDuePurges(db).purges, [], 'nothing is purged without a period');

  setSourceRetention(db, 'openai-chat', 30, 'reviewer:admin');
  const [withPeriod] = sourceRetention(db);
  assert.equal(withPeriod!.rawDays, 30);
  assert.equal(withPeriod!.dueRows, 2, 'the 40-day-old run is due');
  assert.equal(Date.parse(withPeriod!.nextPurge!), Date.parse(withPeriod!.oldest!) + 30 * DAY);
  assert.throws(() => setSourceRetention(db, 'openai-chat', 0, 'x'), { code: 'invalid-retention-period' });
  assert.throws(() => setSourceRetention(db, 'openai-chat', 2.5, 'x'), { code: 'invalid-retention-period' });
  assert.throws(() => setSourceRetention(db, 'bad\u0000name', 3, 'x'), { code: 'invalid-source' });
  assert.throws(() => setSourceRetention(db, 'x'.repeat(65), 3, 'x'), { code: 'invalid-source' });
  setSourceRetention(db, 'openai-chat', null, 'reviewer:admin');
  assert.equal(sourceRetention(db)[0]!.rawDays, null);
  const changes = db.prepare("SELECT object_ids FROM audit_log WHERE action = 'retention.policy_change' ORDER BY seq").pluck().all();
  assert.deepEqual(changes, ['{"source":"openai-chat","raw_days":30}', '{"source":"openai-chat","raw_days":"none"}']);
  assert.ok(verifyAuditChain(db).ok);
  workspace.close();
});

test('a due purge blanks old raw text and findings, keeps every case, and keeps surrogates still needed', async (t) => {
  const { workspace, oldCase, newCase } = await seeded(t);
  const db = workspace.db;
  // Surrogates for both cases, as a general-pii export creates them.
  renderCaseForExport(db, oldCase, 'general-pii');
  const newRendered = JSON.stringify(renderCaseForExport(db, newCase, 'general-pii').messages);
  const before = counts(db);
  assert.equal(before.surrogates, 3, 'one surrogate per distinct e-mail address (SSNs are redacted, not replaced)');

  setSourceRetention(db, 'openai-chat', 30, 'reviewer:admin');
  const { purges, compacted } = runDuePurges(db, 'system', new Date());
  assert.equal(compacted, true);
  assert.equal(purges.length, 1);
  const [purge] = purges;
  assert.equal(purge!.source, 'openai-chat');
  assert.equal(purge!.interactions, 2);
  assert.equal(purge!.actor, 'system');
  const after = counts(db);
  assert.equal(after.cases, before.cases, 'no de-identified case was removed');
  assert.equal(after.raw, before.raw - 2);
  assert.equal(after.findings, before.findings - purge!.findings);
  assert.ok(purge!.findings >= 2);
  assert.equal(after.surrogates, before.surrogates - purge!.surrogates);
  assert.equal(purge!.surrogates, 1, 'only the address no remaining case holds lost its surrogate');
  // The retained case renders exactly as before: its surrogates survived the purge.
  assert.equal(JSON.stringify(renderCaseForExport(db, newCase, 'general-pii').messages), newRendered);
  // The purged case still exports; its placeholders stay placeholders.
  const oldRendered = renderCaseForExport(db, oldCase, 'general-pii');
  assert.match(oldRendered.messages[0]!.content, /\[EMAIL_1\]/);
  assert.ok(oldRendered.fallbacks.some((f) => f.reason === 'original-missing'));

  assert.deepEqual(runDuePurges(db).purges, [], 'a second run finds nothing due');
  const [history] = purgeHistory(db);
  assert.deepEqual(history, purge);
  const audit = db.prepare("SELECT actor, object_ids FROM audit_log WHERE action = 'retention.purge'").all() as { actor: string; object_ids: string }[];
  assert.equal(audit.length, 1);
  assert.equal(audit[0]!.actor, 'system');
  assert.deepEqual(JSON.parse(audit[0]!.object_ids).interactions, 2);
  assert.ok(verifyAuditChain(db).ok);
  assert.equal(db.pragma('integrity_check', { simple: true }), 'ok');
  workspace.close();
});

test('purged plaintext is gone from every decrypted page, free page and WAL frame; retained text is still there', async (t) => {
  const { dir, workspace } = await seeded(t);
  const key = workspaceDataKey(dir, PASSPHRASE);
  const dbFile = workspace.dbFile;
  workspace.close();

  const beforePurge = decryptWorkspaceFiles(dbFile, key);
  // Decryption is right: page 1 past the salt starts with SQLite's page size (4096) and WAL format bytes.
  assert.equal(beforePurge.dbPages[0]!.readUInt16BE(0), 4096);
  for (const canary of [...OLD_CANARIES, NEW_CANARY]) {
    assert.ok(occurrences(beforePurge, canary).length > 0, `${canary} is readable before the purge, so the scan can fail`);
    assert.deepEqual(beforePurge.raw.filter((bytes) => bytes.includes(canary)), [], `${canary} is never in the files unencrypted`);
  }

  const reopened = unlockWorkspace(dir, PASSPHRASE);
  setSourceRetention(reopened.db, 'openai-chat', 30, 'reviewer:admin');
  assert.equal(runDuePurges(reopened.db).purges[0]!.interactions, 2);
  reopened.close();

  const afterPurge = decryptWorkspaceFiles(dbFile, key);
  assert.ok(afterPurge.dbPages.length > 0);
  for (const canary of OLD_CANARIES) assert.deepEqual(occurrences(afterPurge, canary), [], `${canary} survived the purge`);
  assert.ok(occurrences(afterPurge, NEW_CANARY).length > 0, 'the recent run’s raw text is kept');
  key.fill(0);
});

test('purge now: by period, or all of a source with 0 days; unknown sources and missing periods are clear errors', async (t) => {
  const { workspace } = await seeded(t);
  const db = workspace.db;
  assert.throws(() => purgeSourceNow(db, 'openai-chat', 'cli:root'), { code: 'no-retention-period' });
  assert.throws(() => purgeSourceNow(db, 'no-such-format', 'cli:root', { days: 0 }), { code: 'unknown-source' });
  setSourceRetention(db, 'openai-chat', 60, 'cli:root');
  const none = purgeSourceNow(db, 'openai-chat', 'cli:root');
  assert.equal(none.purges[0]!.interactions, 0, 'nothing is 60 days old, and the attempt is recorded');
  const all = purgeSourceNow(db, 'openai-chat', 'cli:root', { days: 0 });
  assert.equal(all.purges[0]!.interactions, 3);
  assert.equal(counts(db).raw, 0);
  assert.equal(sourceRetention(db)[0]!.purgedRows, 3);
  assert.equal(purgeHistory(db).length, 2);
  workspace.close();
});

test('runs read through a saved source profile are their own source, profile:<name>', async (t) => {
  const { workspace, newCase } = await seeded(t);
  const db = workspace.db;
  db.prepare("UPDATE ingest_runs SET profile_name = 'weekly-csv' WHERE id = (SELECT run_id FROM cases WHERE id = ?)").run(newCase);
  assert.deepEqual(
    sourceRetention(db).map((s) => [s.source, s.rawRows]),
    [
      ['openai-chat', 2],
      ['profile:weekly-csv', 1],
    ],
  );
  setSourceRetention(db, 'profile:weekly-csv', 7, 'reviewer:admin');
  assert.equal(purgeSourceNow(db, 'profile:weekly-csv', 'reviewer:admin', { days: 0 }).purges[0]!.interactions, 1);
  assert.equal(counts(db).raw, 2, 'the other source keeps its raw text');
  workspace.close();
});

test('the schedule purges on unlock and then hourly, as system, and skips a locked workspace', async (t) => {
  const { workspace } = await seeded(t);
  setSourceRetention(workspace.db, 'openai-chat', 30, 'reviewer:admin');
  let open: Db | null = null;
  let clock = Date.now();
  const purged: number[] = [];
  const schedule = startRetentionSchedule({
    currentDb: () => open,
    now: () => new Date(clock),
    onPurged: (outcome) => purged.push(outcome.purges.length),
    pollMs: 3_600_000,
  });
  t.after(() => schedule.stop());
  assert.equal(schedule.tick(), null, 'locked: nothing to do');
  open = workspace.db;
  assert.equal(schedule.tick()!.purges.length, 1, 'runs at once on unlock');
  assert.equal(schedule.tick(), null, 'not again within the hour');
  // The recent run falls due 31 days later; the next hourly check after that purges it.
  clock += 31 * DAY;
  assert.equal(schedule.tick()!.purges[0]!.interactions, 1);
  assert.deepEqual(purged, [1, 1]);
  assert.deepEqual(
    workspace.db.prepare("SELECT DISTINCT actor FROM retention_purges").pluck().all(),
    ['system'],
  );
  workspace.close();
  open = null;
  assert.equal(schedule.tick(), null);
});

test('the audit log keeps six years by default; a shorter period than a year is refused', async (t) => {
  const { workspace } = await seeded(t);
  const db = workspace.db;
  assert.equal(auditRetention(db).days, DEFAULT_AUDIT_DAYS);
  assert.equal(auditRetention(db).entriesPastRetention, 0);
  assert.equal(auditRetention(db, new Date(Date.now() + 7 * 365 * DAY)).entriesPastRetention, db.prepare('SELECT count(*) FROM audit_log').pluck().get());
  assert.throws(() => setAuditRetentionDays(db, 30, 'reviewer:admin'), { code: 'invalid-retention-period' });
  setAuditRetentionDays(db, 3650, 'reviewer:admin');
  assert.equal(auditRetention(db).days, 3650);
  assert.ok(verifyAuditChain(db).ok);
  workspace.close();
});

test('due purges prune the audit log past its period, only up to a signed checkpoint, and the chain still verifies', async (t) => {
  const { workspace } = await seeded(t);
  const db = workspace.db;
  if (!hasSigningKey(db)) createSigningKey(db);
  const old = new Date(Date.now() - 7 * 365 * DAY).toISOString();
  // A fresh log whose first entries were written seven years ago (`at`), then a signed checkpoint.
  db.prepare('DELETE FROM audit_log').run();
  db.prepare('DELETE FROM audit_checkpoints').run();
  for (let i = 0; i < 5; i++) appendAudit(db, { actor: 'reviewer:old', action: 'case.view', objectIds: { case: i + 1 }, at: old });
  writeCheckpoint(db);
  appendAudit(db, { actor: 'reviewer:old', action: 'case.view', objectIds: { case: 9 }, at: old });
  appendAudit(db, { actor: 'reviewer:new', action: 'case.view', objectIds: { case: 10 } });
  assert.equal(auditRetention(db).entriesPastRetention, 6);

  const outcome = runDuePurges(db);
  assert.equal(outcome.auditPruned, 5, 'up to the checkpoint; the old entry after it waits for the next one');
  const remaining = db.prepare('SELECT actor, action FROM audit_log ORDER BY seq').all() as { actor: string; action: string }[];
  assert.deepEqual(remaining.map((r) => r.action), ['case.view', 'case.view', 'retention.audit_prune']);
  const verdict = verifyAuditChain(db);
  assert.ok(verdict.ok, `chain after pruning: ${verdict.reason}`);
  workspace.close();
});
