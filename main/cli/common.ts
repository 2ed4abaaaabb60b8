/**
 * What every workspace command shares: the --workspace, --passphrase-file and --account flags, the audit
 * actor, and signing in. A workspace with accounts needs the account name (--account or QUARRY_ACCOUNT) and
 * that account's passphrase; a single-user workspace needs only its passphrase.
 */
import { readFileSync } from 'node:fs';
import { userInfo } from 'node:os';
import { resolve } from 'node:path';
import { Option, type Command } from 'commander';
import { Session } from '../api/session.js';
import { mayCall } from '../api/authorization.js';
import type { Channel } from '../../preload/api.js';
import { QuarryError } from '../core/errors.js';
import type { AuditEvent } from '../core/audit/audit-log.js';
import { defaultWorkspaceDir, type Workspace } from '../core/store/workspace.js';

export interface WorkspaceFlags {
  workspace?: string;
  passphraseFile?: string;
  account?: string;
}

/**
 * Who the audit log names: the account (once --account or QUARRY_ACCOUNT is given), else `cli:<user>`. A live
 * binding: the flag is read just before each command runs.
 */
export let actor = process.env.QUARRY_ACCOUNT?.trim() || `cli:${userInfo().username}`;

export function passphrase(flags: WorkspaceFlags): string {
  if (flags.passphraseFile) {
    try {
      return readFileSync(flags.passphraseFile, 'utf8').replace(/\r?\n$/, '');
    } catch (error) {
      throw new QuarryError('passphrase-file', `Cannot read the passphrase file ${flags.passphraseFile}: ${(error as NodeJS.ErrnoException).code}.`);
    }
  }
  const fromEnv = process.env.QUARRY_PASSPHRASE;
  if (!fromEnv) throw new QuarryError('passphrase-missing', 'No passphrase: set QUARRY_PASSPHRASE or pass --passphrase-file FILE.');
  return fromEnv;
}

export function workspaceDir(flags: WorkspaceFlags): string {
  return resolve(flags.workspace ?? defaultWorkspaceDir());
}

export function withWorkspaceOptions(command: Command): Command {
  return command
    .addOption(new Option('--workspace <dir>', 'workspace folder (default: the platform user-data folder)'))
    .addOption(new Option('--passphrase-file <file>', 'read the passphrase from this file instead of QUARRY_PASSPHRASE'))
    .addOption(new Option('--account <name>', 'sign in as this account (default: QUARRY_ACCOUNT); needed once the workspace has accounts'))
    .hook('preAction', (_command, action) => {
      const account = (action.opts() as WorkspaceFlags).account?.trim();
      if (!account) return;
      // Every way of opening the workspace (unlockWorkspace, QuarryService.unlock) reads it from here.
      process.env.QUARRY_ACCOUNT = account;
      actor = account;
    });
}

/**
 * Signs in the way the app does (rate-limited, failures and the session audit-logged) and checks that the
 * signed-in role may do what `channel` does in the app. The caller ends the session.
 */
export function signIn(flags: WorkspaceFlags, channel: Channel): Session {
  const session = new Session(workspaceDir(flags));
  session.signIn(passphrase(flags), actor, actor, 'cli');
  const role = session.role()!;
  if (!mayCall(role, channel)) {
    const name = session.displayName() ?? actor;
    session.audit({ action: 'access.denied', objectIds: { channel }, outcome: 'denied' });
    session.end('user');
    throw new QuarryError('forbidden', `The account "${name}" is ${/^[aeiou]/.test(role) ? 'an' : 'a'} ${role}; this command needs a role that may ${channel}.`);
  }
  return session;
}

/** A signed-in command's handle: the open workspace, the audit log as the signed-in account, and the way out. */
export interface CliSession {
  workspace: Workspace;
  audit(event: Omit<AuditEvent, 'actor'>): void;
  /** Ends the session the way the app's lock does (audit-logged, checkpoint signed, key dropped). */
  close(): void;
}

/** `signIn` for commands that work on the workspace directly: same role check, back-off and audit trail. */
export function openSession(flags: WorkspaceFlags, channel: Channel): CliSession {
  const session = signIn(flags, channel);
  return { workspace: session.open(), audit: (event) => session.audit(event), close: () => session.end('user') };
}
