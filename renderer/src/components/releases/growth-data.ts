/**
 * Growth per ISO week as chart data. Main returns only the weeks that have cases; a chart over time must show
 * the empty weeks between them as zero, or a quiet month would vanish from the axis. Categories and slice values
 * beyond what the palette can tell apart are summed into "Other".
 */
import type { GrowthWeek } from '../../../../preload/contract/releases.js';
import { seriesData, type ChartData } from '../charts/chart-data.js';

const DAY_MS = 86_400_000;

/** The ISO week ("2026-W07") of the week starting on this Monday (YYYY-MM-DD). */
export function isoWeekOf(monday: string): string {
  const date = new Date(`${monday}T00:00:00Z`);
  const thursday = new Date(date.getTime() + 3 * DAY_MS);
  const year = thursday.getUTCFullYear();
  const jan4 = new Date(Date.UTC(year, 0, 4));
  const week1Monday = jan4.getTime() - ((jan4.getUTCDay() + 6) % 7) * DAY_MS;
  const week = Math.round((date.getTime() - week1Monday) / (7 * DAY_MS)) + 1;
  return `${year}-W${String(week).padStart(2, '0')}`;
}

/** Every week from the first to the last given, in order, the missing ones empty. */
export function fillWeeks(weeks: readonly GrowthWeek[]): GrowthWeek[] {
  const sorted = [...weeks].sort((a, b) => a.start.localeCompare(b.start));
  if (sorted.length === 0) return [];
  const byStart = new Map(sorted.map((w) => [w.start, w]));
  const filled: GrowthWeek[] = [];
  const end = new Date(`${sorted.at(-1)!.start}T00:00:00Z`).getTime();
  for (let t = new Date(`${sorted[0]!.start}T00:00:00Z`).getTime(); t <= end; t += 7 * DAY_MS) {
    const start = new Date(t).toISOString().slice(0, 10);
    filled.push(byStart.get(start) ?? { week: isoWeekOf(start), start, total: 0, byCategory: {}, bySlice: {} });
  }
  return filled;
}

export const OTHER = 'Other';

/**
 * One stacked series per key (a category, or a value of one slice field), largest overall first; past
 * `maxSeries` the smallest are summed into "Other" so every colour in the legend means one thing.
 */
export function growthChartData(weeks: readonly GrowthWeek[], pick: (week: GrowthWeek) => Record<string, number>, label: (key: string) => string, maxSeries = 8): ChartData {
  const filled = fillWeeks(weeks);
  const totals = new Map<string, number>();
  for (const week of filled) for (const [key, n] of Object.entries(pick(week))) totals.set(key, (totals.get(key) ?? 0) + n);
  const keys = [...totals.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).map(([key]) => key);
  const kept = keys.length > maxSeries ? keys.slice(0, maxSeries - 1) : keys;
  const rest = keys.slice(kept.length);
  const series = kept.map((key) => ({ name: label(key), values: filled.map((w) => pick(w)[key] ?? 0) }));
  if (rest.length > 0) series.push({ name: OTHER, values: filled.map((w) => rest.reduce((sum, key) => sum + (pick(w)[key] ?? 0), 0)) });
  return seriesData(
    'ISO week',
    filled.map((w) => w.week),
    series,
  );
}

/** The slice fields any week has counts for, in a stable order. */
export function sliceFieldsOf(weeks: readonly GrowthWeek[]): string[] {
  return [...new Set(weeks.flatMap((w) => Object.keys(w.bySlice)))].sort();
}
