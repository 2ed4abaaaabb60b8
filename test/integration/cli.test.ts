import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { verifyAuditChain } from '../../main/core/audit/audit-log.js';
import { decideCase, listCases } from '../../main/core/review/review-queue.js';
import { unlockWorkspace } from '../../main/core/store/workspace.js';
import { EXAMPLE_LOG, REPO, tempDir } from '../helpers.js';

const PASSPHRASE = 'cli passphrase 42';
const env = { ...process.env, QUARRY_PASSPHRASE: PASSPHRASE };

function quarry(args: string[], extraEnv: NodeJS.ProcessEnv = env) {
  return spawnSync(process.execPath, ['--import', 'tsx', join(REPO, 'main', 'cli.ts'), ...args], { cwd: REPO, env: extraEnv, encoding: 'utf8' });
}

test('ingest, review, export and audit verify from the command line', (t) => {
  const dir = join(tempDir(t), 'ws');
  const ingest = quarry(['ingest', EXAMPLE_LOG, '--workspace', dir]);
  assert.equal(ingest.status, 0, ingest.stderr);
  assert.match(ingest.stdout, /Created a new workspace/);
  assert.match(ingest.stdout, /8 ingested, 1 duplicates skipped, 2 quarantined/);
  assert.match(ingest.stdout, /quarantined line 5: not valid JSON/);

  const workspace = unlockWorkspace(dir, PASSPHRASE);
  const [first] = listCases(workspace.db);
  decideCase(workspace.db, first!.id, 'accepted', 'ana', 'Confirm the reschedule request and promise a call back.');
  workspace.close();

  const out = join(dir, 'golden.jsonl');
  const exported = quarry(['export', '--workspace', dir, '--out', out]);
  assert.equal(exported.status, 0, exported.stderr);
  assert.match(exported.stdout, /Exported 1 accepted case/);
  const lines = readFileSync(out, 'utf8').trim().split('\n');
  assert.equal(lines.length, 1);
  const golden = JSON.parse(lines[0]!);
  assert.equal(golden.expected_behaviour, 'Confirm the reschedule request and promise a call back.');
  assert.equal(golden.provenance.source_file, 'chat-log.jsonl');
  assert.equal(golden.provenance.line, 1);
  assert.match(golden.messages[1].content, /\[EMAIL_1\]/);
  for (const identity of ['Margaret Ellison', 'margaret.ellison@examplemail.com', '415-555-0132']) {
    assert.equal(lines[0]!.includes(identity), false, identity);
  }

  const surrogateOut = join(dir, 'golden-surrogates.jsonl');
  const rendered = quarry(['export', '--workspace', dir, '--out', surrogateOut, '--profile', 'general-pii']);
  assert.equal(rendered.status, 0, rendered.stderr);
  const surrogateLine = readFileSync(surrogateOut, 'utf8').trim();
  const surrogate = JSON.parse(surrogateLine);
  assert.equal(surrogate.deid_profile, 'general-pii');
  assert.doesNotMatch(surrogate.messages[1].content, /\[EMAIL_1\]/);
  assert.match(surrogate.messages[1].content, /[\w.+-]+@[\w-]+\.[\w.]+/);
  for (const identity of ['Margaret Ellison', 'margaret.ellison@examplemail.com', '415-555-0132']) {
    assert.equal(surrogateLine.includes(identity), false, identity);
  }

  const verify = quarry(['audit', 'verify', '--workspace', dir]);
  assert.equal(verify.status, 0, verify.stderr);
  assert.match(verify.stdout, /^OK: audit chain intact, \d+ entries/);
});

test('audit verify names the first altered entry and exits non-zero', (t) => {
  const dir = join(tempDir(t), 'ws');
  assert.equal(quarry(['ingest', EXAMPLE_LOG, '--workspace', dir, '--patterns-only']).status, 0);
  const workspace = unlockWorkspace(dir, PASSPHRASE);
  workspace.db.prepare("UPDATE audit_log SET actor = 'cli:someone-else' WHERE seq = 2").run();
  workspace.close();
  const verify = quarry(['audit', 'verify', '--workspace', dir]);
  assert.equal(verify.status, 1);
  assert.match(verify.stdout, /BROKEN at entry #2: entry #2 was altered/);
});

test('a wrong or missing passphrase is a clear error that changes nothing', (t) => {
  const dir = join(tempDir(t), 'ws');
  assert.equal(quarry(['ingest', EXAMPLE_LOG, '--workspace', dir, '--patterns-only']).status, 0);
  const before = statSync(join(dir, 'quarry.db')).mtimeMs;
  const wrong = quarry(['ingest', EXAMPLE_LOG, '--workspace', dir], { ...process.env, QUARRY_PASSPHRASE: 'not the passphrase' });
  assert.equal(wrong.status, 2);
  assert.match(wrong.stderr, /Wrong passphrase/);
  assert.equal(statSync(join(dir, 'quarry.db')).mtimeMs, before);
  const missing = quarry(['audit', 'verify', '--workspace', dir], { ...process.env, QUARRY_PASSPHRASE: '' });
  assert.equal(missing.status, 2);
  assert.match(missing.stderr, /set QUARRY_PASSPHRASE or pass --passphrase-file/);
  const file = join(dir, 'pass.txt');
  writeFileSync(file, `${PASSPHRASE}\n`);
  assert.equal(quarry(['audit', 'verify', '--workspace', dir, '--passphrase-file', file], { ...process.env, QUARRY_PASSPHRASE: '' }).status, 0);
});

test('killing an ingest mid-write loses nothing stored, and re-running adds the rest without duplicates', async (t) => {
  const dir = join(tempDir(t), 'ws');
  const big = join(dir, '..', 'big.jsonl');
  const records = 4000;
  writeFileSync(
    big,
    Array.from({ length: records }, (_, i) =>
      JSON.stringify({ id: `r${i}`, messages: [{ role: 'user', content: `Request ${i}: please email jo${i}@example.org or call 415-555-${String(i % 10000).padStart(4, '0')}` }], thumbs: i % 7 ? 'up' : 'down' }),
    ).join('\n'),
  );
  assert.equal(quarry(['ingest', EXAMPLE_LOG, '--workspace', dir, '--patterns-only']).status, 0);
  const child = spawn(process.execPath, ['--import', 'tsx', join(REPO, 'main', 'cli.ts'), 'ingest', big, '--workspace', dir, '--patterns-only'], { cwd: REPO, env });
  const wal = join(dir, 'quarry.db-wal');
  await new Promise<void>((resolve, reject) => {
    const started = Date.now();
    const poll = setInterval(() => {
      let size = 0;
      try {
        size = statSync(wal).size;
      } catch {
        // not yet written
      }
      if (size > 400_000 || Date.now() - started > 60_000) {
        clearInterval(poll);
        child.kill('SIGKILL');
        resolve();
      }
    }, 10);
    child.on('error', reject);
  });
  await new Promise((resolve) => child.on('exit', resolve));

  const afterKill = unlockWorkspace(dir, PASSPHRASE);
  assert.equal(afterKill.db.pragma('integrity_check', { simple: true }), 'ok');
  const stored = afterKill.db.prepare('SELECT count(*) FROM cases').pluck().get() as number;
  const vault = afterKill.db.prepare('SELECT count(*) FROM vault_interactions').pluck().get() as number;
  assert.equal(stored, vault, 'every stored case has its vault row and vice versa');
  assert.ok(stored > 8 && stored < 8 + records, `the kill landed mid-ingest (${stored} stored)`);
  assert.deepEqual(
    afterKill.db.prepare('SELECT state, finished_at, ingested, records >= ingested AS counted, bytes_read > 0 AS progressed FROM ingest_runs ORDER BY id DESC LIMIT 1').get(),
    { state: 'running', finished_at: null, ingested: stored - 8, counted: 1, progressed: 1 },
    'a killed run stays marked running (interrupted), with how far it had got at its last commit',
  );
  assert.ok(verifyAuditChain(afterKill.db).ok);
  afterKill.close();

  const rerun = quarry(['ingest', big, '--workspace', dir, '--patterns-only']);
  assert.equal(rerun.status, 0, rerun.stderr);
  const resumed = unlockWorkspace(dir, PASSPHRASE);
  assert.equal(resumed.db.prepare('SELECT count(*) FROM cases').pluck().get(), 8 + records);
  assert.equal(resumed.db.prepare('SELECT count(DISTINCT content_hash) FROM cases').pluck().get(), 8 + records);
  resumed.close();
  assert.match(rerun.stdout, new RegExp(`${records - (stored - 8)} ingested, ${stored - 8} duplicates skipped`));
});

test('sample runs a saved, versioned policy, reproducibly, and refuses an invalid one naming the field', (t) => {
  const dir = join(tempDir(t), 'ws');
  assert.equal(quarry(['ingest', EXAMPLE_LOG, '--workspace', dir, '--patterns-only']).status, 0);
  const policy = join(dir, '..', 'policy.json');
  writeFileSync(
    policy,
    JSON.stringify({ name: 'failures-first', failureSignals: ['thumbs_down', 'escalated', 'schema_failure'], strata: { fields: ['language'], minPerStratum: 1 }, baseRate: 0.5, seed: 7 }),
  );
  const first = quarry(['sample', '--workspace', dir, '--policy', policy]);
  assert.equal(first.status, 0, first.stderr);
  assert.match(first.stdout, /Sampling run 1: policy failures-first v1, seed 7: picked \d+ of 8 case/);
  assert.match(first.stdout, /thumbs_down: 2/);
  assert.match(first.stdout, /language=es: 1/);
  const again = quarry(['sample', '--workspace', dir, '--policy', policy]);
  assert.equal(again.stdout.replace('run 2', 'run 1'), first.stdout, 'same cases, policy and seed give the same sample');
  const bad = join(dir, '..', 'bad.json');
  writeFileSync(bad, JSON.stringify({ name: 'x', baseRate: 3, oops: 1 }));
  const refused = quarry(['sample', '--workspace', dir, '--policy', bad]);
  assert.equal(refused.status, 2);
  assert.match(refused.stderr, /baseRate: Too big.*oops: unknown field/);
  assert.equal(quarry(['audit', 'verify', '--workspace', dir]).status, 0);
});
