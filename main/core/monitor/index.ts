/** The production monitor: time-windowed signal rates, drift, alerts, alert mining and eval-set coverage. */
export { computeAlerts, monitorAlerts, type AlertQuery, type FullAlert, type MonitorAlert } from './alerts.js';
export { monitorCoverage, type CoverageQuery, type MonitorCoverage } from './coverage.js';
export { monitorDrift, type DriftQuery, type MonitorDrift } from './drift.js';
export { DRIFT_DEFAULTS } from './drift-stats.js';
export { mineAlert, type MinedAlert } from './mine-alert.js';
export { MONITOR_SIGNALS, SLICE_COLUMNS, monitorExtent, monitorOverview, type MonitorOverview, type OverviewQuery, type SliceColumn, type SliceFilter } from './overview.js';
export { DEFAULT_THRESHOLDS, readThresholds, writeThresholds, type Thresholds, type ThresholdsView } from './thresholds.js';
export { WINDOW_SECONDS, windowStart, type MonitorWindow } from './time-windows.js';
