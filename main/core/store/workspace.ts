import { chmodSync, closeSync, existsSync, fsyncSync, mkdirSync, openSync, readFileSync, renameSync, writeSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { z } from 'zod';
import { QuarryError } from '../errors.js';
import { createSigningKey } from '../audit/checkpoints.js';
import { ROLES, type Role } from '../accounts/roles.js';
import { openEncryptedDatabase, type Db } from './database.js';
import { newDataKey, unwrapDataKey, wrapDataKey, WrappedKey } from './keyring.js';

const KEY_FILE = 'workspace.json';
const DB_FILE = 'quarry.db';

/** One account's own wrap of the data key: removing the wrap revokes the account without re-encrypting anything. */
export const AccountWrap = z.object({
  name: z.string().min(1),
  role: z.enum(ROLES),
  created: z.string(),
  wrappedKey: WrappedKey,
});
export type AccountWrap = z.infer<typeof AccountWrap>;

/**
 * workspace.json. A single-user workspace (version 1) has one shared wrap of the data key; once its first
 * account is added it becomes version 2, with one wrap per account and no shared wrap. `auditPublicKey` is the
 * Ed25519 key that verifies the audit log's checkpoints (base64 SPKI DER).
 */
const WorkspaceFile = z
  .object({
    format: z.literal('quarry-workspace'),
    version: z.union([z.literal(1), z.literal(2)]),
    createdAt: z.string(),
    wrappedKey: WrappedKey.optional(),
    accounts: z.array(AccountWrap).default([]),
    auditPublicKey: z.string().optional(),
  })
  .refine((file) => file.wrappedKey !== undefined || file.accounts.length > 0, {
    message: 'holds no wrap of the data key (neither a shared passphrase nor any account)',
    path: ['accounts'],
  });
export type WorkspaceFile = z.infer<typeof WorkspaceFile>;

/** Who opened the workspace: an account, or null for a single-user workspace (which acts as admin). */
export interface SignedInAccount {
  name: string;
  role: Role;
}

export interface Workspace {
  readonly dir: string;
  readonly dbFile: string;
  readonly db: Db;
  readonly account: SignedInAccount | null;
  /** The audit checkpoint key from workspace.json, or null for a workspace made before checkpoints existed. */
  readonly publicKey: string | null;
  /** Lends the data key (to wrap it for a new account); the copy is zeroed when the workspace closes. */
  withDataKey<T>(use: (dataKey: Buffer) => T): T;
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

export function readWorkspaceFile(dir: string): WorkspaceFile {
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

export function writeWorkspaceFile(dir: string, file: WorkspaceFile): void {
  writeFileAtomic(join(dir, KEY_FILE), `${JSON.stringify(WorkspaceFile.parse(file), null, 2)}\n`);
}

function openWith(dir: string, dataKey: Buffer, account: SignedInAccount | null, publicKey: string | null): Workspace {
  const dbFile = join(dir, DB_FILE);
  const db = openEncryptedDatabase(dbFile, dataKey);
  for (const suffix of ['', '-wal', '-shm']) {
    if (existsSync(dbFile + suffix)) chmodSync(dbFile + suffix, 0o600);
  }
  let open = true;
  return {
    dir,
    dbFile,
    db,
    account,
    publicKey,
    withDataKey(use) {
      if (!open) throw new QuarryError('locked', 'The workspace is locked. Unlock it with your passphrase first.');
      return use(dataKey);
    },
    close: () => {
      open = false;
      dataKey.fill(0);
      db.close();
    },
  };
}

export function createWorkspace(dir: string, passphrase: string): Workspace {
  if (workspaceExists(dir)) {
    throw new QuarryError('workspace-exists', `A workspace already exists at ${dir}; unlock it instead.`);
  }
  checkPassphraseStrength(passphrase);
  if (existsSync(join(dir, DB_FILE))) {
    throw new QuarryError(
      'workspace-orphan-database',
      `${join(dir, DB_FILE)} exists but its key file ${KEY_FILE} does not, so it cannot be opened. Move it away or choose another folder.`,
    );
  }
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const dataKey = newDataKey();
  const wrappedKey = wrapDataKey(dataKey, passphrase);
  const workspace = openWith(dir, Buffer.from(dataKey), null, null);
  const auditPublicKey = createSigningKey(workspace.db);
  const file: WorkspaceFile = { format: 'quarry-workspace', version: 1, createdAt: new Date().toISOString(), wrappedKey, accounts: [], auditPublicKey };
  // The key file is written last: a workspace without it was never created, and a retry starts clean.
  writeWorkspaceFile(dir, file);
  dataKey.fill(0);
  return { ...workspace, publicKey: auditPublicKey };
}

export function checkPassphraseStrength(passphrase: string): void {
  if (passphrase.length < 8) {
    throw new QuarryError('weak-passphrase', 'Choose a passphrase of at least 8 characters.');
  }
}

/** Finds an account by name, ignoring case (names are unique that way). */
export function findAccount(file: WorkspaceFile, name: string): AccountWrap | undefined {
  const wanted = name.trim().toLowerCase();
  return file.accounts.find((a) => a.name.toLowerCase() === wanted);
}

/**
 * Opens the workspace. A single-user workspace needs only its passphrase (`account` is ignored); a workspace
 * with accounts needs the account name and that account's own passphrase. The name defaults to QUARRY_ACCOUNT
 * (which the CLI's --account sets), so every command line tool signs in the same way.
 */
export function unlockWorkspace(dir: string, passphrase: string, account: string | undefined = process.env.QUARRY_ACCOUNT): Workspace {
  if (!workspaceExists(dir)) {
    throw new QuarryError('workspace-missing', `No workspace at ${dir}. Create one first.`);
  }
  const file = readWorkspaceFile(dir);
  if (file.accounts.length === 0) {
    const dataKey = unwrapDataKey(file.wrappedKey!, passphrase);
    return withSigningKey(dir, file, openWith(dir, dataKey, null, file.auditPublicKey ?? null));
  }
  if (!account?.trim()) {
    throw new QuarryError(
      'account-required',
      'This workspace has accounts: sign in with your account name and passphrase (on the command line, --account NAME or QUARRY_ACCOUNT).',
    );
  }
  const found = findAccount(file, account);
  try {
    // An unknown name costs the same key derivation as a known one, so timing does not tell names apart.
    const dataKey = unwrapDataKey((found ?? file.accounts[0]!).wrappedKey, passphrase);
    if (!found) {
      dataKey.fill(0);
      throw new QuarryError('wrong-passphrase', '');
    }
    return withSigningKey(dir, file, openWith(dir, dataKey, { name: found.name, role: found.role }, file.auditPublicKey ?? null));
  } catch (error) {
    if (error instanceof QuarryError && error.code === 'wrong-passphrase') {
      throw new QuarryError('wrong-passphrase', 'Wrong account name or passphrase. Nothing was changed; try again.');
    }
    throw error;
  }
}

/** A workspace made before checkpoints existed gets its signing key at its first unlock. */
function withSigningKey(dir: string, file: WorkspaceFile, workspace: Workspace): Workspace {
  if (file.auditPublicKey) return workspace;
  const auditPublicKey = createSigningKey(workspace.db);
  writeWorkspaceFile(dir, { ...file, auditPublicKey });
  return { ...workspace, publicKey: auditPublicKey };
}

/** Unlocks the workspace at `dir`, creating it first when it does not exist yet. */
export function openOrCreateWorkspace(dir: string, passphrase: string, account?: string): { workspace: Workspace; created: boolean } {
  if (workspaceExists(dir)) return { workspace: unlockWorkspace(dir, passphrase, account), created: false };
  return { workspace: createWorkspace(dir, passphrase), created: true };
}
