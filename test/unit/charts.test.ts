/**
 * The shared chart component's pure parts: the data helpers, the CSV serializer (quoting, formula cells, gaps),
 * value formats, the screen-reader summary, the echarts option per kind, and download names.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parse } from 'csv-parse/sync';
import { chartCsv, csvDataUrl } from '../../renderer/src/components/charts/chart-csv.js';
import { binLabel, histogramData, seriesData, shares } from '../../renderer/src/components/charts/chart-data.js';
import { chartOption, chartSummary, formatAxis, formatValue, hasValues, labelFit } from '../../renderer/src/components/charts/chart-options.js';
import { DEFAULT_THEME } from '../../renderer/src/components/charts/chart-theme.js';
import { downloadName } from '../../renderer/src/components/charts/download-name.js';

test('the CSV quotes commas, quotes and line breaks, leaves gaps empty and neutralises formula cells', () => {
  const data = seriesData('Slice', ['north, east', 'say "hi"', 'two\nlines', '=HYPERLINK("x")', '@cmd'], [
    { name: 'Share', values: [0.25, null, 1, -0.5, 3] },
    { name: 'Count, total', values: [1, 2, 3, 4, Number.NaN] },
  ]);
  const csv = chartCsv(data);
  assert.equal(csv.split('\r\n')[0], 'Slice,Share,"Count, total"');
  const rows = parse(csv) as string[][];
  assert.deepEqual(rows, [
    ['Slice', 'Share', 'Count, total'],
    ['north, east', '0.25', '1'],
    ['say "hi"', '', '2'],
    ['two\nlines', '1', '3'],
    [`'=HYPERLINK("x")`, '-0.5', '4'],
    ["'@cmd", '3', ''],
  ]);
});

test('a series that does not fit its categories is refused with its name', () => {
  assert.throws(() => seriesData('Window', ['a', 'b'], [{ name: 'Thumbs-down', values: [1] }]), /"Thumbs-down" has 1 values for 2 categories/);
});

test('histograms label open-ended bins, lead the CSV with the bounds and can show shares', () => {
  assert.equal(binLabel(null, 10), '< 10');
  assert.equal(binLabel(10, 20.5), '10–20.5');
  assert.equal(binLabel(90, null), '≥ 90');
  const data = histogramData('Characters', [10, 20], [
    { name: 'Originals', values: [1, 1, 2] },
    { name: 'Tasks', values: [0, 0, 0] },
  ], { normalize: true });
  assert.deepEqual(data.categories, ['< 10', '10–20', '≥ 20']);
  assert.deepEqual(data.series[0]!.values, [0.25, 0.25, 0.5]);
  assert.deepEqual(data.series[1]!.values, [0, 0, 0]);
  assert.deepEqual(parse(chartCsv(data)), [
    ['Characters from', 'Characters to', 'Originals', 'Tasks'],
    ['', '10', '0.25', '0'],
    ['10', '20', '0.25', '0'],
    ['20', '', '0.5', '0'],
  ]);
  assert.throws(() => histogramData('Characters', [10, 10], []), /edge 1 \(10\) follows 10/);
  assert.deepEqual(shares([2, null, 6]), [0.25, null, 0.75]);
});

test('the CSV data URL decodes to the text with a byte-order mark', () => {
  const url = csvDataUrl('a,b\r\n1,"x y"\r\n');
  assert.ok(url.startsWith('data:text/csv;charset=utf-8,'));
  assert.equal(decodeURIComponent(url.slice(url.indexOf(',') + 1)), '\uFEFFa,b\r\n1,"x y"\r\n');
});

test('values read as percent, latency and cost; gaps read "no data"', () => {
  assert.equal(formatValue(0.1234, 'percent'), '12.34%');
  assert.equal(formatValue(850, 'ms'), '850 ms');
  assert.equal(formatValue(2400, 'ms'), '2.4 s');
  assert.equal(formatValue(0.0042, 'usd'), '$0.0042');
  assert.equal(formatValue(null, 'percent'), 'no data');
  assert.equal(formatAxis(0.05, 'percent'), '5%');
  assert.equal(formatAxis(1500, 'ms'), '1.5 s');
  assert.equal(formatAxis(25_000), '25k');
});

test('the summary names the kind, the range and each series; empty data is not drawable', () => {
  const data = seriesData('Day (UTC)', ['1 Mar', '2 Mar', '3 Mar'], [
    { name: 'Thumbs-down', values: [0.02, 0.1, null] },
    { name: 'Escalation', values: [null, null, null] },
  ]);
  assert.equal(
    chartSummary({ kind: 'line', data, format: 'percent' }),
    'Line chart of 2 series over 3 day values, 1 Mar to 3 Mar. Thumbs-down: from 2% to 10%, last 10%. Escalation: no data.',
  );
  assert.equal(hasValues(data), true);
  assert.equal(hasValues(seriesData('Day', [], [])), false);
  assert.equal(hasValues(seriesData('Day', ['x'], [{ name: 'a', values: [null] }])), false);
});

test('each kind becomes the matching echarts series, in the app palette', () => {
  const data = seriesData('Week', ['w1', 'w2'], [
    { name: 'A', values: [1, 2] },
    { name: 'B', values: [3, null] },
  ]);
  type Option = { series: { type: string; stack?: string; data: unknown[]; markLine?: { data: { yAxis: number }[] } }[]; color: string[]; legend: { show: boolean }; animation: boolean };
  const line = chartOption({ kind: 'line', data, markLines: [{ value: 0.25, label: 'Major' }] }, DEFAULT_THEME) as unknown as Option;
  assert.deepEqual(line.series.map((s) => s.type), ['line', 'line']);
  assert.deepEqual(line.series[1]!.data, [3, null]);
  assert.deepEqual(line.series[0]!.markLine!.data, [{ yAxis: 0.25, name: 'Major' }]);
  assert.equal(line.legend.show, true);
  assert.equal(line.animation, false);
  assert.deepEqual(line.color, DEFAULT_THEME.palette.slice(0, 2));
  const stacked = chartOption({ kind: 'stacked-bar', data, colors: [4, 9] }, DEFAULT_THEME) as unknown as Option;
  assert.deepEqual(stacked.series.map((s) => [s.type, s.stack]), [['bar', 'total'], ['bar', 'total']]);
  assert.deepEqual(stacked.color, [DEFAULT_THEME.palette[4], DEFAULT_THEME.palette[1]]);
  const bars = chartOption({ kind: 'bar', data: seriesData('Slice', ['x'], [{ name: 'Only', values: [1] }]) }, DEFAULT_THEME) as unknown as Option;
  assert.deepEqual([bars.series[0]!.type, bars.series[0]!.stack, bars.legend.show], ['bar', undefined, false]);
});

test('download names are slugs of the title with the date', () => {
  const day = new Date('2026-03-05T10:00:00Z');
  assert.equal(downloadName('Signal rates — thumbs-down / día', 'png', day), 'quarry-signal-rates-thumbs-down-dia-2026-03-05.png');
  assert.equal(downloadName('***', 'csv', day), 'quarry-chart-2026-03-05.csv');
});

test('small dollar ticks keep their digits and zero reads plainly', () => {
  assert.deepEqual([0, 0.003, 0.012, 0.015, 2.5].map((v) => formatAxis(v, 'usd')), ['$0', '$0.003', '$0.012', '$0.015', '$2.5']);
  assert.equal(formatAxis(0, 'ms'), '0');
});

test('bar labels stay level when they fit, turn when they do not, and thin out when there are too many', () => {
  const five = ['billing', 'refill', 'results', 'scheduling', 'prior_authorization'];
  assert.equal(labelFit(five, 1200), 'level');
  assert.equal(labelFit(five, 500), 'turned');
  assert.equal(labelFit(Array.from({ length: 20 }, (_, i) => `value ${i}`), 200), 'thinned');
  assert.equal(labelFit(Array.from({ length: 30 }, (_, i) => `${i}`), 2000), 'thinned');
});
