import { useMemo, useState } from 'react';
import { BarChart } from '../charts';
import { formatValue } from '../charts/chart-options';
import { BandPill } from './BandPill';
import { coverageData, SLICE_LABELS, type Coverage, type SliceField } from './dashboard-data';

interface Props {
  coverage: Coverage | null;
  error: string | null;
  loading: boolean;
}

/** Gaps listed per field in the table before "and N more". */
const SHOWN_GAPS = 3;

/**
 * Eval-set coverage: per slice field, how far the golden set's (accepted cases') mix is from production's in the
 * range (JS distance and band), the values production has and the golden set lacks, and both mixes side by side.
 */
export function CoverageTab({ coverage, error, loading }: Props) {
  const [chosen, setChosen] = useState<SliceField | null>(null);
  const field = coverage?.fields.find((f) => f.field === chosen) ?? worst(coverage);
  const data = useMemo(() => (field && field.values.length > 0 ? coverageData(field) : null), [field]);

  if (error) {
    return (
      <p className="db-message db-message--error" role="alert" data-testid="db-coverage-error">
        {error}
      </p>
    );
  }
  if (!coverage) return <div className="db-loading" aria-busy="true" />;
  return (
    <div className="db-grid db-grid--coverage" aria-busy={loading} data-testid="db-coverage">
      <div className="db-stack">
        <section className="db-card" aria-labelledby="db-coverage-title">
          <header className="db-card-head">
            <div>
              <h2 className="db-card-title" id="db-coverage-title">
                Golden set against production
              </h2>
              <p className="db-card-sub">
                {coverage.golden.cases.toLocaleString('en-US')} accepted cases against {coverage.production.cases.toLocaleString('en-US')} production
                interactions in the range. A field is off when the JS distance of the two mixes reaches {coverage.thresholds.jsDistance}.
              </p>
            </div>
          </header>
          <table className="data-table db-table" data-testid="db-coverage-table">
            <thead>
              <tr>
                <th scope="col">Slice field</th>
                <th scope="col" className="num">
                  JS distance
                </th>
                <th scope="col">Band</th>
                <th scope="col">Missing from the golden set</th>
              </tr>
            </thead>
            <tbody>
              {coverage.fields.map((f) => (
                <tr key={f.field} data-testid="db-coverage-row" data-field={f.field} data-band={f.band ?? ''} className={f.field === field?.field ? 'db-row--chosen' : undefined}>
                  <th scope="row">
                    <button type="button" className="db-link" aria-pressed={f.field === field?.field} onClick={() => setChosen(f.field)} data-testid={`db-coverage-field-${f.field}`}>
                      {SLICE_LABELS[f.field]}
                    </button>
                  </th>
                  <td className="num mono">{f.jsDistance === null ? '—' : f.jsDistance.toFixed(3)}</td>
                  <td>
                    <BandPill band={f.band} />
                  </td>
                  <td className="db-gaps-cell">
                    {f.gaps.length === 0 ? (
                      <span className="db-quiet">None</span>
                    ) : (
                      <>
                        {f.gaps.slice(0, SHOWN_GAPS).map((g) => (
                          <span key={g.value} className="db-gap">
                            {g.value} <span className="db-n">{formatValue(g.productionShare, 'percent')}</span>
                          </span>
                        ))}
                        {f.gaps.length > SHOWN_GAPS && <span className="db-more">and {f.gaps.length - SHOWN_GAPS} more</span>}
                      </>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          {coverage.golden.cases === 0 && <p className="db-note">No accepted cases yet: accept cases in the Review queue to build the golden set.</p>}
        </section>
        {field && field.gaps.length > 0 && (
          <section className="db-card" aria-labelledby="db-gaps-title" data-testid="db-coverage-gaps">
            <h3 className="db-card-title" id="db-gaps-title">
              {SLICE_LABELS[field.field]} values the golden set lacks
            </h3>
            <table className="data-table db-table">
              <thead>
                <tr>
                  <th scope="col">Value</th>
                  <th scope="col" className="num">
                    Production
                  </th>
                  <th scope="col" className="num">
                    Share
                  </th>
                </tr>
              </thead>
              <tbody>
                {field.gaps.map((g) => (
                  <tr key={g.value}>
                    <th scope="row">{g.value}</th>
                    <td className="num">{g.productionCount.toLocaleString('en-US')}</td>
                    <td className="num">{formatValue(g.productionShare, 'percent')}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </section>
        )}
      </div>
      {field && data ? (
        <BarChart
          title={`${SLICE_LABELS[field.field]} mix`}
          subtitle="Share of production and of the golden set per value"
          data={data}
          format="percent"
          colors={[7, 0]}
          height={260}
          testId="db-chart-coverage"
        />
      ) : (
        <p className="db-note">No slice values in this range.</p>
      )}
    </div>
  );
}

const ORDER = { ok: 0, moderate: 1, major: 2 } as const;

/** The field furthest off (a band first, then the distance), to show first. */
function worst(coverage: Coverage | null) {
  if (!coverage) return null;
  return [...coverage.fields].sort((a, b) => (b.band ? ORDER[b.band] : -1) - (a.band ? ORDER[a.band] : -1) || (b.jsDistance ?? -1) - (a.jsDistance ?? -1))[0] ?? null;
}
