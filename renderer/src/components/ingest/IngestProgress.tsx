import type { Output } from '../../../../preload/api';
import { basename, formatBytes } from '../../format';

type Progress = Output<'ingest:progress'>;

const number = new Intl.NumberFormat();

/** "about 2 min left", "about 40 s left", or "estimating…" before there is a rate. */
function etaText(seconds: number | null): string {
  if (seconds === null) return 'estimating time left…';
  if (seconds >= 3600) return `about ${Math.floor(seconds / 3600)} h ${Math.round((seconds % 3600) / 60)} min left`;
  if (seconds >= 90) return `about ${Math.round(seconds / 60)} min left`;
  return `about ${Math.max(1, Math.round(seconds))} s left`;
}

interface Props {
  progress: Progress;
  cancelling: boolean;
  onCancel: () => void;
}

/** A running ingest: how far through the file (bytes on disk), records, rate, ETA and outcomes so far; cancel. */
export function IngestProgress({ progress, cancelling, onCancel }: Props) {
  const fraction = progress.totalBytes > 0 ? Math.min(progress.bytes / progress.totalBytes, 1) : 0;
  const percent = Math.floor(fraction * 100);
  const starting = progress.state === 'starting';
  return (
    <div className="ingest-progress" role="status" aria-live="polite" data-testid="ingest-progress" data-state={progress.state}>
      <p className="ingest-progress-title">
        {cancelling ? 'Cancelling' : 'Ingesting'} <code>{basename(progress.file)}</code>
      </p>
      <div
        className="progress-track"
        role="progressbar"
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={percent}
        aria-label="Ingest progress"
        data-testid="ingest-progress-bar"
      >
        <div className="progress-fill" style={{ width: `${Math.max(fraction * 100, starting ? 0 : 1)}%` }} />
      </div>
      <p className="ingest-progress-figures" data-testid="ingest-progress-figures">
        <span className="ingest-progress-percent">{percent}%</span>
        <span>
          {formatBytes(progress.bytes)} of {formatBytes(progress.totalBytes)}
        </span>
        <span>{number.format(progress.records)} records</span>
        <span>{number.format(Math.round(progress.ratePerSec))} records/s</span>
        <span>{starting ? 'loading the de-identifier…' : etaText(progress.etaSec)}</span>
      </p>
      <dl className="ingest-progress-counts">
        <div>
          <dt>Ingested</dt>
          <dd className="count--good">{number.format(progress.ingested)}</dd>
        </div>
        <div>
          <dt>Duplicates</dt>
          <dd>{number.format(progress.duplicates)}</dd>
        </div>
        <div>
          <dt>Quarantined</dt>
          <dd className={progress.quarantined > 0 ? 'count--warn' : undefined}>{number.format(progress.quarantined)}</dd>
        </div>
      </dl>
      <p className="ingest-progress-note">
        Personal data is replaced before anything is stored for review. Cancelling keeps what is stored; ingesting the same
        file again adds only the rest.
      </p>
      <div className="modal-actions">
        <button type="button" className="btn" onClick={onCancel} disabled={cancelling} data-testid="ingest-cancel">
          {cancelling ? 'Cancelling…' : 'Cancel ingest'}
        </button>
      </div>
    </div>
  );
}
