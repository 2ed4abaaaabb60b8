import { QuarryError } from '../errors.js';
import type { Db } from '../store/database.js';
import { readSetting, writeSetting } from '../store/settings.js';

/** How long a session may sit without a user action before the workspace locks itself (a workspace setting). */
export const DEFAULT_IDLE_LOCK_MINUTES = 15;
export const MAX_IDLE_LOCK_MINUTES = 24 * 60;

export function idleLockMinutes(db: Db): number {
  const stored = Number(readSetting(db, 'idle-lock-minutes'));
  return Number.isFinite(stored) && stored > 0 ? stored : DEFAULT_IDLE_LOCK_MINUTES;
}

/** Whole minutes from 1 to a day; tests may store shorter periods with writeSetting directly. */
export function setIdleLockMinutes(db: Db, minutes: number): void {
  if (!Number.isInteger(minutes) || minutes < 1 || minutes > MAX_IDLE_LOCK_MINUTES) {
    throw new QuarryError('invalid-idle-lock', `The idle lock must be a whole number of minutes from 1 to ${MAX_IDLE_LOCK_MINUTES}; got ${minutes}.`);
  }
  writeSetting(db, 'idle-lock-minutes', String(minutes));
}
