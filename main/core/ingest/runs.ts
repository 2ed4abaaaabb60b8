/**
 * Past and present ingest runs: the list the app and `quarry ingest runs` show, and finding runs a killed process
 * left `running`. This process's live runs are kept in a registry; a `running` run is interrupted when no live job
 * owns it: its process is gone, or it is this process and the run is not in the registry (an earlier session).
 * An interrupted run is stored as `failed` with the error code `interrupted` (see migration 011).
 */
import { QuarryError } from '../errors.js';
import type { Db } from '../store/database.js';

export type RunState = 'running' | 'finished' | 'cancelled' | 'interrupted' | 'failed';

export interface IngestRunView {
  id: number;
  file: string;
  /** Where the file was read from; null for runs from before migration 011 (they cannot be resumed). */
  path: string | null;
  format: string;
  profile: { name: string; version: number } | null;
  state: RunState;
  errorCode: string | null;
  /** The run this one resumes, and the latest run that resumes this one. */
  resumesRun: number | null;
  resumedBy: number | null;
  records: number;
  ingested: number;
  duplicates: number;
  quarantined: number;
  bytesRead: number;
  bytesTotal: number | null;
  startedAt: string;
  finishedAt: string | null;
}

export const INTERRUPTED = 'interrupted';

const live = new Set<number>();

/** Marks a run as owned by a live job of this process. */
export function claimRun(runId: number): void {
  live.add(runId);
}

/** The job that owned the run has ended (whatever its outcome). */
export function releaseRun(runId: number): void {
  live.delete(runId);
}

export function isLiveRun(runId: number): boolean {
  return live.has(runId);
}

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: the process exists but belongs to someone else.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

interface Row {
  id: number;
  source_file: string;
  source_path: string | null;
  format: string;
  profile_name: string | null;
  profile_version: number | null;
  state: 'running' | 'finished' | 'cancelled' | 'failed';
  error_code: string | null;
  resumes_run: number | null;
  resumed_by: number | null;
  records: number;
  ingested: number;
  duplicates: number;
  quarantined: number;
  bytes_read: number | null;
  bytes_total: number | null;
  started_at: string;
  finished_at: string | null;
  owner_pid: number | null;
}

/**
 * Marks every `running` run no live job owns as interrupted, and returns them (ids and counts, for the audit
 * log). Safe to call from any process on the workspace: another process's run stays running while it lives.
 */
export function markInterruptedRuns(db: Db): IngestRunView[] {
  const running = db.prepare(`${SELECT} WHERE r.state = 'running' ORDER BY r.id`).all() as Row[];
  const orphaned = running.filter((r) => (r.owner_pid === process.pid ? !live.has(r.id) : r.owner_pid === null || !processAlive(r.owner_pid)));
  if (orphaned.length === 0) return [];
  const mark = db.prepare(`UPDATE ingest_runs SET state = 'failed', error_code = '${INTERRUPTED}' WHERE id = ? AND state = 'running'`);
  db.transaction(() => orphaned.forEach((r) => mark.run(r.id)))();
  return orphaned.map((r) => toView({ ...r, state: 'failed', error_code: INTERRUPTED }));
}

const SELECT = `SELECT r.*, (SELECT max(n.id) FROM ingest_runs n WHERE n.resumes_run = r.id) AS resumed_by FROM ingest_runs r`;

function toView(r: Row): IngestRunView {
  return {
    id: r.id,
    file: r.source_file,
    path: r.source_path,
    format: r.format,
    profile: r.profile_name === null ? null : { name: r.profile_name, version: r.profile_version ?? 1 },
    state: r.state === 'failed' && r.error_code === INTERRUPTED ? 'interrupted' : r.state,
    errorCode: r.error_code,
    resumesRun: r.resumes_run,
    resumedBy: r.resumed_by,
    records: r.records,
    ingested: r.ingested,
    duplicates: r.duplicates,
    quarantined: r.quarantined,
    bytesRead: r.bytes_read ?? 0,
    bytesTotal: r.bytes_total,
    startedAt: r.started_at,
    finishedAt: r.finished_at,
  };
}

/** The newest runs first (at most `limit`). */
export function listRuns(db: Db, limit = 200): IngestRunView[] {
  return (db.prepare(`${SELECT} ORDER BY r.id DESC LIMIT ?`).all(limit) as Row[]).map(toView);
}

export function getRun(db: Db, runId: number): IngestRunView {
  const row = db.prepare(`${SELECT} WHERE r.id = ?`).get(runId) as Row | undefined;
  if (!row) throw new QuarryError('ingest-run-unknown', `There is no ingest run ${runId} in this workspace.`);
  return toView(row);
}

/** The run to resume, checked: cancelled or interrupted, its file known and not already resumed. */
export function resumableRun(db: Db, runId: number): IngestRunView & { path: string } {
  const run = getRun(db, runId);
  if (run.state !== 'cancelled' && run.state !== 'interrupted') {
    throw new QuarryError('ingest-run-not-resumable', `Run ${runId} is ${run.state}; only a cancelled or interrupted run can be resumed.`);
  }
  if (run.resumedBy !== null) {
    throw new QuarryError('ingest-run-resumed', `Run ${runId} was already resumed by run ${run.resumedBy}; resume that one if it stopped too.`);
  }
  if (run.path === null) {
    throw new QuarryError('ingest-run-no-path', `Run ${runId} predates resumable runs and does not record where ${run.file} was; ingest the file again (what is stored is skipped).`);
  }
  return { ...run, path: run.path };
}
