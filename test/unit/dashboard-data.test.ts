/**
 * The dashboard's pure parts: day ranges and presets anchored on the data, window labels, the drift comparison's
 * windows, and the monitor's answers turned into chart data, headline figures and drift table rows.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { driftBinsData, driftRows, signalRateData, sliceRateData, totals, worstMetric, type Drift, type Overview } from '../../renderer/src/components/dashboard/dashboard-data.js';
import { compareDays, dayRangeProblem, presetDays, rangeDays, suggestedWindow, toRange, windowCount, windowLabel } from '../../renderer/src/components/dashboard/dashboard-time.js';

const extent = { first: '2026-01-05T08:30:00Z', last: '2026-03-01T18:00:00Z' };

test('presets end on the day of the latest interaction and never start before the first', () => {
  assert.deepEqual(presetDays('all', extent), { first: '2026-01-05', last: '2026-03-01' });
  assert.deepEqual(presetDays('7d', extent), { first: '2026-02-23', last: '2026-03-01' });
  assert.deepEqual(presetDays('1d', extent), { first: '2026-03-01', last: '2026-03-01' });
  assert.deepEqual(presetDays('90d', extent), { first: '2026-01-05', last: '2026-03-01' });
});

test('a day range is a half-open UTC range and round-trips', () => {
  const range = toRange({ first: '2026-02-23', last: '2026-03-01' });
  assert.deepEqual(range, { from: '2026-02-23T00:00:00.000Z', to: '2026-03-02T00:00:00.000Z' });
  assert.deepEqual(rangeDays(range), { first: '2026-02-23', last: '2026-03-01' });
  assert.equal(dayRangeProblem({ first: '2026-03-02', last: '2026-03-01' }), 'The range ends (2026-03-01) before it starts (2026-03-02).');
  assert.equal(dayRangeProblem({ first: '', last: '2026-03-01' }, 'baseline'), "The baseline's first day is not a date.");
  assert.equal(dayRangeProblem({ first: '2026-02-30', last: '2026-03-01' }), "The range's first day is not a date.");
  assert.equal(dayRangeProblem({ first: '2026-02-28', last: '2026-02-28' }), null);
});

test('window counts and suggestions keep the charts readable', () => {
  const week = { first: '2026-02-23', last: '2026-03-01' };
  assert.equal(windowCount(week, 'hour'), 168);
  assert.equal(windowCount(week, 'day'), 7);
  assert.equal(suggestedWindow({ first: '2026-03-01', last: '2026-03-02' }), 'hour');
  assert.equal(suggestedWindow(week), 'day');
  assert.equal(suggestedWindow({ first: '2025-01-01', last: '2026-03-01' }), 'week');
  assert.equal(windowLabel('2026-03-03T14:00:00Z', 'hour'), '3 Mar 14:00');
  assert.equal(windowLabel('2026-03-03T00:00:00Z', 'day'), '3 Mar');
  assert.equal(windowLabel('2026-03-02T00:00:00Z', 'week'), 'w/c 2 Mar');
});

test('the drift comparison takes the last period against the one before, or the first; short ranges are halved', () => {
  const days = { first: '2026-01-05', last: '2026-03-01' };
  assert.deepEqual(compareDays('prev-7', days), { current: { first: '2026-02-23', last: '2026-03-01' }, baseline: { first: '2026-02-16', last: '2026-02-22' } });
  assert.deepEqual(compareDays('first-7', days), { current: { first: '2026-02-23', last: '2026-03-01' }, baseline: { first: '2026-01-05', last: '2026-01-11' } });
  assert.deepEqual(compareDays('prev-1', days), { current: { first: '2026-03-01', last: '2026-03-01' }, baseline: { first: '2026-02-28', last: '2026-02-28' } });
  assert.deepEqual(compareDays('prev-7', { first: '2026-02-24', last: '2026-03-01' }), {
    current: { first: '2026-02-27', last: '2026-03-01' },
    baseline: { first: '2026-02-24', last: '2026-02-26' },
  });
});

function point(start: string, cases: number, thumbs: number, p95: number | null, cost: number) {
  const none = { count: 0, rate: cases ? 0 : null };
  return {
    start,
    end: start,
    cases,
    signals: { thumbs_down: { count: thumbs, rate: cases ? thumbs / cases : null }, regenerated: none, heavy_edit: none, escalated: none, schema_failure: none },
    latencyMs: { p50: p95 === null ? null : p95 / 2, p95, n: cases },
    costUsd: { p50: null, p95: null, n: cases, total: cost },
  };
}

const overview: Overview = {
  window: 'day',
  range: { from: '2026-03-01T00:00:00.000Z', to: '2026-03-04T00:00:00.000Z' },
  extent: { first: '2026-03-01T00:00:00Z', last: '2026-03-03T10:00:00Z', cases: 150 },
  signals: ['thumbs_down', 'regenerated', 'heavy_edit', 'escalated', 'schema_failure'],
  series: [
    { key: 'all', slice: null, cases: 150, points: [point('2026-03-01T00:00:00Z', 100, 5, 900, 0.5), point('2026-03-02T00:00:00Z', 0, 0, null, 0), point('2026-03-03T00:00:00Z', 50, 10, 1200, 0.25)] },
    { key: 'billing', slice: { field: 'intent', value: 'billing' }, cases: 60, points: [point('2026-03-01T00:00:00Z', 40, 4, 1, 0), point('2026-03-02T00:00:00Z', 0, 0, null, 0), point('2026-03-03T00:00:00Z', 20, 5, 1, 0)] },
  ],
  otherGroups: { values: 0, cases: 0 },
};

test('signal rates chart one line per signal with gaps for empty windows; totals add counts, not rates', () => {
  const data = signalRateData(overview.series[0]!, 'day', overview.signals);
  assert.deepEqual(data.categories, ['1 Mar', '2 Mar', '3 Mar']);
  assert.equal(data.series.length, 5);
  assert.deepEqual(data.series[0], { name: 'Thumbs-down', values: [0.05, null, 0.2] });
  const sums = totals(overview.series[0]!, overview.signals);
  assert.equal(sums.cases, 150);
  assert.equal(sums.rates.thumbs_down, 15 / 150);
  assert.equal(sums.costTotal, 0.75);
  assert.deepEqual(sums.latestP95, { ms: 1200, start: '2026-03-03T00:00:00Z' });
  const bySlice = sliceRateData(overview, 'day', 'thumbs_down');
  assert.deepEqual(bySlice?.series, [{ name: 'billing', values: [0.1, null, 0.25] }]);
});

const drift = {
  current: { from: 'a', to: 'b', cases: 100 },
  baseline: { from: 'a', to: 'b', cases: 100 },
  slice: null,
  thresholds: { psiModerate: 0.1, psiMajor: 0.25, jsDistance: 0.1, ksPValue: 0.05, rateIncrease: 0.05, ratePValue: 0.01, scoreDrop: 0.1, minCases: 30 },
  notes: [],
  quality: [],
  input: [
    { metric: 'language_mix', label: 'Language mix', kind: 'categorical', psi: 0.02, psiBand: 'ok', jsDistance: 0.05, jsBand: 'ok', ks: null, band: 'ok', bins: [] },
    {
      metric: 'input_length',
      label: 'Input length',
      kind: 'numeric',
      psi: 0.4123,
      psiBand: 'major',
      jsDistance: null,
      jsBand: null,
      ks: { statistic: 0.31, pValue: 0.0001 },
      band: 'major',
      bins: [
        { label: '< 10', from: null, to: 10, baseline: 30, current: 10 },
        { label: '≥ 10', from: 10, to: null, baseline: 70, current: 90 },
      ],
    },
    { metric: 'token_count', label: 'Tokens', kind: 'numeric', psi: null, psiBand: null, jsDistance: null, jsBand: null, ks: null, band: null, bins: [] },
  ],
} as Drift;

test('drift rows: PSI and JS with their bands, KS with its verdict, and a row for a metric without data', () => {
  const rows = driftRows(drift);
  assert.deepEqual(
    rows.map((r) => [r.metric, r.statistic, r.value, r.band, r.note, r.first, r.span]),
    [
      ['Language mix', 'PSI', '0.020', 'ok', null, true, 2],
      ['Language mix', 'Jensen-Shannon distance', '0.050', 'ok', null, false, 2],
      ['Input length', 'PSI', '0.412', 'major', null, true, 2],
      ['Input length', 'Kolmogorov-Smirnov D', '0.310 (p < 0.001)', null, 'Differs', false, 2],
      ['Tokens', '—', '—', null, 'Not enough data', true, 1],
    ],
  );
  assert.equal(worstMetric(drift)?.metric, 'input_length');
  assert.deepEqual(driftBinsData(drift.input[1]!).series, [
    { name: 'Baseline', values: [0.3, 0.7] },
    { name: 'Current', values: [0.1, 0.9] },
  ]);
});

test('drift rows: the vocabulary shows its net JS distance, then the plain one beside chance with its verdict; bins as shares of all tokens', () => {
  const vocabulary = {
    metric: 'vocabulary',
    label: 'Vocabulary (token distribution)',
    kind: 'categorical',
    psi: null,
    psiBand: null,
    jsDistance: 0.2468,
    jsBand: 'major',
    ks: null,
    band: 'major',
    bins: [
      { label: 'Token group 12', from: null, to: null, baseline: 10, current: 60 },
      { label: 'Token group 7', from: null, to: null, baseline: 50, current: 20 },
    ],
    vocabulary: { buckets: 4096, baselineCases: 300, currentCases: 300, baselineTokens: 1000, currentTokens: 2000, rawJsDistance: 0.4, noiseJsDistance: 0.3146, noiseZ: 12.34, minNoiseZ: 3 },
  } as Drift['input'][number];
  const rows = driftRows({ ...drift, input: [vocabulary] });
  assert.deepEqual(
    rows.map((r) => [r.statistic, r.value, r.band, r.note, r.first, r.span]),
    [
      ['JS distance, net of chance', '0.247', 'major', null, true, 2],
      ['Plain JS vs chance', '0.400 vs 0.315', null, 'Differs', false, 2],
    ],
  );
  const within = driftRows({ ...drift, input: [{ ...vocabulary, vocabulary: { ...vocabulary.vocabulary!, noiseZ: 1.2 } }] });
  assert.equal(within[1]!.note, 'No difference');
  const data = driftBinsData(vocabulary);
  assert.deepEqual(data.series, [
    { name: 'Baseline', values: [0.01, 0.05] },
    { name: 'Current', values: [0.03, 0.01] },
  ]);
});
