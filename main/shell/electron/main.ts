/**
 * Electron entry: one hardened window on the app:// scheme, the bridge over IPC, and the same QuarryService
 * the Chromium shell and the CLI use. Kept thin: everything it decides lives in app-wiring.ts, hardening.ts and
 * ipc.ts, which the unit tests exercise.
 */
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { app, BrowserWindow, ipcMain, protocol, shell } from 'electron';
import { createBridge } from '../../api/bridge.js';
import { QuarryService } from '../../api/quarry-service.js';
import { createDeidentifier } from '../../core/deid/create-deidentifier.js';
import { installCrashLogging } from '../../core/logging/index.js';
import { openMainWindow, prepareApp, serveAppScheme } from './app-wiring.js';
import { APP_ORIGIN } from './hardening.js';
import { registerBridge } from './ipc.js';

installCrashLogging('quarry', { keepRunningOnRejection: true });

const { values } = parseArgs({ args: process.argv.slice(app.isPackaged ? 1 : 2), options: { workspace: { type: 'string' } }, strict: false });
const appRoot = app.getAppPath();
const rendererDir = join(import.meta.dirname, '..', 'renderer');

prepareApp(app, protocol, shell);

app.whenReady().then(() => {
  serveAppScheme(protocol, rendererDir);
  const service = new QuarryService({
    workspaceDir: typeof values.workspace === 'string' ? values.workspace : app.getPath('userData'),
    browseStart: app.getPath('home'),
    modelsDir: join(appRoot, 'models'),
    createDeidentifier: (modelId) => createDeidentifier({ modelsDir: join(appRoot, 'models'), modelId }),
  });
  registerBridge(ipcMain, createBridge(service.handlers, { appOrigin: APP_ORIGIN }));
  openMainWindow(BrowserWindow, join(import.meta.dirname, '..', 'preload', 'index.cjs'));
  app.on('window-all-closed', () => {
    void service.close().finally(() => app.quit());
  });
});
