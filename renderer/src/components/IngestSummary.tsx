import { useEffect, useState } from 'react';
import type { Output } from '../../../preload/api';
import { basename, plural } from '../format';
import { call, userMessage } from '../quarry';

type Result = Output<'ingest:run'>;
type QuarantinePage = Output<'quarantine:list'>;

const PAGE = 100;

/**
 * What an ingest run brought in and set aside: counts, the run's state (a cancelled run keeps what it stored),
 * and the quarantined records (line, field, reason; never their text), paged from main's quarantine table.
 */
export function IngestSummary({ result }: { result: Result }) {
  const [page, setPage] = useState<QuarantinePage | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    if (result.quarantined === 0) return;
    let live = true;
    call('quarantine:list', { runId: result.runId, limit: PAGE }).then(
      (first) => live && setPage(first),
      (e: unknown) => live && setError(userMessage(e)),
    );
    return () => {
      live = false;
    };
  }, [result.runId, result.quarantined]);

  async function more() {
    if (!page) return;
    try {
      const next = await call('quarantine:list', { runId: result.runId, offset: page.entries.length, limit: PAGE });
      setPage({ total: next.total, entries: [...page.entries, ...next.entries] });
    } catch (e) {
      setError(userMessage(e));
    }
  }

  const source = result.profile ? `profile ${result.profile.name} v${result.profile.version}` : result.format;
  return (
    <div className="ingest-summary">
      <p className="ingest-file">
        Run #{result.runId} · <code title={result.file}>{basename(result.file)}</code> · read as {source}
      </p>
      {result.state === 'cancelled' && (
        <p className="ingest-cancelled" role="status" data-testid="ingest-cancelled">
          Cancelled. What was stored stays; ingest the same file again to add the rest.
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
        <div className="quarantine">
          <h3>Quarantined records</h3>
          <p className="quarantine-note">
            These records were not ingested. Fix them in the source log and ingest it again. Export the list with{' '}
            <code>
              quarry quarantine export --run {result.runId} --out quarantine.csv
            </code>
          </p>
          {error && (
            <p className="field-error" role="alert">
              {error}
            </p>
          )}
          <div className="quarantine-scroll">
            <table data-testid="quarantine-table">
              <thead>
                <tr>
                  <th scope="col">Line</th>
                  <th scope="col">Field</th>
                  <th scope="col">Reason</th>
                </tr>
              </thead>
              <tbody>
                {(page?.entries ?? result.quarantine).map((q, i) => (
                  <tr key={`${q.line}-${i}`}>
                    <td className="num">{q.line}</td>
                    <td className="quarantine-field">{q.field ? <code>{q.field}</code> : '—'}</td>
                    <td>{q.reason}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          {page && page.entries.length < page.total && (
            <button type="button" className="btn btn--small quarantine-more" onClick={() => void more()} data-testid="quarantine-more">
              Show more ({page.total - page.entries.length} left)
            </button>
          )}
        </div>
      )}
    </div>
  );
}
