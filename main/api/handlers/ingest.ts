import { randomUUID } from 'node:crypto';
import { mkdirSync, readdirSync, statSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { QuarryError } from '../../core/errors.js';
import { ingestLogFile, type IngestOptions, type IngestSummary } from '../../core/ingest/ingest-file.js';
import { previewSource } from '../../core/ingest/profiles/preview.js';
import { getProfile, listProfiles, saveProfile } from '../../core/ingest/profiles/profile-store.js';
import type { IngestProgress } from '../../core/ingest/progress.js';
import { exportQuarantine, listQuarantine } from '../../core/ingest/quarantine.js';
import { listRuns, markInterruptedRuns, resumableRun, type IngestRunView } from '../../core/ingest/runs.js';
import type { Output } from '../../../preload/api.js';
import type { HandlerGroup, ServiceContext } from '../service-context.js';

/** Files the browser offers: JSON lines, JSON documents and CSV, plain or gzip-compressed. */
export const LOG_FILE = /\.(jsonl|ndjson|json|csv)(\.gz)?$/i;
/** Finished jobs kept for polling, newest last. */
const KEPT_JOBS = 16;

type Channels =
  | 'files:browse'
  | 'ingest:run'
  | 'ingest:start'
  | 'ingest:progress'
  | 'ingest:cancel'
  | 'ingest:preview'
  | 'profiles:list'
  | 'profiles:save'
  | 'quarantine:list'
  | 'ingest:runs'
  | 'ingest:resume'
  | 'quarantine:export';

interface Job {
  id: string;
  file: string;
  controller: AbortController;
  /** The ingest run, once recorded. */
  runId: number | null;
  progress: IngestProgress | null;
  result: IngestSummary | null;
  error: { code: string; message: string } | null;
  failed: boolean;
}

function jobView(job: Job): Output<'ingest:progress'> {
  const p = job.progress;
  const state = job.failed ? 'failed' : job.result ? job.result.state : p ? p.state === 'running' ? 'running' : p.state : 'starting';
  return {
    jobId: job.id,
    file: job.file,
    state,
    bytes: p?.bytes ?? 0,
    totalBytes: p?.totalBytes ?? 0,
    records: p?.records ?? 0,
    ingested: p?.ingested ?? 0,
    duplicates: p?.duplicates ?? 0,
    quarantined: p?.quarantined ?? 0,
    ratePerSec: p?.ratePerSec ?? 0,
    etaSec: p?.etaSec ?? null,
    result: job.result,
    error: job.error,
  };
}

/**
 * Browsing for a log, ingesting it (in one call, or as a job the dialog polls and may cancel), previewing a
 * generic file de-identified for the mapping screen, source profiles, and the quarantine list.
 */
export function ingestHandlers(ctx: ServiceContext): HandlerGroup<Channels> {
  const jobs = new Map<string, Job>();

  /** Runs left `running` by a killed process become interrupted, each with an audit entry (ids and counts). */
  function sweep(): void {
    for (const stopped of markInterruptedRuns(ctx.open().db)) {
      ctx.audit({ action: 'ingest.interrupted', outcome: 'failure', objectIds: { run: stopped.id, ...runCounts(stopped), error: 'interrupted' } });
    }
  }

  /** Resolves the request's profile and runs the ingest, auditing its outcome whatever it is. */
  async function run(
    request: { path: string; format?: string; profile?: string; profileVersion?: number },
    extra: Pick<IngestOptions, 'signal' | 'onProgress' | 'onStart' | 'resumesRun'> = {},
  ): Promise<IngestSummary> {
    const { db } = ctx.open();
    sweep();
    const stored = request.profile ? getProfile(db, request.profile, request.profileVersion) : null;
    const deidentifier = await ctx.deidentifier();
    let runId: number | null = null;
    let summary: IngestSummary;
    try {
      summary = await ingestLogFile(db, deidentifier, resolve(request.path), {
        format: request.format,
        profile: stored ? { name: stored.profile.name, version: stored.version, profile: stored.profile } : undefined,
        ...extra,
        onStart: (id) => {
          runId = id;
          extra.onStart?.(id);
        },
      });
    } catch (error) {
      if (runId !== null) {
        const failed = listRuns(db).find((r) => r.id === runId);
        ctx.audit({
          action: 'ingest.run',
          outcome: 'failure',
          objectIds: { run: runId, state: 'failed', ...(failed ? runCounts(failed) : {}), error: error instanceof QuarryError ? error.code : 'ingest-failed' },
        });
      }
      throw error;
    }
    ctx.audit({
      action: 'ingest.run',
      objectIds: {
        run: summary.runId,
        format: summary.format,
        ...(summary.profile ? { profile: summary.profile.name, profileVersion: summary.profile.version } : {}),
        state: summary.state,
        ...(extra.resumesRun ? { resumes: extra.resumesRun } : {}),
        ingested: summary.ingested,
        duplicates: summary.duplicates,
        quarantined: summary.quarantined,
      },
    });
    return summary;
  }

  function job(jobId: string): Job {
    const found = jobs.get(jobId);
    if (!found) throw new QuarryError('ingest-job-unknown', `There is no ingest job ${jobId} (jobs are kept until the app closes).`);
    return found;
  }

  /**
   * Starts an ingest as a job the caller polls (and may cancel) at once; `recorded` settles when the job has
   * recorded its run (or ended without one).
   */
  function startJob(request: Parameters<typeof run>[0], resumesRun?: number): { jobId: string; recorded: Promise<void> } {
    const started: Job = { id: randomUUID(), file: resolve(request.path), controller: new AbortController(), runId: null, progress: null, result: null, error: null, failed: false };
    jobs.set(started.id, started);
    for (const [id, old] of jobs) if (jobs.size > KEPT_JOBS && (old.result || old.failed)) jobs.delete(id);
    let recorded: () => void = () => {};
    const runRecorded = new Promise<void>((resolveRecorded) => (recorded = resolveRecorded));
    const onStart = (id: number) => {
      started.runId = id;
      recorded();
    };
    run(request, { signal: started.controller.signal, onProgress: (p) => (started.progress = p), onStart, resumesRun }).then(
      (summary) => {
        started.result = summary;
        recorded();
      },
      (error: unknown) => {
        started.failed = true;
        started.error =
          error instanceof QuarryError ? { code: error.code, message: error.message } : { code: 'ingest-failed', message: 'The ingest stopped on an unexpected error; what was stored stays, and ingesting the file again adds the rest.' };
        recorded();
      },
    );
    return { jobId: started.id, recorded: runRecorded };
  }

  /** A run as listed, with the rate and ETA of the job running it in this process, if any. */
  function withLive(view: IngestRunView): Output<'ingest:runs'>[number] {
    const owner = view.state === 'running' ? [...jobs.values()].find((j) => j.runId === view.id && !j.result && !j.failed) : undefined;
    const p = owner?.progress;
    return {
      ...view,
      live: owner ? { jobId: owner.id, bytes: p?.bytes ?? view.bytesRead, records: p?.records ?? view.records, ratePerSec: p?.ratePerSec ?? 0, etaSec: p?.etaSec ?? null } : null,
    };
  }

  return {
    'files:browse': ({ dir }) => browse(resolve(dir ?? ctx.options.browseStart ?? homedir())),
    'ingest:run': (request) => run(request),
    'ingest:start': (request) => {
      ctx.open();
      return { jobId: startJob(request).jobId };
    },
    'ingest:runs': ({ limit }) => {
      sweep();
      return listRuns(ctx.open().db, limit).map(withLive);
    },
    'ingest:resume': async ({ runId }) => {
      sweep();
      const previous = resumableRun(ctx.open().db, runId);
      if ([...jobs.values()].some((j) => j.file === previous.path && !j.result && !j.failed)) {
        throw new QuarryError('ingest-run-busy', `${previous.file} is being ingested right now; wait for that run to end.`);
      }
      const request = previous.profile
        ? { path: previous.path, profile: previous.profile.name, profileVersion: previous.profile.version }
        : { path: previous.path, format: previous.format };
      // Answers once the new run is recorded, so the runs list the caller loads next shows it (and polls it).
      const { jobId, recorded } = startJob(request, runId);
      await recorded;
      return { jobId };
    },
    'quarantine:export': async ({ runId }) => {
      const { db, dir } = ctx.open();
      const exportsDir = join(dir, 'exports');
      mkdirSync(exportsDir, { recursive: true });
      const out = join(exportsDir, `quarantine-${runId === undefined ? 'all' : `run-${runId}`}-${new Date().toISOString().replace(/[:.]/g, '-')}.csv`);
      const count = await exportQuarantine(db, out, runId);
      ctx.audit({ action: 'quarantine.export', objectIds: { run: runId ?? 'all', records: count, file: out } });
      return { path: out, count };
    },
    'ingest:progress': ({ jobId }) => jobView(job(jobId)),
    'ingest:cancel': ({ jobId }) => {
      const found = job(jobId);
      found.controller.abort();
      return jobView(found);
    },
    'ingest:preview': async ({ path, kind, csv }) => {
      ctx.open();
      const deidentifier = await ctx.deidentifier();
      return previewSource(resolve(path), deidentifier, kind ? { kind, csv: csv && { delimiter: ',', header: true, quote: '"', ...csv } } : null);
    },
    'profiles:list': () => listProfiles(ctx.open().db),
    'profiles:save': ({ profile }) => {
      const saved = saveProfile(ctx.open().db, profile, ctx.actor());
      ctx.audit({ action: 'profile.save', objectIds: { profile: saved.profile.name, version: saved.version } });
      return saved;
    },
    'quarantine:list': ({ runId, offset, limit }) => listQuarantine(ctx.open().db, { runId, offset, limit }),
  };
}

/** A run's counts, for its audit entries. */
function runCounts(run: IngestRunView) {
  return { records: run.records, ingested: run.ingested, duplicates: run.duplicates, quarantined: run.quarantined };
}

interface DirEntry {
  name: string;
  path: string;
  kind: 'dir' | 'file';
  size: number;
}

function browse(dir: string) {
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch (error) {
    throw new QuarryError('folder-unreadable', `Cannot open the folder ${dir}: ${(error as NodeJS.ErrnoException).code ?? 'error'}.`);
  }
  const entries = names
    .filter((name) => !name.startsWith('.'))
    .flatMap((name): DirEntry[] => {
      const path = join(dir, name);
      try {
        const stat = statSync(path);
        if (stat.isDirectory()) return [{ name, path, kind: 'dir', size: 0 }];
        if (stat.isFile() && LOG_FILE.test(name)) return [{ name, path, kind: 'file', size: stat.size }];
      } catch {
        // Broken links and unreadable entries are not offered.
      }
      return [];
    })
    .sort((a, b) => (a.kind === b.kind ? a.name.localeCompare(b.name) : a.kind === 'dir' ? -1 : 1));
  const parent = dirname(dir);
  return { dir, parent: parent === dir ? null : parent, entries };
}
