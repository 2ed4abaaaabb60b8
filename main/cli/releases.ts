/**
 * `quarry evalset create|list|import` and `quarry release create|approve|reject|list|diff|export|growth`: named
 * eval sets and their immutable, four-eyes-approved releases, headless. Each command signs in like the app
 * (openSession), is held to the same roles as the matching bridge channel, and audit-logs its change in the same
 * transaction. Output is ids, counts, hashes and file paths; never case text.
 */
import { resolve } from 'node:path';
import { Option, type Command } from 'commander';
import { DEFAULT_NER_MODEL, createDeidentifier } from '../core/deid/create-deidentifier.js';
import { defaultModelsDir } from '../core/deid/ner/detector.js';
import { EXPORT_PROFILES } from '../core/deid/operators/profiles.js';
import { readTermLists } from '../core/deid/term-lists.js';
import { QuarryError } from '../core/errors.js';
import {
  EXPORT_FORMATS,
  approveRelease,
  approverName,
  createEvalSet,
  createRelease,
  diffReleases,
  exportRelease,
  findReleaseByVersion,
  getEvalSet,
  growthByWeek,
  listEvalSets,
  listReleases,
  prepareGoldenImport,
  rejectRelease,
  storeGoldenImport,
  type ReleaseSummary,
} from '../core/releases/index.js';
import { readSetting } from '../core/store/settings.js';
import type { Workspace } from '../core/store/workspace.js';
import type { Channel } from '../../preload/api.js';
import { actor, openSession, withWorkspaceOptions, type CliSession, type WorkspaceFlags } from './common.js';

type Flags = WorkspaceFlags & { json?: boolean };

/** The signed-in account's name (what four eyes compares), as the app's session names it. */
function who(workspace: Workspace): string {
  return workspace.account?.name ?? actor;
}

/** Opens a session held to `channel`'s roles, runs `work`, and always ends the session. */
async function withSession<T>(flags: WorkspaceFlags, channel: Channel, work: (session: CliSession) => T | Promise<T>): Promise<T> {
  const session = openSession(flags, channel);
  try {
    return await work(session);
  } finally {
    session.close();
  }
}

function positive(value: string, flag: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new QuarryError('cli-option', `${flag} must be a whole number of 1 or more, not "${value}".`);
  return n;
}

/** `--set NAME --version N` → the release; `v2` is accepted for 2. */
function releaseOf(workspace: Workspace, set: string, version: string): ReleaseSummary {
  return findReleaseByVersion(workspace.db, getEvalSet(workspace.db, set).id, positive(version.replace(/^v/i, ''), '--version'));
}

function line(r: ReleaseSummary): string {
  const c = r.manifest.counts;
  const decided = r.decidedBy ? `, ${r.state} by ${r.decidedBy}` : '';
  const parent = r.parentVersion ? ` (from v${r.parentVersion})` : '';
  return `${r.evalSet} v${r.version}${parent}: ${r.state}, ${c.total} case(s) (${c.golden} golden, ${c.regressions} regression(s)), created by ${r.createdBy}${decided}, content ${r.manifest.content_sha256.slice(0, 12)}`;
}

function registerEvalSetCommands(program: Command): void {
  const evalset = program.command('evalset').description('named eval sets, released as numbered snapshots');

  withWorkspaceOptions(
    evalset.command('create').description('create a named eval set').argument('<name>').option('--description <text>', 'what the set is for', ''),
  ).action((name: string, flags: Flags & { description: string }) =>
    withSession(flags, 'evalsets:create', ({ workspace, audit }) => {
      const set = workspace.db.transaction(() => {
        const created = createEvalSet(workspace.db, name, flags.description, who(workspace));
        audit({ action: 'evalset.create', objectIds: { evalSet: created.id } });
        return created;
      })();
      console.log(`Created eval set "${set.name}" (id ${set.id})`);
    }),
  );

  withWorkspaceOptions(evalset.command('list').description('eval sets with their release counts').option('--json', 'print JSON')).action((flags: Flags) =>
    withSession(flags, 'evalsets:list', ({ workspace }) => {
      const sets = listEvalSets(workspace.db);
      if (flags.json) return console.log(JSON.stringify(sets));
      if (sets.length === 0) console.log('No eval sets yet: quarry evalset create NAME');
      for (const s of sets) {
        const latest = s.latestVersion ? `latest v${s.latestVersion}, approved v${s.latestApprovedVersion ?? '—'}` : 'no release yet';
        console.log(`${s.name}: ${s.releases} release(s), ${latest}, ${s.importedCases} imported case(s), created by ${s.createdBy}`);
      }
    }),
  );

  withWorkspaceOptions(
    evalset
      .command('import')
      .description('import an existing golden set (JSONL): every line checked first, all or nothing, de-identified before storing')
      .argument('<file>')
      .requiredOption('--set <name>', 'the eval set to import into')
      .option('--patterns-only', 'de-identify with the pattern recognizers only (no NER model)'),
  ).action((file: string, flags: Flags & { set: string; patternsOnly?: boolean }) =>
    withSession(flags, 'evalsets:import', async ({ workspace, audit }) => {
      const { db } = workspace;
      const set = getEvalSet(db, flags.set);
      const modelsDir = defaultModelsDir();
      const deidentifier = await createDeidentifier({ modelsDir, modelId: readSetting(db, 'ner-model') ?? DEFAULT_NER_MODEL, patternsOnly: flags.patternsOnly });
      let prepared;
      try {
        deidentifier.setTermLists(readTermLists(db));
        prepared = await prepareGoldenImport(deidentifier, resolve(file));
      } finally {
        await deidentifier.close();
      }
      if (!prepared.ok) {
        audit({ action: 'evalset.import', outcome: 'failure', objectIds: { evalSet: set.id, badLines: new Set(prepared.issues.map((i) => i.line)).size } });
        for (const issue of prepared.issues) process.stderr.write(`${issue.file}:${issue.line}: ${issue.field}: ${issue.message}\n`);
        throw new QuarryError('import-invalid', `Nothing was imported: ${prepared.issues.length} problem(s) in ${file}.`);
      }
      const stored = db.transaction(() => {
        const result = storeGoldenImport(db, set.id, prepared.records, who(workspace));
        audit({ action: 'evalset.import', objectIds: { evalSet: set.id, cases: result.caseIds.length, duplicates: result.duplicates } });
        return result;
      })();
      console.log(`Imported ${stored.caseIds.length} case(s) into "${set.name}" (${stored.duplicates} already imported, skipped)`);
    }),
  );
}

function registerReleaseCommands(program: Command): void {
  const release = program.command('release').description('immutable, numbered releases of an eval set');

  withWorkspaceOptions(
    release
      .command('create')
      .description("snapshot the set's accepted and imported cases into its next version, pending a second user's approval")
      .requiredOption('--set <name>', 'the eval set')
      .addOption(new Option('--profile <id>', 'how placeholders are rendered (default: the parent release\'s, else placeholder)').choices(EXPORT_PROFILES.map((p) => p.id))),
  ).action((flags: Flags & { set: string; profile?: string }) =>
    withSession(flags, 'releases:create', ({ workspace, audit }) => {
      const created = workspace.db.transaction(() => {
        const r = createRelease(workspace.db, flags.set, { profile: flags.profile, createdBy: who(workspace) });
        const c = r.manifest.counts;
        audit({
          action: 'release.create',
          objectIds: { release: r.id, evalSet: r.evalSetId, version: r.version, cases: c.total, regressions: c.regressions, profile: r.manifest.deid_profile },
        });
        return r;
      })();
      console.log(`Created ${line(created)}`);
      console.log('A different admin must approve it: quarry release approve --set NAME --version N');
    }),
  );

  for (const verb of ['approve', 'reject'] as const) {
    withWorkspaceOptions(
      release
        .command(verb)
        .description(verb === 'approve' ? 'approve a pending release (an admin other than its creator)' : 'reject a pending release')
        .requiredOption('--set <name>', 'the eval set')
        .requiredOption('--version <n>', 'the release version'),
    ).action((flags: Flags & { set: string; version: string }) =>
      withSession(flags, verb === 'approve' ? 'releases:approve' : 'releases:reject', ({ workspace, audit }) => {
        const target = releaseOf(workspace, flags.set, flags.version);
        let decided: ReleaseSummary;
        try {
          decided = workspace.db.transaction(() => {
            const r =
              verb === 'approve'
                ? approveRelease(workspace.db, target.id, approverName(workspace.account))
                : rejectRelease(workspace.db, target.id, who(workspace));
            audit({ action: `release.${verb}`, objectIds: { release: r.id, evalSet: r.evalSetId, version: r.version } });
            return r;
          })();
        } catch (error) {
          if (error instanceof QuarryError && error.code === 'release-four-eyes') {
            audit({ action: 'release.approve', outcome: 'denied', objectIds: { release: target.id, reason: 'four-eyes' } });
          }
          throw error;
        }
        console.log(`${verb === 'approve' ? 'Approved' : 'Rejected'} ${line(decided)}`);
      }),
    );
  }

  withWorkspaceOptions(
    release.command('list').description('releases, newest first').option('--set <name>', 'only this eval set').option('--json', 'print JSON'),
  ).action((flags: Flags & { set?: string }) =>
    withSession(flags, 'releases:list', ({ workspace }) => {
      const releases = listReleases(workspace.db, flags.set === undefined ? undefined : getEvalSet(workspace.db, flags.set).id);
      if (flags.json) return console.log(JSON.stringify(releases));
      if (releases.length === 0) console.log('No releases yet: quarry release create --set NAME');
      for (const r of releases) console.log(line(r));
    }),
  );

  withWorkspaceOptions(
    release
      .command('diff')
      .description('what changed between two releases of a set: added, removed, changed (by content hash), unchanged')
      .requiredOption('--set <name>', 'the eval set')
      .requiredOption('--from <n>', 'the older version')
      .requiredOption('--to <n>', 'the newer version')
      .option('--json', 'print JSON'),
  ).action((flags: Flags & { set: string; from: string; to: string }) =>
    withSession(flags, 'releases:diff', ({ workspace }) => {
      const diff = diffReleases(workspace.db, releaseOf(workspace, flags.set, flags.from).id, releaseOf(workspace, flags.set, flags.to).id);
      if (flags.json) return console.log(JSON.stringify(diff));
      const { added, removed, changed, unchanged } = diff.counts;
      console.log(`v${diff.from.version} → v${diff.to.version}: ${added} added, ${removed} removed, ${changed} changed, ${unchanged} unchanged`);
      for (const kind of ['added', 'removed', 'changed'] as const) {
        for (const c of diff[kind]) console.log(`  ${kind} case ${c.caseId} (${c.kind}${c.regression && c.kind !== 'regression' ? ', was a regression' : ''})`);
      }
    }),
  );

  withWorkspaceOptions(
    release
      .command('export')
      .description('write an approved release in one format into a folder (with its manifest)')
      .requiredOption('--set <name>', 'the eval set')
      .requiredOption('--version <n>', 'the release version')
      .addOption(new Option('--format <format>', 'the export format').choices([...EXPORT_FORMATS]).makeOptionMandatory())
      .requiredOption('--out <dir>', 'the export folder: created whole, all or nothing (must be new, empty, or an earlier export)')
      .option('--overwrite', 'replace an earlier export in that folder (swapped whole)'),
  ).action((flags: Flags & { set: string; version: string; format: string; out: string; overwrite?: boolean }) =>
    withSession(flags, 'releases:export', ({ workspace, audit }) => {
      const target = releaseOf(workspace, flags.set, flags.version);
      const result = exportRelease(workspace.db, target.id, flags.format, flags.out, { overwrite: flags.overwrite === true });
      audit({ action: 'release.export', objectIds: { release: target.id, format: result.format, dir: result.dir, files: result.files.length, replaced: result.replaced } });
      console.log(`Exported ${target.evalSet} v${target.version} as ${result.format} to ${result.dir}${result.replaced ? ' (replacing the earlier export)' : ''}:`);
      for (const f of result.files) console.log(`  ${f.path} (${f.bytes} bytes, sha256 ${f.sha256.slice(0, 12)})`);
    }),
  );

  withWorkspaceOptions(
    release
      .command('growth')
      .description('accepted cases added per ISO week, by category and slice')
      .option('--set <name>', "also count this set's imported cases")
      .option('--weeks <n>', 'at most this many weeks back from the latest', '26')
      .option('--json', 'print JSON'),
  ).action((flags: Flags & { set?: string; weeks: string }) =>
    withSession(flags, 'releases:growth', ({ workspace }) => {
      const evalSetId = flags.set === undefined ? undefined : getEvalSet(workspace.db, flags.set).id;
      const weeks = growthByWeek(workspace.db, { weeks: positive(flags.weeks, '--weeks'), evalSetId });
      if (flags.json) return console.log(JSON.stringify(weeks));
      if (weeks.length === 0) console.log('No accepted cases yet.');
      for (const w of weeks) {
        const categories = Object.entries(w.byCategory).map(([k, v]) => `${k} ${v}`).join(', ');
        console.log(`${w.week} (${w.start}): ${w.total} case(s)${categories ? ` — ${categories}` : ''}`);
      }
    }),
  );
}

export function registerReleasesCommands(program: Command): void {
  registerEvalSetCommands(program);
  registerReleaseCommands(program);
}
