import { useEffect, useMemo, useState } from 'react';
import type { GrowthWeek } from '../../../../preload/contract/releases';
import { plural } from '../../format';
import { call, userMessage } from '../../quarry';
import { StackedBarChart } from '../charts';
import { fillWeeks, growthChartData, sliceFieldsOf } from './growth-data';
import { categoryLabel, formatCount } from './release-format';

interface Props {
  /** The eval set whose imported cases count too; accepted cases count for every set. */
  set: string;
  /** Bumped when cases or releases changed. */
  version: number;
}

const RANGES = [12, 26, 52] as const;
/** Series per chart (the rest sum into "Other"): enough for the categories, and a legend that stays on one line. */
const MAX_SERIES = 6;
const SLICE_LABEL: Record<string, string> = { tier: 'tier', intent: 'intent', language: 'language', model: 'model', product_area: 'product area' };

/**
 * How the golden set grows: accepted cases added per ISO week, stacked by category and by the values of one slice
 * field, over the last 12, 26 or 52 weeks, with the shared chart's PNG and CSV downloads.
 */
export function GrowthView({ set, version }: Props) {
  const [weeks, setWeeks] = useState<number>(26);
  const [data, setData] = useState<GrowthWeek[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [field, setField] = useState<string>('intent');

  useEffect(() => {
    let live = true;
    call('releases:growth', { weeks, set }).then(
      (answer) => live && (setData(answer.weeks), setError(null)),
      (e: unknown) => live && setError(userMessage(e)),
    );
    return () => {
      live = false;
    };
  }, [weeks, set, version]);

  const fields = useMemo(() => sliceFieldsOf(data ?? []), [data]);
  const shownField = fields.includes(field) ? field : (fields[0] ?? field);
  const byCategory = useMemo(() => growthChartData(data ?? [], (w) => w.byCategory, categoryLabel, MAX_SERIES), [data]);
  const bySlice = useMemo(() => growthChartData(data ?? [], (w) => w.bySlice[shownField] ?? {}, (v) => v, MAX_SERIES), [data, shownField]);
  const filled = useMemo(() => fillWeeks(data ?? []), [data]);
  const total = filled.reduce((n, w) => n + w.total, 0);
  const latest = filled.at(-1);
  const busiest = filled.reduce<GrowthWeek | null>((best, w) => (best === null || w.total > best.total ? w : best), null);

  return (
    <section className="rl-growth" aria-label="Growth" data-testid="rl-growth">
      <div className="rl-growth-bar">
        <div className="rl-seg" role="group" aria-label="Range">
          {RANGES.map((n) => (
            <button key={n} type="button" className="rl-seg-btn" aria-pressed={weeks === n} onClick={() => setWeeks(n)} data-testid={`rl-growth-range-${n}`}>
              {n} weeks
            </button>
          ))}
        </div>
        <label className="rl-inline-field">
          <span>Slice</span>
          <select value={shownField} onChange={(e) => setField(e.target.value)} disabled={fields.length === 0} data-testid="rl-growth-field">
            {(fields.length ? fields : [shownField]).map((f) => (
              <option key={f} value={f}>
                {SLICE_LABEL[f] ?? f}
              </option>
            ))}
          </select>
        </label>
        {data && (
          <p className="rl-growth-summary" data-testid="rl-growth-summary">
            <strong>{formatCount(total)}</strong> {total === 1 ? 'case' : 'cases'} added over {plural(filled.length, 'week')}
            {latest && ` · ${formatCount(latest.total)} in ${latest.week}`}
            {busiest && busiest !== latest && busiest.total > 0 && ` · busiest ${busiest.week} (${formatCount(busiest.total)})`}
          </p>
        )}
      </div>
      {error && (
        <p className="rl-message rl-message--error" role="alert" data-testid="rl-growth-error">
          {error}
        </p>
      )}
      {data && (
        <div className="rl-growth-charts">
          <StackedBarChart
            title="Cases added per week, by category"
            subtitle={`Accepted cases by decision week${set ? `, with ${set}’s imports` : ''}`}
            data={byCategory}
            height={260}
            emptyText="No cases were accepted in this range."
            testId="rl-growth-category"
          />
          <StackedBarChart
            title={`Cases added per week, by ${SLICE_LABEL[shownField] ?? shownField}`}
            subtitle="A missing value counts as (none)"
            data={bySlice}
            height={260}
            emptyText="No cases were accepted in this range."
            testId="rl-growth-slice"
          />
        </div>
      )}
    </section>
  );
}
