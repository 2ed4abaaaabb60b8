import type { Db } from '../store/database.js';

/**
 * Purging old audit entries without breaking verification: entries are removed only up to a signed checkpoint,
 * which stays and anchors the chain from there on (verifyAuditChain and exports start from it). Entries past
 * the retention period but after the last such checkpoint wait for the next one (every 100 entries, and at
 * every lock), so at most a day or so of extra entries is kept.
 */
export function purgeAuditEntries(db: Db, beforeIso: string): { deleted: number; anchorSeq: number | null } {
  return db.transaction(() => {
    const lastOld = db.prepare('SELECT max(seq) FROM audit_log WHERE ts < ?').pluck().get(beforeIso) as number | null;
    if (lastOld === null) return { deleted: 0, anchorSeq: null };
    const anchor = db.prepare('SELECT max(seq) FROM audit_checkpoints WHERE seq <= ?').pluck().get(lastOld) as number | null;
    if (anchor === null) return { deleted: 0, anchorSeq: null };
    const deleted = db.prepare('DELETE FROM audit_log WHERE seq <= ?').run(anchor).changes;
    return { deleted, anchorSeq: anchor };
  })();
}
