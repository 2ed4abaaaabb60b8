/**
 * The production dashboard's use cases: overview, drift, alerts, a mining run over an alert's cases, eval-set
 * coverage, and the alert thresholds. Every call lands in the audit log with ids and counts only.
 */
import { getSamplingRun } from '../../core/sampling/index.js';
import {
  mineAlert,
  monitorAlerts,
  monitorCoverage,
  monitorDrift,
  monitorOverview,
  readThresholds,
  writeThresholds,
} from '../../core/monitor/index.js';
import type { HandlerGroup, ServiceContext } from '../service-context.js';

type MonitorChannel =
  | 'monitor:overview'
  | 'monitor:drift'
  | 'monitor:alerts'
  | 'monitor:mineAlert'
  | 'monitor:coverage'
  | 'monitor:thresholds'
  | 'monitor:setThresholds';

export function monitorHandlers(ctx: ServiceContext): HandlerGroup<MonitorChannel> {
  const thresholds = () => readThresholds(ctx.open().db).thresholds;
  return {
    'monitor:overview': (query) => {
      const overview = monitorOverview(ctx.open().db, query);
      ctx.audit({
        action: 'monitor.overview',
        objectIds: { window: query.window, windows: overview.series[0]?.points.length ?? 0, series: overview.series.length, cases: overview.series[0]?.cases ?? 0 },
      });
      return overview;
    },
    'monitor:drift': (query) => {
      const drift = monitorDrift(ctx.open().db, query, thresholds());
      ctx.audit({
        action: 'monitor.drift',
        objectIds: { current: drift.current.cases, baseline: drift.baseline.cases, shifted: drift.input.filter((m) => m.band !== null && m.band !== 'ok').length },
      });
      return drift;
    },
    'monitor:alerts': (query) => {
      const result = monitorAlerts(ctx.open().db, query, thresholds());
      ctx.audit({ action: 'monitor.alerts', objectIds: { alerts: result.alerts.length, slices: result.evaluated.slices } });
      return result;
    },
    'monitor:mineAlert': ({ alertId, budget, seed, ...query }) => {
      const { db } = ctx.open();
      return ctx.atomically(() => {
        const mined = mineAlert(db, query, thresholds(), { alertId, budget, seed, actor: ctx.actor() });
        ctx.audit({
          action: 'monitor.alert.mine',
          objectIds: {
            alert: alertId,
            metric: mined.alert.metric,
            run: mined.runId,
            policy: mined.policyName,
            policyVersion: mined.policyVersion,
            seed: mined.seed,
            candidates: mined.candidates,
            picked: mined.picked,
          },
        });
        return { alertId, run: getSamplingRun(db, mined.runId), cases: mined.candidates };
      });
    },
    'monitor:coverage': (query) => {
      const coverage = monitorCoverage(ctx.open().db, query, thresholds());
      ctx.audit({ action: 'monitor.coverage', objectIds: { production: coverage.production.cases, golden: coverage.golden.cases, fields: coverage.fields.length } });
      return coverage;
    },
    'monitor:thresholds': () => readThresholds(ctx.open().db),
    'monitor:setThresholds': ({ thresholds: changes }) => {
      const { db } = ctx.open();
      return ctx.atomically(() => {
        const result = writeThresholds(db, changes, ctx.actor());
        if (result.ok) ctx.audit({ action: 'monitor.thresholds.set', objectIds: { ...result.view.thresholds } });
        return result;
      });
    },
  };
}
