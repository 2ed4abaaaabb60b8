/**
 * Ingest runs you can see, resume and trust: a killed run becomes interrupted and resumes with no loss and no
 * duplicates; exact duplicates are counted per stored interaction, once per file line; runs are listed.
 */
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { after, before, test } from 'node:test';
import { QuarryService } from '../../main/api/quarry-service.js';
import { verifyAuditChain } from '../../main/core/audit/audit-log.js';
import { createDeidentifier } from '../../main/core/deid/create-deidentifier.js';
import type { Deidentifier } from '../../main/core/deid/deidentifier.js';
import { ingestLogFile } from '../../main/core/ingest/ingest-file.js';
import { claimRun, listRuns, markInterruptedRuns, releaseRun } from '../../main/core/ingest/runs.js';
import { getCase } from '../../main/core/review/review-queue.js';
import { openOrCreateWorkspace, unlockWorkspace } from '../../main/core/store/workspace.js';
import { MODELS_DIR, REPO, tempDir } from '../helpers.js';

const PASSPHRASE = 'ingest runs passphrase';
const env = { ...process.env, QUARRY_PASSPHRASE: PASSPHRASE };
const CLI = ['--import', 'tsx', join(REPO, 'main', 'cli.ts')];

function quarry(args: string[]) {
  return spawnSync(process.execPath, [...CLI, ...args], { cwd: REPO, env, encoding: 'utf8' });
}

let deidentifier: Deidentifier;
before(async () => {
  deidentifier = await createDeidentifier({ modelsDir: MODELS_DIR, patternsOnly: true });
});
after(async () => {
  await deidentifier.close();
});

function chatLine(i: number): string {
  return JSON.stringify({ id: `r${i}`, messages: [{ role: 'user', content: `Request ${i}: call 415-555-${String(i % 10000).padStart(4, '0')}` }] });
}

test('a SIGKILLed CLI ingest is listed as interrupted (audited), and resume adds exactly the rest with no duplicates', async (t) => {
  const dir = tempDir(t);
  const ws = join(dir, 'ws');
  const big = join(dir, 'big.jsonl');
  const records = 6000;
  writeFileSync(big, Array.from({ length: records }, (_, i) => chatLine(i)).join('\n'));
  // The workspace exists (migrated, checkpointed, its WAL gone) before the ingest starts, so the WAL's growth
  // below is the ingest's own commits, not the schema's.
  openOrCreateWorkspace(ws, PASSPHRASE).workspace.close();
  const child = spawn(process.execPath, [...CLI, 'ingest', big, '--workspace', ws, '--patterns-only'], { cwd: REPO, env });
  const wal = join(ws, 'quarry.db-wal');
  await new Promise<void>((resolve, reject) => {
    const started = Date.now();
    const poll = setInterval(() => {
      let size = 0;
      try {
        size = statSync(wal).size;
      } catch {
        // not written yet
      }
      if (size > 600_000 || Date.now() - started > 60_000) {
        clearInterval(poll);
        child.kill('SIGKILL');
        resolve();
      }
    }, 10);
    child.on('error', reject);
  });
  await new Promise((resolve) => child.on('exit', resolve));

  const listed = quarry(['ingest', 'runs', '--json', '--workspace', ws]);
  assert.equal(listed.status, 0, listed.stderr);
  const [killed] = JSON.parse(listed.stdout) as { id: number; state: string; ingested: number; errorCode: string; path: string }[];
  assert.equal(killed!.state, 'interrupted');
  assert.equal(killed!.errorCode, 'interrupted');
  assert.equal(killed!.path, big);
  const stored = killed!.ingested;
  assert.ok(stored > 0 && stored < records, `the kill landed mid-ingest (${stored} stored)`);

  const text = quarry(['ingest', 'runs', '--workspace', ws]);
  assert.match(text.stdout, /^run 1\tinterrupted\tbig\.jsonl\topenai-chat\t\d+ ingested, 0 duplicates, 0 quarantined\t/m);

  const resumed = quarry(['ingest', 'resume', '1', '--workspace', ws, '--patterns-only']);
  assert.equal(resumed.status, 0, resumed.stderr);
  assert.match(resumed.stdout, new RegExp(`big\\.jsonl: ${records - stored} ingested, ${stored} duplicates skipped, 0 quarantined \\(run 2\\)`));
  const again = quarry(['ingest', 'resume', '1', '--workspace', ws]);
  assert.equal(again.status, 2);
  assert.match(again.stderr, /Run 1 was already resumed by run 2/);
  assert.match(quarry(['ingest', 'resume', '2', '--workspace', ws]).stderr, /Run 2 is finished; only a cancelled or interrupted run can be resumed/);
  assert.match(quarry(['ingest', 'resume', 'x', '--workspace', ws]).stderr, /RUN must be a run number/);

  const workspace = unlockWorkspace(ws, PASSPHRASE);
  const { db } = workspace;
  assert.equal(db.prepare('SELECT count(*) FROM cases').pluck().get(), records, 'nothing lost');
  assert.equal(db.prepare('SELECT count(DISTINCT content_hash) FROM cases').pluck().get(), records, 'nothing twice');
  assert.equal(db.prepare('SELECT max(seen_count) FROM cases').pluck().get(), 1, 're-reading stored lines does not count them as seen again');
  const runs = listRuns(db);
  assert.deepEqual(
    runs.map((r) => [r.id, r.state, r.resumesRun, r.resumedBy]),
    [
      [2, 'finished', 1, null],
      [1, 'interrupted', null, 2],
    ],
  );
  const audit = db.prepare("SELECT action, outcome, object_ids FROM audit_log WHERE action LIKE 'ingest.%' ORDER BY seq").all() as { action: string; outcome: string; object_ids: string }[];
  const interrupted = audit.find((a) => a.action === 'ingest.interrupted')!;
  assert.equal(interrupted.outcome, 'failure');
  assert.deepEqual(JSON.parse(interrupted.object_ids), { run: 1, records: JSON.parse(interrupted.object_ids).records, ingested: stored, duplicates: 0, quarantined: 0, error: 'interrupted' });
  assert.equal(JSON.parse(audit.at(-1)!.object_ids).resumes, 1);
  assert.ok(verifyAuditChain(db).ok);
  workspace.close();
});

test('exact duplicates are counted on the stored interaction once per file line: a re-run adds nothing, another file adds', async (t) => {
  const dir = tempDir(t);
  const first = join(dir, 'day1.jsonl');
  const second = join(dir, 'day2.jsonl');
  writeFileSync(first, [chatLine(1), chatLine(2), chatLine(1), chatLine(3), chatLine(1)].join('\n'));
  writeFileSync(second, [chatLine(1), chatLine(4)].join('\n'));
  const { workspace } = openOrCreateWorkspace(join(dir, 'ws'), PASSPHRASE);
  const { db } = workspace;
  const seen = () => Object.fromEntries((db.prepare('SELECT record_id, seen_count FROM cases ORDER BY id').all() as { record_id: string; seen_count: number }[]).map((r) => [r.record_id, r.seen_count]));

  const one = await ingestLogFile(db, deidentifier, first);
  assert.deepEqual([one.ingested, one.duplicates], [3, 2]);
  assert.deepEqual(seen(), { r1: 3, r2: 1, r3: 1 });
  const rerun = await ingestLogFile(db, deidentifier, first);
  assert.deepEqual([rerun.ingested, rerun.duplicates], [0, 5]);
  assert.deepEqual(seen(), { r1: 3, r2: 1, r3: 1 }, 'the same lines of the same file arrive once');
  await ingestLogFile(db, deidentifier, second);
  assert.deepEqual(seen(), { r1: 4, r2: 1, r3: 1, r4: 1 });
  const r1 = db.prepare("SELECT id FROM cases WHERE record_id = 'r1'").pluck().get() as number;
  assert.equal(getCase(db, r1).seenCount, 4, 'the case detail carries the count');
  workspace.close();
});

test('a running run is interrupted only when no live job owns it: a live job here or a live process elsewhere keeps it', (t) => {
  const dir = tempDir(t);
  const { workspace } = openOrCreateWorkspace(join(dir, 'ws'), PASSPHRASE);
  const { db } = workspace;
  const insert = db.prepare("INSERT INTO ingest_runs (source_file, format, started_at, state, owner_pid) VALUES (?, 'openai-chat', 'now', 'running', ?)");
  const dead = spawnSync(process.execPath, ['-e', '0']).pid!;
  const mine = Number(insert.run('live-here.jsonl', process.pid).lastInsertRowid);
  const orphan = Number(insert.run('earlier-session.jsonl', process.pid).lastInsertRowid);
  const elsewhere = Number(insert.run('other-process.jsonl', process.ppid).lastInsertRowid);
  const killed = Number(insert.run('killed.jsonl', dead).lastInsertRowid);
  const legacy = Number(insert.run('before-011.jsonl', null).lastInsertRowid);
  claimRun(mine);
  try {
    assert.deepEqual(markInterruptedRuns(db).map((r) => r.id), [orphan, killed, legacy]);
    assert.deepEqual(markInterruptedRuns(db), [], 'marked once');
    const states = Object.fromEntries(listRuns(db).map((r) => [r.id, r.state]));
    assert.deepEqual(states, { [mine]: 'running', [orphan]: 'interrupted', [elsewhere]: 'running', [killed]: 'interrupted', [legacy]: 'interrupted' });
  } finally {
    releaseRun(mine);
  }
  assert.deepEqual(markInterruptedRuns(db).map((r) => r.id), [mine], 'released without an outcome: interrupted');
  workspace.close();
});

test('ingest:runs lists runs with counts; ingest:resume continues a cancelled run; quarantine:export writes under exports/', async (t) => {
  const dir = tempDir(t);
  const log = join(dir, 'mixed.jsonl');
  const lines = Array.from({ length: 400 }, (_, i) => (i % 50 === 7 ? '{"broken": ' : chatLine(i)));
  writeFileSync(log, lines.join('\n'));
  const quarryService = new QuarryService({ workspaceDir: join(dir, 'ws'), modelsDir: MODELS_DIR, createDeidentifier: async () => deidentifier });
  quarryService.unlock(PASSPHRASE, 'ana', 'reviewer:ana');
  const h = quarryService.handlers;

  const { jobId } = await h['ingest:start']({ path: log });
  await h['ingest:cancel']({ jobId });
  let progress = await h['ingest:progress']({ jobId });
  while (progress.state === 'starting' || progress.state === 'running') {
    await new Promise((r) => setTimeout(r, 20));
    progress = await h['ingest:progress']({ jobId });
  }
  assert.equal(progress.state, 'cancelled');
  const [cancelled] = await h['ingest:runs']({});
  assert.equal(cancelled!.state, 'cancelled');
  assert.equal(cancelled!.live, null);
  assert.ok(cancelled!.ingested < 392);

  const resumed = await h['ingest:resume']({ runId: cancelled!.id });
  progress = await h['ingest:progress']({ jobId: resumed.jobId });
  while (progress.state === 'starting' || progress.state === 'running') {
    await new Promise((r) => setTimeout(r, 20));
    progress = await h['ingest:progress']({ jobId: resumed.jobId });
  }
  assert.equal(progress.state, 'finished');
  const runs = await h['ingest:runs']({});
  assert.deepEqual(
    runs.map((r) => ({ id: r.id, state: r.state, resumesRun: r.resumesRun, resumedBy: r.resumedBy, file: r.file })),
    [
      { id: 2, state: 'finished', resumesRun: 1, resumedBy: null, file: 'mixed.jsonl' },
      { id: 1, state: 'cancelled', resumesRun: null, resumedBy: 2, file: 'mixed.jsonl' },
    ],
  );
  assert.equal(runs[0]!.ingested + runs[1]!.ingested, 392, 'both runs together stored every good record once');
  assert.equal(runs[0]!.quarantined, 8);
  assert.equal(runs[0]!.bytesRead, runs[0]!.bytesTotal);
  await assert.rejects(async () => h['ingest:resume']({ runId: 2 }), /Run 2 is finished/);
  await assert.rejects(async () => h['ingest:resume']({ runId: 9 }), /There is no ingest run 9/);

  const exported = await h['quarantine:export']({ runId: 2 });
  assert.equal(exported.count, 8);
  assert.ok(exported.path.startsWith(join(dir, 'ws', 'exports', 'quarantine-run-2-')), exported.path);
  const csv = readFileSync(exported.path, 'utf8').trim().split('\n');
  assert.equal(csv[0], 'run_id,file,line,field,reason');
  assert.match(csv[1]!, /^2,mixed\.jsonl,8,,not valid JSON/);
  await quarryService.close();
});

test('a run that fails part way is listed as failed with its error code and audited with ids, counts and the code', async (t) => {
  const dir = tempDir(t);
  const damaged = join(dir, 'damaged.jsonl.gz');
  const whole = gzipSync(Array.from({ length: 3000 }, (_, i) => chatLine(i)).join('\n'));
  writeFileSync(damaged, whole.subarray(0, Math.floor(whole.length * 0.6)));
  const quarryService = new QuarryService({ workspaceDir: join(dir, 'ws'), modelsDir: MODELS_DIR, createDeidentifier: async () => deidentifier });
  quarryService.unlock(PASSPHRASE, 'ana', 'reviewer:ana');
  await assert.rejects(async () => quarryService.handlers['ingest:run']({ path: damaged }), /not a complete gzip file/);
  const [failed] = await quarryService.handlers['ingest:runs']({});
  assert.equal(failed!.state, 'failed');
  assert.equal(failed!.errorCode, 'ingest-gzip-corrupt');
  assert.ok(failed!.ingested > 0, 'what was read before the damage is stored');
  await assert.rejects(async () => quarryService.handlers['ingest:resume']({ runId: failed!.id }), /Run 1 is failed; only a cancelled or interrupted run/);
  await quarryService.close();

  const workspace = unlockWorkspace(join(dir, 'ws'), PASSPHRASE);
  const entry = workspace.db.prepare("SELECT outcome, object_ids FROM audit_log WHERE action = 'ingest.run'").get() as { outcome: string; object_ids: string };
  assert.equal(entry.outcome, 'failure');
  const ids = JSON.parse(entry.object_ids) as Record<string, unknown>;
  assert.deepEqual(Object.keys(ids).sort(), ['duplicates', 'error', 'ingested', 'quarantined', 'records', 'run', 'state']);
  assert.deepEqual([ids.run, ids.state, ids.error, ids.ingested], [1, 'failed', 'ingest-gzip-corrupt', failed!.ingested]);
  workspace.close();
});
