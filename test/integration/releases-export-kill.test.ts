/**
 * Killing `quarry release export` at every file-system step it takes leaves the export folder with nothing, the
 * complete old export or the complete new one, never a mix: the CLI exports a release of 300 cases (QUARRY_KILL_CASES sets more; the kills are placed by step, not by timing, so size only makes each step longer)
 * (golden-jsonl) with test/integration/export-kill-hook.ts loaded, which reports each step (staging folder made,
 * each file fsynced, folders fsynced, each rename of the swap, the backup's removal) and stops at the chosen one
 * for the test to SIGKILL it. After each kill: the folder's files all parse and match their manifest's hashes,
 * an old export is whole somewhere (in place, or in the backup the next export restores), the workspace opens,
 * integrity_check is ok, the audit chain verifies, and a re-run export succeeds and leaves no stray folder (the
 * re-runs call the CLI's export function in-process; one kill mid-swap is followed by a real `--overwrite` re-run).
 * Both a first export into a new folder and one replacing an earlier release's export (`--overwrite`) are killed.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { test } from 'node:test';
import { verifyAuditChain } from '../../main/core/audit/audit-log.js';
import { approveRelease, caseSha256, contentSha256, createEvalSet, createRelease, exportRelease, releaseSnapshot } from '../../main/core/releases/index.js';
import type { QuarryError } from '../../main/core/errors.js';
import type { ReleaseCase, ReleaseManifest } from '../../main/core/releases/index.js';
import { writeReleaseExport } from '../../main/core/releases/exports/index.js';
import { unlockWorkspace } from '../../main/core/store/workspace.js';
import { REPO, tempDir } from '../helpers.js';
import { ingestedWorkspace, runAndKill } from '../helpers-kill.js';

const PASSPHRASE = 'kill export passphrase';
const env = { ...process.env, QUARRY_PASSPHRASE: PASSPHRASE };
const CASES = Number(process.env.QUARRY_KILL_CASES ?? 300);
const FILES = ['golden.jsonl', 'manifest.json', 'regressions.jsonl', 'schema/golden.schema.json'];
const CLI = join(REPO, 'main', 'cli.ts');
const HOOK = join(REPO, 'test', 'integration', 'export-kill-hook.ts');

/** Every file under `dir`, relative, `/`-separated. */
function filesUnder(dir: string): string[] {
  const out: string[] = [];
  const walk = (d: string) => {
    for (const name of readdirSync(d)) {
      const full = join(d, name);
      if (statSync(full).isDirectory()) walk(full);
      else out.push(relative(dir, full).split('\\').join('/'));
    }
  };
  walk(dir);
  return out.sort();
}

/**
 * The release version whose complete export `dir` holds, or null when there is no folder. Fails unless the
 * folder holds exactly the format's files, each parses, every record's sha256 is its content's and the records
 * are exactly the ones the manifest lists, with the manifest's counts and content hash.
 */
function completeExport(dir: string): number | null {
  if (!existsSync(dir)) return null;
  assert.deepEqual(filesUnder(dir), FILES, `${dir} holds the whole set and nothing else`);
  const manifest = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8')) as ReleaseManifest;
  JSON.parse(readFileSync(join(dir, 'schema', 'golden.schema.json'), 'utf8'));
  const lines = (file: string) => readFileSync(join(dir, file), 'utf8').split('\n').filter((l) => l !== '').map((l) => JSON.parse(l) as ReleaseCase);
  const golden = lines('golden.jsonl');
  const regressions = lines('regressions.jsonl');
  assert.equal(golden.length, manifest.counts.golden);
  assert.equal(regressions.length, manifest.counts.regressions);
  const records = [...golden, ...regressions].sort((a, b) => a.case_id - b.case_id);
  for (const r of records) assert.equal(caseSha256(r), r.sha256, `case ${r.case_id}'s record matches its hash`);
  assert.deepEqual(
    records.map((r) => ({ case_id: r.case_id, sha256: r.sha256 })),
    manifest.content_hashes.map((h) => ({ case_id: h.case_id, sha256: h.sha256 })),
    'the records are the ones the manifest lists',
  );
  assert.equal(contentSha256(manifest.content_hashes), manifest.content_sha256);
  assert.equal(manifest.counts.total, records.length);
  return manifest.version;
}

/** Folders an export leaves beside its target while it runs (`.<name>.quarry-staging-<pid>`, `…-backup-<pid>`). */
const sideFolders = (parent: string) => readdirSync(parent).filter((n) => /\.quarry-(staging|backup)-\d+$/.test(n));

test('SIGKILL at every step of a release export: the folder holds nothing, the old set or the new set, whole', { timeout: 900_000 }, async (t) => {
  const root = tempDir(t);
  const records = Array.from({ length: CASES }, (_, i) => ({
    id: `x${i}`,
    messages: [{ role: 'user', content: `Question ${i} about dosage ${'and its schedule '.repeat(8)}: reach me at kim${i}@example.org?` }],
    thumbs: i % 5 === 0 ? 'down' : 'up',
    tier: `t${i % 3}`,
  }));
  const dir = ingestedWorkspace(root, records, env);
  const ws = ['--workspace', dir];
  {
    const setup = unlockWorkspace(dir, PASSPHRASE);
    const now = new Date().toISOString();
    setup.db.prepare("UPDATE cases SET status = 'accepted', decided_by = 'ana', decided_at = ? WHERE id % 2 = 0").run(now);
    createEvalSet(setup.db, 'triage', '', 'ana');
    approveRelease(setup.db, createRelease(setup.db, 'triage', { createdBy: 'ana' }).id, 'ben');
    setup.db.prepare("UPDATE cases SET status = 'accepted', decided_by = 'ana', decided_at = ? WHERE status = 'pending'").run(now);
    approveRelease(setup.db, createRelease(setup.db, 'triage', { createdBy: 'ana' }).id, 'ben');
    setup.close();
  }
  const out = join(root, 'out');
  const target = join(out, 'triage');
  const exportArgs = (version: number, overwrite: boolean) => ['release', 'export', '--set', 'triage', '--version', String(version), '--format', 'golden-jsonl', '--out', target, ...ws, ...(overwrite ? ['--overwrite'] : [])];

  /** Puts the folder in the scenario's starting state: no export, or the complete v1 export. */
  const v1 = (() => {
    const w = unlockWorkspace(dir, PASSPHRASE);
    try {
      return releaseSnapshot(w.db, 1);
    } finally {
      w.close();
    }
  })();
  assert.ok(v1.cases.length >= CASES / 2 - 1, `v1 holds ${v1.cases.length} cases`);
  function reset(withOld: boolean): void {
    rmSync(out, { recursive: true, force: true });
    if (withOld) writeReleaseExport(v1, 'golden-jsonl', target);
  }

  const scenarios = [
    { name: 'first export', old: false, args: exportArgs(2, false) },
    { name: 'replacing the v1 export', old: true, args: exportArgs(2, true) },
  ];
  let killPoints = 0;
  const figures: string[] = [];
  let swapStep = 0;
  for (const scenario of scenarios) {
    // A run without a kill lists the steps, and must finish.
    reset(scenario.old);
    const dry = spawnSync(process.execPath, ['--import', 'tsx', '--import', HOOK, CLI, ...scenario.args], {
      cwd: REPO,
      env: { ...env, QUARRY_KILL_WATCH: out },
      encoding: 'utf8',
    });
    assert.equal(dry.status, 0, dry.stderr);
    const steps = dry.stdout.split('\n').filter((l) => l.startsWith('@step '));
    assert.ok(steps.length >= 8, `${scenario.name}: ${steps.length} steps\n${steps.join('\n')}`);
    assert.equal(completeExport(target), 2);
    figures.push(`${scenario.name}: ${steps.length} steps`);
    if (scenario.old) swapStep = steps.findIndex((l) => / rename triage \.triage\.quarry-backup-\d+$/.test(l)) + 1;

    for (let at = 1; at <= steps.length; at += 1) {
      reset(scenario.old);
      const label = `${scenario.name}, killed after step ${steps[at - 1]!.slice('@step '.length)}`;
      await runAndKill(['--import', HOOK, CLI, ...scenario.args], { ...env, QUARRY_KILL_WATCH: out, QUARRY_KILL_PAUSE_AT: String(at) }, (lines) =>
        lines.some((l) => l.startsWith('@paused ')),
      );
      killPoints += 1;

      // What the kill left: nothing or a complete export in place; an old export is never lost.
      const left = completeExport(target);
      const sides = sideFolders(out);
      if (scenario.old) {
        if (left === null) {
          const backups = sides.filter((n) => n.includes('.quarry-backup-'));
          assert.equal(backups.length, 1, `${label}: with the folder gone mid-swap, the old export is in its backup`);
          assert.equal(completeExport(join(out, backups[0]!)), 1, `${label}: the backup is the whole old export`);
        } else assert.ok(left === 1 || left === 2, `${label}: v${left}`);
      } else assert.ok(left === null || left === 2, `${label}: v${left}`);

      // The workspace opens consistent; the next export (the function the CLI calls) first recovers: without
      // overwrite it refuses a complete export in place (the old one put back if the swap was cut) and writes
      // where there is none; with overwrite it replaces it.
      const workspace = unlockWorkspace(dir, PASSPHRASE);
      try {
        assert.equal(workspace.db.pragma('integrity_check', { simple: true }), 'ok', label);
        const chain = verifyAuditChain(workspace.db);
        assert.ok(chain.ok, `${label}: audit chain: ${chain.reason}`);
        let wrote = false;
        try {
          exportRelease(workspace.db, 2, 'golden-jsonl', target);
          wrote = true;
        } catch (error) {
          assert.equal((error as QuarryError).code, 'export-exists', `${label}: ${(error as Error).message}`);
          assert.equal(completeExport(target), left ?? 1, `${label}: the export in place is the one left, or the old one restored`);
          assert.equal(exportRelease(workspace.db, 2, 'golden-jsonl', target, { overwrite: true }).replaced, true);
        }
        assert.ok(wrote || left !== null || scenario.old, `${label}: a folder with nothing left is written without overwrite`);
        assert.equal(completeExport(target), 2, `${label}: the re-run wrote v2`);
      } finally {
        workspace.close();
      }
      assert.deepEqual(sideFolders(out), [], `${label}: no staging or backup folder is left`);
    }
  }

  // And through the CLI: a kill mid-swap, then `release export --overwrite` recovers and replaces.
  reset(true);
  assert.ok(swapStep > 0, 'the swap renames the old export aside');
  await runAndKill(['--import', HOOK, CLI, ...exportArgs(2, true)], { ...env, QUARRY_KILL_WATCH: out, QUARRY_KILL_PAUSE_AT: String(swapStep) }, (lines) =>
    lines.some((l) => l.startsWith('@paused ')),
  );
  killPoints += 1;
  t.diagnostic(`${CASES} cases ingested; ${killPoints} kill points (${figures.join(', ')}, and once more mid-swap before a CLI re-run)`);
  assert.equal(completeExport(target), null, 'killed between the two renames of the swap');
  const rerun = spawnSync(process.execPath, ['--import', 'tsx', CLI, ...exportArgs(2, true)], { cwd: REPO, env, encoding: 'utf8' });
  assert.equal(rerun.status, 0, rerun.stderr);
  assert.match(rerun.stdout, new RegExp(`to ${target} \\(replacing the earlier export\\)`));
  assert.equal(completeExport(target), 2);
  assert.deepEqual(sideFolders(out), []);
  const refused = spawnSync(process.execPath, ['--import', 'tsx', CLI, ...exportArgs(1, false)], { cwd: REPO, env, encoding: 'utf8' });
  assert.notEqual(refused.status, 0);
  assert.match(refused.stderr, /already holds an export of triage v2\. Replace it/);
  assert.equal(completeExport(target), 2, 'a refused export changes nothing');

  const workspace = unlockWorkspace(dir, PASSPHRASE);
  t.after(() => workspace.close());
  assert.equal(workspace.db.pragma('integrity_check', { simple: true }), 'ok');
  assert.ok(verifyAuditChain(workspace.db).ok);
  const audited = workspace.db.prepare("SELECT object_ids FROM audit_log WHERE action = 'release.export'").pluck().all() as string[];
  // The two runs that listed the steps and the re-run; no killed run, not even one killed after its last rename.
  assert.equal(audited.length, scenarios.length + 1, 'only the exports that finished through the CLI are audited');
  assert.equal((JSON.parse(audited.at(-1)!) as { replaced: boolean }).replaced, true);
});
