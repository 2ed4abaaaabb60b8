/**
 * Turns a chart's data and kind into an echarts option, styled with the app's tokens, plus the matching value
 * formats and a one-paragraph text summary for screen readers. Pure: no echarts runtime, no DOM.
 */
import type { EChartsCoreOption } from 'echarts/core';
import { formatCost, formatLatency } from '../../format.js';
import type { ChartData, ChartKind, ValueFormat } from './chart-data.js';
import type { ChartTheme } from './chart-theme.js';

/** A horizontal reference line: a threshold, a baseline. */
export interface MarkLine {
  value: number;
  label: string;
}

export interface ChartSpec {
  kind: ChartKind;
  data: ChartData;
  format?: ValueFormat;
  markLines?: readonly MarkLine[];
  /** Palette index per series, so one metric keeps one colour across charts; default: series order. */
  colors?: readonly number[];
  /** The canvas width in pixels, when known: bar labels are turned only when they would not fit. */
  width?: number;
}

/** Roughly how wide an 11px axis label is per character, and the y axis' share of the width. */
const CHAR_PX = 6.6;
const AXIS_PX = 64;

/**
 * How a bar chart's category labels fit: all of them level, all of them turned, or (too many to turn) every
 * other one the library can place. Line charts always let the library thin their labels out.
 */
export function labelFit(categories: readonly string[], width: number | undefined): 'level' | 'turned' | 'thinned' {
  if (categories.length > 24) return 'thinned';
  const slot = ((width ?? 600) - AXIS_PX) / Math.max(1, categories.length);
  const widest = Math.max(0, ...categories.map((c) => c.length)) * CHAR_PX;
  if (widest <= slot - 6) return 'level';
  return slot >= 14 ? 'turned' : 'thinned';
}

const number = new Intl.NumberFormat('en-US', { maximumFractionDigits: 2 });
const percentFine = new Intl.NumberFormat('en-US', { style: 'percent', maximumFractionDigits: 2 });
const percentAxis = new Intl.NumberFormat('en-US', { style: 'percent', maximumFractionDigits: 1 });

/** A value as the tooltip and summary read it; a gap reads "no data". */
export function formatValue(value: number | null | undefined, format: ValueFormat = 'number'): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return 'no data';
  switch (format) {
    case 'percent':
      return percentFine.format(value);
    case 'ms':
      return formatLatency(value);
    case 'usd':
      return formatCost(value);
    default:
      return number.format(value);
  }
}

/** The shorter form the value axis uses. */
export function formatAxis(value: number, format: ValueFormat = 'number'): string {
  if (format === 'percent') return percentAxis.format(value);
  if (value === 0) return format === 'usd' ? '$0' : '0';
  if (format === 'ms') return value >= 1000 ? `${number.format(value / 1000)} s` : `${number.format(value)} ms`;
  // Axis steps of small amounts (0.003, 0.012, 0.015) keep their digits, so neighbouring ticks never read alike.
  if (format === 'usd') return value < 1 ? `$${Number(value.toPrecision(3))}` : `$${number.format(value)}`;
  return Math.abs(value) >= 10_000 ? `${number.format(value / 1000)}k` : number.format(value);
}

const KIND_NAME: Record<ChartKind, string> = { line: 'Line chart', bar: 'Bar chart', 'stacked-bar': 'Stacked bar chart', histogram: 'Histogram' };

/** What a screen reader hears for the chart: its kind, extent and each series' range. */
export function chartSummary(spec: ChartSpec): string {
  const { data, format } = spec;
  const first = data.categories[0];
  const last = data.categories[data.categories.length - 1];
  const parts = [`${KIND_NAME[spec.kind]} of ${data.series.length === 1 ? 'one series' : `${data.series.length} series`} over ${data.categories.length} ${data.xLabel.replace(/\s*\(.*\)$/, '').toLowerCase()} values${first !== undefined ? `, ${first} to ${last}` : ''}.`];
  for (const series of data.series) {
    const present = series.values.filter((v): v is number => v !== null && Number.isFinite(v));
    if (present.length === 0) {
      parts.push(`${series.name}: no data.`);
      continue;
    }
    const min = Math.min(...present);
    const max = Math.max(...present);
    const latest = [...series.values].reverse().find((v) => v !== null && Number.isFinite(v));
    parts.push(`${series.name}: from ${formatValue(min, format)} to ${formatValue(max, format)}, last ${formatValue(latest, format)}.`);
  }
  return parts.join(' ');
}

/** Whether there is anything to draw: at least one category and one finite value. */
export function hasValues(data: ChartData): boolean {
  return data.categories.length > 0 && data.series.some((s) => s.values.some((v) => v !== null && Number.isFinite(v)));
}

export function chartOption(spec: ChartSpec, theme: ChartTheme): EChartsCoreOption {
  const { kind, data } = spec;
  const format = spec.format ?? 'number';
  const legend = data.series.length > 1;
  const bars = kind !== 'line';
  const dense = data.categories.length > 40;
  // Bars name a category each: show every label (turned when they would collide) rather than drop some.
  const fit = bars ? labelFit(data.categories, spec.width) : 'thinned';
  // Counts step in whole numbers: no "2.5 cases" on the axis.
  const counts = format === 'number' && data.series.every((s) => s.values.every((v) => v === null || Number.isInteger(v)));
  const color = data.series.map((_, i) => theme.palette[(spec.colors?.[i] ?? i) % theme.palette.length]!);
  const series = data.series.map((s, i) => {
    const base = { name: s.name, data: [...s.values], emphasis: { focus: 'series' } };
    const marks =
      i === 0 && spec.markLines?.length
        ? {
            markLine: {
              silent: true,
              symbol: 'none',
              lineStyle: { color: theme.text3, type: 'dashed', width: 1 },
              label: { position: 'insideEndTop', color: theme.text2, fontSize: 11, formatter: (p: { name?: string }) => p.name ?? '' },
              data: spec.markLines.map((m) => ({ yAxis: m.value, name: m.label })),
            },
          }
        : {};
    if (kind === 'line') {
      return { ...base, ...marks, type: 'line', showSymbol: !dense, symbolSize: 5, lineStyle: { width: 2 }, connectNulls: false };
    }
    return {
      ...base,
      ...marks,
      type: 'bar',
      stack: kind === 'stacked-bar' ? 'total' : undefined,
      barMaxWidth: kind === 'histogram' ? undefined : 28,
      barGap: kind === 'histogram' ? '8%' : '20%',
      barCategoryGap: kind === 'histogram' ? '18%' : '30%',
      itemStyle: { borderRadius: kind === 'stacked-bar' ? 0 : [2, 2, 0, 0] },
    };
  });
  return {
    animation: false,
    color,
    textStyle: { fontFamily: theme.font, color: theme.text2, fontSize: 12 },
    legend: legend
      ? { show: true, top: 0, left: 0, icon: 'roundRect', itemWidth: 12, itemHeight: 8, itemGap: 16, textStyle: { color: theme.text2, fontSize: 12 } }
      : { show: false },
    grid: { left: 4, right: 16, top: legend ? 34 : 10, bottom: 4, outerBoundsMode: 'same', outerBoundsContain: 'axisLabel' },
    tooltip: {
      trigger: 'axis',
      confine: true,
      axisPointer: { type: bars ? 'shadow' : 'line' },
      backgroundColor: theme.surface,
      borderColor: theme.border,
      textStyle: { color: theme.text, fontSize: 12 },
      valueFormatter: (value: unknown) => formatValue(typeof value === 'number' ? value : null, format),
    },
    xAxis: {
      type: 'category',
      data: [...data.categories],
      boundaryGap: bars,
      axisLine: { lineStyle: { color: theme.border } },
      axisTick: { show: false },
      axisLabel:
        fit === 'thinned'
          ? { color: theme.text3, hideOverlap: true, fontSize: 11 }
          : { color: theme.text3, fontSize: 11, interval: 0, rotate: fit === 'turned' ? 35 : 0, hideOverlap: false },
    },
    yAxis: {
      type: 'value',
      minInterval: counts ? 1 : undefined,
      axisLabel: { color: theme.text3, fontSize: 11, formatter: (value: number) => formatAxis(value, format) },
      splitLine: { lineStyle: { color: theme.border, type: 'dashed' } },
    },
    series,
  };
}
