import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { gzipSync } from 'node:zlib';
import { unlockWorkspace } from '../../main/core/store/workspace.js';
import { REPO, tempDir } from '../helpers.js';

const PASSPHRASE = 'cli ingest passphrase';
const env = { ...process.env, QUARRY_PASSPHRASE: PASSPHRASE };
const CLI = ['--import', 'tsx', join(REPO, 'main', 'cli.ts')];

function quarry(args: string[]) {
  return spawnSync(process.execPath, [...CLI, ...args], { cwd: REPO, env, encoding: 'utf8' });
}

test('profiles save, list and show; ingest a gzip CSV with --profile, progress lines on stderr; quarantine export', (t) => {
  const dir = tempDir(t);
  const ws = ['--workspace', join(dir, 'ws')];
  const profile = join(dir, 'profile.json');
  writeFileSync(profile, JSON.stringify({ name: 'helpdesk', kind: 'csv', mapping: { recordId: 'id', prompt: 'q', response: 'a', signals: { latency_ms: 'ms' } } }));
  const bad = join(dir, 'bad.json');
  writeFileSync(bad, JSON.stringify({ name: 'helpdesk', kind: 'csv', mapping: { prompt: 'q', signals: { thumbs: 'fb' } } }));
  const csv = join(dir, 'helpdesk.csv.gz');
  const rows = Array.from({ length: 400 }, (_, i) => `${i},"Question ${i} from jo${i}@example.org",Answer ${i},${i === 7 ? 'slow' : 100 + i}`);
  writeFileSync(csv, gzipSync(['id,q,a,ms', ...rows].join('\n')));

  assert.equal(quarry(['ingest', join(REPO, 'examples', 'chat-log.jsonl'), ...ws, '--patterns-only']).status, 0);
  const refused = quarry(['profiles', 'save', bad, ...ws]);
  assert.equal(refused.status, 2);
  assert.match(refused.stderr, /mapping\.signals\.thumbs: /);
  const saved = quarry(['profiles', 'save', profile, ...ws]);
  assert.equal(saved.status, 0, saved.stderr);
  assert.match(saved.stdout, /Saved source profile helpdesk v1 \(csv\)/);
  assert.match(quarry(['profiles', 'list', ...ws]).stdout, /^helpdesk\tv1\tcsv\tsaved .* by cli:/m);
  assert.equal(JSON.parse(quarry(['profiles', 'show', 'helpdesk', ...ws]).stdout).mapping.prompt, 'q');
  assert.match(quarry(['profiles', 'show', 'nope', ...ws]).stderr, /No source profile "nope" in this workspace\. Saved profiles: helpdesk\./);

  const ingest = quarry(['ingest', csv, '--profile', 'helpdesk', ...ws, '--patterns-only', '--progress-interval', '0.05']);
  assert.equal(ingest.status, 0, ingest.stderr);
  assert.match(ingest.stdout, /helpdesk\.csv\.gz: 399 ingested, 0 duplicates skipped, 1 quarantined \(run 2\)/);
  assert.match(ingest.stdout, /quarantined line 9: field ms: expected a number \(mapped to latency_ms\)/);
  assert.match(ingest.stderr, /progress: [\d.]+ MB of [\d.]+ MB \(\d+%\), \d+ records, \d+ rec\/s, ETA /);
  assert.equal(quarry(['ingest', csv, '--format', 'openai-chat', '--profile', 'helpdesk', ...ws]).status, 2);

  const out = join(dir, 'quarantine.csv');
  const exported = quarry(['quarantine', 'export', '--run', '2', '--out', out, ...ws]);
  assert.equal(exported.status, 0, exported.stderr);
  assert.match(exported.stdout, /Exported 1 quarantined record\(s\) of run 2/);
  assert.equal(readFileSync(out, 'utf8'), 'run_id,file,line,field,reason\n2,helpdesk.csv.gz,9,ms,field ms: expected a number (mapped to latency_ms)\n');
  const all = join(dir, 'all.csv');
  assert.equal(quarry(['quarantine', 'export', '--out', all, ...ws]).status, 0);
  assert.equal(readFileSync(all, 'utf8').trim().split('\n').length, 1 + 2 + 1, 'every run: the example log has two');
  assert.match(quarry(['quarantine', 'export', '--run', '2', '--out', out, ...ws]).stderr, /already exists/);
  assert.match(quarry(['quarantine', 'export', '--run', 'x', '--out', join(dir, 'x.csv'), ...ws]).stderr, /--run must be a run number/);
});

test('Ctrl-C cancels an ingest cleanly: what is stored stays, the run is recorded as cancelled, a re-run adds the rest', async (t) => {
  const dir = tempDir(t);
  const ws = join(dir, 'ws');
  const big = join(dir, 'big.jsonl');
  const records = 6000;
  writeFileSync(
    big,
    Array.from({ length: records }, (_, i) => JSON.stringify({ id: `r${i}`, messages: [{ role: 'user', content: `Request ${i}: call 415-555-${String(i % 10000).padStart(4, '0')}` }] })).join('\n'),
  );
  const child = spawn(process.execPath, [...CLI, 'ingest', big, '--workspace', ws, '--patterns-only', '--progress-interval', '0.05'], { cwd: REPO, env });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  const interrupted = new Promise<void>((resolve) => {
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
      const records = /(\d+) records/.exec(stderr.split('\n').filter(Boolean).at(-1) ?? '');
      if (records && Number(records[1]) > 500 && !child.killed) {
        child.kill('SIGINT');
        resolve();
      }
    });
  });
  const exit = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  await interrupted;
  assert.equal(await exit, 130, stderr);
  assert.match(stderr, /Cancelling/);
  const cancelled = /big\.jsonl: cancelled after (\d+) ingested, 0 duplicates skipped, 0 quarantined \(run 1\)\. What was stored stays; run the same command again/.exec(stdout);
  assert.ok(cancelled, stdout);
  const stored = Number(cancelled[1]);
  assert.ok(stored > 0 && stored < records, `stopped part way (${stored})`);

  const workspace = unlockWorkspace(ws, PASSPHRASE);
  assert.deepEqual(workspace.db.prepare('SELECT state, ingested FROM ingest_runs WHERE id = 1').get(), { state: 'cancelled', ingested: stored });
  assert.equal(workspace.db.prepare('SELECT count(*) FROM cases').pluck().get(), stored);
  workspace.close();

  const rerun = quarry(['ingest', big, '--workspace', ws, '--patterns-only']);
  assert.equal(rerun.status, 0, rerun.stderr);
  assert.match(rerun.stdout, new RegExp(`${records - stored} ingested, ${stored} duplicates skipped, 0 quarantined \\(run 2\\)`));
});
