import { useMemo, useState } from 'react';
import type { Input } from '../../../../preload/api';
import { BarChart } from '../charts';
import { AlertsPanel } from './AlertsPanel';
import { BandPill, VerdictPill } from './BandPill';
import { DayRangeFields } from './DayRangeFields';
import { driftBinsData, driftRows, formatP, SLICE_LABELS, worstMetric, type Drift, type SliceField } from './dashboard-data';
import { COMPARE_PRESETS, compareDays, dayRangeProblem, describeDays, rangeDays, toRange, type ComparePreset, type DayRange } from './dashboard-time';
import { formatValue } from '../charts/chart-options';
import type { SliceChoice } from './Toolbar';
import type { QueueFilter } from '../../queue-opening';
import { useCall } from './use-call';

/** The drift comparison: a preset or custom days for the baseline and the current window. */
export interface Comparison {
  preset: ComparePreset | 'custom';
  baseline: DayRange;
  current: DayRange;
}

interface Props {
  days: DayRange;
  comparison: Comparison;
  onComparison: (comparison: Comparison) => void;
  slice: Input<'monitor:drift'>['slice'];
  sliceField: SliceField | null;
  casesVersion: number;
  onAudited: () => void;
  onShowSlice: (slice: SliceChoice) => void;
  onMined: () => void;
  openQueue?: (filter: QueueFilter) => void;
}

/** Input and quality drift of the current window against the baseline window, and the alerts they raise. */
export function DriftTab({ days, comparison, onComparison, slice, sliceField, casesVersion, onAudited, onShowSlice, onMined, openQueue }: Props) {
  const problem = dayRangeProblem(comparison.baseline, 'baseline') ?? dayRangeProblem(comparison.current, 'current window');
  const { current, baseline } = comparison;
  const windows = useMemo(() => (problem ? null : { current: toRange(current), baseline: toRange(baseline) }), [problem, current, baseline]);
  const drift = useCall('monitor:drift', windows ? { ...windows, slice } : null, casesVersion, onAudited);

  function choosePreset(preset: ComparePreset | 'custom') {
    onComparison(preset === 'custom' ? { ...comparison, preset } : { preset, ...compareDays(preset, days) });
  }

  return (
    <div className="db-stack">
      <div className="db-compare" role="group" aria-label="Windows to compare">
        <label className="db-control">
          <span className="db-label">Compare</span>
          <select value={comparison.preset} onChange={(e) => choosePreset(e.target.value as ComparePreset | 'custom')} data-testid="db-compare-preset">
            {COMPARE_PRESETS.map((p) => (
              <option key={p.id} value={p.id}>
                {p.label}
              </option>
            ))}
            <option value="custom">Custom windows</option>
          </select>
        </label>
        <DayRangeFields label="Baseline" days={comparison.baseline} onChange={(baseline) => onComparison({ ...comparison, preset: 'custom', baseline })} testId="db-baseline" />
        <DayRangeFields label="Current" days={comparison.current} onChange={(current) => onComparison({ ...comparison, preset: 'custom', current })} testId="db-current" />
        {slice && (
          <p className="db-compare-scope">
            Within {SLICE_LABELS[slice.field].toLowerCase()} = <strong>{slice.value ?? '(none)'}</strong>
          </p>
        )}
      </div>
      {problem && (
        <p className="db-message db-message--error" role="alert" data-testid="db-compare-error">
          {problem}
        </p>
      )}
      {windows && (
        <div className="db-grid db-grid--drift">
          <div className="db-stack">
            {drift.error && (
              <p className="db-message db-message--error" role="alert" data-testid="db-drift-error">
                {drift.error}
              </p>
            )}
            {drift.data ? <DriftTables drift={drift.data} loading={drift.loading} /> : !drift.error && <div className="db-loading" aria-busy="true" />}
          </div>
          <AlertsPanel windows={windows} slice={slice} defaultGroupBy={sliceField} casesVersion={casesVersion} onAudited={onAudited} onShowSlice={onShowSlice} onMined={onMined} openQueue={openQueue} />
        </div>
      )}
    </div>
  );
}

function DriftTables({ drift, loading }: { drift: Drift; loading: boolean }) {
  const rows = useMemo(() => driftRows(drift), [drift]);
  const [chosen, setChosen] = useState<string | null>(null);
  const metric = drift.input.find((m) => m.metric === chosen) ?? worstMetric(drift);
  const bins = useMemo(() => (metric && metric.bins.length > 0 ? driftBinsData(metric) : null), [metric]);
  const t = drift.thresholds;
  return (
    <>
      <section className="db-card" aria-labelledby="db-input-drift-title" aria-busy={loading} data-testid="db-drift">
        <header className="db-card-head">
          <div>
            <h2 className="db-card-title" id="db-input-drift-title">
              Input drift
            </h2>
            <p className="db-card-sub">
              Current {describeDays(rangeDays(drift.current))} ({drift.current.cases.toLocaleString('en-US')} interactions) against baseline{' '}
              {describeDays(rangeDays(drift.baseline))} ({drift.baseline.cases.toLocaleString('en-US')}). PSI bands {t.psiModerate} / {t.psiMajor}; JS
              distance {t.jsDistance}.
            </p>
          </div>
        </header>
        <table className="data-table db-table" data-testid="db-drift-table">
          <thead>
            <tr>
              <th scope="col">Metric</th>
              <th scope="col">Statistic</th>
              <th scope="col" className="num">
                Value
              </th>
              <th scope="col">Band</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => {
              const metricId = row.key.split(':')[0]!;
              return (
                <tr key={row.key} data-testid="db-drift-row" data-metric={metricId} data-statistic={row.statistic} data-band={row.band ?? ''} className={metricId === metric?.metric ? 'db-row--chosen' : undefined}>
                  {row.first && (
                    <th scope="row" rowSpan={row.span} className="db-metric-cell">
                      <button type="button" className="db-link" aria-pressed={metricId === metric?.metric} onClick={() => setChosen(metricId)} data-testid={`db-drift-metric-${metricId}`}>
                        {row.metric}
                      </button>
                    </th>
                  )}
                  <td>{row.statistic}</td>
                  <td className="num mono">{row.value}</td>
                  <td>{row.band ? <BandPill band={row.band} /> : <VerdictPill text={row.note ?? '—'} tone={row.note === 'Differs' ? 'warn' : 'none'} />}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
        {drift.notes.length > 0 && (
          <ul className="db-notes" data-testid="db-drift-notes">
            {drift.notes.map((n) => (
              <li key={n}>{n}</li>
            ))}
          </ul>
        )}
      </section>
      {metric && bins && (
        <BarChart
          title={`${metric.label}: baseline against current`}
          subtitle={
            metric.vocabulary
              ? `Share of each window’s tokens in the ${metric.bins.length} hashed token groups (of ${metric.vocabulary.buckets.toLocaleString('en-US')}) that moved most; no word is stored or shown`
              : metric.kind === 'numeric'
                ? 'Share of each window per bin (bins from the baseline’s quantiles)'
                : 'Share of each window per value'
          }
          data={bins}
          format="percent"
          colors={[7, 0]}
          height={220}
          testId="db-chart-drift-bins"
        />
      )}
      <section className="db-card" aria-labelledby="db-quality-title" data-testid="db-quality">
        <header className="db-card-head">
          <div>
            <h2 className="db-card-title" id="db-quality-title">
              Quality drift
            </h2>
            <p className="db-card-sub">
              A rate alerts when it rose by {Number((t.rateIncrease * 100).toPrecision(3))} points or more with p below {t.ratePValue}; the evaluator score when
              it fell by {t.scoreDrop} or more with KS p below {t.ksPValue}.
            </p>
          </div>
        </header>
        <table className="data-table db-table" data-testid="db-quality-table">
          <thead>
            <tr>
              <th scope="col">Metric</th>
              <th scope="col" className="num">
                Baseline
              </th>
              <th scope="col" className="num">
                Current
              </th>
              <th scope="col" className="num">
                Change
              </th>
              <th scope="col">Test</th>
              <th scope="col">Status</th>
            </tr>
          </thead>
          <tbody>
            {drift.quality.map((q) => {
              const format = q.kind === 'rate' ? 'percent' : 'number';
              const change = q.difference === null ? '—' : q.kind === 'rate' ? `${q.difference >= 0 ? '+' : '−'}${(Math.abs(q.difference) * 100).toFixed(1)} pts` : `${q.difference >= 0 ? '+' : '−'}${Math.abs(q.difference).toFixed(3)}`;
              return (
                <tr key={q.metric} data-testid="db-quality-row" data-metric={q.metric} data-crossed={q.crossed}>
                  <th scope="row">{q.label}</th>
                  <td className="num">
                    {q.baseline === null ? '—' : formatValue(q.baseline, format)} <span className="db-n">n {q.baselineN.toLocaleString('en-US')}</span>
                  </td>
                  <td className="num">
                    {q.current === null ? '—' : formatValue(q.current, format)} <span className="db-n">n {q.currentN.toLocaleString('en-US')}</span>
                  </td>
                  <td className="num mono">{change}</td>
                  <td className="mono">{q.test ? `${q.test.name === 'ks' ? 'KS' : 'z'} ${q.test.statistic.toFixed(2)}, ${formatP(q.test.pValue)}` : '—'}</td>
                  <td>
                    {q.crossed ? (
                      <VerdictPill text="Crossed" tone="bad" />
                    ) : q.baseline === null || q.current === null ? (
                      <VerdictPill text="No data" tone="none" />
                    ) : (
                      <VerdictPill text="Within" tone="ok" />
                    )}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </section>
    </>
  );
}
