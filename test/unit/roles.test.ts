import assert from 'node:assert/strict';
import { join } from 'node:path';
import { test, type TestContext } from 'node:test';
import { CHANNELS, type Channel } from '../../preload/api.js';
import { CHANNEL_ROLES, SESSIONLESS } from '../../main/api/authorization.js';
import { createBridge, type Envelope } from '../../main/api/bridge.js';
import { QuarryService } from '../../main/api/quarry-service.js';
import { QuarryError } from '../../main/core/errors.js';
import { unlockWorkspace } from '../../main/core/store/workspace.js';
import { tempDir } from '../helpers.js';

const APP = 'app://quarry';
const trusted = { url: `${APP}/index.html`, isMainFrame: true };
const ROLES = ['admin', 'reviewer', 'auditor'] as const;
const PASS = { admin: 'admin passphrase', reviewer: 'reviewer passphrase', auditor: 'auditor passphrase' };

function service(t: TestContext, dir: string) {
  const s = new QuarryService({
    workspaceDir: dir,
    modelsDir: join(dir, 'no-models'),
    createDeidentifier: () => Promise.reject(new Error('no NER model in this test')),
  });
  t.after(() => s.close());
  return s;
}

/** A workspace with one account of each role, made the way an admin would: through the bridge. */
async function workspaceWithRoles(t: TestContext) {
  const dir = join(tempDir(t), 'ws');
  const s = service(t, dir);
  const bridge = createBridge(s.handlers, { appOrigin: APP });
  const call = (channel: string, input: unknown) => bridge.invoke(trusted, channel, input);
  assert.equal((await call('workspace:unlock', { passphrase: 'single user passphrase', reviewer: 'Setup' })).ok, true);
  for (const role of ROLES) {
    const added = await call('accounts:add', { name: `${role}-1`, role, passphrase: PASS[role] });
    assert.equal(added.ok, true, JSON.stringify(added));
  }
  await call('workspace:lock', {});
  return { dir, s, call };
}

const code = (envelope: Envelope) => (envelope.ok ? 'ok' : envelope.error.code);

test('every channel × role through the bridge: forbidden exactly where CHANNEL_ROLES says, and audit-logged', async (t) => {
  const { dir, call } = await workspaceWithRoles(t);
  const probe = { 'not-a-field': true };
  for (const role of ROLES) {
    const status = await call('workspace:unlock', { passphrase: PASS[role], reviewer: `${role}-1` });
    assert.equal(status.ok && (status.value as { role: string }).role, role);
    let denied = 0;
    for (const channel of CHANNELS) {
      if (SESSIONLESS.has(channel)) continue;
      const result = code(await call(channel, probe));
      if (CHANNEL_ROLES[channel].includes(role)) {
        assert.notEqual(result, 'forbidden', `${role} may call ${channel}`);
      } else {
        assert.equal(result, 'forbidden', `${role} must not call ${channel}`);
        denied += 1;
      }
    }
    await call('workspace:lock', {});
    const ws = unlockWorkspace(dir, PASS.admin, 'admin-1');
    const logged = ws.db.prepare("SELECT count(*) FROM audit_log WHERE action = 'access.denied' AND outcome = 'denied' AND actor = ? AND role = ?").pluck().get(`${role}-1`, role);
    ws.close();
    assert.equal(logged, denied, `${role}: one 'denied' audit entry per forbidden call`);
    if (role === 'admin') assert.equal(denied, CHANNELS.filter((c) => !CHANNEL_ROLES[c].includes('admin')).length);
  }
});

test('locked, only the workspace channels answer; the rest say locked', async (t) => {
  const { call } = await workspaceWithRoles(t);
  for (const channel of CHANNELS) {
    if (SESSIONLESS.has(channel)) continue;
    assert.equal(code(await call(channel, {})), 'locked', channel);
  }
});

test('status tells the renderer the role and exactly the channels it may call', async (t) => {
  const { call } = await workspaceWithRoles(t);
  const status = await call('workspace:unlock', { passphrase: PASS.auditor, reviewer: 'AUDITOR-1' });
  assert.ok(status.ok);
  const value = status.value as { role: string; reviewer: string; accounts: boolean; channels: Channel[] };
  assert.equal(value.reviewer, 'auditor-1');
  assert.equal(value.accounts, true);
  assert.deepEqual(new Set(value.channels), new Set(CHANNELS.filter((c) => CHANNEL_ROLES[c].includes('auditor'))));
  assert.ok(value.channels.includes('audit:list') && !value.channels.includes('cases:decide') && !value.channels.includes('accounts:add'));
});

test('direct handler calls (the CLI path) are checked too', async (t) => {
  const { s } = await workspaceWithRoles(t);
  s.unlock(PASS.reviewer, 'reviewer-1', 'reviewer-1');
  assert.throws(() => s.handlers['accounts:list']({}), (e: unknown) => e instanceof QuarryError && e.code === 'forbidden');
  assert.throws(() => s.handlers['audit:verify']({}), (e: unknown) => e instanceof QuarryError && e.code === 'forbidden');
});

test('a single-user workspace session is admin until accounts exist; then the shared passphrase stops working', async (t) => {
  const { call } = await workspaceWithRoles(t);
  const shared = await call('workspace:unlock', { passphrase: 'single user passphrase', reviewer: 'Setup' });
  assert.equal(code(shared), 'wrong-passphrase');
  assert.match(shared.ok ? '' : shared.error.message, /Wrong account name or passphrase/);
});
