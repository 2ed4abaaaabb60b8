/**
 * Killing the process while a reviewer decides cases, or while the golden set is exported, loses nothing: SIGKILL
 * lands mid-loop, the workspace reopens, integrity_check is ok, the audit chain verifies, every decision that had
 * returned is stored with its audit entry, and every export file is whole.
 */
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { verifyAuditChain } from '../../main/core/audit/audit-log.js';
import { unlockWorkspace } from '../../main/core/store/workspace.js';
import { MODELS_DIR, REPO, tempDir } from '../helpers.js';
import { ingestedWorkspace as ingested, runAndKill } from '../helpers-kill.js';

const PASSPHRASE = 'kill review passphrase';
const env = { ...process.env, QUARRY_PASSPHRASE: PASSPHRASE };
const CASES = 400;

/** A workspace holding CASES pending cases, ingested by the CLI. */
function ingestedWorkspace(root: string): string {
  return ingested(
    root,
    Array.from({ length: CASES }, (_, i) => ({ id: `k${i}`, messages: [{ role: 'user', content: `Question ${i}: can I reach you at kim${i}@example.org?` }], thumbs: 'down' })),
    env,
  );
}

/** Runs the child in `mode` and SIGKILLs it once `killAfter` report lines have come. */
async function killChild(mode: 'review' | 'export', dir: string, killAfter: number): Promise<string[]> {
  const child = [join(REPO, 'test', 'integration', 'kill-review-child.ts'), mode, dir, MODELS_DIR];
  return (await runAndKill(child, env, (lines) => lines.length >= killAfter)).reports;
}

test('SIGKILL while deciding cases: the workspace reopens consistent and no returned decision is lost', async (t) => {
  const dir = ingestedWorkspace(tempDir(t));
  const killAt = 40 + Math.floor(Math.random() * 60);
  const reported = new Map<number, string>();
  for (const line of await killChild('review', dir, killAt)) {
    const match = /^decided (\d+) (accepted|rejected)$/.exec(line);
    if (match) reported.set(Number(match[1]), match[2]!);
  }
  assert.ok(reported.size >= killAt && reported.size < CASES, `killed after ${reported.size} decisions`);

  const workspace = unlockWorkspace(dir, PASSPHRASE);
  t.after(() => workspace.close());
  const db = workspace.db;
  assert.equal(db.pragma('integrity_check', { simple: true }), 'ok');
  const chain = verifyAuditChain(db);
  assert.ok(chain.ok, `audit chain: ${chain.reason}`);
  const decided = new Map(
    (db.prepare("SELECT id, status FROM cases WHERE status <> 'pending'").all() as { id: number; status: string }[]).map((r) => [r.id, r.status]),
  );
  for (const [id, decision] of reported) assert.equal(decided.get(id), decision, `case ${id}'s returned decision is stored`);
  // At most the decision in flight when the kill landed may be stored without having been reported.
  assert.ok(decided.size - reported.size <= 1, `${decided.size} stored, ${reported.size} reported`);
  const audited = new Set(
    (db.prepare("SELECT object_ids FROM audit_log WHERE action IN ('case.accept', 'case.reject')").pluck().all() as string[]).map(
      (ids) => (JSON.parse(ids) as { case: number }).case,
    ),
  );
  for (const id of reported.keys()) assert.ok(audited.has(id), `case ${id}'s decision is in the audit log`);
  assert.equal(db.prepare('SELECT count(*) FROM cases').pluck().get(), CASES, 'no case was lost');
  const expectedKept = db.prepare("SELECT count(*) FROM cases WHERE status <> 'pending' AND expected LIKE 'Expected behaviour for case %'").pluck().get();
  assert.equal(expectedKept, decided.size, 'every stored decision kept its expected behaviour');
});

test('SIGKILL while exporting the golden set: every export file left behind is whole, and the workspace is consistent', async (t) => {
  const dir = ingestedWorkspace(tempDir(t));
  const setup = unlockWorkspace(dir, PASSPHRASE);
  const accepted = setup.db.prepare("UPDATE cases SET status = 'accepted', decided_by = 'ana', decided_at = ? WHERE id % 2 = 0").run(new Date().toISOString()).changes;
  setup.close();
  const reports = await killChild('export', dir, 3 + Math.floor(Math.random() * 4));
  const exported = reports.map((line) => /^exported (\S+) (\d+)$/.exec(line)).filter((m) => m !== null);
  assert.ok(exported.length >= 3);
  for (const match of exported) assert.equal(Number(match[2]), accepted);

  const exportsDir = join(dir, 'exports');
  const files = readdirSync(exportsDir).filter((f) => f.endsWith('.jsonl'));
  assert.ok(files.length >= exported.length, 'every reported export is on disk');
  for (const file of files) {
    const lines = readFileSync(join(exportsDir, file), 'utf8').trim().split('\n');
    assert.equal(lines.length, accepted, `${file} is whole`);
    for (const line of lines) assert.doesNotThrow(() => JSON.parse(line), file);
  }
  const workspace = unlockWorkspace(dir, PASSPHRASE);
  t.after(() => workspace.close());
  assert.equal(workspace.db.pragma('integrity_check', { simple: true }), 'ok');
  assert.ok(verifyAuditChain(workspace.db).ok);
  const audited = workspace.db.prepare("SELECT count(*) FROM audit_log WHERE action = 'export.golden'").pluck().get() as number;
  assert.ok(audited >= exported.length && audited <= exported.length + 1, `${audited} export entries for ${exported.length} reported exports`);
});
