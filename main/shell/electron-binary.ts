import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

/**
 * The Electron binary: a station-provided build in ELECTRON_OVERRIDE_DIST_PATH, or the one the npm package
 * downloaded at install. Null when neither exists, as on machines without internet access at install time.
 * Reads the package's path.txt rather than requiring `electron`: requiring it would try to download the
 * binary, and Quarry makes no network calls at run time.
 */
export function findElectronBinary(
  env: NodeJS.ProcessEnv = process.env,
  platform: NodeJS.Platform = process.platform,
  packageDir: string | null = electronPackageDir(),
): string | null {
  const recorded = packageDir && existsSync(join(packageDir, 'path.txt')) ? readFileSync(join(packageDir, 'path.txt'), 'utf8').trim() : null;
  if (env.ELECTRON_OVERRIDE_DIST_PATH) {
    const fallback = platform === 'win32' ? 'electron.exe' : platform === 'darwin' ? 'Electron.app/Contents/MacOS/Electron' : 'electron';
    const path = join(env.ELECTRON_OVERRIDE_DIST_PATH, recorded ?? fallback);
    return existsSync(path) ? path : null;
  }
  if (!packageDir || !recorded) return null;
  const path = join(packageDir, 'dist', recorded);
  return existsSync(path) ? path : null;
}

function electronPackageDir(): string | null {
  try {
    return dirname(createRequire(import.meta.url).resolve('electron/package.json'));
  } catch {
    return null;
  }
}
