/**
 * Representativeness of a mining run or a release, for every role: numbers, ids, slice values and bin edges only.
 * Each report lands in the audit log with the scope and the population sizes.
 */
import { representReleaseById, representRun, type RepresentativenessReport } from '../../core/representativeness/index.js';
import type { HandlerGroup, ServiceContext } from '../service-context.js';

type RepresentativenessChannel = 'representativeness:run' | 'representativeness:release';

function auditIds(r: RepresentativenessReport) {
  return {
    [r.scope.kind]: r.scope.id,
    production: r.scope.production,
    originals: r.counts.originals,
    tasks: r.counts.tasks,
    productionCases: r.counts.productionTotal,
  };
}

export function representativenessHandlers(ctx: ServiceContext): HandlerGroup<RepresentativenessChannel> {
  return {
    'representativeness:run': ({ runId, production, bins, topN }) => {
      const report = representRun(ctx.open().db, runId, { production, bins, topN });
      ctx.audit({ action: 'representativeness.run', objectIds: auditIds(report) });
      return report;
    },
    'representativeness:release': ({ releaseId, production, bins, topN }) => {
      const report = representReleaseById(ctx.open().db, releaseId, { production, bins, topN });
      ctx.audit({ action: 'representativeness.release', objectIds: auditIds(report) });
      return report;
    },
  };
}
