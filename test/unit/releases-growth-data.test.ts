/**
 * The Releases screen's growth chart data (renderer/src/components/releases/growth-data.ts): ISO week labels,
 * empty weeks filled in, and keys past the palette summed into "Other".
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { chartRows } from '../../renderer/src/components/charts/chart-data.js';
import { fillWeeks, growthChartData, isoWeekOf, OTHER, sliceFieldsOf } from '../../renderer/src/components/releases/growth-data.js';

const week = (start: string, byCategory: Record<string, number>, intent: Record<string, number> = {}) => ({
  week: isoWeekOf(start),
  start,
  total: Object.values(byCategory).reduce((a, b) => a + b, 0),
  byCategory,
  bySlice: { intent },
});

test('ISO weeks: the week of a Monday, across year boundaries', () => {
  assert.equal(isoWeekOf('2026-11-16'), '2026-W47');
  assert.equal(isoWeekOf('2024-12-30'), '2025-W01', 'the Monday before 1 January 2025 starts week 1 of 2025');
  assert.equal(isoWeekOf('2021-01-04'), '2021-W01');
  assert.equal(isoWeekOf('2020-12-28'), '2020-W53');
  assert.equal(isoWeekOf('2026-01-05'), '2026-W02');
});

test('missing weeks between the first and the last become empty weeks, in order', () => {
  const filled = fillWeeks([week('2026-11-16', { edge_case: 2 }), week('2026-10-26', { happy_path: 1 })]);
  assert.deepEqual(
    filled.map((w) => [w.start, w.week, w.total]),
    [
      ['2026-10-26', '2026-W44', 1],
      ['2026-11-02', '2026-W45', 0],
      ['2026-11-09', '2026-W46', 0],
      ['2026-11-16', '2026-W47', 2],
    ],
  );
  assert.deepEqual(fillWeeks([]), []);
});

test('one series per key, largest first; zeros where a week has none', () => {
  const data = growthChartData([week('2026-11-09', { edge_case: 1, happy_path: 3 }), week('2026-11-16', { edge_case: 2 })], (w) => w.byCategory, (k) => k.replace('_', ' '));
  assert.deepEqual(data.categories, ['2026-W46', '2026-W47']);
  assert.deepEqual(
    data.series.map((s) => [s.name, [...s.values]]),
    [
      ['edge case', [1, 2]],
      ['happy path', [3, 0]],
    ],
  );
  assert.deepEqual(chartRows(data)[0], ['ISO week', 'edge case', 'happy path']);
});

test('past the palette the smallest keys are summed into Other, so no count is lost', () => {
  const intents = Object.fromEntries(Array.from({ length: 10 }, (_, i) => [`intent-${i}`, i + 1]));
  const data = growthChartData([week('2026-11-16', {}, intents)], (w) => w.bySlice.intent ?? {}, (k) => k, 8);
  assert.equal(data.series.length, 8);
  assert.equal(data.series.at(-1)!.name, OTHER);
  assert.deepEqual(data.series.at(-1)!.values, [1 + 2 + 3]);
  assert.equal(
    data.series.reduce((n, s) => n + (s.values[0] ?? 0), 0),
    55,
  );
  assert.deepEqual(sliceFieldsOf([week('2026-11-16', {}, intents)]), ['intent']);
});
