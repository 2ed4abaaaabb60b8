/**
 * A chart's data as CSV, through csv-stringify's browser build: RFC 4180 quoting, and cells that a spreadsheet
 * would run as a formula (=, +, -, @ at the start of a text cell) are neutralised, since slice values come from
 * production data. Numbers are written unformatted, so the file is ready for analysis.
 */
import { stringify } from 'csv-stringify/browser/esm/sync';
import { chartRows, type ChartData } from './chart-data.js';

export function chartCsv(data: ChartData): string {
  const rows = chartRows(data).map((row) => row.map((cell) => (cell === null ? '' : typeof cell === 'number' && !Number.isFinite(cell) ? '' : cell)));
  return stringify(rows, { escape_formulas: true, record_delimiter: 'windows' });
}

/** A download URL for the CSV text; the byte-order mark makes spreadsheet programs read it as UTF-8. */
export function csvDataUrl(csv: string): string {
  return `data:text/csv;charset=utf-8,${encodeURIComponent('\uFEFF' + csv)}`;
}
