import assert from 'node:assert/strict';
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { CHANNELS } from '../../preload/api.js';
import { createBridge, type Handlers } from '../../main/api/bridge.js';
import { findElectronBinary } from '../../main/shell/electron-binary.js';
import { CONTENT_SECURITY_POLICY } from '../../main/shell/app-content.js';
import { APP_SCHEME_PRIVILEGES, openMainWindow, prepareApp, serveAppScheme } from '../../main/shell/electron/app-wiring.js';
import { APP_ORIGIN, hardenContents, hardenSession, windowOptions } from '../../main/shell/electron/hardening.js';
import { registerBridge } from '../../main/shell/electron/ipc.js';
import { REPO, tempDir } from '../helpers.js';

test('every window is sandboxed, context-isolated and without Node', () => {
  const prefs = windowOptions('/app/preload/index.cjs').webPreferences!;
  assert.equal(prefs.sandbox, true);
  assert.equal(prefs.contextIsolation, true);
  assert.equal(prefs.nodeIntegration, false);
  assert.equal(prefs.nodeIntegrationInSubFrames, false);
  assert.equal(prefs.webviewTag, false);
  assert.equal(prefs.webSecurity, true);
  assert.equal(prefs.nodeIntegrationInWorker, false);
  assert.equal(prefs.allowRunningInsecureContent, false);
  assert.equal(prefs.experimentalFeatures, false);
  assert.equal(prefs.navigateOnDragDrop, false);
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
  const senders: { url: string; isMainFrame: boolean }[] = [];
  const bridge = {
    invoke: async (sender: { url: string; isMainFrame: boolean }) => {
      senders.push(sender);
      return { ok: true as const, value: null };
    },
  };
  registerBridge({ handle: (channel: string, fn: never) => registered.set(channel, fn) } as never, bridge);
  assert.deepEqual([...registered.keys()].sort(), CHANNELS.map((c) => `quarry:${c}`).sort());
  const top = { url: `${APP_ORIGIN}/index.html`, top: null as unknown };
  top.top = top;
  const handler = registered.get('quarry:workspace:status')!;
  await handler({ senderFrame: top }, {});
  await handler({ senderFrame: { url: `${APP_ORIGIN}/index.html`, top } }, {});
  await handler({ senderFrame: null }, {});
  assert.deepEqual(senders, [
    { url: `${APP_ORIGIN}/index.html`, isMainFrame: true },
    { url: `${APP_ORIGIN}/index.html`, isMainFrame: false },
    { url: '', isMainFrame: false },
  ]);
  // And the real bridge refuses what is not the app's main frame before any handler runs.
  let ran = 0;
  const real = createBridge({ 'workspace:status': () => (ran += 1) } as unknown as Handlers, { appOrigin: APP_ORIGIN });
  for (const sender of senders.slice(1)) assert.equal((await real.invoke(sender, 'workspace:status', {})).ok, false);
  assert.equal(((await real.invoke({ url: 'https://evil.example/', isMainFrame: true }, 'workspace:status', {})) as { ok: boolean }).ok, false);
  assert.equal(ran, 0);
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

/** Fakes for the few Electron objects the wiring touches; each records what was done to it. */
function fakeContents() {
  const listeners = new Map<string, (event: { preventDefault(): void }, url?: string) => void>();
  const session = { permission: null as null | ((c: unknown, p: string, cb: (ok: boolean) => void) => void), check: null as null | (() => boolean), beforeRequest: null as unknown };
  const contents = {
    on: (name: string, fn: never) => listeners.set(name, fn),
    setWindowOpenHandler: (fn: () => { action: string }) => listeners.set('window-open', () => fn()),
    openHandler: () => (listeners.get('window-open') as unknown as () => { action: string })(),
    session: {
      setPermissionRequestHandler: (h: never) => (session.permission = h),
      setPermissionCheckHandler: (h: never) => (session.check = h),
      webRequest: { onBeforeRequest: (h: unknown) => (session.beforeRequest = h) },
    },
  };
  return { contents, listeners, session };
}

test('before ready the app sandboxes every renderer, registers app:// without CSP bypass and refuses external links', async () => {
  const calls: string[] = [];
  const appListeners = new Map<string, (event: unknown, contents: unknown) => void>();
  const shell: { openExternal: (url: string) => Promise<unknown> } = { openExternal: async () => calls.push('opened') };
  let schemes: { scheme: string; privileges: Record<string, boolean> }[] = [];
  prepareApp(
    { enableSandbox: () => calls.push('sandbox'), on: (name: string, fn: never) => appListeners.set(name, fn) } as never,
    { registerSchemesAsPrivileged: (s: never) => (schemes = s) } as never,
    shell as never,
  );
  assert.deepEqual(calls, ['sandbox']);
  assert.equal(schemes.length, 1);
  assert.equal(schemes[0]!.scheme, 'app');
  assert.deepEqual(schemes[0]!.privileges, APP_SCHEME_PRIVILEGES);
  assert.equal(APP_SCHEME_PRIVILEGES.bypassCSP, false);
  assert.equal(APP_SCHEME_PRIVILEGES.secure, true);
  assert.equal(APP_SCHEME_PRIVILEGES.standard, true);
  assert.equal(APP_SCHEME_PRIVILEGES.supportFetchAPI, false);
  assert.equal(APP_SCHEME_PRIVILEGES.allowServiceWorkers, false);
  await assert.rejects(shell.openExternal('https://example.com/'), /opens no external links/);
  assert.deepEqual(calls, ['sandbox'], 'nothing was opened');

  // Any web contents, however created, is fenced in the moment it exists: navigation, windows, webviews, permissions.
  const created = fakeContents();
  appListeners.get('web-contents-created')!({}, created.contents);
  let stopped = false;
  created.listeners.get('will-navigate')!({ preventDefault: () => (stopped = true) }, 'https://example.com/');
  assert.equal(stopped, true);
  stopped = false;
  created.listeners.get('will-attach-webview')!({ preventDefault: () => (stopped = true) });
  assert.equal(stopped, true);
  assert.deepEqual(created.contents.openHandler(), { action: 'deny' });
  const granted: boolean[] = [];
  created.session.permission!(null, 'media', (ok) => granted.push(ok));
  assert.deepEqual(granted, [false]);
  assert.equal(created.session.check!(), false);
  assert.equal(typeof created.session.beforeRequest, 'function');
});

test('app:// serves GET only, inside the renderer folder, with the strict CSP', async (t) => {
  const dir = tempDir(t);
  writeFileSync(join(dir, 'index.html'), '<!doctype html>');
  let scheme = '';
  let handler: ((request: { method: string; url: string }) => Response) | undefined;
  serveAppScheme({ handle: (s: string, h: never) => ((scheme = s), (handler = h)) } as never, dir);
  assert.equal(scheme, 'app');
  const index = handler!({ method: 'GET', url: `${APP_ORIGIN}/index.html` });
  assert.equal(index.status, 200);
  assert.equal(index.headers.get('content-security-policy'), CONTENT_SECURITY_POLICY);
  assert.equal(await index.text(), '<!doctype html>');
  assert.equal(handler!({ method: 'POST', url: `${APP_ORIGIN}/index.html` }).status, 405);
  assert.equal(handler!({ method: 'GET', url: `${APP_ORIGIN}/..%2f..%2fetc/passwd` }).status, 403);
});

test('the main window is built from the hardened options, its session hardened, and loads only app content', () => {
  const made: { options: unknown; loaded: string[]; session: ReturnType<typeof fakeContents>['session'] }[] = [];
  class FakeWindow {
    readonly loaded: string[] = [];
    readonly fake = fakeContents();
    readonly webContents = this.fake.contents;
    constructor(options: unknown) {
      made.push({ options, loaded: this.loaded, session: this.fake.session });
    }
    once() {}
    show() {}
    loadURL(url: string) {
      this.loaded.push(url);
      return Promise.resolve();
    }
  }
  openMainWindow(FakeWindow as never, '/app/preload/index.cjs');
  assert.equal(made.length, 1);
  assert.deepEqual(made[0]!.options, windowOptions('/app/preload/index.cjs'));
  assert.deepEqual(made[0]!.loaded, [`${APP_ORIGIN}/index.html`]);
  assert.equal(made[0]!.session.check!(), false);
});

test('the Electron entry uses only the tested wiring: no other window, scheme or webPreferences anywhere in the shell', () => {
  const dir = join(REPO, 'main', 'shell', 'electron');
  const entry = readFileSync(join(dir, 'main.ts'), 'utf8');
  assert.match(entry, /^prepareApp\(app, protocol, shell\);$/m, 'prepareApp runs at module load, before ready');
  assert.ok(entry.indexOf('prepareApp(app') < entry.indexOf('app.whenReady()'));
  assert.match(entry, /serveAppScheme\(protocol, rendererDir\)/);
  assert.match(entry, /openMainWindow\(BrowserWindow, /);
  for (const file of readdirSync(dir).filter((f) => f.endsWith('.ts'))) {
    const source = readFileSync(join(dir, file), 'utf8');
    if (file !== 'app-wiring.ts') assert.doesNotMatch(source, /new (BrowserWindow|Window)\(|BrowserView|WebContentsView/, `${file} creates a window outside openMainWindow`);
    if (file !== 'hardening.ts') assert.doesNotMatch(source, /webPreferences|nodeIntegration|contextIsolation|sandbox:/, `${file} sets web preferences outside windowOptions`);
    assert.doesNotMatch(source, /protocol\.(handle|registerFileProtocol|interceptFileProtocol)\(['"](file|https?)/, file);
  }
});

test('the page itself declares the strict CSP and loads no inline script', () => {
  const html = readFileSync(join(REPO, 'renderer', 'index.html'), 'utf8');
  const meta = /http-equiv="Content-Security-Policy"\s+content="([^"]+)"/.exec(html)?.[1];
  assert.ok(meta, 'index.html carries a CSP meta tag');
  assert.match(meta, /default-src 'self'/);
  assert.match(meta, /script-src 'self'(;|$)/);
  assert.match(meta, /connect-src 'none'/);
  assert.doesNotMatch(meta, /unsafe-inline|unsafe-eval|https?:|\*/);
  const scripts = [...html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/g)];
  assert.ok(scripts.length > 0);
  for (const [, attributes, body] of scripts) {
    assert.match(attributes!, /\ssrc=/, 'every script is loaded from a file');
    assert.equal(body!.trim(), '', 'no inline script');
  }
});
