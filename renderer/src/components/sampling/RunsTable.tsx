import type { Output } from '../../../../preload/api';
import { formatDateTime } from '../../format';
import { REASON_LABELS } from './policy-form';

type Run = Output<'sampling:runs'>[number];

/** Past mining runs, newest first: policy version, seed, how many cases were considered and picked, and why. */
export function RunsTable({ runs, highlight }: { runs: readonly Run[]; highlight: number | null }) {
  return (
    <section className="sp-panel sp-runs" aria-labelledby="sp-runs-title">
      <header className="sp-panel-head">
        <div>
          <h2 id="sp-runs-title" className="sp-title">
            Mining runs
          </h2>
          <p className="sp-sub">Each run is recorded with its policy version and seed; its cases are in the review queue.</p>
        </div>
      </header>
      {runs.length === 0 ? (
        <p className="sp-empty" data-testid="runs-empty">
          No runs yet. Preview a policy, then run it.
        </p>
      ) : (
        <div className="sp-runs-scroll">
          <table className="sp-table sp-table--runs" data-testid="runs-table">
            <thead>
              <tr>
                <th scope="col" className="num">Run</th>
                <th scope="col">When</th>
                <th scope="col">Policy</th>
                <th scope="col" className="num">Seed</th>
                <th scope="col" className="num">Cases</th>
                <th scope="col" className="num">Picked</th>
                <th scope="col">By reason</th>
              </tr>
            </thead>
            <tbody>
              {runs.map((run) => (
                <tr
                  key={run.id}
                  data-testid="run-row"
                  data-run-id={run.id}
                  className={run.id === highlight ? 'sp-row--fresh' : undefined}
                >
                  <td className="num mono">#{run.id}</td>
                  <td className="sp-nowrap">{formatDateTime(run.createdAt)}</td>
                  <td className="sp-nowrap">
                    {run.policyName} <span className="sp-version">v{run.policyVersion}</span>
                  </td>
                  <td className="num mono">{run.seed}</td>
                  <td className="num">{run.candidates ?? '—'}</td>
                  <td className="num">
                    <strong>{run.picked}</strong>
                  </td>
                  <td>
                    <ul className="sp-reasons">
                      {Object.entries(run.byReason).map(([reason, n]) => (
                        <li key={reason}>
                          {REASON_LABELS[reason] ?? reason} <strong>{n}</strong>
                        </li>
                      ))}
                      {Object.keys(run.byReason).length === 0 && <li>—</li>}
                    </ul>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
