import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { CHANNELS } from '../../preload/api.js';
import { createBridge, type Handlers } from '../../main/api/bridge.js';
import { findElectronBinary } from '../../main/shell/electron-binary.js';
import { APP_ORIGIN, hardenContents, hardenSession, windowOptions } from '../../main/shell/electron/hardening.js';
import { registerBridge } from '../../main/shell/electron/ipc.js';
import { tempDir } from '../helpers.js';

test('every window is sandboxed, context-isolated and without Node', () => {
  const prefs = windowOptions('/app/preload/index.cjs').webPreferences!;
  assert.equal(prefs.sandbox, true);
  assert.equal(prefs.contextIsolation, true);
  assert.equal(prefs.nodeIntegration, false);
  assert.equal(prefs.nodeIntegrationInSubFrames, false);
  assert.equal(prefs.webviewTag, false);
  assert.equal(prefs.webSecurity, true);
  assert.equal(prefs.preload, '/app/preload/index.cjs');
});

test('the session refuses every permission and every request outside the app', () => {
  let requestHandler: ((c: unknown, p: string, cb: (ok: boolean) => void) => void) | undefined;
  let checkHandler: (() => boolean) | undefined;
  let beforeRequest: ((d: { url: string }, cb: (r: { cancel: boolean }) => void) => void) | undefined;
  hardenSession({
    setPermissionRequestHandler: (h: never) => (requestHandler = h),
    setPermissionCheckHandler: (h: never) => (checkHandler = h),
    webRequest: { onBeforeRequest: (h: never) => (beforeRequest = h) },
  } as never);
  const granted: boolean[] = [];
  for (const permission of ['media', 'geolocation', 'notifications', 'clipboard-read']) requestHandler!(null, permission, (ok) => granted.push(ok));
  assert.deepEqual(granted, [false, false, false, false]);
  assert.equal(checkHandler!(), false);
  const cancelled = (url: string) => {
    let verdict: boolean | undefined;
    beforeRequest!({ url }, (r) => (verdict = r.cancel));
    return verdict;
  };
  assert.equal(cancelled(`${APP_ORIGIN}/index.html`), false);
  assert.equal(cancelled('https://cdn.example.com/font.woff2'), true);
  assert.equal(cancelled('http://127.0.0.1:8080/'), true);
  assert.equal(cancelled('file:///etc/passwd'), true);
});

test('navigation away, redirects, webviews and new windows are denied', () => {
  const listeners = new Map<string, (event: { preventDefault(): void }, url?: string) => void>();
  let openHandler: (() => { action: string }) | undefined;
  hardenContents({ on: (name: string, fn: never) => listeners.set(name, fn), setWindowOpenHandler: (fn: never) => (openHandler = fn) } as never);
  const prevented = (name: string, url?: string) => {
    let stopped = false;
    listeners.get(name)!({ preventDefault: () => (stopped = true) }, url);
    return stopped;
  };
  assert.equal(prevented('will-navigate', 'https://example.com/'), true);
  assert.equal(prevented('will-navigate', `${APP_ORIGIN}/index.html`), false);
  assert.equal(prevented('will-redirect'), true);
  assert.equal(prevented('will-attach-webview'), true);
  assert.deepEqual(openHandler!(), { action: 'deny' });
});

test('IPC registers exactly the contract channels and passes the sender frame to the bridge', async () => {
  const registered = new Map<string, (event: unknown, input: unknown) => Promise<unknown>>();
  const status = { path: '/w', exists: false, unlocked: false, reviewer: null };
  const handlers = { 'workspace:status': () => status } as unknown as Handlers;
  registerBridge({ handle: (channel: string, fn: never) => registered.set(channel, fn) } as never, createBridge(handlers, { appOrigin: APP_ORIGIN }));
  assert.deepEqual([...registered.keys()].sort(), CHANNELS.map((c) => `quarry:${c}`).sort());
  const top = { url: `${APP_ORIGIN}/index.html`, top: null as unknown };
  top.top = top;
  const handler = registered.get('quarry:workspace:status')!;
  assert.deepEqual(await handler({ senderFrame: top }, {}), { ok: true, value: status });
  const child = { url: `${APP_ORIGIN}/index.html`, top };
  assert.equal(((await handler({ senderFrame: child }, {})) as { ok: boolean }).ok, false);
  assert.equal(((await handler({ senderFrame: null }, {})) as { ok: boolean }).ok, false);
});

test('the Electron binary is found through ELECTRON_OVERRIDE_DIST_PATH', (t) => {
  const dist = tempDir(t);
  assert.equal(findElectronBinary({ ELECTRON_OVERRIDE_DIST_PATH: dist }, 'linux', null), null);
  writeFileSync(join(dist, 'electron'), '');
  assert.equal(findElectronBinary({ ELECTRON_OVERRIDE_DIST_PATH: dist }, 'linux', null), join(dist, 'electron'));
});

test('the npm package binary counts only when its download is there, and looking never downloads', (t) => {
  const pkg = tempDir(t);
  assert.equal(findElectronBinary({}, 'linux', pkg), null);
  writeFileSync(join(pkg, 'path.txt'), 'electron');
  assert.equal(findElectronBinary({}, 'linux', pkg), null);
  mkdirSync(join(pkg, 'dist'));
  writeFileSync(join(pkg, 'dist', 'electron'), '');
  assert.equal(findElectronBinary({}, 'linux', pkg), join(pkg, 'dist', 'electron'));
});
