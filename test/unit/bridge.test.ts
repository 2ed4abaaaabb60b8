import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createBridge, type Envelope, type Handlers } from '../../main/api/bridge.js';
import { QuarryError } from '../../main/core/errors.js';

const APP = 'app://quarry';
const trusted = { url: `${APP}/index.html`, isMainFrame: true };
const session = { role: null, accounts: false, channels: [], lockedReason: null, idleLockMinutes: null };

function handlers(overrides: Partial<Handlers> = {}): Handlers {
  const unused = () => {
    throw new Error('not used in this test');
  };
  return new Proxy({} as Handlers, {
    get: (_t, key) => (typeof key === 'symbol' ? undefined : ((overrides as Record<string, unknown>)[key] ?? unused)),
  });
}

test('calls from another origin or a subframe are refused before any handler runs', async () => {
  let ran = false;
  const bridge = createBridge(handlers({ 'workspace:status': () => ((ran = true), { path: '/w', exists: true, unlocked: false, reviewer: null, ...session }) }), { appOrigin: APP });
  for (const sender of [
    { url: 'https://evil.example/index.html', isMainFrame: true },
    { url: `${APP}/index.html`, isMainFrame: false },
    { url: 'not a url', isMainFrame: true },
  ]) {
    const envelope = await bridge.invoke(sender, 'workspace:status', {});
    assert.deepEqual(envelope.ok ? null : envelope.error.code, 'untrusted-sender');
  }
  assert.equal(ran, false);
});

test('unknown channels and invalid input are refused with what and where', async () => {
  const bridge = createBridge(handlers(), { appOrigin: APP });
  const unknown = await bridge.invoke(trusted, 'db:query', { sql: 'SELECT * FROM vault_interactions' });
  assert.equal(unknown.ok ? null : unknown.error.code, 'unknown-channel');
  const invalid = await bridge.invoke(trusted, 'cases:get', { id: 'one' });
  assert.equal(invalid.ok ? null : invalid.error.code, 'invalid-input');
  assert.match(invalid.ok ? '' : invalid.error.message, /cases:get: field id/);
  const extra = await bridge.invoke(trusted, 'cases:get', { id: 1, includeRaw: true });
  assert.equal(extra.ok, false);
});

test('output that does not match the contract is not sent, and extra fields are stripped', async () => {
  const logged: unknown[] = [];
  const bridge = createBridge(
    handlers({
      'workspace:status': () => ({ path: '/w', exists: true, unlocked: true, reviewer: 'ana', ...session, secret: 'x' }) as never,
      'audit:verify': () => ({ ok: 'yes' }) as never,
    }),
    { appOrigin: APP, logError: (e) => logged.push(e) },
  );
  const stripped = await bridge.invoke(trusted, 'workspace:status', {});
  assert.deepEqual(stripped, { ok: true, value: { path: '/w', exists: true, unlocked: true, reviewer: 'ana', ...session } });
  const bad = await bridge.invoke(trusted, 'audit:verify', {});
  assert.equal(bad.ok ? null : bad.error.code, 'internal');
  assert.equal(logged.length, 1);
});

test('user-facing errors keep their message; unexpected ones become a generic message', async () => {
  const bridge = createBridge(
    handlers({
      'cases:list': () => {
        throw new QuarryError('locked', 'The workspace is locked.');
      },
      'audit:verify': () => {
        throw new Error('SQLITE_CORRUPT at page 7');
      },
    }),
    { appOrigin: APP, logError: () => undefined },
  );
  assert.deepEqual(await bridge.invoke(trusted, 'cases:list', {}), { ok: false, error: { code: 'locked', message: 'The workspace is locked.' } });
  const hidden = (await bridge.invoke(trusted, 'audit:verify', {})) as Envelope & { ok: false };
  assert.equal(hidden.error.code, 'internal');
  assert.doesNotMatch(hidden.error.message, /SQLITE/);
});

test('the tap sees every call and its answer', async () => {
  const seen: string[] = [];
  const bridge = createBridge(handlers(), { appOrigin: APP, tap: (channel) => seen.push(channel) });
  await bridge.invoke(trusted, 'nope', {});
  await bridge.invoke(trusted, 'cases:get', {});
  assert.deepEqual(seen, ['nope', 'cases:get']);
});
