/**
 * `quarry profiles list | show NAME | save FILE.json`: the workspace's source profiles, the field mappings that
 * let `quarry ingest FILE --profile NAME` read generic JSONL and CSV logs. Saving a name again adds a version.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Command } from 'commander';
import { appendAudit } from '../core/audit/audit-log.js';
import { QuarryError } from '../core/errors.js';
import { getProfile, listProfiles, saveProfile } from '../core/ingest/profiles/profile-store.js';
import { unlockWorkspace, type Workspace } from '../core/store/workspace.js';
import { actor, passphrase, withWorkspaceOptions, workspaceDir, type WorkspaceFlags } from './common.js';

function withWorkspace<T>(flags: WorkspaceFlags, use: (workspace: Workspace) => T): T {
  const workspace = unlockWorkspace(workspaceDir(flags), passphrase(flags));
  try {
    return use(workspace);
  } finally {
    workspace.close();
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
    withWorkspace(flags, ({ db }) => {
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
    withWorkspace(flags, ({ db }) => {
      const version = flags.version === undefined ? undefined : Number(flags.version);
      if (version !== undefined && !(Number.isInteger(version) && version > 0)) throw new QuarryError('cli-option', `--version must be a positive whole number, not "${flags.version}".`);
      const stored = getProfile(db, name, version);
      console.log(JSON.stringify(stored.profile, null, 2));
    }),
  );
  withWorkspaceOptions(profiles.command('save').description('validate a profile JSON file and save it (a new version if the name exists)').argument('<file>')).action(
    (file: string, flags: WorkspaceFlags) =>
      withWorkspace(flags, ({ db }) => {
        const path = resolve(file);
        const saved = saveProfile(db, readJson(path), actor);
        appendAudit(db, { actor, action: 'profile.save', objectIds: { profile: saved.profile.name, version: saved.version } });
        console.log(`Saved source profile ${saved.profile.name} v${saved.version} (${saved.profile.kind})`);
      }),
  );
}
