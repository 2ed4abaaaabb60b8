import { auditRetention, DEFAULT_AUDIT_DAYS, MIN_AUDIT_DAYS, setAuditRetentionDays, setSourceRetention, sourceRetention } from '../../core/retention/policy.js';
import { purgeHistory, runDuePurges } from '../../core/retention/purge.js';
import { PURGE_INTERVAL_MS, startRetentionSchedule } from '../../core/retention/schedule.js';
import type { Db } from '../../core/store/database.js';
import { log } from '../../core/logging/index.js';
import type { HandlerGroup, ServiceContext } from '../service-context.js';

function overview(db: Db) {
  return {
    sources: sourceRetention(db),
    audit: { ...auditRetention(db), defaultDays: DEFAULT_AUDIT_DAYS, minDays: MIN_AUDIT_DAYS },
    history: purgeHistory(db),
    scheduleMinutes: PURGE_INTERVAL_MS / 60_000,
  };
}

/** The open workspace's database, or null while locked: what the purge schedule watches. */
function currentDb(ctx: ServiceContext): Db | null {
  try {
    return ctx.open().db;
  } catch {
    return null;
  }
}

/**
 * Retention: per-source periods for raw text, the audit log's period, the purge history and "purge now". Also
 * starts the purge schedule, which runs due purges as `system` when a workspace is unlocked and hourly after.
 */
export function retentionHandlers(
  ctx: ServiceContext,
): HandlerGroup<'retention:overview' | 'retention:setPeriod' | 'retention:setAuditPeriod' | 'retention:purgeNow'> {
  startRetentionSchedule({
    currentDb: () => currentDb(ctx),
    onError: (error) => log.error('[quarry] scheduled retention purge failed:', error),
  });
  return {
    'retention:overview': () => overview(ctx.open().db),
    'retention:setPeriod': ({ source, days }) => {
      const { db } = ctx.open();
      setSourceRetention(db, source, days, ctx.actor());
      return overview(db);
    },
    'retention:setAuditPeriod': ({ days }) => {
      const { db } = ctx.open();
      setAuditRetentionDays(db, days, ctx.actor());
      return overview(db);
    },
    'retention:purgeNow': () => {
      const { db } = ctx.open();
      const { purges, auditPruned, compacted } = runDuePurges(db, ctx.actor());
      return { purges, auditPruned, compacted, overview: overview(db) };
    },
  };
}
