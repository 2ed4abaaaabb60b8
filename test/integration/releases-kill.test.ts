/**
 * Killing the process while it creates releases leaves either no release or a complete one: SIGKILL lands
 * mid-loop, the workspace reopens, integrity_check is ok, the audit chain verifies, and every stored release has
 * all its cases (matching its manifest's counts and content hash) and its audit entry.
 */
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { test } from 'node:test';
import { verifyAuditChain } from '../../main/core/audit/audit-log.js';
import { contentSha256, createEvalSet, releaseHashes, releaseSnapshot } from '../../main/core/releases/index.js';
import type { ReleaseManifest } from '../../main/core/releases/index.js';
import { unlockWorkspace } from '../../main/core/store/workspace.js';
import { MODELS_DIR, REPO, tempDir } from '../helpers.js';
import { ingestedWorkspace, runAndKill } from '../helpers-kill.js';

const PASSPHRASE = 'kill release passphrase';
const env = { ...process.env, QUARRY_PASSPHRASE: PASSPHRASE };
const CASES = 400;

test('SIGKILL while creating releases: no release or a complete one, and the audit chain verifies', async (t) => {
  const dir = ingestedWorkspace(
    tempDir(t),
    Array.from({ length: CASES }, (_, i) => ({ id: `k${i}`, messages: [{ role: 'user', content: `Question ${i}: reach me at kim${i}@example.org?` }], thumbs: i % 2 ? 'down' : 'up', tier: `t${i % 3}` })),
    env,
  );
  const setup = unlockWorkspace(dir, PASSPHRASE);
  setup.db.prepare("UPDATE cases SET status = 'accepted', decided_by = 'ana', decided_at = ?").run(new Date().toISOString());
  createEvalSet(setup.db, 'triage', '', 'ana');
  setup.close();

  const killAfter = 3 + Math.floor(Math.random() * 6);
  // Right after a rejection is reported the next creation is under way: that is where the kill lands.
  const { reports } = await runAndKill([join(REPO, 'test', 'integration', 'releases-kill-child.ts'), dir, MODELS_DIR], env, (lines) => lines.length >= killAfter && lines.at(-1)!.startsWith('rejected'));
  const created = reports.map((l) => /^created (\d+) (\d+)$/.exec(l)).filter((m) => m !== null);
  assert.ok(created.length >= 2, `${created.length} releases reported`);
  for (const m of created) assert.equal(Number(m[2]), CASES);

  const workspace = unlockWorkspace(dir, PASSPHRASE);
  t.after(() => workspace.close());
  const db = workspace.db;
  assert.equal(db.pragma('integrity_check', { simple: true }), 'ok');
  const chain = verifyAuditChain(db);
  assert.ok(chain.ok, `audit chain: ${chain.reason}`);
  const releases = db.prepare('SELECT id, manifest_json FROM releases ORDER BY id').all() as { id: number; manifest_json: string }[];
  assert.ok(releases.length >= created.length && releases.length <= created.length + 1, `${releases.length} stored, ${created.length} reported`);
  const audited = new Set(
    (db.prepare("SELECT object_ids FROM audit_log WHERE action = 'release.create'").pluck().all() as string[]).map((ids) => (JSON.parse(ids) as { release: number }).release),
  );
  for (const { id, manifest_json } of releases) {
    const manifest = JSON.parse(manifest_json) as ReleaseManifest;
    const hashes = releaseHashes(db, id);
    assert.equal(hashes.length, CASES, `release ${id} is whole`);
    assert.equal(manifest.counts.total, CASES);
    assert.equal(contentSha256(hashes), manifest.content_sha256, `release ${id}'s cases are the ones its manifest names`);
    assert.doesNotThrow(() => releaseSnapshot(db, id), `release ${id} reads back verified`);
    assert.ok(audited.has(id), `release ${id} has its audit entry`);
  }
  assert.equal(audited.size, releases.length, 'no audit entry for a release that is not stored');
  assert.ok((db.prepare("SELECT count(*) FROM releases WHERE state = 'pending'").pluck().get() as number) <= 1);
});
