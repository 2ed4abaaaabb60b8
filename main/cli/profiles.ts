/**
 * `quarry profiles list | show NAME | save FILE.json`: the workspace's source profiles, the field mappings that
 * let `quarry ingest FILE --profile NAME` read generic JSONL and CSV logs. Saving a name again adds a version.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Command } from 'commander';
import { QuarryError } from '../core/errors.js';
import { getProfile, listProfiles, saveProfile } from '../core/ingest/profiles/profile-store.js';
import type { Workspace } from '../core/store/workspace.js';
import type { Channel } from '../../preload/api.js';
import { actor, openSession, withWorkspaceOptions, type CliSession, type WorkspaceFlags } from './common.js';

/** Signs in with the role check of the app's channel for the same action, runs, and ends the session. */
function withWorkspace<T>(flags: WorkspaceFlags, channel: Channel, use: (workspace: Workspace, audit: CliSession['audit']) => T): T {
  const { workspace, audit, close } = openSession(flags, channel);
  try {
    return use(workspace, audit);
  } finally {
    close();
  }
}

function readJson(file: string): unknown {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new QuarryError('profile-file', `Cannot read ${file}: ${(error as NodeJS.ErrnoException).code ?? 'read error'}.`);
  }
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new QuarryError('profile-file', `${file} is not valid JSON: ${(error as Error).message}.`);
  }
}

export function registerProfileCommands(program: Command): void {
  const profiles = program.command('profiles').description('source profiles: field mappings for generic JSONL and CSV logs');
  withWorkspaceOptions(profiles.command('list').description('the saved profiles, latest version of each')).action((flags: WorkspaceFlags) =>
    withWorkspace(flags, 'profiles:list', ({ db }) => {
      const all = listProfiles(db);
      if (all.length === 0) console.log('No source profiles yet: quarry profiles save FILE.json');
      for (const p of all) console.log(`${p.profile.name}\tv${p.version}\t${p.profile.kind}\tsaved ${p.createdAt} by ${p.createdBy}`);
    }),
  );
  withWorkspaceOptions(
    profiles
      .command('show')
      .description('print a saved profile as JSON (ready to edit and save again)')
      .argument('<name>')
      .option('--version <n>', 'an earlier version'),
  ).action((name: string, flags: WorkspaceFlags & { version?: string }) =>
    withWorkspace(flags, 'profiles:list', ({ db }) => {
      const version = flags.version === undefined ? undefined : Number(flags.version);
      if (version !== undefined && !(Number.isInteger(version) && version > 0)) throw new QuarryError('cli-option', `--version must be a positive whole number, not "${flags.version}".`);
      const stored = getProfile(db, name, version);
      console.log(JSON.stringify(stored.profile, null, 2));
    }),
  );
  withWorkspaceOptions(profiles.command('save').description('validate a profile JSON file and save it (a new version if the name exists)').argument('<file>')).action(
    (file: string, flags: WorkspaceFlags) =>
      withWorkspace(flags, 'profiles:save', ({ db }, audit) => {
        const path = resolve(file);
        const saved = saveProfile(db, readJson(path), actor);
        audit({ action: 'profile.save', objectIds: { profile: saved.profile.name, version: saved.version } });
        console.log(`Saved source profile ${saved.profile.name} v${saved.version} (${saved.profile.kind})`);
      }),
  );
}
