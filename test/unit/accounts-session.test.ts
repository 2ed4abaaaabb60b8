import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import { join } from 'node:path';
import { test, type TestContext } from 'node:test';
import { createBridge } from '../../main/api/bridge.js';
import { QuarryService } from '../../main/api/quarry-service.js';
import { backoffSeconds, FREE_ATTEMPTS } from '../../main/core/accounts/sign-in-guard.js';
import { writeSetting } from '../../main/core/store/settings.js';
import { unlockWorkspace } from '../../main/core/store/workspace.js';
import { tempDir } from '../helpers.js';

const APP = 'app://quarry';
const trusted = { url: `${APP}/index.html`, isMainFrame: true };

function setup(t: TestContext) {
  const dir = join(tempDir(t), 'ws');
  const service = new QuarryService({ workspaceDir: dir, modelsDir: dir, createDeidentifier: () => Promise.reject(new Error('unused')) });
  t.after(() => service.close());
  const bridge = createBridge(service.handlers, { appOrigin: APP });
  const call = async (channel: string, input: unknown = {}) => {
    const envelope = await bridge.invoke(trusted, channel, input);
    if (!envelope.ok) throw Object.assign(new Error(envelope.error.message), { code: envelope.error.code });
    return envelope.value as Record<string, unknown>;
  };
  return { dir, service, call };
}

async function withAccounts(t: TestContext) {
  const env = setup(t);
  await env.call('workspace:unlock', { passphrase: 'shared passphrase', reviewer: 'setup' });
  await env.call('accounts:add', { name: 'ana', role: 'admin', passphrase: 'ana passphrase' });
  await env.call('accounts:add', { name: 'ben', role: 'reviewer', passphrase: 'ben passphrase' });
  await env.call('workspace:lock');
  return env;
}

test('back-off: free attempts, then 2^n seconds, capped', () => {
  assert.deepEqual([1, 2, 3, 4, 5, 6].map(backoffSeconds), [0, 0, 2, 4, 8, 16]);
  assert.equal(FREE_ATTEMPTS, 3);
  assert.equal(backoffSeconds(40), 900);
});

test('failed sign-ins are rate-limited per account in main and reach the audit log at the next unlock', async (t) => {
  const { dir, call } = await withAccounts(t);
  for (let i = 0; i < 3; i++) {
    await assert.rejects(call('workspace:unlock', { passphrase: 'guess number one', reviewer: 'ben' }), { code: 'wrong-passphrase' });
  }
  // Even the right passphrase waits out the back-off; another account is not held up.
  await assert.rejects(call('workspace:unlock', { passphrase: 'ben passphrase', reviewer: 'ben' }), (e: Error & { code?: string }) => e.code === 'rate-limited' && /Wait \d+ s/.test(e.message));
  const pending = readFileSync(join(dir, 'sign-in-failures.json'), 'utf8');
  assert.ok(!pending.includes('guess number one') && !pending.includes('ben passphrase'), 'no passphrase is ever written down');
  const ana = await call('workspace:unlock', { passphrase: 'ana passphrase', reviewer: 'ana' });
  assert.equal(ana.role, 'admin');
  await call('workspace:lock');
  await sleep(2100);
  const ben = await call('workspace:unlock', { passphrase: 'ben passphrase', reviewer: 'ben' });
  assert.equal(ben.role, 'reviewer');
  await call('workspace:lock');

  const ws = unlockWorkspace(dir, 'ana passphrase', 'ana');
  const failures = ws.db.prepare("SELECT actor, role, outcome, object_ids FROM audit_log WHERE action = 'workspace.unlock_failed' ORDER BY seq").all() as Record<string, string>[];
  ws.close();
  assert.equal(failures.length, 4);
  assert.ok(failures.every((f) => f.actor === 'ben' && f.outcome === 'failure' && f.role === ''));
  assert.deepEqual(failures.map((f) => JSON.parse(f.object_ids ?? '{}').reason), ['wrong-passphrase', 'wrong-passphrase', 'wrong-passphrase', 'throttled']);
  assert.deepEqual(JSON.parse(readFileSync(join(dir, 'sign-in-failures.json'), 'utf8')).pending, []);
});

test('idle lock: no user call for the set time locks the workspace; the status poll does not count as activity', async (t) => {
  const { dir, call } = await withAccounts(t);
  await call('workspace:unlock', { passphrase: 'ana passphrase', reviewer: 'ana' });
  assert.equal((await call('accounts:setIdleLock', { minutes: 5 })).idleLockMinutes, 5);
  assert.equal((await call('workspace:status')).idleLockMinutes, 5);
  await call('workspace:lock');
  // A period too short for the UI's whole minutes, written as a test would.
  const ws = unlockWorkspace(dir, 'ana passphrase', 'ana');
  writeSetting(ws.db, 'idle-lock-minutes', String(400 / 60_000));
  ws.close();
  await call('workspace:unlock', { passphrase: 'ana passphrase', reviewer: 'ana' });
  // User calls keep it open…
  for (let i = 0; i < 5; i++) {
    await sleep(150);
    await call('accounts:list');
  }
  assert.equal((await call('workspace:status')).unlocked, true);
  // …the status poll alone does not.
  for (let i = 0; i < 8; i++) {
    await sleep(80);
    await call('workspace:status');
  }
  const status = await call('workspace:status');
  assert.equal(status.unlocked, false);
  assert.equal(status.lockedReason, 'idle');
  assert.equal(status.role, null);
  await assert.rejects(call('accounts:list'), { code: 'locked' });

  const after = unlockWorkspace(dir, 'ana passphrase', 'ana');
  const last = after.db.prepare("SELECT action, actor, role FROM audit_log WHERE action LIKE 'workspace.%lock' ORDER BY seq DESC LIMIT 1").get();
  const checkpointed = after.db.prepare('SELECT max(seq) FROM audit_checkpoints').pluck().get();
  const head = after.db.prepare("SELECT max(seq) FROM audit_log WHERE action = 'workspace.idle_lock'").pluck().get();
  after.close();
  assert.deepEqual(last, { action: 'workspace.idle_lock', actor: 'ana', role: 'admin' });
  assert.equal(checkpointed, head, 'a checkpoint is signed at the idle lock');
});

test('a single-user workspace keeps its passphrase + reviewer name unlock, as admin, with no failure file', async (t) => {
  const { dir, call } = setup(t);
  const status = await call('workspace:unlock', { passphrase: 'shared passphrase', reviewer: 'Reviewer One' });
  assert.deepEqual([status.reviewer, status.role, status.accounts], ['Reviewer One', 'admin', false]);
  await call('workspace:lock');
  assert.equal((await call('workspace:unlock', { passphrase: 'shared passphrase', reviewer: 'Someone Else' })).reviewer, 'Someone Else');
  assert.equal(existsSync(join(dir, 'sign-in-failures.json')), false);
});
