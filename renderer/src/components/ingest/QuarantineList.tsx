import { useEffect, useState } from 'react';
import type { Output } from '../../../../preload/api';
import { call, userMessage } from '../../quarry';
import './ingest-runs.css';

type QuarantinePage = Output<'quarantine:list'>;
type Entry = { line: number; field: string | null; reason: string };

const PAGE = 100;

interface Props {
  runId: number;
  /** Entries already at hand (an ingest summary's first ones), shown until the first page arrives. */
  initial?: readonly Entry[];
  title?: string;
}

/**
 * A run's quarantined records (line, field, reason; never their text), paged from main's quarantine table, with
 * "Export CSV" writing the whole list to the workspace's exports folder and showing where.
 */
export function QuarantineList({ runId, initial = [], title }: Props) {
  const [page, setPage] = useState<QuarantinePage | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [exported, setExported] = useState<Output<'quarantine:export'> | null>(null);
  const [exporting, setExporting] = useState(false);

  useEffect(() => {
    let live = true;
    call('quarantine:list', { runId, limit: PAGE }).then(
      (first) => live && setPage(first),
      (e: unknown) => live && setError(userMessage(e)),
    );
    return () => {
      live = false;
    };
  }, [runId]);

  async function more() {
    if (!page) return;
    try {
      const next = await call('quarantine:list', { runId, offset: page.entries.length, limit: PAGE });
      setPage({ total: next.total, entries: [...page.entries, ...next.entries] });
    } catch (e) {
      setError(userMessage(e));
    }
  }

  async function exportCsv() {
    setExporting(true);
    setError(null);
    try {
      setExported(await call('quarantine:export', { runId }));
    } catch (e) {
      setError(userMessage(e));
    } finally {
      setExporting(false);
    }
  }

  return (
    <div className="quarantine" data-testid="quarantine-list">
      {title && <h3>{title}</h3>}
      <div className="quarantine-head">
        <p className="quarantine-note">These records were not ingested. Fix them in the source log and ingest it again.</p>
        <button type="button" className="btn btn--small" onClick={() => void exportCsv()} disabled={exporting} data-testid="quarantine-export">
          {exporting ? 'Exporting…' : 'Export CSV'}
        </button>
      </div>
      {exported && (
        <p className="quarantine-exported" role="status" data-testid="quarantine-exported">
          Exported {exported.count} {exported.count === 1 ? 'record' : 'records'} to <code title={exported.path}>{exported.path}</code>
        </p>
      )}
      {error && (
        <p className="field-error" role="alert" data-testid="quarantine-error">
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
            {(page?.entries ?? initial).map((q, i) => (
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
  );
}
