/**
 * `quarry ingest`: read a production log (plain or gzip, a known format or through a saved source profile) into
 * the workspace, de-identified, with a progress bar on stderr and Ctrl-C to cancel (a re-run resumes).
 * `quarry ingest runs [--json]`: past and present runs (a run a killed process left running shows as interrupted);
 * `quarry ingest resume RUN`: re-ingest a cancelled or interrupted run's file, adding only what is missing.
 * `quarry quarantine export`: a run's quarantined records (file, line, field, reason) as CSV.
 */
import { resolve } from 'node:path';
import { SingleBar } from 'cli-progress';
import { Option, type Command } from 'commander';
import { QuarryService } from '../api/quarry-service.js';
import { createDeidentifier } from '../core/deid/create-deidentifier.js';
import { defaultModelsDir } from '../core/deid/ner/detector.js';
import { QuarryError } from '../core/errors.js';
import { LOG_FORMAT_IDS } from '../core/ingest/formats/registry.js';
import { formatEta, formatMegabytes, formatSize } from '../core/ingest/progress.js';
import { exportQuarantine } from '../core/ingest/quarantine.js';
import type { LogFormatId, Output } from '../../preload/api.js';
import { actor, openSession, passphrase, withWorkspaceOptions, workspaceDir, type WorkspaceFlags } from './common.js';

type Progress = Output<'ingest:progress'>;

/** How OpenTelemetry traces and the log records with their message content are ingested together. */
const OTLP_LOGS_HELP = `
OpenTelemetry traces (OTLP/JSON, as a collector's file exporter writes them):
  Give the traces file. Some instrumentations (@opentelemetry/instrumentation-openai) write message content
  as OTLP log records, not on the spans; those are joined to their spans by trace and span id when they are
  - in the traces file itself (one file exporter shared by the traces and logs pipelines), or
  - in the logs file beside it: traces.jsonl -> logs.jsonl, run.traces.json -> run.logs.json,
    run.jsonl -> run.logs.jsonl (same folder; plain, not .gz).
  Spans without content and without such log records are quarantined with the logs file name looked for.`;

/** Quarantined records printed after a run; the rest are one `quarry quarantine export` away. */
const PRINTED_QUARANTINE = 20;

interface IngestFlags extends WorkspaceFlags {
  patternsOnly?: boolean;
  format?: LogFormatId;
  profile?: string;
  progressInterval: string;
}

/** A bar when stderr is a terminal, otherwise one line every `intervalSec` (logs, CI). */
/**
 * The progress display: a bar on a terminal; otherwise a line every `intervalSec` while the ingest runs, and one
 * for where it ended (so even an ingest shorter than one poll says how far it got and how fast).
 */
function progressReporter(intervalSec: number): { update(p: Progress): void; stop(last?: Progress): void } {
  if (process.stderr.isTTY) {
    const bar = new SingleBar({
      stream: process.stderr,
      format: '{bar} {percentage}% | {done} of {size} | {records} records | {rate} rec/s | ETA {etaText}',
      hideCursor: true,
      barsize: 28,
    });
    let started = false;
    return {
      update: (p) => {
        const payload = { done: formatMegabytes(p.bytes), size: formatMegabytes(p.totalBytes), records: p.records, rate: p.ratePerSec.toFixed(0), etaText: formatEta(p.etaSec) };
        if (!started) bar.start(Math.max(p.totalBytes, 1), p.bytes, payload);
        else bar.update(p.bytes, payload);
        started = true;
      },
      stop: () => started && bar.stop(),
    };
  }
  let last = performance.now();
  const write = (p: Progress): void => {
    const percent = p.totalBytes > 0 ? Math.floor((p.bytes / p.totalBytes) * 100) : 0;
    process.stderr.write(
      `progress: ${formatMegabytes(p.bytes)} of ${formatMegabytes(p.totalBytes)} (${percent}%), ${p.records} records, ${p.ratePerSec.toFixed(0)} rec/s, ETA ${formatEta(p.etaSec)}\n`,
    );
  };
  return {
    update: (p) => {
      if (performance.now() - last < intervalSec * 1000 || p.state !== 'running') return;
      last = performance.now();
      write(p);
    },
    stop: (p) => {
      if (p && (p.state === 'finished' || p.state === 'cancelled')) write(p);
    },
  };
}

function progressInterval(flags: { progressInterval: string }): number {
  const interval = Number(flags.progressInterval);
  if (!Number.isFinite(interval) || interval <= 0) throw new QuarryError('cli-option', `--progress-interval must be a positive number of seconds, not "${flags.progressInterval}".`);
  return interval;
}

function ingestService(dir: string, flags: { patternsOnly?: boolean }): QuarryService {
  return new QuarryService({
    workspaceDir: dir,
    modelsDir: defaultModelsDir(),
    createDeidentifier: (modelId) => createDeidentifier({ modelsDir: defaultModelsDir(), modelId, patternsOnly: flags.patternsOnly }),
  });
}

async function ingestCommand(file: string, flags: IngestFlags): Promise<void> {
  const dir = workspaceDir(flags);
  const interval = progressInterval(flags);
  if (flags.format && flags.profile) throw new QuarryError('cli-option', 'Give --format or --profile, not both.');
  const service = ingestService(dir, flags);
  try {
    const { created } = service.unlock(passphrase(flags), actor, actor);
    if (created) console.log(`Created a new workspace at ${dir}`);
    const { jobId } = await service.handlers['ingest:start']({ path: resolve(file), format: flags.format, profile: flags.profile });
    await followJob(service, jobId, interval);
  } finally {
    await service.close();
  }
}

/** Follows an ingest job to its end with a progress bar (Ctrl-C cancels), then prints what came in. */
async function followJob(service: QuarryService, jobId: string, interval: number): Promise<void> {
  const reporter = progressReporter(interval);
  let onSigint: (() => void) | null = null;
  try {
    let interrupts = 0;
    onSigint = () => {
      interrupts += 1;
      if (interrupts > 1) process.exit(130);
      process.stderr.write('\nCancelling: finishing the write in progress (Ctrl-C again to stop at once)…\n');
      void service.handlers['ingest:cancel']({ jobId });
    };
    process.on('SIGINT', onSigint);
    let progress = await service.handlers['ingest:progress']({ jobId });
    while (progress.state === 'starting' || progress.state === 'running') {
      await new Promise((r) => setTimeout(r, 200));
      progress = await service.handlers['ingest:progress']({ jobId });
      if (progress.state === 'running') reporter.update(progress);
    }
    reporter.stop(progress);
    if (progress.state === 'failed') throw new QuarryError(progress.error?.code ?? 'ingest-failed', progress.error?.message ?? 'The ingest failed.');
    const result = progress.result!;
    const counts = `${result.ingested} ingested, ${result.duplicates} duplicates skipped, ${result.quarantined} quarantined (run ${result.runId})`;
    if (result.state === 'cancelled') {
      console.log(`${result.file}: cancelled after ${counts}. What was stored stays; run the same command again (or quarry ingest resume ${result.runId}) to add the rest.`);
      process.exitCode = 130;
    } else console.log(`${result.file}: ${counts}`);
    for (const q of result.quarantine.slice(0, PRINTED_QUARANTINE)) console.log(`  quarantined line ${q.line}: ${q.reason}`);
    if (result.quarantined > PRINTED_QUARANTINE) {
      console.log(`  … and ${result.quarantined - PRINTED_QUARANTINE} more: quarry quarantine export --run ${result.runId} --out quarantine.csv`);
    }
  } finally {
    reporter.stop();
    if (onSigint) process.off('SIGINT', onSigint);
  }
}

type RunRow = Output<'ingest:runs'>[number];

/** "4.9 KB" for a run read to the end, "1.2 MB of 40.0 MB" for one that stopped part way. */
function runBytes(run: RunRow): string {
  return run.bytesTotal === null || run.bytesRead >= run.bytesTotal ? formatSize(run.bytesTotal ?? run.bytesRead) : `${formatSize(run.bytesRead)} of ${formatSize(run.bytesTotal)}`;
}

async function runsCommand(flags: WorkspaceFlags & { json?: boolean; limit: string }): Promise<void> {
  const limit = Number(flags.limit);
  if (!(Number.isInteger(limit) && limit >= 1 && limit <= 1000)) throw new QuarryError('cli-option', `--limit must be a whole number from 1 to 1000, not "${flags.limit}".`);
  const service = ingestService(workspaceDir(flags), {});
  try {
    service.unlock(passphrase(flags), actor, actor);
    const runs = await service.handlers['ingest:runs']({ limit });
    if (flags.json) {
      console.log(JSON.stringify(runs, null, 2));
      return;
    }
    if (runs.length === 0) console.log('No ingest runs yet.');
    for (const run of runs) {
      const how = run.profile ? `profile ${run.profile.name} v${run.profile.version}` : run.format;
      const chain = [run.resumesRun ? `resumes ${run.resumesRun}` : '', run.resumedBy ? `resumed by ${run.resumedBy}` : ''].filter(Boolean).join(', ');
      console.log(
        [
          `run ${run.id}`,
          run.state + (run.state === 'failed' && run.errorCode ? ` (${run.errorCode})` : ''),
          run.file,
          how,
          `${run.ingested} ingested, ${run.duplicates} duplicates, ${run.quarantined} quarantined`,
          runBytes(run),
          `started ${run.startedAt}`,
          run.finishedAt ? `ended ${run.finishedAt}` : '',
          chain,
        ]
          .filter(Boolean)
          .join('\t'),
      );
    }
  } finally {
    await service.close();
  }
}

async function resumeCommand(run: string, flags: WorkspaceFlags & { patternsOnly?: boolean; progressInterval: string }): Promise<void> {
  const runId = Number(run);
  if (!(Number.isInteger(runId) && runId > 0)) throw new QuarryError('cli-option', `RUN must be a run number (see quarry ingest runs), not "${run}".`);
  const interval = progressInterval(flags);
  const service = ingestService(workspaceDir(flags), flags);
  try {
    service.unlock(passphrase(flags), actor, actor);
    const { jobId } = await service.handlers['ingest:resume']({ runId });
    console.log(`Resuming run ${runId}: what it stored is skipped.`);
    await followJob(service, jobId, interval);
  } finally {
    await service.close();
  }
}

/**
 * A subcommand's flags with the ones `quarry ingest` itself parsed (commander gives a parent's options, such as
 * --workspace, to the parent wherever they appear).
 */
function ownFlags<T>(command: Command): T {
  return command.optsWithGlobals() as T;
}

export function registerIngestCommands(program: Command): void {
  const ingest = withWorkspaceOptions(
    program
      .command('ingest')
      .description('ingest a production log (format detected from its first records, or read through a saved source profile); creates the workspace on first use')
      .argument('<file>', 'JSONL, JSON or CSV file, plain or .gz')
      .addOption(new Option('--format <id>', 'read the file as this format instead of detecting it').choices(LOG_FORMAT_IDS))
      .option('--profile <name>', 'read the file through this saved source profile (see quarry profiles)')
      .option('--patterns-only', 'de-identify with the pattern recognizers alone (no NER model)')
      .option('--progress-interval <seconds>', 'when stderr is not a terminal, print progress this often', '5')
      .addHelpText('after', OTLP_LOGS_HELP),
  ).action(ingestCommand);
  withWorkspaceOptions(
    ingest
      .command('runs')
      .description('list ingest runs, newest first (a run a killed process left running is marked interrupted)')
      .option('--json', 'print the runs as JSON')
      .option('--limit <n>', 'at most this many runs', '200'),
  ).action((flags: WorkspaceFlags, command: Command) => runsCommand(ownFlags(command)));
  withWorkspaceOptions(
    ingest
      .command('resume')
      .description('re-ingest a cancelled or interrupted run\'s file as a new run; what it stored is skipped')
      .argument('<run>', 'the run number (quarry ingest runs)')
      .option('--patterns-only', 'de-identify with the pattern recognizers alone (no NER model)')
      .option('--progress-interval <seconds>', 'when stderr is not a terminal, print progress this often', '5'),
  ).action((run: string, _flags: WorkspaceFlags, command: Command) => resumeCommand(run, ownFlags(command)));

  const quarantine = program.command('quarantine').description('records an ingest could not read');
  withWorkspaceOptions(
    quarantine
      .command('export')
      .description('write quarantined records (run, file, line, field, reason; never their text) as CSV')
      .option('--run <id>', 'only this ingest run (default: every run)')
      .requiredOption('--out <file>', 'the CSV to write (must not exist yet)'),
  ).action(async (flags: WorkspaceFlags & { run?: string; out: string }) => {
    const runId = flags.run === undefined ? undefined : Number(flags.run);
    if (runId !== undefined && !(Number.isInteger(runId) && runId > 0)) throw new QuarryError('cli-option', `--run must be a run number, not "${flags.run}".`);
    const { workspace, audit, close } = openSession(flags, 'quarantine:list');
    try {
      const out = resolve(flags.out);
      const count = await exportQuarantine(workspace.db, out, runId);
      audit({ action: 'quarantine.export', objectIds: { run: runId ?? 'all', records: count, file: out } });
      console.log(`Exported ${count} quarantined record(s)${runId ? ` of run ${runId}` : ''} to ${out}`);
    } finally {
      close();
    }
  });
}
