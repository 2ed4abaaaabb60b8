import { DayRangeFields } from './DayRangeFields';
import { SLICE_FIELDS, SLICE_LABELS, type Coverage, type SliceField } from './dashboard-data';
import { MAX_WINDOWS, RANGE_PRESETS, windowCount, type DayRange, type MonitorWindow, type RangePreset } from './dashboard-time';

/** The slice the dashboard looks at: every case, one value of a field, or every value of a field side by side. */
export interface SliceChoice {
  field: SliceField | null;
  /** A value (`(none)` for cases without one), or null for "each value". */
  value: string | null;
}

interface Props {
  preset: RangePreset | 'custom';
  days: DayRange;
  bounds: DayRange;
  window: MonitorWindow;
  slice: SliceChoice;
  coverage: Coverage | null;
  onPreset: (preset: RangePreset) => void;
  onDays: (days: DayRange) => void;
  onWindow: (window: MonitorWindow) => void;
  onSlice: (slice: SliceChoice) => void;
}

const WINDOWS: readonly { id: MonitorWindow; label: string }[] = [
  { id: 'hour', label: 'Hour' },
  { id: 'day', label: 'Day' },
  { id: 'week', label: 'Week' },
];

/** Range, window size and slice: what every section of the dashboard is computed over. */
export function Toolbar({ preset, days, bounds, window, slice, coverage, onPreset, onDays, onWindow, onSlice }: Props) {
  const values = slice.field ? (coverage?.fields.find((f) => f.field === slice.field)?.values ?? []) : [];
  return (
    <div className="db-toolbar" role="group" aria-label="What the dashboard shows">
      <label className="db-control">
        <span className="db-label">Range</span>
        <select value={preset} onChange={(e) => onPreset(e.target.value as RangePreset)} data-testid="db-range-preset">
          {RANGE_PRESETS.map((p) => (
            <option key={p.id} value={p.id}>
              {p.label}
            </option>
          ))}
          {preset === 'custom' && <option value="custom">Custom</option>}
        </select>
      </label>
      <DayRangeFields label="Days (UTC)" days={days} onChange={onDays} min={bounds.first} max={bounds.last} testId="db-range" />
      <div className="db-control">
        <span className="db-label" id="db-window-label">
          Window
        </span>
        <div className="db-seg" role="group" aria-labelledby="db-window-label">
          {WINDOWS.map((w) => {
            const tooMany = windowCount(days, w.id) > MAX_WINDOWS;
            return (
              <button
                key={w.id}
                type="button"
                aria-pressed={window === w.id}
                className="db-seg-option"
                disabled={tooMany}
                title={tooMany ? `Over ${MAX_WINDOWS} ${w.label.toLowerCase()}s in this range: choose a shorter range.` : undefined}
                onClick={() => onWindow(w.id)}
                data-testid={`db-window-${w.id}`}
              >
                {w.label}
              </button>
            );
          })}
        </div>
      </div>
      <label className="db-control">
        <span className="db-label">Slice</span>
        <select
          value={slice.field ?? ''}
          onChange={(e) => onSlice({ field: (e.target.value || null) as SliceField | null, value: null })}
          data-testid="db-slice-field"
        >
          <option value="">All traffic</option>
          {SLICE_FIELDS.map((f) => (
            <option key={f} value={f}>
              {SLICE_LABELS[f]}
            </option>
          ))}
        </select>
      </label>
      {slice.field && (
        <label className="db-control">
          <span className="db-label">{SLICE_LABELS[slice.field]} value</span>
          <select value={slice.value ?? ''} onChange={(e) => onSlice({ field: slice.field, value: e.target.value || null })} data-testid="db-slice-value">
            <option value="">Each value, compared</option>
            {values.map((v) => (
              <option key={v.value} value={v.value}>
                {v.value} ({v.production.toLocaleString('en-US')})
              </option>
            ))}
            {slice.value !== null && !values.some((v) => v.value === slice.value) && <option value={slice.value}>{slice.value}</option>}
          </select>
        </label>
      )}
    </div>
  );
}
