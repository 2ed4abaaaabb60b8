import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';

/**
 * The Electron binary: a station-provided build in ELECTRON_OVERRIDE_DIST_PATH, or the one the npm package
 * downloaded at install. Null when neither exists, as on machines without internet access at install time.
 */
export function findElectronBinary(env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform): string | null {
  if (env.ELECTRON_OVERRIDE_DIST_PATH) {
    const binary = platform === 'win32' ? 'electron.exe' : platform === 'darwin' ? 'Electron.app/Contents/MacOS/Electron' : 'electron';
    const path = join(env.ELECTRON_OVERRIDE_DIST_PATH, binary);
    return existsSync(path) ? path : null;
  }
  try {
    const path: unknown = createRequire(import.meta.url)('electron');
    return typeof path === 'string' && existsSync(path) ? path : null;
  } catch {
    return null;
  }
}
