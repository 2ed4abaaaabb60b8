import { useEffect, useId, useMemo, useRef, useState } from 'react';
import { csvDataUrl, chartCsv } from './chart-csv';
import { hasValues, chartOption, chartSummary, type ChartSpec, type MarkLine } from './chart-options';
import type { ChartData, ChartKind, ValueFormat } from './chart-data';
import type { ChartTheme } from './chart-theme';
import { readTheme } from './read-theme';
import { saveUrl, titledPng } from './download';
import { downloadName } from './download-name';
import type { EChartsType } from './echarts';
import './charts.css';

export interface ChartProps {
  /** Shown above the chart, announced as its name, and used for the downloaded files' names. */
  title: string;
  /** One line under the title: the unit, the window, the population. */
  subtitle?: string;
  kind: ChartKind;
  /** Keep the object stable between renders (useMemo): a new object redraws the chart. */
  data: ChartData;
  format?: ValueFormat;
  markLines?: readonly MarkLine[];
  colors?: readonly number[];
  /** Canvas height in pixels; the width follows the container. */
  height?: number;
  /** Shown instead of the chart when there is nothing to draw. */
  emptyText?: string;
  /** The figure's data-testid; the canvas, PNG and CSV buttons get `-canvas`, `-png`, `-csv`. */
  testId: string;
}

const PIXEL_RATIO = 2;

/**
 * One chart on a card: title, subtitle, PNG and CSV downloads, and the canvas, which follows its container's
 * width. The canvas is named by the title and described by a text summary of the data for screen readers.
 */
export function Chart({ title, subtitle, kind, data, format, markLines, colors, height = 240, emptyText = 'No data in this range.', testId }: ChartProps) {
  const host = useRef<HTMLDivElement>(null);
  const [theme] = useState<ChartTheme>(readTheme);
  const [error, setError] = useState<string | null>(null);
  const ids = useId();
  // The card's width, in steps of 40px (so a resize redraws labels only when their fit may change).
  const [width, setWidth] = useState<number | undefined>(undefined);
  const spec = useMemo<ChartSpec>(() => ({ kind, data, format, markLines, colors, width }), [kind, data, format, markLines, colors, width]);
  const drawable = hasValues(data);
  const option = useMemo(() => chartOption(spec, theme), [spec, theme]);
  const summary = useMemo(() => chartSummary(spec), [spec]);

  // One echarts instance per mounted canvas; it follows the card's size. echarts is loaded on first use, as its
  // own chunk, so screens without charts do not wait for it.
  const [instance, setInstance] = useState<EChartsType | null>(null);
  useEffect(() => {
    const element = host.current;
    if (!drawable || !element) return;
    let live = true;
    let observer: ResizeObserver | null = null;
    let created: EChartsType | null = null;
    import('./echarts').then(
      ({ echarts }) => {
        if (!live) return;
        created = echarts.init(element, undefined, { renderer: 'canvas' });
        const made = created;
        observer = new ResizeObserver(() => {
          made.resize();
          setWidth(Math.floor(element.clientWidth / 40) * 40);
        });
        observer.observe(element);
        setInstance(made);
      },
      () => live && setError('The chart could not be drawn.'),
    );
    return () => {
      live = false;
      observer?.disconnect();
      created?.dispose();
      setInstance(null);
    };
  }, [drawable]);

  useEffect(() => {
    instance?.setOption(option, { notMerge: true });
  }, [option, instance]);

  async function savePng() {
    if (!instance) return;
    setError(null);
    try {
      const chartUrl = instance.getDataURL({ type: 'png', pixelRatio: PIXEL_RATIO, backgroundColor: theme.surface });
      const url = await titledPng({ title, subtitle, chartUrl, pixelRatio: PIXEL_RATIO, font: theme.font, text: theme.text, text2: theme.text2, background: theme.surface });
      saveUrl(url, downloadName(title, 'png'));
    } catch (e) {
      setError(e instanceof Error ? e.message : 'The picture could not be saved.');
    }
  }

  function saveCsv() {
    setError(null);
    saveUrl(csvDataUrl(chartCsv(data)), downloadName(title, 'csv'));
  }

  const titleId = `${ids}-title`;
  const summaryId = `${ids}-summary`;
  return (
    <figure className="chart" data-testid={testId} data-kind={kind} data-points={data.categories.length}>
      <header className="chart-head">
        <div className="chart-heading">
          <h3 id={titleId} className="chart-title">
            {title}
          </h3>
          {subtitle && <p className="chart-subtitle">{subtitle}</p>}
        </div>
        <div className="chart-actions" role="group" aria-label={`Download ${title}`}>
          <button type="button" className="btn btn--small btn--ghost" disabled={!drawable} onClick={() => void savePng()} aria-label={`Download ${title} as PNG`} data-testid={`${testId}-png`}>
            PNG
          </button>
          <button type="button" className="btn btn--small btn--ghost" disabled={data.categories.length === 0} onClick={saveCsv} aria-label={`Download the data of ${title} as CSV`} data-testid={`${testId}-csv`}>
            CSV
          </button>
        </div>
      </header>
      {drawable ? (
        <div ref={host} className="chart-canvas" style={{ height }} role="img" aria-busy={instance === null} aria-labelledby={titleId} aria-describedby={summaryId} data-testid={`${testId}-canvas`} />
      ) : (
        <p className="chart-empty" style={{ height }} data-testid={`${testId}-empty`}>
          {emptyText}
        </p>
      )}
      <p id={summaryId} className="visually-hidden">
        {summary}
      </p>
      {error && (
        <p className="chart-error" role="alert">
          {error}
        </p>
      )}
    </figure>
  );
}

type Preset = Omit<ChartProps, 'kind'>;

/** Values over time windows: signal rates, latency percentiles. */
export function LineChart(props: Preset) {
  return <Chart {...props} kind="line" />;
}

/** Values side by side per category: a slice mix, production against the golden set. */
export function BarChart(props: Preset) {
  return <Chart {...props} kind="bar" />;
}

/** Parts of a whole per category: cases per week by category. */
export function StackedBarChart(props: Preset) {
  return <Chart {...props} kind="stacked-bar" />;
}

/** Counts or shares per bin (build the data with histogramData). */
export function HistogramChart(props: Preset) {
  return <Chart {...props} kind="histogram" />;
}
