/** What every workspace command shares: the --workspace and --passphrase-file flags and the audit actor. */
import { readFileSync } from 'node:fs';
import { userInfo } from 'node:os';
import { resolve } from 'node:path';
import { Option, type Command } from 'commander';
import { QuarryError } from '../core/errors.js';
import { defaultWorkspaceDir } from '../core/store/workspace.js';

export interface WorkspaceFlags {
  workspace?: string;
  passphraseFile?: string;
}

export const actor = `cli:${userInfo().username}`;

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
    .addOption(new Option('--passphrase-file <file>', 'read the passphrase from this file instead of QUARRY_PASSPHRASE'));
}

