import { createHash } from 'node:crypto';

/**
 * How an audit entry's hash is computed. Format 1 (entries written before migration 009) hashes the fields and
 * the previous hash in one go. Format 2 hashes the entry's fields into a content digest and chains that to the
 * previous hash: `hash = sha256(prev_hash ":" content)`. The split lets an export leave an entry out (keeping
 * only its seq, content digest and hash) and still be verified link by link against the signed checkpoints.
 */
export const GENESIS = '0'.repeat(64);

/** The stored columns of one audit entry. */
export interface AuditRow {
  seq: number;
  ts: string;
  actor: string;
  role: string;
  workstation: string;
  source: string;
  action: string;
  object_ids: string;
  outcome: string;
  format: number;
  prev_hash: string;
  hash: string;
}

function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

/** Format 2's digest of everything in the entry but the chain link. */
export function contentDigest(row: Omit<AuditRow, 'prev_hash' | 'hash'>): string {
  return sha256(
    JSON.stringify([2, row.seq, row.ts, row.actor, row.role, row.workstation, row.source, row.action, row.object_ids, row.outcome]),
  );
}

export function linkHash(prevHash: string, content: string): string {
  return sha256(`${prevHash}:${content}`);
}

/** The hash an entry should carry given its fields and its stated previous hash. */
export function expectedHash(row: Omit<AuditRow, 'hash'>): string {
  if (row.format === 1) {
    return sha256(JSON.stringify([row.seq, row.ts, row.actor, row.action, row.object_ids, row.outcome, row.prev_hash]));
  }
  return linkHash(row.prev_hash, contentDigest(row));
}
