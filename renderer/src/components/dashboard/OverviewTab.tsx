import { useMemo, useState } from 'react';
import type { Input } from '../../../../preload/api';
import { BarChart, LineChart } from '../charts';
import { formatValue } from '../charts/chart-options';
import { costData, latencyData, mainSeries, signalRateData, SIGNAL_COLORS, SIGNAL_LABELS, SLICE_LABELS, sliceRateData, totals, volumeData, type Signal } from './dashboard-data';
import { windowLabel, type MonitorWindow, type Range } from './dashboard-time';
import { useCall } from './use-call';

type Slice = Input<'monitor:overview'>['slice'];
type GroupBy = Input<'monitor:overview'>['groupBy'];

interface Props {
  range: Range;
  window: MonitorWindow;
  slice: Slice;
  groupBy: GroupBy;
  casesVersion: number;
  onAudited: () => void;
}

const PER: Record<MonitorWindow, string> = { hour: 'per hour', day: 'per day', week: 'per week' };

/** Headline figures, signal rates over time, volume, latency and cost; and one signal per slice value when grouped. */
export function OverviewTab({ range, window, slice, groupBy, casesVersion, onAudited }: Props) {
  const input = useMemo(() => ({ from: range.from, to: range.to, window, slice, groupBy }), [range, window, slice, groupBy]);
  const overview = useCall('monitor:overview', input, casesVersion, onAudited);
  const [signal, setSignal] = useState<Signal>('thumbs_down');
  const data = overview.data;
  const series = data ? mainSeries(data) : null;
  const signals = useMemo(() => data?.signals ?? [], [data]);
  const charts = useMemo(() => {
    if (!data || !series) return null;
    return {
      rates: signalRateData(series, data.window, signals),
      colors: signals.map((s) => SIGNAL_COLORS[s]),
      volume: volumeData(series, data.window),
      latency: latencyData(series, data.window),
      cost: costData(series, data.window),
      sums: totals(series, signals),
    };
  }, [data, series, signals]);
  const bySlice = useMemo(() => (data && groupBy ? sliceRateData(data, data.window, signal) : null), [data, groupBy, signal]);

  if (overview.error) {
    return (
      <p className="db-message db-message--error" role="alert" data-testid="db-overview-error">
        {overview.error}
      </p>
    );
  }
  if (!data || !charts || !series) return <div className="db-loading" aria-busy="true" data-testid="db-overview-loading" />;

  const per = PER[data.window];
  const scope = slice ? ` · ${SLICE_LABELS[slice.field]} = ${slice.value ?? '(none)'}` : '';
  const { sums } = charts;
  return (
    <div className="db-stack" aria-busy={overview.loading} data-testid="db-overview">
      <dl className="db-kpis" data-testid="db-kpis">
        <div className="db-kpi">
          <dt>Interactions</dt>
          <dd data-testid="db-kpi-cases">{sums.cases.toLocaleString('en-US')}</dd>
        </div>
        {signals.map((s) => (
          <div className="db-kpi" key={s}>
            <dt>
              <span className="db-swatch" style={{ background: `var(--chart-${SIGNAL_COLORS[s] + 1})` }} aria-hidden="true" />
              {SIGNAL_LABELS[s]}
            </dt>
            <dd data-testid={`db-kpi-${s}`}>{formatValue(sums.rates[s], 'percent')}</dd>
          </div>
        ))}
        <div className="db-kpi">
          <dt>Latency p95</dt>
          <dd>{sums.latestP95 ? formatValue(sums.latestP95.ms, 'ms') : '—'}</dd>
          {sums.latestP95 && <span className="db-kpi-note">{windowLabel(sums.latestP95.start, data.window)}</span>}
        </div>
        <div className="db-kpi">
          <dt>Cost</dt>
          <dd>{formatValue(sums.costTotal, 'usd')}</dd>
          <span className="db-kpi-note">total in range</span>
        </div>
      </dl>

      <LineChart
        title="Signal rates"
        subtitle={`Share of interactions with each signal, ${per} (UTC)${scope}`}
        data={charts.rates}
        colors={charts.colors}
        format="percent"
        height={230}
        testId="db-chart-signals"
      />

      <div className="db-grid db-grid--3">
        <BarChart title="Interactions" subtitle={`Count ${per}${scope}`} data={charts.volume} colors={[7]} testId="db-chart-volume" height={170} />
        <LineChart title="Latency" subtitle={`p50 and p95 ${per}, over interactions that report it`} data={charts.latency} format="ms" testId="db-chart-latency" height={170} />
        <LineChart title="Cost per interaction" subtitle={`p50 and p95 ${per}, US dollars`} data={charts.cost} format="usd" testId="db-chart-cost" height={170} />
      </div>

      {groupBy && (
        <section className="db-section" aria-labelledby="db-by-slice-title">
          <div className="db-section-head">
            <h2 className="db-section-title" id="db-by-slice-title">
              By {SLICE_LABELS[groupBy].toLowerCase()}
            </h2>
            <label className="db-inline">
              <span>Signal</span>
              <select value={signal} onChange={(e) => setSignal(e.target.value as Signal)} data-testid="db-by-slice-signal">
                {signals.map((s) => (
                  <option key={s} value={s}>
                    {SIGNAL_LABELS[s]}
                  </option>
                ))}
              </select>
            </label>
          </div>
          {bySlice ? (
            <LineChart
              title={`${SIGNAL_LABELS[signal]} rate by ${SLICE_LABELS[groupBy].toLowerCase()}`}
              subtitle={`Share of each slice's interactions, ${per}${data.otherGroups.values > 0 ? ` · ${data.otherGroups.values} smaller values (${data.otherGroups.cases.toLocaleString('en-US')} interactions) not shown` : ''}`}
              data={bySlice}
              format="percent"
              height={260}
              testId="db-chart-by-slice"
            />
          ) : (
            <p className="db-note">No {SLICE_LABELS[groupBy].toLowerCase()} values in this range.</p>
          )}
        </section>
      )}
    </div>
  );
}
