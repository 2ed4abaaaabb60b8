import type { DayRange } from './dashboard-time';

interface Props {
  label: string;
  days: DayRange;
  onChange: (days: DayRange) => void;
  /** Prefix of the inputs' data-testids: `-from`, `-to`. */
  testId: string;
  min?: string;
  max?: string;
}

/** Two date inputs, first and last day (inclusive, UTC), under one label. */
export function DayRangeFields({ label, days, onChange, testId, min, max }: Props) {
  return (
    <div className="db-days" role="group" aria-labelledby={`${testId}-label`}>
      <span className="db-label" id={`${testId}-label`}>
        {label}
      </span>
      <div className="db-days-inputs">
        <input type="date" aria-label={`${label}: first day`} value={days.first} min={min} max={max} onChange={(e) => onChange({ ...days, first: e.target.value })} data-testid={`${testId}-from`} />
        <span aria-hidden="true">–</span>
        <input type="date" aria-label={`${label}: last day`} value={days.last} min={min} max={max} onChange={(e) => onChange({ ...days, last: e.target.value })} data-testid={`${testId}-to`} />
      </div>
    </div>
  );
}
