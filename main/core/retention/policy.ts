/**
 * Retention policies: how long each source's raw text may stay in the vault, and how long the audit log keeps
 * its entries. A source is the saved source profile its ingest runs were read through (`profile:<name>`), or else
 * the format they were read as (`openai-chat`, `otel-genai`, …), so one weekly export after another falls under the
 * same period whatever its file name.
 */
import { appendAudit } from '../audit/audit-log.js';
import { QuarryError } from '../errors.js';
import type { Db } from '../store/database.js';

const DAY_MS = 86_400_000;

/**
 * The source an ingest run (aliased `r`) belongs to, in SQL: `profile:<name>` for runs read through a saved source
 * profile (generic JSONL/CSV), otherwise the format id.
 */
export const RUN_SOURCE = "(CASE WHEN r.profile_name IS NOT NULL THEN 'profile:' || r.profile_name ELSE r.format END)";
export const MAX_RAW_DAYS = 36_500;
/** Six years: the record-keeping period HIPAA sets for compliance documentation. */
export const DEFAULT_AUDIT_DAYS = 2_192;
export const MIN_AUDIT_DAYS = 365;
const AUDIT_DAYS_KEY = 'retention:audit-days';

export interface SourceRetention {
  source: string;
  /** Vault rows of this source whose raw text is still stored. */
  rawRows: number;
  /** Vault rows of this source already purged. */
  purgedRows: number;
  /** Stored raw rows already past the period: what a purge now would remove. */
  dueRows: number;
  /** When the oldest still-stored raw row was ingested; null when none is stored. */
  oldest: string | null;
  /** The retention period in days; null when the source has none (raw text is kept until purged by hand). */
  rawDays: number | null;
  /** When the oldest stored row falls due; null without a period or without stored rows. */
  nextPurge: string | null;
}

export function cutoffFor(days: number, now: Date): string {
  return new Date(now.getTime() - days * DAY_MS).toISOString();
}

/** Every source seen in an ingest run or named by a policy, with what it still holds and when it falls due. */
export function sourceRetention(db: Db, now: Date = new Date()): SourceRetention[] {
  const due = db.prepare(
    `SELECT count(*) FROM vault_interactions v JOIN ingest_runs r ON r.id = v.run_id
     WHERE ${RUN_SOURCE} = ? AND v.purged_at IS NULL AND r.started_at < ?`,
  ).pluck();
  const rows = db
    .prepare(
      `WITH sources AS (SELECT ${RUN_SOURCE} AS source FROM ingest_runs r UNION SELECT source FROM retention_policies)
       SELECT s.source,
              p.raw_days AS rawDays,
              (SELECT count(*) FROM vault_interactions v JOIN ingest_runs r ON r.id = v.run_id
                WHERE ${RUN_SOURCE} = s.source AND v.purged_at IS NULL) AS rawRows,
              (SELECT count(*) FROM vault_interactions v JOIN ingest_runs r ON r.id = v.run_id
                WHERE ${RUN_SOURCE} = s.source AND v.purged_at IS NOT NULL) AS purgedRows,
              (SELECT min(r.started_at) FROM vault_interactions v JOIN ingest_runs r ON r.id = v.run_id
                WHERE ${RUN_SOURCE} = s.source AND v.purged_at IS NULL) AS oldest
       FROM sources s LEFT JOIN retention_policies p ON p.source = s.source
       ORDER BY s.source`,
    )
    .all() as Omit<SourceRetention, 'nextPurge' | 'dueRows'>[];
  return rows.map((row) => ({
    ...row,
    dueRows: row.rawDays === null ? 0 : (due.get(row.source, cutoffFor(row.rawDays, now)) as number),
    nextPurge:
      row.rawDays !== null && row.oldest !== null ? new Date(Date.parse(row.oldest) + row.rawDays * DAY_MS).toISOString() : null,
  }));
}

/** Sets (or with `days` null, removes) a source's retention period. */
export function setSourceRetention(db: Db, source: string, days: number | null, actor: string): void {
  // eslint-disable-next-line no-control-regex -- control characters are exactly what a source name may not hold
  if (source !== source.trim() || !/^[^\u0000-\u001f\u007f]{1,64}$/u.test(source)) {
    throw new QuarryError('invalid-source', 'A source name is 1 to 64 printable characters: a format id such as openai-chat, or profile:<name> for a source profile.');
  }
  if (days !== null && (!Number.isInteger(days) || days < 1 || days > MAX_RAW_DAYS)) {
    throw new QuarryError('invalid-retention-period', `The retention period for ${source} must be a whole number of days from 1 to ${MAX_RAW_DAYS}.`);
  }
  db.transaction(() => {
    if (days === null) {
      db.prepare('DELETE FROM retention_policies WHERE source = ?').run(source);
    } else {
      db.prepare(
        `INSERT INTO retention_policies (source, raw_days, updated_by, updated_at) VALUES (?, ?, ?, ?)
         ON CONFLICT (source) DO UPDATE SET raw_days = excluded.raw_days, updated_by = excluded.updated_by, updated_at = excluded.updated_at`,
      ).run(source, days, actor, new Date().toISOString());
    }
    appendAudit(db, { actor, action: 'retention.policy_change', objectIds: { source, raw_days: days ?? 'none' } });
  })();
}

/** How many days the audit log keeps its entries: six years unless an admin chose otherwise. */
export function auditRetentionDays(db: Db): number {
  const stored = db.prepare('SELECT value FROM workspace_meta WHERE key = ?').pluck().get(AUDIT_DAYS_KEY) as Buffer | string | undefined;
  if (stored === undefined) return DEFAULT_AUDIT_DAYS;
  const days = Number(Buffer.isBuffer(stored) ? stored.toString('utf8') : stored);
  return Number.isInteger(days) && days >= MIN_AUDIT_DAYS ? days : DEFAULT_AUDIT_DAYS;
}

export function setAuditRetentionDays(db: Db, days: number, actor: string): void {
  if (!Number.isInteger(days) || days < MIN_AUDIT_DAYS || days > MAX_RAW_DAYS) {
    throw new QuarryError(
      'invalid-retention-period',
      `The audit log must be kept for a whole number of days from ${MIN_AUDIT_DAYS} to ${MAX_RAW_DAYS} (six years is ${DEFAULT_AUDIT_DAYS}).`,
    );
  }
  db.transaction(() => {
    db.prepare(
      `INSERT INTO workspace_meta (key, value, created_at) VALUES (?, ?, ?)
       ON CONFLICT (key) DO UPDATE SET value = excluded.value`,
    ).run(AUDIT_DAYS_KEY, Buffer.from(String(days), 'utf8'), new Date().toISOString());
    appendAudit(db, { actor, action: 'retention.policy_change', objectIds: { source: 'audit-log', days } });
  })();
}

export interface AuditRetention {
  days: number;
  /** Entries older than the period. They are pruned only together with a signed checkpoint of the chain. */
  entriesPastRetention: number;
  oldestEntry: string | null;
}

export function auditRetention(db: Db, now: Date = new Date()): AuditRetention {
  const days = auditRetentionDays(db);
  const entriesPastRetention = db.prepare('SELECT count(*) FROM audit_log WHERE ts < ?').pluck().get(cutoffFor(days, now)) as number;
  const oldestEntry = (db.prepare('SELECT min(ts) FROM audit_log').pluck().get() as string | null) ?? null;
  return { days, entriesPastRetention, oldestEntry };
}
