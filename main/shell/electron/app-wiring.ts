/**
 * What the Electron entry does to the app before and at `ready`, as functions over the Electron objects they
 * touch, so a unit test can hand in fakes and assert every setting: the sandbox for every renderer, the app://
 * scheme (standard, secure, no CSP bypass, served GET-only by app-content.ts), external links refused, and every
 * web contents and its session hardened the moment it is created, whatever created it.
 */
import type { App, BrowserWindow, BrowserWindowConstructorOptions, Protocol, Shell, WebContents } from 'electron';
import { serveAppContent } from '../app-content.js';
import { APP_ORIGIN, APP_SCHEME, hardenContents, hardenSession, windowOptions } from './hardening.js';

type AppLike = Pick<App, 'enableSandbox' | 'on'>;
type ProtocolLike = Pick<Protocol, 'registerSchemesAsPrivileged'>;
type ShellLike = Pick<Shell, 'openExternal'>;

export const APP_SCHEME_PRIVILEGES = {
  standard: true,
  secure: true,
  supportFetchAPI: false,
  bypassCSP: false,
  corsEnabled: false,
  allowServiceWorkers: false,
  stream: false,
  codeCache: false,
} as const;

/** Must run before `ready`: sandbox every renderer, register app://, refuse external links, harden all contents. */
export function prepareApp(app: AppLike, protocol: ProtocolLike, shell: ShellLike): void {
  app.enableSandbox();
  protocol.registerSchemesAsPrivileged([{ scheme: APP_SCHEME, privileges: { ...APP_SCHEME_PRIVILEGES } }]);
  shell.openExternal = () => Promise.reject(new Error('Quarry opens no external links.'));
  app.on('web-contents-created', (_event: unknown, contents: WebContents) => {
    hardenContents(contents);
    hardenSession(contents.session);
  });
}

/** Serves the built renderer on app:// (GET only, confined to `rendererDir`, strict CSP on every response). */
export function serveAppScheme(protocol: Pick<Protocol, 'handle'>, rendererDir: string): void {
  protocol.handle(APP_SCHEME, (request) => {
    const response = serveAppContent(rendererDir, request.method, request.url);
    return new Response(new Uint8Array(response.body), { status: response.status, headers: response.headers });
  });
}

type WindowConstructor = new (options: BrowserWindowConstructorOptions) => Pick<BrowserWindow, 'once' | 'show' | 'loadURL' | 'webContents'>;

/** The one window: hardened preferences, hardened session, showing only app content. */
export function openMainWindow<W extends WindowConstructor>(Window: W, preloadPath: string): InstanceType<W> {
  const window = new Window(windowOptions(preloadPath)) as InstanceType<W>;
  hardenSession(window.webContents.session);
  window.once('ready-to-show', () => window.show());
  void window.loadURL(`${APP_ORIGIN}/index.html`);
  return window;
}
