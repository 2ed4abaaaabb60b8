/**
 * The dashboard's alert thresholds: a workspace setting (workspace_meta `setting:monitor-thresholds`, JSON with who
 * changed it and when), defaults in line with Evidently and NannyML. Admin edits them; everyone reads them.
 */
import type { z } from 'zod';
import { MonitorThresholds } from '../../../preload/contract/monitor.js';
import type { Db } from '../store/database.js';
import { DRIFT_DEFAULTS } from './drift-stats.js';

// One definition of the shape, in the contract (preload/contract/monitor.ts): it crosses the bridge as it is.
export const ThresholdsSchema = MonitorThresholds;

export type Thresholds = z.infer<typeof ThresholdsSchema>;

export const DEFAULT_THRESHOLDS: Thresholds = {
  ...DRIFT_DEFAULTS,
  rateIncrease: 0.05,
  ratePValue: 0.05,
  scoreDrop: 0.1,
  minCases: 30,
};

export interface ThresholdsView {
  thresholds: Thresholds;
  defaults: Thresholds;
  updatedAt: string | null;
  updatedBy: string | null;
}

const KEY = 'setting:monitor-thresholds';

interface Stored {
  thresholds: Partial<Thresholds>;
  updatedAt: string;
  updatedBy: string;
}

function readStored(db: Db): Stored | null {
  const value = db.prepare('SELECT value FROM workspace_meta WHERE key = ?').pluck().get(KEY) as Buffer | string | undefined;
  if (value === undefined) return null;
  try {
    return JSON.parse(Buffer.isBuffer(value) ? value.toString('utf8') : value) as Stored;
  } catch {
    return null;
  }
}

/** The thresholds in force: the stored ones over the defaults (a stored value that no longer validates is ignored). */
export function readThresholds(db: Db): ThresholdsView {
  const stored = readStored(db);
  const merged = ThresholdsSchema.safeParse({ ...DEFAULT_THRESHOLDS, ...stored?.thresholds });
  return {
    thresholds: merged.success ? merged.data : { ...DEFAULT_THRESHOLDS },
    defaults: { ...DEFAULT_THRESHOLDS },
    updatedAt: merged.success ? (stored?.updatedAt ?? null) : null,
    updatedBy: merged.success ? (stored?.updatedBy ?? null) : null,
  };
}

export interface ThresholdIssue {
  path: string;
  message: string;
}

/**
 * Changes some thresholds (the others keep their value). Invalid input changes nothing and comes back as issues
 * naming each field.
 */
export function writeThresholds(
  db: Db,
  changes: Record<string, unknown>,
  actor: string,
): { ok: true; view: ThresholdsView } | { ok: false; issues: ThresholdIssue[] } {
  const current = readThresholds(db).thresholds;
  const result = ThresholdsSchema.safeParse({ ...current, ...changes });
  if (!result.success) {
    return {
      ok: false,
      issues: result.error.issues.map((issue) => {
        const keys = issue.code === 'unrecognized_keys' ? issue.keys : [];
        return keys.length > 0 ? { path: String(keys[0]), message: 'unknown threshold' } : { path: issue.path.map(String).join('.'), message: issue.message };
      }),
    };
  }
  const stored: Stored = { thresholds: result.data, updatedAt: new Date().toISOString(), updatedBy: actor };
  db.prepare(
    `INSERT INTO workspace_meta (key, value, created_at) VALUES (?, ?, ?)
     ON CONFLICT (key) DO UPDATE SET value = excluded.value`,
  ).run(KEY, Buffer.from(JSON.stringify(stored), 'utf8'), stored.updatedAt);
  return { ok: true, view: readThresholds(db) };
}
