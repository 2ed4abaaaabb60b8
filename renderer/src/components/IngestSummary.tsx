import type { Output } from '../../../preload/api';
import { basename, plural } from '../format';
import { QuarantineList } from './ingest/QuarantineList';

type Result = Output<'ingest:run'>;

/**
 * What an ingest run brought in and set aside: counts, the run's state (a cancelled run keeps what it stored),
 * and the quarantined records (line, field, reason; never their text), paged, with an Export CSV button.
 */
export function IngestSummary({ result }: { result: Result }) {
  const source = result.profile ? `profile ${result.profile.name} v${result.profile.version}` : result.format;
  return (
    <div className="ingest-summary">
      <p className="ingest-file">
        Run #{result.runId} · <code title={result.file}>{basename(result.file)}</code> · read as {source}
      </p>
      {result.state === 'cancelled' && (
        <p className="ingest-cancelled" role="status" data-testid="ingest-cancelled">
          Cancelled. What was stored stays; Resume it from the Ingest tab, or ingest the same file again, to add the rest.
        </p>
      )}
      <p className="ingest-counts" data-testid="ingest-result" data-state={result.state}>
        <span className="count count--good">{result.ingested} ingested</span>
        <span aria-hidden="true"> · </span>
        <span className="count">{plural(result.duplicates, 'duplicate')}</span>
        <span aria-hidden="true"> · </span>
        <span className={result.quarantined > 0 ? 'count count--warn' : 'count'}>{result.quarantined} quarantined</span>
      </p>
      {result.quarantined > 0 && (
        <QuarantineList runId={result.runId} initial={result.quarantine} title="Quarantined records" />
      )}
    </div>
  );
}
