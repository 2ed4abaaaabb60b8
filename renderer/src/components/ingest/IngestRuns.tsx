import { useCallback, useEffect, useRef, useState } from 'react';
import type { Output } from '../../../../preload/api';
import { basename, formatBytes, formatDateTime, plural } from '../../format';
import { call, userMessage } from '../../quarry';
import { Modal } from '../Modal';
import { QuarantineList } from './QuarantineList';
import '../../styles/ingest.css';
import './ingest-runs.css';

type Run = Output<'ingest:runs'>[number];

/** How often the list refreshes while a run is going. */
const POLL_MS = 700;
const number = new Intl.NumberFormat();

const STATE_TEXT: Record<Run['state'], string> = {
  running: 'Running',
  finished: 'Finished',
  cancelled: 'Cancelled',
  interrupted: 'Interrupted',
  failed: 'Failed',
};

const STATE_HELP: Record<Run['state'], string> = {
  running: 'Being ingested now.',
  finished: 'Read to the end.',
  cancelled: 'Stopped on request; what it stored stays. Resume adds the rest.',
  interrupted: 'The app or command was closed or killed while it ran; what it stored stays. Resume adds the rest.',
  failed: 'Stopped on an error; what it stored stays.',
};

interface Props {
  /** Bumped when an ingest elsewhere (the dialog) changed the runs. */
  version: number;
  onIngest: () => void;
  onCasesChanged: () => void;
  onAudited: () => void;
}

function readAs(run: Run): string {
  return run.profile ? `${run.profile.name} v${run.profile.version}` : run.format;
}

/** "about 2 min left" from seconds, or "estimating…" with no rate yet. */
function etaText(seconds: number | null): string {
  if (seconds === null) return 'estimating…';
  if (seconds >= 90) return `about ${Math.round(seconds / 60)} min left`;
  return `about ${Math.max(1, Math.round(seconds))} s left`;
}

/** "took 42 s", "took 3 min 05 s", "running" or "did not end" (a killed run records no end). */
function took(run: Run): string {
  if (run.state === 'running') return 'running';
  if (!run.finishedAt) return 'did not end';
  const seconds = Math.max(0, Math.round((Date.parse(run.finishedAt) - Date.parse(run.startedAt)) / 1000));
  if (seconds < 60) return `took ${seconds} s`;
  if (seconds < 3600) return `took ${Math.floor(seconds / 60)} min ${String(seconds % 60).padStart(2, '0')} s`;
  return `took ${Math.floor(seconds / 3600)} h ${String(Math.floor((seconds % 3600) / 60)).padStart(2, '0')} min`;
}

/** How far a run read: a bar with rate and ETA while it runs, else the bytes read of the file's size. */
function RunBytes({ run }: { run: Run }) {
  const total = run.bytesTotal ?? 0;
  const bytes = run.live?.bytes ?? run.bytesRead;
  if (run.state !== 'running') {
    return <span>{run.bytesTotal === null || bytes >= total ? formatBytes(total || bytes) : `${formatBytes(bytes)} of ${formatBytes(total)}`}</span>;
  }
  const fraction = total > 0 ? Math.min(bytes / total, 1) : 0;
  return (
    <div className="run-live" data-testid="run-live">
      <div className="progress-track run-live-track" role="progressbar" aria-valuemin={0} aria-valuemax={100} aria-valuenow={Math.floor(fraction * 100)} aria-label={`Run ${run.id} progress`}>
        <div className="progress-fill" style={{ width: `${Math.max(fraction * 100, 1)}%` }} />
      </div>
      <span className="run-live-figures">
        {Math.floor(fraction * 100)}% of {formatBytes(total)}
        {run.live && ` · ${number.format(Math.round(run.live.ratePerSec))} rec/s · ${etaText(run.live.etaSec)}`}
      </span>
    </div>
  );
}

/**
 * The workspace's ingest runs, newest first: file, how it was read, state (a run a closed or killed app left
 * running shows as interrupted), counts, bytes and times; Resume for a cancelled or interrupted run (re-reads the
 * same file, what is stored is skipped) and the run's quarantined records with CSV export.
 */
export function IngestRuns({ version, onIngest, onCasesChanged, onAudited }: Props) {
  const [runs, setRuns] = useState<Run[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [quarantineOf, setQuarantineOf] = useState<Run | null>(null);
  const [resuming, setResuming] = useState<number | null>(null);

  const shown = useRef<Run[] | null>(null);

  const load = useCallback(() => {
    call('ingest:runs', {}).then(
      (next) => {
        const previous = shown.current;
        shown.current = next;
        setRuns(next);
        if (previous?.some((p) => p.state === 'running' && next.find((n) => n.id === p.id)?.state !== 'running')) {
          // A run that was going has ended: it brought cases in and audited its outcome.
          onCasesChanged();
          onAudited();
        } else if (next.some((n) => n.state === 'interrupted' && previous?.find((p) => p.id === n.id)?.state !== 'interrupted')) {
          // Listing marks runs a killed process left running as interrupted, and audits each.
          onAudited();
        }
      },
      (e: unknown) => setError(userMessage(e)),
    );
  }, [onCasesChanged, onAudited]);

  useEffect(load, [load, version]);
  const running = runs?.some((r) => r.state === 'running') ?? false;
  useEffect(() => {
    if (!running) return;
    const timer = setInterval(load, POLL_MS);
    return () => clearInterval(timer);
  }, [running, load]);

  async function resume(run: Run) {
    setResuming(run.id);
    setError(null);
    try {
      // Answers once the new run is recorded, so this listing shows it (and starts polling it).
      await call('ingest:resume', { runId: run.id });
      load();
    } catch (e) {
      setError(userMessage(e));
    } finally {
      setResuming(null);
    }
  }

  return (
    <section className="runs" aria-label="Ingest runs" data-testid="ingest-runs-view">
      <header className="runs-head">
        <div>
          <h1 className="runs-title">Ingest runs</h1>
          <p className="runs-lede">
            Every log read into this workspace. A cancelled or interrupted run keeps what it stored; Resume reads the same file
            again and adds only what is missing. Exact repeats are stored once and counted.
          </p>
        </div>
        <button type="button" className="btn btn--primary" onClick={onIngest} data-testid="runs-ingest">
          Ingest log…
        </button>
      </header>
      {error && (
        <p className="runs-error" role="alert" data-testid="runs-error">
          {error}
        </p>
      )}
      {runs && runs.length === 0 && (
        <p className="runs-empty" data-testid="runs-empty">
          No log has been ingested yet.
        </p>
      )}
      {runs && runs.length > 0 && (
        <div className="data-table-wrap">
          <table className="data-table runs-table" data-testid="runs-table">
            <thead>
              <tr>
                <th scope="col" className="num">
                  Run
                </th>
                <th scope="col">File</th>
                <th scope="col">State</th>
                <th scope="col" className="num">
                  Ingested
                </th>
                <th scope="col" className="num">
                  Duplicates
                </th>
                <th scope="col" className="num">
                  Quarantined
                </th>
                <th scope="col">Read</th>
                <th scope="col">Started</th>
                <th scope="col">
                  <span className="visually-hidden">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {runs.map((run) => {
                const resumable = (run.state === 'cancelled' || run.state === 'interrupted') && run.resumedBy === null && run.path !== null;
                return (
                  <tr key={run.id} data-testid="run-row" data-run-id={run.id} data-state={run.state}>
                    <td className="num runs-id">#{run.id}</td>
                    <td>
                      <div className="runs-two">
                        <code title={run.path ?? run.file}>{basename(run.file)}</code>
                        <span className="runs-sub">
                          {readAs(run)}
                          {run.resumesRun !== null && ` · resumes #${run.resumesRun}`}
                          {run.resumedBy !== null && ` · resumed by #${run.resumedBy}`}
                        </span>
                      </div>
                    </td>
                    <td>
                      <span
                        className={`run-state run-state--${run.state}`}
                        title={run.state === 'failed' && run.errorCode ? `${STATE_HELP.failed} (${run.errorCode})` : STATE_HELP[run.state]}
                        data-testid="run-state"
                      >
                        {STATE_TEXT[run.state]}
                      </span>
                    </td>
                    <td className="num">{number.format(run.ingested)}</td>
                    <td className="num">{number.format(run.duplicates)}</td>
                    <td className={run.quarantined > 0 ? 'num runs-warn' : 'num'}>{number.format(run.quarantined)}</td>
                    <td className="runs-bytes">
                      <RunBytes run={run} />
                    </td>
                    <td>
                      <div className="runs-two">
                        <span>{formatDateTime(run.startedAt)}</span>
                        <span className="runs-sub" title={run.finishedAt ? `Ended ${formatDateTime(run.finishedAt)}` : undefined}>
                          {took(run)}
                        </span>
                      </div>
                    </td>
                    <td className="runs-actions">
                      {resumable && (
                        <button
                          type="button"
                          className="btn btn--small"
                          onClick={() => void resume(run)}
                          disabled={resuming !== null || running}
                          title={running ? 'Wait for the run in progress to end' : `Read ${basename(run.file)} again; what run #${run.id} stored is skipped`}
                          data-testid="run-resume"
                        >
                          {resuming === run.id ? 'Resuming…' : 'Resume'}
                        </button>
                      )}
                      {run.quarantined > 0 && (
                        <button type="button" className="btn btn--small" onClick={() => setQuarantineOf(run)} data-testid="run-quarantine">
                          Quarantine…
                        </button>
                      )}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
      {quarantineOf && (
        <Modal title={`Quarantined records of run #${quarantineOf.id}`} onClose={() => setQuarantineOf(null)} wide testId="run-quarantine-dialog">
          <p className="runs-quarantine-file">
            <code>{basename(quarantineOf.file)}</code> · {plural(quarantineOf.quarantined, 'record')} set aside, with the line, the field at
            fault and why; never their text.
          </p>
          <QuarantineList runId={quarantineOf.id} />
          <div className="modal-actions">
            <button type="button" className="btn btn--primary" onClick={() => setQuarantineOf(null)} data-testid="run-quarantine-close">
              Close
            </button>
          </div>
        </Modal>
      )}
    </section>
  );
}
