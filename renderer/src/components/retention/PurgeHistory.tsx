import type { Output } from '../../../../preload/api';
import { formatDateTime } from '../../format';

type Purge = Output<'retention:overview'>['history'][number];

/** Every purge, newest first: when, which source, how much, raw text ingested before when, and who asked. */
export function PurgeHistory({ history }: { history: readonly Purge[] }) {
  if (history.length === 0) {
    return (
      <p className="rt-empty" data-testid="retention-no-history">
        No purge yet.
      </p>
    );
  }
  return (
    <div className="data-table-wrap">
      <table className="data-table rt-table" data-testid="retention-history">
        <thead>
          <tr>
            <th scope="col">When</th>
            <th scope="col">Source</th>
            <th scope="col" className="num">
              Records
            </th>
            <th scope="col" className="num">
              Findings
            </th>
            <th scope="col" className="num">
              Surrogates
            </th>
            <th scope="col">Ingested before</th>
            <th scope="col">By</th>
          </tr>
        </thead>
        <tbody>
          {history.map((p) => (
            <tr key={p.id} data-testid="retention-history-row">
              <td>{formatDateTime(p.purgedAt)}</td>
              <td className="mono">{p.source}</td>
              <td className="num">{p.interactions}</td>
              <td className="num">{p.findings}</td>
              <td className="num">{p.surrogates}</td>
              <td>{formatDateTime(p.cutoff)}</td>
              <td>{p.actor}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
