/**
 * Electron entry: one hardened window on the app:// scheme, the bridge over IPC, and the same QuarryService
 * the Chromium shell and the CLI use. Kept thin: everything it decides lives in hardening.ts and ipc.ts.
 */
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { app, BrowserWindow, ipcMain, protocol, shell } from 'electron';
import { createBridge } from '../../api/bridge.js';
import { QuarryService } from '../../api/quarry-service.js';
import { createDeidentifier } from '../../core/deid/create-deidentifier.js';
import { serveAppContent } from '../app-content.js';
import { APP_ORIGIN, APP_SCHEME, hardenContents, hardenSession, windowOptions } from './hardening.js';
import { registerBridge } from './ipc.js';

const { values } = parseArgs({ args: process.argv.slice(app.isPackaged ? 1 : 2), options: { workspace: { type: 'string' } }, strict: false });
const appRoot = app.getAppPath();
const rendererDir = join(import.meta.dirname, '..', 'renderer');

app.enableSandbox();
protocol.registerSchemesAsPrivileged([{ scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: false } }]);
shell.openExternal = () => Promise.reject(new Error('Quarry opens no external links.'));

app.on('web-contents-created', (_event, contents) => hardenContents(contents));

app.whenReady().then(() => {
  protocol.handle(APP_SCHEME, (request) => {
    const response = serveAppContent(rendererDir, request.method, request.url);
    return new Response(new Uint8Array(response.body), { status: response.status, headers: response.headers });
  });
  const service = new QuarryService({
    workspaceDir: typeof values.workspace === 'string' ? values.workspace : app.getPath('userData'),
    browseStart: app.getPath('home'),
    modelsDir: join(appRoot, 'models'),
    createDeidentifier: (modelId) => createDeidentifier({ modelsDir: join(appRoot, 'models'), modelId }),
  });
  registerBridge(ipcMain, createBridge(service.handlers, { appOrigin: APP_ORIGIN }));
  const window = new BrowserWindow(windowOptions(join(import.meta.dirname, '..', 'preload', 'index.cjs')));
  hardenSession(window.webContents.session);
  window.once('ready-to-show', () => window.show());
  void window.loadURL(`${APP_ORIGIN}/index.html`);
  app.on('window-all-closed', () => {
    void service.close().finally(() => app.quit());
  });
});
