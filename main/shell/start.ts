/**
 * `npm start`: opens Quarry in Electron when its binary is available, otherwise the same app in the Chromium
 * shell on the system Chromium, otherwise says what to install.
 */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { createDeidentifier } from '../core/deid/create-deidentifier.js';
import { defaultModelsDir } from '../core/deid/ner/detector.js';
import { defaultWorkspaceDir } from '../core/store/workspace.js';
import { installCrashLogging, log } from '../core/logging/index.js';
import { QuarryService } from '../api/quarry-service.js';
import { launchChromiumShell } from './chromium/chromium-shell.js';
import { findElectronBinary } from './electron-binary.js';

installCrashLogging('quarry');

const REPO = join(import.meta.dirname, '..', '..');
const CHROMIUM = process.env.QUARRY_CHROMIUM ?? '/usr/bin/chromium';

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { workspace: { type: 'string' } }, allowPositionals: false });
  const workspaceDir = values.workspace ?? defaultWorkspaceDir();
  const electron = findElectronBinary();
  if (electron) {
    const child = spawn(electron, [REPO, ...(values.workspace ? ['--workspace', values.workspace] : [])], { stdio: 'inherit' });
    child.on('exit', (code) => process.exit(code ?? 0));
    return;
  }
  if (!existsSync(CHROMIUM)) {
    log.error(
      'Quarry needs a window to run in, and found neither Electron nor Chromium.\n' +
        '  - Electron: set ELECTRON_OVERRIDE_DIST_PATH to a folder holding an Electron build, or let `npm install` download it;\n' +
        '  - or Chromium: sudo apt-get install chromium   (or set QUARRY_CHROMIUM to its path).',
    );
    process.exit(1);
  }
  if (process.platform === 'linux' && !process.env.DISPLAY && !process.env.WAYLAND_DISPLAY) {
    log.error('No display to open a window on: run Quarry from a desktop session, or under `xvfb-run npm start`.');
    process.exit(1);
  }
  log.info(`Electron's binary is not available here; opening Quarry in the Chromium shell (${CHROMIUM}). Workspace: ${workspaceDir}`);
  const modelsDir = defaultModelsDir();
  const service = new QuarryService({
    workspaceDir,
    browseStart: join(REPO, 'examples'),
    modelsDir,
    createDeidentifier: (modelId) => createDeidentifier({ modelsDir, modelId }),
  });
  const shell = await launchChromiumShell({
    handlers: service.handlers,
    rendererDir: join(REPO, 'out', 'renderer'),
    executablePath: CHROMIUM,
    headless: false,
  });
  const shutdown = async (): Promise<void> => {
    await service.close();
    await shell.close().catch(() => undefined);
    process.exit(0);
  };
  shell.page.on('close', () => void shutdown());
  shell.browser.on('disconnected', () => void shutdown());
  process.on('SIGINT', () => void shutdown());
}

await main();
