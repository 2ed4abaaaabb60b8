import type { IngestResult } from '../../../preload/api';
import { basename, plural } from '../format';

export function IngestSummary({ result }: { result: IngestResult }) {
  return (
    <div className="ingest-summary">
      <p className="ingest-file">
        Run #{result.runId} · <code title={result.file}>{basename(result.file)}</code>
      </p>
      <p className="ingest-counts" data-testid="ingest-result">
        <span className="count count--good">{result.ingested} ingested</span>
        <span aria-hidden="true"> · </span>
        <span className="count">{plural(result.duplicates, 'duplicate')}</span>
        <span aria-hidden="true"> · </span>
        <span className={result.quarantined > 0 ? 'count count--warn' : 'count'}>
          {result.quarantined} quarantined
        </span>
      </p>
      {result.quarantine.length > 0 && (
        <div className="quarantine">
          <h3>Quarantined lines</h3>
          <p className="quarantine-note">These lines were not ingested. Fix them in the source log and ingest it again.</p>
          <div className="quarantine-scroll">
            <table data-testid="quarantine-table">
              <thead>
                <tr>
                  <th scope="col">Line</th>
                  <th scope="col">Reason</th>
                </tr>
              </thead>
              <tbody>
                {result.quarantine.map((q) => (
                  <tr key={q.line}>
                    <td className="num">{q.line}</td>
                    <td>{q.reason}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </div>
      )}
    </div>
  );
}
