import { closeSync, fsyncSync, lstatSync, mkdirSync, openSync, readdirSync, readFileSync, renameSync, rmdirSync, rmSync, writeSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { QuarryError } from '../../errors.js';

/**
 * Writing a release export as one folder, all or nothing. The whole set of files is written into a hidden
 * staging folder beside the target (same parent, so the same file system), every file and folder is fsynced,
 * and the staging folder then becomes the target in one rename. Replacing an earlier export swaps folders:
 * target → backup, staging → target, then the backup is deleted. A process killed at any point therefore
 * leaves the target either absent, or the complete old set, or the complete new set; the only moment the
 * target is absent while an old set exists is between the two renames of a swap, and then the old set is whole
 * in the backup folder. The next export into the same target first recovers: it puts such a backup back and
 * deletes the staging and backup folders that dead processes left behind.
 */

export interface FolderFile {
  /** Path inside the folder, `/`-separated, no `..`. */
  path: string;
  contents: string;
}

/** What an existing target holds: nothing, an empty folder, a Quarry release export, or something else. */
export type TargetState =
  | { kind: 'absent' }
  | { kind: 'empty' }
  | { kind: 'export'; evalSet: string; version: number }
  | { kind: 'other'; why: string };

const STAGING = 'quarry-staging';
const BACKUP = 'quarry-backup';
const MANIFEST = 'manifest.json';

const errno = (error: unknown) => (error as NodeJS.ErrnoException).code ?? (error as Error).message;

/** `.<name>.quarry-staging-<pid>` / `.<name>.quarry-backup-<pid>` beside the target. */
function sideName(target: string, kind: typeof STAGING | typeof BACKUP, pid = process.pid): string {
  return join(dirname(target), `.${basename(target)}.${kind}-${pid}`);
}

/** Side folders of `target` left in its parent, with the process id that made each. */
function sideFolders(target: string): Array<{ path: string; kind: typeof STAGING | typeof BACKUP; pid: number }> {
  const prefix = `.${basename(target)}.`;
  let names: string[];
  try {
    names = readdirSync(dirname(target));
  } catch {
    return [];
  }
  return names.flatMap((name) => {
    if (!name.startsWith(prefix)) return [];
    const match = /^(quarry-staging|quarry-backup)-(\d+)$/.exec(name.slice(prefix.length));
    return match ? [{ path: join(dirname(target), name), kind: match[1] as typeof STAGING, pid: Number(match[2]) }] : [];
  });
}

/** Whether process `pid` still runs (then its staging folder is in use). This process counts as finished. */
function running(pid: number): boolean {
  if (pid === process.pid) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** fsync a folder so its entries (new files, renames) are durable; Windows cannot open folders, and needs not. */
function fsyncDir(dir: string): void {
  let fd: number;
  try {
    fd = openSync(dir, 'r');
  } catch (error) {
    if (process.platform === 'win32') return;
    throw error;
  }
  try {
    fsyncSync(fd);
  } catch (error) {
    if (process.platform !== 'win32') throw error;
  } finally {
    closeSync(fd);
  }
}

/**
 * Repairs what an interrupted export into `target` left behind: with the target missing, a dead process's backup
 * (a complete earlier export) is put back; then every staging and backup folder of a dead process is deleted.
 * Returns what it did, for the caller to report.
 */
export function recoverExportFolder(target: string): { restored: boolean; removed: number } {
  const sides = sideFolders(target).filter((s) => !running(s.pid));
  let restored: string | null = null;
  if (targetState(target).kind === 'absent') {
    const backup = sides.find((s) => s.kind === BACKUP);
    if (backup) {
      renameSync(backup.path, target);
      fsyncDir(dirname(target));
      restored = backup.path;
    }
  }
  let removed = 0;
  for (const side of sides) {
    if (side.path === restored) continue;
    rmSync(side.path, { recursive: true, force: true });
    removed += 1;
  }
  return { restored: restored !== null, removed };
}

/** What `target` holds now. A folder is a Quarry export when its manifest.json is a release manifest. */
export function targetState(target: string): TargetState {
  let stat;
  try {
    stat = lstatSync(target);
  } catch (error) {
    if (errno(error) === 'ENOENT') return { kind: 'absent' };
    return { kind: 'other', why: `it cannot be read (${errno(error)})` };
  }
  if (!stat.isDirectory()) return { kind: 'other', why: stat.isSymbolicLink() ? 'it is a symbolic link' : 'it is a file' };
  const entries = readdirSync(target);
  if (entries.length === 0) return { kind: 'empty' };
  try {
    const manifest = JSON.parse(readFileSync(join(target, MANIFEST), 'utf8')) as { schema?: unknown; eval_set?: unknown; version?: unknown };
    if (manifest.schema === 'quarry.release/1' && typeof manifest.eval_set === 'string' && typeof manifest.version === 'number') {
      return { kind: 'export', evalSet: manifest.eval_set, version: manifest.version };
    }
  } catch {
    // No readable manifest: not an export.
  }
  return { kind: 'other', why: `it holds ${entries.length} item(s) and no release manifest.json` };
}

function writeDurably(file: string, contents: string): void {
  const fd = openSync(file, 'wx', 0o644);
  try {
    writeSync(fd, contents);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

/** Writes every file into `staging` (created fresh) and fsyncs files, then folders deepest first. */
function fillStaging(staging: string, files: readonly FolderFile[]): void {
  mkdirSync(staging, { mode: 0o755 });
  const dirs = new Set<string>([staging]);
  for (const file of files) {
    if (file.path.split('/').some((part) => part === '' || part === '.' || part === '..')) {
      throw new QuarryError('export-write-failed', `The export file name ${JSON.stringify(file.path)} is not a plain relative path.`);
    }
    const path = join(staging, ...file.path.split('/'));
    for (let dir = dirname(path); !dirs.has(dir); dir = dirname(dir)) dirs.add(dir);
    mkdirSync(dirname(path), { recursive: true, mode: 0o755 });
    writeDurably(path, file.contents);
  }
  for (const dir of [...dirs].sort((a, b) => b.length - a.length)) fsyncDir(dir);
}

/**
 * Writes `files` as the folder `target`, all or nothing (see the module comment). An existing export there is
 * refused with `export-exists` unless `overwrite`; an existing empty folder is taken over; anything else (a file,
 * a folder with other content) is refused with `export-dir-not-export` and never touched.
 */
export function writeExportFolder(target: string, files: readonly FolderFile[], options: { overwrite?: boolean } = {}): { replaced: boolean } {
  const parent = dirname(target);
  if (parent === target || basename(target) === '') {
    throw new QuarryError('export-dir-unusable', `The export folder ${target} is the root of a file system. Choose a folder inside it.`);
  }
  try {
    mkdirSync(parent, { recursive: true });
  } catch (error) {
    throw new QuarryError('export-dir-unusable', `The export folder ${target} cannot be created (${errno(error)}). Choose another folder.`);
  }
  try {
    recoverExportFolder(target);
  } catch (error) {
    throw new QuarryError('export-dir-unusable', `An interrupted earlier export into ${target} cannot be cleaned up (${errno(error)}).`);
  }
  const state = targetState(target);
  if (state.kind === 'other') {
    throw new QuarryError('export-dir-not-export', `${target} is not a Quarry export folder (${state.why}), so it is left alone. Choose a new or empty folder.`);
  }
  if (state.kind === 'export' && !options.overwrite) {
    throw new QuarryError(
      'export-exists',
      `${target} already holds an export of ${state.evalSet} v${state.version}. Replace it (the app's Replace, or --overwrite) or choose another folder.`,
    );
  }

  const staging = sideName(target, STAGING);
  try {
    rmSync(staging, { recursive: true, force: true });
    fillStaging(staging, files);
  } catch (error) {
    rmSync(staging, { recursive: true, force: true });
    if (error instanceof QuarryError) throw error;
    throw new QuarryError('export-write-failed', `The export into ${target} cannot be written (${errno(error)}); nothing was changed.`);
  }

  const backup = sideName(target, BACKUP);
  let movedAside = false;
  try {
    if (state.kind === 'empty') rmdirSync(target);
    if (state.kind === 'export') {
      renameSync(target, backup);
      movedAside = true;
    }
    renameSync(staging, target);
    fsyncDir(parent);
  } catch (error) {
    // Put the old export back where it was; the staging folder goes.
    if (movedAside && targetState(target).kind === 'absent') renameSync(backup, target);
    rmSync(staging, { recursive: true, force: true });
    throw new QuarryError('export-write-failed', `The export could not be moved into ${target} (${errno(error)}); the folder is as it was.`);
  }
  if (movedAside) rmSync(backup, { recursive: true, force: true });
  return { replaced: movedAside };
}
