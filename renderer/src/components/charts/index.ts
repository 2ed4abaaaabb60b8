/**
 * The shared chart component: <Chart> (and the LineChart / BarChart / StackedBarChart / HistogramChart presets)
 * over echarts, with PNG and CSV downloads; build data with seriesData / histogramData.
 */
export { BarChart, Chart, HistogramChart, LineChart, StackedBarChart, type ChartProps } from './Chart';
export { binLabel, checkChartData, histogramData, seriesData, shares, type ChartData, type ChartKind, type ChartSeries, type KeyColumn, type ValueFormat } from './chart-data';
export { chartCsv } from './chart-csv';
export { formatAxis, formatValue, type MarkLine } from './chart-options';
