import { randomUUID } from 'node:crypto';
import { readdirSync, statSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { QuarryError } from '../../core/errors.js';
import { ingestLogFile, type IngestOptions, type IngestSummary } from '../../core/ingest/ingest-file.js';
import { previewSource } from '../../core/ingest/profiles/preview.js';
import { getProfile, listProfiles, saveProfile } from '../../core/ingest/profiles/profile-store.js';
import type { IngestProgress } from '../../core/ingest/progress.js';
import { listQuarantine } from '../../core/ingest/quarantine.js';
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
  | 'quarantine:list';

interface Job {
  id: string;
  file: string;
  controller: AbortController;
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

  /** Resolves the request's profile and runs the ingest, auditing its outcome whatever it is. */
  async function run(request: { path: string; format?: string; profile?: string }, extra: Pick<IngestOptions, 'signal' | 'onProgress'> = {}): Promise<IngestSummary> {
    const { db } = ctx.open();
    const stored = request.profile ? getProfile(db, request.profile) : null;
    const deidentifier = await ctx.deidentifier();
    const summary = await ingestLogFile(db, deidentifier, resolve(request.path), {
      format: request.format,
      profile: stored ? { name: stored.profile.name, version: stored.version, profile: stored.profile } : undefined,
      ...extra,
    });
    ctx.audit({
      action: 'ingest.run',
      objectIds: {
        run: summary.runId,
        format: summary.format,
        ...(summary.profile ? { profile: summary.profile.name, profileVersion: summary.profile.version } : {}),
        state: summary.state,
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

  return {
    'files:browse': ({ dir }) => browse(resolve(dir ?? ctx.options.browseStart ?? homedir())),
    'ingest:run': (request) => run(request),
    'ingest:start': (request) => {
      ctx.open();
      const started: Job = { id: randomUUID(), file: resolve(request.path), controller: new AbortController(), progress: null, result: null, error: null, failed: false };
      jobs.set(started.id, started);
      for (const [id, old] of jobs) if (jobs.size > KEPT_JOBS && (old.result || old.failed)) jobs.delete(id);
      run(request, { signal: started.controller.signal, onProgress: (p) => (started.progress = p) }).then(
        (summary) => {
          started.result = summary;
        },
        (error: unknown) => {
          started.failed = true;
          started.error =
            error instanceof QuarryError ? { code: error.code, message: error.message } : { code: 'ingest-failed', message: 'The ingest stopped on an unexpected error; what was stored stays, and ingesting the file again adds the rest.' };
        },
      );
      return { jobId: started.id };
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
