import { useState } from 'react';
import { useMay } from '../../access';
import { formatDateTime } from '../../format';
import { ReportView } from './RepresentativenessReport';
import { useCall } from './use-call';

type Source = { kind: 'run' | 'release'; id: number };
type Scope = 'ingest-runs' | 'workspace';

/**
 * Representativeness of a mining run or a release: its de-identified originals, the final tasks reviewers made
 * of them, and the production they came from, by length, vocabulary and slice mix, with the coverage gaps and
 * how much longer tasks grew than their originals.
 */
export function RepresentativenessTab({ casesVersion, onAudited }: { casesVersion: number; onAudited: () => void }) {
  const may = useMay();
  const runs = useCall('sampling:runs', {}, casesVersion);
  const releases = useCall('releases:list', may('releases:list') ? {} : null, casesVersion);
  const [chosen, setChosen] = useState<Source | null>(null);
  const [scope, setScope] = useState<Scope>('ingest-runs');
  const source: Source | null = chosen ?? (runs.data?.[0] ? { kind: 'run', id: runs.data[0].id } : null);
  const report = useCall(
    source?.kind === 'release' ? 'representativeness:release' : 'representativeness:run',
    source ? (source.kind === 'release' ? { releaseId: source.id, production: scope } : { runId: source.id, production: scope }) : null,
    casesVersion,
    onAudited,
  );

  const value = source ? `${source.kind}:${source.id}` : '';
  return (
    <div className="db-stack" data-testid="db-represent">
      <div className="db-compare" role="group" aria-label="What to measure">
        <label className="db-control">
          <span className="db-label">Mining run or release</span>
          <select
            value={value}
            onChange={(e) => {
              const [kind, id] = e.target.value.split(':');
              setChosen({ kind: kind === 'release' ? 'release' : 'run', id: Number(id) });
            }}
            disabled={!runs.data}
            data-testid="db-represent-source"
          >
            {!source && <option value="">No mining runs yet</option>}
            {(runs.data ?? []).length > 0 && (
              <optgroup label="Mining runs">
                {runs.data!.map((r) => (
                  <option key={`run:${r.id}`} value={`run:${r.id}`}>
                    Run #{r.id} · {r.policyName} v{r.policyVersion} · {r.picked} picked · {formatDateTime(r.createdAt)}
                  </option>
                ))}
              </optgroup>
            )}
            {(releases.data ?? []).length > 0 && (
              <optgroup label="Releases">
                {releases.data!.map((r) => (
                  <option key={`release:${r.id}`} value={`release:${r.id}`}>
                    {r.evalSet} v{r.version} · {r.state}
                  </option>
                ))}
              </optgroup>
            )}
          </select>
        </label>
        <label className="db-control">
          <span className="db-label">Production</span>
          <select value={scope} onChange={(e) => setScope(e.target.value as Scope)} data-testid="db-represent-scope">
            <option value="ingest-runs">The ingest runs the cases came from</option>
            <option value="workspace">Every case in the workspace</option>
          </select>
        </label>
      </div>
      {(runs.error || report.error) && (
        <p className="db-message db-message--error" role="alert" data-testid="db-represent-error">
          {runs.error ?? report.error}
        </p>
      )}
      {runs.data && !source && (
        <div className="db-empty db-empty--inline" data-testid="db-represent-empty">
          <p>No mining runs yet. Run a sampling policy (Sampling), or start one from an alert under Drift &amp; alerts.</p>
        </div>
      )}
      {source && report.data && <ReportView report={report.data} loading={report.loading} />}
      {source && !report.data && !report.error && <div className="db-loading" aria-busy="true" />}
    </div>
  );
}
