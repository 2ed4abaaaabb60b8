/**
 * Purging raw text past its retention period. The de-identified cases stay; what goes is everything in the vault
 * that was derived from the purged records: their raw JSON, their findings (the real values behind each
 * placeholder) and the surrogates no remaining finding needs. With `secure_delete` on, freed cells and pages are
 * zeroed; VACUUM and a truncating WAL checkpoint then rewrite the file so nothing lingers on free pages or in the
 * write-ahead log.
 */
import { appendAudit } from '../audit/audit-log.js';
import { purgeAuditEntries } from '../audit/audit-retention.js';
import { hmacHex, normalizeForLabel, operatorKeys } from '../deid/operators/keys.js';
import { isPiiLabel } from '../deid/types.js';
import { QuarryError } from '../errors.js';
import type { Db } from '../store/database.js';
import { auditRetentionDays, cutoffFor, RUN_SOURCE } from './policy.js';

/** Who the audit log and the purge history name for purges the schedule runs. */
export const SYSTEM_ACTOR = 'system';

export interface PurgeRecord {
  id: number;
  purgedAt: string;
  source: string;
  /** Raw text ingested before this instant was purged. */
  cutoff: string;
  interactions: number;
  findings: number;
  surrogates: number;
  actor: string;
}

export interface PurgeOutcome {
  purges: PurgeRecord[];
  /** Audit entries older than the audit log's period, removed up to the last signed checkpoint before them. */
  auditPruned: number;
  /** False when VACUUM could not run (another reader held the file); freed pages were still zeroed. */
  compacted: boolean;
}

/**
 * Removes surrogates that no remaining finding maps to. The key is computed exactly as SurrogateVault keys its
 * rows (label, NUL, normalised value, under the workspace's surrogate key); a test holds the two together.
 */
function purgeUnreferencedSurrogates(db: Db): number {
  if ((db.prepare('SELECT count(*) FROM vault_surrogates').pluck().get() as number) === 0) return 0;
  const key = operatorKeys(db).surrogate;
  db.exec('CREATE TEMP TABLE IF NOT EXISTS retention_kept_surrogates (label TEXT NOT NULL, value_hmac TEXT NOT NULL, PRIMARY KEY (label, value_hmac))');
  db.exec('DELETE FROM temp.retention_kept_surrogates');
  const keep = db.prepare('INSERT OR IGNORE INTO temp.retention_kept_surrogates (label, value_hmac) VALUES (?, ?)');
  const findings = db.prepare('SELECT DISTINCT label, original FROM vault_findings').all() as { label: string; original: string }[];
  for (const { label, original } of findings) {
    if (isPiiLabel(label)) keep.run(label, hmacHex(key, `${label}\u0000${normalizeForLabel(label, original)}`));
  }
  const removed = db
    .prepare(
      `DELETE FROM vault_surrogates WHERE NOT EXISTS (
         SELECT 1 FROM temp.retention_kept_surrogates k WHERE k.label = vault_surrogates.label AND k.value_hmac = vault_surrogates.value_hmac)`,
    )
    .run().changes;
  db.exec('DELETE FROM temp.retention_kept_surrogates');
  return removed;
}

/**
 * Purges one source's raw text ingested before `cutoff`, in one transaction, and records it in the purge history
 * and the audit log (counts only). `always` records a purge that found nothing, for purges a person asked for.
 */
function purgeSourceBefore(db: Db, source: string, cutoff: string, actor: string, now: Date, always: boolean): PurgeRecord | null {
  return db.transaction(() => {
    const due = `SELECT v.id FROM vault_interactions v JOIN ingest_runs r ON r.id = v.run_id
                 WHERE ${RUN_SOURCE} = ? AND r.started_at < ? AND v.purged_at IS NULL`;
    const purgedAt = now.toISOString();
    const findings = db.prepare(`DELETE FROM vault_findings WHERE case_id IN (${due})`).run(source, cutoff).changes;
    const interactions = db
      .prepare(`UPDATE vault_interactions SET raw_json = '', purged_at = ? WHERE id IN (${due})`)
      .run(purgedAt, source, cutoff).changes;
    const surrogates = interactions > 0 ? purgeUnreferencedSurrogates(db) : 0;
    if (interactions === 0 && !always) return null;
    const id = Number(
      db
        .prepare(
          'INSERT INTO retention_purges (purged_at, source, cutoff, interactions, findings, surrogates, actor) VALUES (?, ?, ?, ?, ?, ?, ?)',
        )
        .run(purgedAt, source, cutoff, interactions, findings, surrogates, actor).lastInsertRowid,
    );
    appendAudit(db, {
      actor,
      action: 'retention.purge',
      objectIds: { purge: id, source, cutoff, interactions, findings, surrogates },
    });
    return { id, purgedAt, source, cutoff, interactions, findings, surrogates, actor };
  })();
}

/** Rewrites the database so freed pages leave the file and the write-ahead log is emptied. */
export function compactDatabase(db: Db): boolean {
  try {
    db.pragma('wal_checkpoint(TRUNCATE)');
    db.exec('VACUUM');
    const [result] = db.pragma('wal_checkpoint(TRUNCATE)') as { busy: number }[];
    return result?.busy === 0;
  } catch {
    return false;
  }
}

/**
 * Audit entries past the audit log's own period go only up to a signed checkpoint, which stays and anchors the
 * chain (main/core/audit/audit-retention.ts); the pruning is itself audited.
 */
function pruneAuditLog(db: Db, actor: string, now: Date): number {
  const cutoff = cutoffFor(auditRetentionDays(db), now);
  const { deleted, anchorSeq } = purgeAuditEntries(db, cutoff);
  if (deleted > 0) appendAudit(db, { actor, action: 'retention.audit_prune', objectIds: { deleted, anchor_seq: anchorSeq ?? 0, cutoff } });
  return deleted;
}

/**
 * Every source whose period has passed for some of its raw text is purged, the audit log is pruned past its own
 * period, then the file is compacted once if anything went.
 */
export function runDuePurges(db: Db, actor: string = SYSTEM_ACTOR, now: Date = new Date()): PurgeOutcome {
  const policies = db.prepare('SELECT source, raw_days AS days FROM retention_policies ORDER BY source').all() as { source: string; days: number }[];
  const purges = policies.flatMap(({ source, days }) => purgeSourceBefore(db, source, cutoffFor(days, now), actor, now, false) ?? []);
  const auditPruned = pruneAuditLog(db, actor, now);
  const compacted = purges.length > 0 || auditPruned > 0 ? compactDatabase(db) : true;
  return { purges, auditPruned, compacted };
}

/**
 * "Purge now" for one source: its raw text past the period (or, with `days` 0 given explicitly, all of it),
 * recorded even when nothing was due, then the file compacted.
 */
export function purgeSourceNow(db: Db, source: string, actor: string, options: { days?: number; now?: Date } = {}): PurgeOutcome {
  const now = options.now ?? new Date();
  const days = options.days ?? (db.prepare('SELECT raw_days FROM retention_policies WHERE source = ?').pluck().get(source) as number | undefined);
  if (days === undefined) {
    throw new QuarryError('no-retention-period', `${source} has no retention period. Set one first, or purge all of its raw text with 0 days.`);
  }
  if (!Number.isInteger(days) || days < 0) throw new QuarryError('invalid-retention-period', 'Days must be a whole number, 0 or more.');
  const known = db.prepare(`SELECT 1 FROM ingest_runs r WHERE ${RUN_SOURCE} = ? UNION SELECT 1 FROM retention_policies WHERE source = ?`).get(source, source);
  if (!known) throw new QuarryError('unknown-source', `No ingest run or retention period names the source ${source}.`);
  const purge = purgeSourceBefore(db, source, cutoffFor(days, now), actor, now, true)!;
  return { purges: [purge], auditPruned: 0, compacted: compactDatabase(db) };
}

export function purgeHistory(db: Db, limit = 200): PurgeRecord[] {
  return db
    .prepare(
      `SELECT id, purged_at AS purgedAt, source, cutoff, interactions, findings, surrogates, actor
       FROM retention_purges ORDER BY id DESC LIMIT ?`,
    )
    .all(limit) as PurgeRecord[];
}
