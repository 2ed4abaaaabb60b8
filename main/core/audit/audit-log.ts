import { createHash } from 'node:crypto';
import type { Db } from '../store/database.js';

/**
 * Append-only, hash-chained audit log. Each entry's hash covers its fields and the previous entry's hash, so
 * altering, deleting or reordering an entry breaks the chain from that entry on. Entries carry ids and
 * counts only, never text from a case.
 */
export type AuditAction =
  | 'workspace.create'
  | 'workspace.unlock'
  | 'workspace.unlock_failed'
  | 'workspace.lock'
  | 'ingest.run'
  | 'case.view'
  | 'case.accept'
  | 'case.reject'
  | 'case.expected_edit'
  | 'export.golden'
  | 'settings.terms_change'
  | 'settings.ner_model'
  | 'sampling.run';

export interface AuditEvent {
  actor: string;
  action: AuditAction;
  objectIds?: Record<string, string | number | readonly (string | number)[]>;
  outcome?: 'success' | 'failure';
}

export interface AuditEntry {
  seq: number;
  ts: string;
  actor: string;
  action: string;
  object_ids: string;
  outcome: string;
  prev_hash: string;
  hash: string;
}

const GENESIS = '0'.repeat(64);

function entryHash(entry: Omit<AuditEntry, 'hash'>): string {
  const canonical = JSON.stringify([entry.seq, entry.ts, entry.actor, entry.action, entry.object_ids, entry.outcome, entry.prev_hash]);
  return createHash('sha256').update(canonical).digest('hex');
}

export function appendAudit(db: Db, event: AuditEvent): AuditEntry {
  return db.transaction(() => {
    const last = db.prepare('SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1').get() as { seq: number; hash: string } | undefined;
    const draft = {
      seq: (last?.seq ?? 0) + 1,
      ts: new Date().toISOString(),
      actor: event.actor,
      action: event.action,
      object_ids: JSON.stringify(event.objectIds ?? {}),
      outcome: event.outcome ?? 'success',
      prev_hash: last?.hash ?? GENESIS,
    };
    const entry = { ...draft, hash: entryHash(draft) };
    db.prepare(
      'INSERT INTO audit_log (seq, ts, actor, action, object_ids, outcome, prev_hash, hash) VALUES (@seq, @ts, @actor, @action, @object_ids, @outcome, @prev_hash, @hash)',
    ).run(entry);
    return entry;
  })();
}

export interface ChainVerdict {
  ok: boolean;
  entries: number;
  /** Sequence number of the first entry that does not fit the chain. */
  firstBroken: number | null;
  reason: string | null;
}

export function verifyAuditChain(db: Db): ChainVerdict {
  let expectedSeq = 1;
  let prevHash = GENESIS;
  let count = 0;
  for (const entry of db.prepare('SELECT * FROM audit_log ORDER BY seq').iterate() as IterableIterator<AuditEntry>) {
    count += 1;
    const broken = (reason: string): ChainVerdict => ({ ok: false, entries: count, firstBroken: entry.seq, reason });
    if (entry.seq !== expectedSeq) return broken(`entry #${expectedSeq} is missing (next entry is #${entry.seq})`);
    if (entry.prev_hash !== prevHash) return broken(`entry #${entry.seq} does not follow entry #${entry.seq - 1}`);
    if (entryHash(entry) !== entry.hash) return broken(`entry #${entry.seq} was altered`);
    prevHash = entry.hash;
    expectedSeq += 1;
  }
  return { ok: true, entries: count, firstBroken: null, reason: null };
}
