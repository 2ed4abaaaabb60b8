/**
 * The purge schedule: due purges run when a workspace is unlocked and every hour while it stays unlocked, as the
 * actor `system`. It watches the session rather than being called by it, so any shell or service that can say
 * which database is open (or none) gets the schedule by starting one.
 */
import type { Db } from '../store/database.js';
import { runDuePurges, SYSTEM_ACTOR, type PurgeOutcome } from './purge.js';

export const PURGE_INTERVAL_MS = 3_600_000;
/** How often the schedule looks for a newly unlocked workspace. */
export const UNLOCK_POLL_MS = 15_000;

export interface RetentionScheduleOptions {
  /** The open workspace database, or null while locked. */
  currentDb: () => Db | null;
  onPurged?: (outcome: PurgeOutcome) => void;
  onError?: (error: unknown) => void;
  now?: () => Date;
  pollMs?: number;
  intervalMs?: number;
}

export interface RetentionSchedule {
  /** Runs due purges now if the open workspace has not been checked since it was unlocked or for an hour. */
  tick(): PurgeOutcome | null;
  stop(): void;
}

export function startRetentionSchedule(options: RetentionScheduleOptions): RetentionSchedule {
  const now = options.now ?? (() => new Date());
  const intervalMs = options.intervalMs ?? PURGE_INTERVAL_MS;
  let lastDb: Db | null = null;
  let lastRun = 0;
  const tick = (): PurgeOutcome | null => {
    const db = options.currentDb();
    if (!db || !db.open) {
      lastDb = null;
      return null;
    }
    const at = now();
    if (db === lastDb && at.getTime() - lastRun < intervalMs) return null;
    lastDb = db;
    lastRun = at.getTime();
    try {
      const outcome = runDuePurges(db, SYSTEM_ACTOR, at);
      if (outcome.purges.length > 0) options.onPurged?.(outcome);
      return outcome;
    } catch (error) {
      options.onError?.(error);
      return null;
    }
  };
  const timer = setInterval(tick, options.pollMs ?? UNLOCK_POLL_MS);
  // The schedule never keeps the process alive on its own.
  timer.unref();
  return { tick, stop: () => clearInterval(timer) };
}
