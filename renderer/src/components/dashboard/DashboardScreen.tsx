import { useCallback, useMemo, useState, type KeyboardEvent } from 'react';
import type { Input } from '../../../../preload/api';
import { CoverageTab } from './CoverageTab';
import { DriftTab, type Comparison } from './DriftTab';
import { OverviewTab } from './OverviewTab';
import { RepresentativenessTab } from './RepresentativenessTab';
import { ThresholdsTab } from './ThresholdsTab';
import { Toolbar, type SliceChoice } from './Toolbar';
import { compareDays, dayRangeProblem, describeDays, presetDays, suggestedWindow, toRange, windowCount, MAX_WINDOWS, type DayRange, type MonitorWindow, type RangePreset } from './dashboard-time';
import { useCall } from './use-call';
import type { QueueFilter } from '../../queue-opening';
import '../../styles/dashboard.css';

interface Props {
  casesVersion: number;
  onAudited: () => void;
  onCasesChanged: () => void;
  openIngest: () => void;
  /** Opens the review queue on a filter; absent for a role without the Review tab. */
  openQueue?: (filter: QueueFilter) => void;
}

type Tab = 'overview' | 'drift' | 'coverage' | 'represent' | 'thresholds';

const TABS: readonly { id: Tab; label: string }[] = [
  { id: 'overview', label: 'Overview' },
  { id: 'drift', label: 'Drift & alerts' },
  { id: 'coverage', label: 'Eval-set coverage' },
  { id: 'represent', label: 'Representativeness' },
  { id: 'thresholds', label: 'Thresholds' },
];

/** The sections computed over the range, window and slice (the others measure their own populations). */
const RANGED: ReadonlySet<Tab> = new Set<Tab>(['overview', 'drift', 'coverage']);

/** Asks only for the workspace's extent: a one-hour range long before any traffic costs nothing to compute. */
const EXTENT_PROBE = { from: '1970-01-01T00:00:00.000Z', to: '1970-01-01T01:00:00.000Z', window: 'hour' } as const;

interface View {
  preset: RangePreset | 'custom';
  days: DayRange;
  window: MonitorWindow;
  comparison: Comparison;
}

function viewFor(preset: RangePreset, extent: { first: string; last: string }): View {
  const days = presetDays(preset, extent);
  return { preset, days, window: suggestedWindow(days), comparison: { preset: 'prev-7', ...compareDays('prev-7', days) } };
}

/**
 * The production dashboard: over a range of days, a window size and a slice, the signal rates, latency and
 * cost; drift of a current window against a baseline window with the alerts it raises (each one a mining run
 * away); the golden set's coverage of production; the representativeness of a mining run or release; and the
 * alert thresholds. Every figure comes from the monitor in main; no case text reaches this screen.
 */
export function DashboardScreen({ casesVersion, onAudited, onCasesChanged, openIngest, openQueue }: Props) {
  const probe = useCall('monitor:overview', EXTENT_PROBE, casesVersion, onAudited);
  const extent = probe.data?.extent ?? null;
  const first = extent?.first ?? null;
  const last = extent?.last ?? null;
  const bounds = useMemo<DayRange | null>(() => (first && last ? presetDays('all', { first, last }) : null), [first, last]);
  const [chosen, setChosen] = useState<View | null>(null);
  const [slice, setSlice] = useState<SliceChoice>({ field: null, value: null });
  const [tab, setTab] = useState<Tab>('overview');

  const view = chosen ?? (first && last ? viewFor('all', { first, last }) : null);
  const problem = view ? dayRangeProblem(view.days) : null;
  const range = useMemo(() => (view && !problem ? toRange(view.days) : null), [view, problem]);

  const coverage = useCall('monitor:coverage', range ? { from: range.from, to: range.to } : null, casesVersion, onAudited);

  const choosePreset = useCallback(
    (preset: RangePreset) => {
      if (first && last) setChosen(viewFor(preset, { first, last }));
    },
    [first, last],
  );

  function setDays(days: DayRange) {
    if (!view) return;
    const usable = !dayRangeProblem(days);
    const window = usable && windowCount(days, view.window) > MAX_WINDOWS ? suggestedWindow(days) : view.window;
    const comparison = usable && view.comparison.preset !== 'custom' ? { preset: view.comparison.preset, ...compareDays(view.comparison.preset, days) } : view.comparison;
    setChosen({ ...view, preset: 'custom', days, window, comparison });
  }

  /** Arrow keys, Home and End move between the section tabs (the tab pattern: one tab stop for the list). */
  function moveTab(event: KeyboardEvent<HTMLDivElement>) {
    const index = TABS.findIndex((t) => t.id === tab);
    const next =
      event.key === 'ArrowRight' ? (index + 1) % TABS.length
      : event.key === 'ArrowLeft' ? (index - 1 + TABS.length) % TABS.length
      : event.key === 'Home' ? 0
      : event.key === 'End' ? TABS.length - 1
      : null;
    if (next === null) return;
    event.preventDefault();
    setTab(TABS[next]!.id);
    event.currentTarget.querySelectorAll<HTMLButtonElement>('[role="tab"]')[next]?.focus();
  }

  function showSlice(next: SliceChoice) {
    setSlice(next);
    setTab('overview');
  }

  if (probe.error && !probe.data) {
    return (
      <main className="db" data-testid="dashboard-screen">
        <p className="db-message db-message--error" role="alert" data-testid="db-error">
          {probe.error}
        </p>
      </main>
    );
  }
  if (!probe.data) return <main className="db" data-testid="dashboard-screen" aria-busy="true" />;
  if (!view || !bounds) {
    return (
      <main className="db" data-testid="dashboard-screen">
        <Header />
        <div className="db-empty" data-testid="db-empty">
          <h2>No production traffic yet</h2>
          <p>Ingest a log of production interactions; the dashboard charts them by the time each one happened.</p>
          <button type="button" className="btn btn--primary" onClick={openIngest} data-testid="db-ingest">
            Ingest log…
          </button>
        </div>
      </main>
    );
  }

  const sliceFilter: Input<'monitor:overview'>['slice'] =
    slice.field && slice.value !== null ? { field: slice.field, value: slice.value === '(none)' ? null : slice.value } : undefined;
  const groupBy = slice.field && slice.value === null ? slice.field : undefined;

  return (
    <main className="db" data-testid="dashboard-screen">
      <Header cases={extent?.cases} days={view.days} />
      <div className="db-tabs" role="tablist" aria-label="Dashboard sections" onKeyDown={moveTab}>
        {TABS.map((t) => (
          <button
            key={t.id}
            type="button"
            role="tab"
            id={`db-tab-${t.id}`}
            aria-selected={tab === t.id}
            tabIndex={tab === t.id ? 0 : -1}
            aria-controls="db-panel"
            className="db-tab"
            onClick={() => setTab(t.id)}
            data-testid={`db-tab-${t.id}`}
          >
            {t.label}
          </button>
        ))}
      </div>
      {RANGED.has(tab) && (
        <Toolbar
          preset={view.preset}
          days={view.days}
          bounds={bounds}
          window={view.window}
          slice={slice}
          coverage={coverage.data}
          onPreset={choosePreset}
          onDays={setDays}
          onWindow={(window) => setChosen({ ...view, window })}
          onSlice={setSlice}
        />
      )}
      <section className="db-panel" id="db-panel" role="tabpanel" aria-labelledby={`db-tab-${tab}`}>
        {RANGED.has(tab) && !range && (
          <p className="db-message db-message--error" role="alert" data-testid="db-range-error">
            {problem}
          </p>
        )}
        {tab === 'overview' && range && <OverviewTab range={range} window={view.window} slice={sliceFilter} groupBy={groupBy} casesVersion={casesVersion} onAudited={onAudited} />}
        {tab === 'drift' && range && (
          <DriftTab
            days={view.days}
            comparison={view.comparison}
            onComparison={(comparison) => setChosen({ ...view, comparison })}
            slice={sliceFilter}
            sliceField={slice.field}
            casesVersion={casesVersion}
            onAudited={onAudited}
            onShowSlice={showSlice}
            openQueue={openQueue}
            onMined={() => {
              onCasesChanged();
              onAudited();
            }}
          />
        )}
        {tab === 'coverage' && range && <CoverageTab coverage={coverage.data} error={coverage.error} loading={coverage.loading} />}
        {tab === 'represent' && <RepresentativenessTab casesVersion={casesVersion} onAudited={onAudited} />}
        {tab === 'thresholds' && <ThresholdsTab onAudited={onAudited} />}
      </section>
    </main>
  );
}

function Header({ cases, days }: { cases?: number; days?: DayRange }) {
  return (
    <header className="db-head">
      <div>
        <h1 className="db-title">Production dashboard</h1>
        <p className="db-lede">
          Production traffic by when it happened, drift against a baseline and the golden set’s coverage. Figures only: no conversation
          text reaches this screen.
        </p>
      </div>
      {cases !== undefined && days && (
        <p className="db-extent" data-testid="db-extent">
          <strong>{cases.toLocaleString('en-US')}</strong> interactions in the workspace
          <br />
          showing {describeDays(days)}
        </p>
      )}
    </header>
  );
}
