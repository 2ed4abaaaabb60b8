/**
 * Time on the dashboard: ranges are whole UTC days picked as dates ([first day 00:00, day after the last 00:00)),
 * windows are the monitor's hour / day / week buckets (UTC; weeks start on Monday), and the drift comparison is
 * two windows inside the range. Pure functions over ISO strings, so they are tested without a browser.
 */

export type MonitorWindow = 'hour' | 'day' | 'week';

/** A half-open range [from, to) as ISO timestamps, as the monitor channels take it. */
export interface Range {
  from: string;
  to: string;
}

/** A range as the date inputs show it: first and last day, inclusive, `YYYY-MM-DD`. */
export interface DayRange {
  first: string;
  last: string;
}

export const DAY_MS = 86_400_000;
const WINDOW_MS: Record<MonitorWindow, number> = { hour: 3_600_000, day: DAY_MS, week: 7 * DAY_MS };

/** More windows than this are not offered: hourly points over months would not be readable. */
export const MAX_WINDOWS = 1000;

const DAY_RE = /^\d{4}-\d{2}-\d{2}$/;

/** The UTC day of an ISO timestamp. */
export function dayOf(iso: string): string {
  return new Date(iso).toISOString().slice(0, 10);
}

export function addDays(day: string, days: number): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);
}

/** A real calendar day as `YYYY-MM-DD` (not 2026-02-30, which Date would roll over into March). */
function isDay(day: string): boolean {
  if (!DAY_RE.test(day)) return false;
  const time = Date.parse(`${day}T00:00:00Z`);
  return !Number.isNaN(time) && new Date(time).toISOString().slice(0, 10) === day;
}

/** The message for a day range a user typed, naming the field; null when it is usable. */
export function dayRangeProblem(days: DayRange, label = 'range'): string | null {
  if (!isDay(days.first)) return `The ${label}'s first day is not a date.`;
  if (!isDay(days.last)) return `The ${label}'s last day is not a date.`;
  if (days.last < days.first) return `The ${label} ends (${days.last}) before it starts (${days.first}).`;
  return null;
}

export function toRange(days: DayRange): Range {
  return { from: `${days.first}T00:00:00.000Z`, to: `${addDays(days.last, 1)}T00:00:00.000Z` };
}

export function dayCount(days: DayRange): number {
  return Math.round((Date.parse(`${days.last}T00:00:00Z`) - Date.parse(`${days.first}T00:00:00Z`)) / DAY_MS) + 1;
}

/** How many windows of `window` the range spans (a partial week counts). */
export function windowCount(days: DayRange, window: MonitorWindow): number {
  const span = dayCount(days) * DAY_MS;
  return window === 'week' ? Math.ceil(dayCount(days) / 7) + 1 : Math.ceil(span / WINDOW_MS[window]);
}

export type RangePreset = 'all' | '90d' | '28d' | '7d' | '1d';

export const RANGE_PRESETS: readonly { id: RangePreset; label: string; days: number | null }[] = [
  { id: 'all', label: 'All data', days: null },
  { id: '90d', label: 'Last 90 days', days: 90 },
  { id: '28d', label: 'Last 28 days', days: 28 },
  { id: '7d', label: 'Last 7 days', days: 7 },
  { id: '1d', label: 'Last day', days: 1 },
];

/**
 * A preset's days, ending on the day of the latest interaction (not today: a workspace of last quarter's
 * traffic still opens on its data); never before the first interaction's day.
 */
export function presetDays(preset: RangePreset, extent: { first: string; last: string }): DayRange {
  const first = dayOf(extent.first);
  const last = dayOf(extent.last);
  const days = RANGE_PRESETS.find((p) => p.id === preset)?.days ?? null;
  if (days === null) return { first, last };
  const start = addDays(last, -(days - 1));
  return { first: start < first ? first : start, last };
}

/** The window size that suits a range: hours for a few days, days up to three months, weeks beyond. */
export function suggestedWindow(days: DayRange): MonitorWindow {
  const n = dayCount(days);
  return n <= 3 ? 'hour' : n <= 92 ? 'day' : 'week';
}

const fmt = (options: Intl.DateTimeFormatOptions) => new Intl.DateTimeFormat('en-GB', { timeZone: 'UTC', ...options });
const dayMonth = fmt({ day: 'numeric', month: 'short' });
const hourMinute = fmt({ hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
const dayMonthYear = fmt({ day: 'numeric', month: 'short', year: 'numeric' });

/** A window's label on the x axis (UTC): "3 Mar 14:00", "3 Mar", "w/c 3 Mar". */
export function windowLabel(start: string, window: MonitorWindow): string {
  const date = new Date(start);
  if (Number.isNaN(date.getTime())) return start;
  if (window === 'hour') return `${dayMonth.format(date)} ${hourMinute.format(date)}`;
  if (window === 'day') return dayMonth.format(date);
  return `w/c ${dayMonth.format(date)}`;
}

/** A day range as a reader says it: "3 Mar 2026 – 9 Mar 2026", or one day. */
export function describeDays(days: DayRange): string {
  const a = dayMonthYear.format(new Date(`${days.first}T00:00:00Z`));
  if (days.first === days.last) return a;
  return `${a} – ${dayMonthYear.format(new Date(`${days.last}T00:00:00Z`))}`;
}

/** An ISO range [from, to) as the days it covers. */
export function rangeDays(range: Range): DayRange {
  return { first: dayOf(range.from), last: dayOf(new Date(Date.parse(range.to) - 1).toISOString()) };
}

export type ComparePreset = 'prev-7' | 'first-7' | 'prev-1' | 'prev-28';

export const COMPARE_PRESETS: readonly { id: ComparePreset; label: string }[] = [
  { id: 'prev-7', label: 'Last 7 days vs the 7 before' },
  { id: 'first-7', label: 'Last 7 days vs the first 7 of the range' },
  { id: 'prev-1', label: 'Last day vs the day before' },
  { id: 'prev-28', label: 'Last 28 days vs the 28 before' },
];

/**
 * The drift comparison's two windows inside `days`: the current window ends on the range's last day; the
 * baseline comes right before it, or at the range's start. A range too short for two full periods is halved.
 */
export function compareDays(preset: ComparePreset, days: DayRange): { baseline: DayRange; current: DayRange } {
  const span = preset === 'prev-1' ? 1 : preset === 'prev-28' ? 28 : 7;
  const total = dayCount(days);
  if (total < 2) return { baseline: days, current: days };
  const length = total >= 2 * span ? span : Math.floor(total / 2);
  const current = { first: addDays(days.last, -(length - 1)), last: days.last };
  const baseline =
    preset === 'first-7'
      ? { first: days.first, last: addDays(days.first, length - 1) }
      : { first: addDays(current.first, -length), last: addDays(current.first, -1) };
  return { baseline, current };
}
