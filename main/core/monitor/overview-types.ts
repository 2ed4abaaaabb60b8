/** Names shared by the monitor's modules: the tracked signals, the slice columns, slice filters. */
/** The signals the dashboard tracks, in display order (the sampling module's failure triggers). */
export const MONITOR_SIGNALS = ['thumbs_down', 'regenerated', 'heavy_edit', 'escalated', 'schema_failure'] as const;
export type MonitorSignal = (typeof MONITOR_SIGNALS)[number];

export const SLICE_COLUMNS = ['tier', 'intent', 'language', 'model', 'product_area'] as const;
export type SliceColumn = (typeof SLICE_COLUMNS)[number];

export const NO_VALUE = '(none)';

export interface SliceFilter {
  field: SliceColumn;
  /** null: cases without a value. */
  value: string | null;
}

/** The column of a slice field; checked against the list, so it is safe to put into SQL. */
export function sliceColumn(field: string): SliceColumn {
  const column = SLICE_COLUMNS.find((c) => c === field);
  if (!column) throw new Error(`not a slice field: ${field}`);
  return column;
}

/** `AND <filter>` for a slice, with its parameters. */
export function sliceWhere(slice: SliceFilter | undefined | null): { sql: string; params: string[] } {
  if (!slice) return { sql: '', params: [] };
  const column = sliceColumn(slice.field);
  return slice.value === null ? { sql: ` AND ${column} IS NULL`, params: [] } : { sql: ` AND ${column} = ?`, params: [slice.value] };
}

