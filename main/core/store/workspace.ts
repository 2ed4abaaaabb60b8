import { chmodSync, closeSync, existsSync, fsyncSync, mkdirSync, openSync, readFileSync, renameSync, writeSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { z } from 'zod';
import { QuarryError } from '../errors.js';
import { openEncryptedDatabase, type Db } from './database.js';
import { newDataKey, unwrapDataKey, wrapDataKey, WrappedKey } from './keyring.js';

const KEY_FILE = 'workspace.json';
const DB_FILE = 'quarry.db';

const WorkspaceFile = z.object({
  format: z.literal('quarry-workspace'),
  version: z.literal(1),
  createdAt: z.string(),
  wrappedKey: WrappedKey,
});

export interface Workspace {
  readonly dir: string;
  readonly dbFile: string;
  readonly db: Db;
  close(): void;
}

/** The platform's user-data folder, the same one Electron's `app.getPath('userData')` gives for "Quarry". */
export function defaultWorkspaceDir(env: NodeJS.ProcessEnv = process.env, platform = process.platform): string {
  if (platform === 'win32') return join(env.APPDATA ?? join(homedir(), 'AppData', 'Roaming'), 'Quarry');
  if (platform === 'darwin') return join(homedir(), 'Library', 'Application Support', 'Quarry');
  return join(env.XDG_CONFIG_HOME ?? join(homedir(), '.config'), 'Quarry');
}

export function workspaceExists(dir: string): boolean {
  return existsSync(join(dir, KEY_FILE));
}

/** Write-then-rename so a crash leaves either the old file or the new one, never half of one. */
export function writeFileAtomic(file: string, contents: string, mode = 0o600): void {
  const tmp = `${file}.${process.pid}.tmp`;
  const fd = openSync(tmp, 'w', mode);
  try {
    writeSync(fd, contents);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  renameSync(tmp, file);
}

function readWorkspaceFile(dir: string): z.infer<typeof WorkspaceFile> {
  const file = join(dir, KEY_FILE);
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new QuarryError('workspace-unreadable', `${file} cannot be read (${(error as Error).message}).`);
  }
  const parsed = WorkspaceFile.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new QuarryError('workspace-unreadable', `${file}: field ${issue?.path.join('.') || '(root)'}: ${issue?.message}.`);
  }
  return parsed.data;
}

function openWith(dir: string, dataKey: Buffer): Workspace {
  const dbFile = join(dir, DB_FILE);
  const db = openEncryptedDatabase(dbFile, dataKey);
  dataKey.fill(0);
  for (const suffix of ['', '-wal', '-shm']) {
    if (existsSync(dbFile + suffix)) chmodSync(dbFile + suffix, 0o600);
  }
  return { dir, dbFile, db, close: () => db.close() };
}

export function createWorkspace(dir: string, passphrase: string): Workspace {
  if (workspaceExists(dir)) {
    throw new QuarryError('workspace-exists', `A workspace already exists at ${dir}; unlock it instead.`);
  }
  if (passphrase.length < 8) {
    throw new QuarryError('weak-passphrase', 'Choose a passphrase of at least 8 characters.');
  }
  if (existsSync(join(dir, DB_FILE))) {
    throw new QuarryError(
      'workspace-orphan-database',
      `${join(dir, DB_FILE)} exists but its key file ${KEY_FILE} does not, so it cannot be opened. Move it away or choose another folder.`,
    );
  }
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const dataKey = newDataKey();
  const file = { format: 'quarry-workspace', version: 1, createdAt: new Date().toISOString(), wrappedKey: wrapDataKey(dataKey, passphrase) };
  const workspace = openWith(dir, Buffer.from(dataKey));
  // The key file is written last: a workspace without it was never created, and a retry starts clean.
  writeFileAtomic(join(dir, KEY_FILE), `${JSON.stringify(file, null, 2)}\n`);
  dataKey.fill(0);
  return workspace;
}

export function unlockWorkspace(dir: string, passphrase: string): Workspace {
  if (!workspaceExists(dir)) {
    throw new QuarryError('workspace-missing', `No workspace at ${dir}. Create one first.`);
  }
  const dataKey = unwrapDataKey(readWorkspaceFile(dir).wrappedKey, passphrase);
  return openWith(dir, dataKey);
}

/** Unlocks the workspace at `dir`, creating it first when it does not exist yet. */
export function openOrCreateWorkspace(dir: string, passphrase: string): { workspace: Workspace; created: boolean } {
  if (workspaceExists(dir)) return { workspace: unlockWorkspace(dir, passphrase), created: false };
  return { workspace: createWorkspace(dir, passphrase), created: true };
}
