/** `quarry retention`: per-source retention of raw text, the audit log's period, and purging. */
import { InvalidArgumentError, Option, type Command } from 'commander';
import { QuarryError } from '../core/errors.js';
import { auditRetention, setAuditRetentionDays, setSourceRetention, sourceRetention } from '../core/retention/policy.js';
import { purgeHistory, purgeSourceNow, runDuePurges, type PurgeOutcome } from '../core/retention/purge.js';
import type { Workspace } from '../core/store/workspace.js';
import type { Channel } from '../../preload/api.js';
import { actor, openSession, withWorkspaceOptions, type WorkspaceFlags } from './common.js';

function wholeDays(value: string): number {
  if (!/^\d{1,6}$/.test(value)) throw new InvalidArgumentError('a whole number of days, e.g. 30.');
  return Number(value);
}

/** Signs in with the role check of the app's channel for the same action, runs, and ends the session. */
function withWorkspace(flags: WorkspaceFlags, channel: Channel, run: (workspace: Workspace) => void): void {
  const { workspace, close } = openSession(flags, channel);
  try {
    run(workspace);
  } finally {
    close();
  }
}

function printOutcome({ purges, auditPruned, compacted }: PurgeOutcome): void {
  if (purges.length === 0 && auditPruned === 0) console.log('Nothing was due for purging.');
  if (auditPruned > 0) console.log(`audit log: pruned ${auditPruned} entries past its period, up to a signed checkpoint.`);
  for (const p of purges) {
    console.log(`${p.source}: purged raw text of ${p.interactions} record(s) ingested before ${p.cutoff} (${p.findings} findings, ${p.surrogates} surrogates).`);
  }
  if (!compacted) console.log('The database file could not be compacted now (another program has it open); freed pages were zeroed.');
}

export function registerRetentionCommands(program: Command): void {
  const retention = program.command('retention').description('how long raw text and the audit log are kept, and purging');

  withWorkspaceOptions(retention.command('show').description('sources, their periods and raw rows, the audit log period, recent purges')).action(
    (flags: WorkspaceFlags) =>
      withWorkspace(flags, 'retention:overview', ({ db }) => {
        const sources = sourceRetention(db);
        if (sources.length === 0) console.log('No sources yet: ingest a log first.');
        for (const s of sources) {
          const period = s.rawDays === null ? 'no period (kept until purged)' : `${s.rawDays} days`;
          const next = s.nextPurge ? `, next purge ${s.nextPurge}` : '';
          console.log(`${s.source}: ${period}; ${s.rawRows} record(s) with raw text, ${s.purgedRows} purged${next}`);
        }
        const audit = auditRetention(db);
        console.log(`audit log: kept ${audit.days} days; ${audit.entriesPastRetention} entries past that period`);
        for (const p of purgeHistory(db, 10)) {
          console.log(`  purge #${p.id} ${p.purgedAt} ${p.source}: ${p.interactions} record(s) by ${p.actor}`);
        }
      }),
  );

  withWorkspaceOptions(
    retention
      .command('set')
      .description('keep a source’s raw text for DAYS days ("none" removes the period)')
      .argument('<source>', 'the format id its ingest runs show, e.g. openai-chat')
      .argument('<days>', 'whole days, or none', (value: string) => (value === 'none' ? null : wholeDays(value))),
  ).action((source: string, days: number | null, flags: WorkspaceFlags) =>
    withWorkspace(flags, 'retention:setPeriod', ({ db }) => {
      setSourceRetention(db, source, days, actor);
      console.log(days === null ? `${source}: no retention period; raw text is kept until purged.` : `${source}: raw text kept ${days} days.`);
    }),
  );

  withWorkspaceOptions(
    retention
      .command('set-audit')
      .description('keep audit log entries for DAYS days (default six years)')
      .argument('<days>', 'whole days, at least 365', wholeDays),
  ).action((days: number, flags: WorkspaceFlags) =>
    withWorkspace(flags, 'retention:setAuditPeriod', ({ db }) => {
      setAuditRetentionDays(db, days, actor);
      console.log(`audit log: entries kept ${days} days.`);
    }),
  );

  withWorkspaceOptions(
    retention
      .command('purge')
      .description('purge raw text past its period now (every source, or one)')
      .addOption(new Option('--source <source>', 'only this source'))
      .addOption(new Option('--older-than <days>', 'with --source: purge what is older than this instead of its period (0 = all)').argParser(wholeDays)),
  ).action((flags: WorkspaceFlags & { source?: string; olderThan?: number }) =>
    withWorkspace(flags, 'retention:purgeNow', ({ db }) => {
      if (flags.olderThan !== undefined && !flags.source) throw new QuarryError('usage', '--older-than needs --source: name the source to purge.');
      printOutcome(flags.source ? purgeSourceNow(db, flags.source, actor, { days: flags.olderThan }) : runDuePurges(db, actor));
    }),
  );
}
