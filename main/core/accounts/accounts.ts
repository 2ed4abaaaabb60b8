import { QuarryError } from '../errors.js';
import { registerSecret } from '../logging/index.js';
import { wrapDataKey } from '../store/keyring.js';
import { checkPassphraseStrength, findAccount, readWorkspaceFile, writeWorkspaceFile, type Workspace, type WorkspaceFile } from '../store/workspace.js';
import type { Role } from './roles.js';

/**
 * Local accounts of a workspace. Each account wraps its own copy of the data key with its own passphrase
 * (scrypt + AES-256-GCM) in workspace.json, so removing an account deletes its wrap and revokes it without
 * re-encrypting the database. Adding the first account (it must be an admin) converts a single-user workspace:
 * the shared passphrase wrap is removed. The list is mirrored in the database's `accounts` table (no secrets)
 * for the audit log and the UI. Callers check that the signed-in role is admin; this module keeps the
 * workspace usable (it never removes or demotes the last admin).
 */
export interface AccountInfo {
  name: string;
  role: Role;
  created: string;
}

const NAME = /^[\p{L}\p{N}][\p{L}\p{N} ._@-]{0,62}[\p{L}\p{N}]$|^[\p{L}\p{N}]$/u;

export function listAccounts(workspace: Workspace): AccountInfo[] {
  return readWorkspaceFile(workspace.dir).accounts.map(({ name, role, created }) => ({ name, role, created }));
}

/** Adds an account; the first one converts a single-user workspace and must be an admin. */
export function addAccount(workspace: Workspace, name: string, role: Role, passphrase: string): { converted: boolean } {
  // Before anything can fail: an error or log line written from here on must not carry the new passphrase.
  registerSecret(`account-passphrase:${name.trim().toLowerCase()}`, passphrase);
  const trimmed = name.trim();
  if (!NAME.test(trimmed)) {
    throw new QuarryError(
      'invalid-account-name',
      `Account name "${trimmed.slice(0, 64)}" is not allowed: use 1–64 letters, digits, spaces, dots, dashes, underscores or @, starting and ending with a letter or digit.`,
    );
  }
  checkPassphraseStrength(passphrase);
  const file = readWorkspaceFile(workspace.dir);
  const converted = file.accounts.length === 0;
  if (converted && role !== 'admin') {
    throw new QuarryError('first-account-admin', 'The first account of a workspace must be an admin, so someone can manage the others.');
  }
  if (findAccount(file, trimmed)) throw new QuarryError('account-exists', `An account named "${trimmed}" already exists.`);
  const created = new Date().toISOString();
  const wrappedKey = workspace.withDataKey((key) => wrapDataKey(key, passphrase));
  const next: WorkspaceFile = {
    ...file,
    version: 2,
    wrappedKey: undefined,
    accounts: [...file.accounts, { name: trimmed, role, created, wrappedKey }],
  };
  writeWorkspaceFile(workspace.dir, next);
  mirror(workspace, next);
  return { converted };
}

export function removeAccount(workspace: Workspace, name: string): AccountInfo {
  const file = readWorkspaceFile(workspace.dir);
  const found = existing(file, name);
  if (workspace.account && workspace.account.name.toLowerCase() === found.name.toLowerCase()) {
    throw new QuarryError('account-in-use', `"${found.name}" is signed in now; another admin has to remove it.`);
  }
  if (found.role === 'admin') keepAnAdmin(file, found.name, 'remove');
  const next: WorkspaceFile = { ...file, accounts: file.accounts.filter((a) => a !== found) };
  writeWorkspaceFile(workspace.dir, next);
  mirror(workspace, next);
  return { name: found.name, role: found.role, created: found.created };
}

export function setAccountRole(workspace: Workspace, name: string, role: Role): { from: Role; to: Role } {
  const file = readWorkspaceFile(workspace.dir);
  const found = existing(file, name);
  if (found.role === 'admin' && role !== 'admin') keepAnAdmin(file, found.name, 'demote');
  const next: WorkspaceFile = { ...file, accounts: file.accounts.map((a) => (a === found ? { ...a, role } : a)) };
  writeWorkspaceFile(workspace.dir, next);
  mirror(workspace, next);
  return { from: found.role, to: role };
}

/** Re-wraps the data key for the account under a new passphrase; the old passphrase stops working at once. */
export function setAccountPassphrase(workspace: Workspace, name: string, passphrase: string): void {
  registerSecret(`account-passphrase:${name.trim().toLowerCase()}`, passphrase);
  checkPassphraseStrength(passphrase);
  const file = readWorkspaceFile(workspace.dir);
  const found = existing(file, name);
  const wrappedKey = workspace.withDataKey((key) => wrapDataKey(key, passphrase));
  writeWorkspaceFile(workspace.dir, { ...file, accounts: file.accounts.map((a) => (a === found ? { ...a, wrappedKey } : a)) });
}

function existing(file: WorkspaceFile, name: string) {
  const found = findAccount(file, name);
  if (!found) throw new QuarryError('account-missing', `There is no account named "${name.trim().slice(0, 64)}".`);
  return found;
}

function keepAnAdmin(file: WorkspaceFile, name: string, verb: 'remove' | 'demote'): void {
  if (file.accounts.filter((a) => a.role === 'admin').length <= 1) {
    throw new QuarryError('last-admin', `"${name}" is the only admin; make another account admin before you ${verb} it.`);
  }
}

/** Brings the database's account list in line with workspace.json; removed accounts keep their row, dated. */
export function mirror(workspace: Workspace, file: WorkspaceFile = readWorkspaceFile(workspace.dir)): void {
  const { db } = workspace;
  const now = new Date().toISOString();
  db.transaction(() => {
    const upsert = db.prepare(
      `INSERT INTO accounts (name, role, created_at, removed_at) VALUES (?, ?, ?, NULL)
       ON CONFLICT (name) DO UPDATE SET role = excluded.role, removed_at = NULL`,
    );
    for (const account of file.accounts) upsert.run(account.name, account.role, account.created);
    const current = new Set(file.accounts.map((a) => a.name.toLowerCase()));
    const rows = db.prepare('SELECT name FROM accounts WHERE removed_at IS NULL').pluck().all() as string[];
    const retire = db.prepare('UPDATE accounts SET removed_at = ? WHERE name = ?');
    for (const name of rows) if (!current.has(name.toLowerCase())) retire.run(now, name);
  })();
}
