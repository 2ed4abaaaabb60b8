/**
 * Time ranges and windows of the dashboard, in unix seconds UTC (case_metrics.occurred_s). Hours and days are UTC;
 * weeks start on Monday 00:00 UTC (1970-01-01 was a Thursday: three days after a week start).
 */
import { QuarryError } from '../errors.js';

export type MonitorWindow = 'hour' | 'day' | 'week';

export const WINDOW_SECONDS: Record<MonitorWindow, number> = { hour: 3600, day: 86_400, week: 604_800 };
const WEEK_OFFSET = 3 * 86_400;

/** Most windows one series may have (a year of days; a month of hours is 744). */
export const MAX_WINDOWS = 2000;

export interface SecondsRange {
  from: number;
  to: number;
}

/**
 * 9999-01-01T00:00:00Z in seconds, the latest range end accepted: rounded up to a whole second, hour, day or week, an
 * instant near the end of year 9999 would become year 10000, which no ISO date-time answer can carry.
 */
const LAST_SECOND = Date.UTC(9999, 0, 1) / 1000;

/** Parses an ISO [from, to) range; a range that does not end after it starts is an error naming both ends. */

export function secondsRange(range: { from: string; to: string }, what = 'time range'): SecondsRange {
  const from = Date.parse(range.from);
  const to = Date.parse(range.to);
  if (!Number.isFinite(from)) throw new QuarryError('monitor-range-invalid', `The ${what} start is not a date-time: ${JSON.stringify(range.from)}.`);
  if (!Number.isFinite(to)) throw new QuarryError('monitor-range-invalid', `The ${what} end is not a date-time: ${JSON.stringify(range.to)}.`);
  if (to <= from) throw new QuarryError('monitor-range-invalid', `The ${what} must end after it starts (from ${range.from} to ${range.to}).`);
  if (Math.ceil(to / 1000) > LAST_SECOND) throw new QuarryError('monitor-range-invalid', `The ${what} ends after ${isoOfSeconds(LAST_SECOND)}, the latest the dashboard accepts (${range.to}).`);
  // Whole seconds, outward (the windows that cover the range are whole anyway): rounding both ends up would make a
  // range inside one second empty.
  return { from: Math.floor(from / 1000), to: Math.ceil(to / 1000) };
}

export function isoOfSeconds(s: number): string {
  return new Date(s * 1000).toISOString();
}

/** Start of the window holding instant `t`. */
export function windowStart(t: number, window: MonitorWindow): number {
  const size = WINDOW_SECONDS[window];
  const offset = window === 'week' ? WEEK_OFFSET : 0;
  return t - (((t + offset) % size) + size) % size;
}

/** SQL for the start of the window holding `column` (non-negative unix seconds). */
export function windowStartSql(column: string, window: MonitorWindow): string {
  const size = WINDOW_SECONDS[window];
  return window === 'week' ? `(${column} - ((${column} + ${WEEK_OFFSET}) % ${size}))` : `(${column} - (${column} % ${size}))`;
}

/** Window starts covering [from, to): the first holds `from`. Too many is an error suggesting a wider window. */
export function windowStarts(range: SecondsRange, window: MonitorWindow): number[] {
  const size = WINDOW_SECONDS[window];
  const first = windowStart(range.from, window);
  const count = Math.ceil((range.to - first) / size);
  if (count > MAX_WINDOWS) {
    throw new QuarryError(
      'monitor-too-many-windows',
      `That range holds ${count} ${window} windows; the dashboard shows at most ${MAX_WINDOWS}. Choose a wider window or a shorter range.`,
    );
  }
  return Array.from({ length: count }, (_, i) => first + i * size);
}
