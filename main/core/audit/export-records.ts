import { createHash } from 'node:crypto';
import type { Db } from '../store/database.js';
import { contentDigest, type AuditRow } from './chain-hash.js';
import { listCheckpoints, type Checkpoint } from './checkpoints.js';
import { auditWhere, describeQuery, type AuditQuery } from './audit-query.js';

/**
 * What an audit export carries, whatever its file format: a header with the workspace's public key, then the
 * chain from an anchor to its head in order. Entries that match the filter are there in full; entries that do
 * not are reduced to a link (seq, content digest, hash), enough to recompute the chain without showing them.
 * Signed checkpoints follow the entry they sign; the export writes a fresh one at the head first, so the file
 * alone proves every entry it holds: `quarry audit verify-export FILE`.
 */
export interface ExportHeader {
  type: 'header';
  format: 'quarry-audit-export';
  version: 1;
  exportedAt: string;
  publicKey: string;
  /** sha256 of the public key's DER bytes: compare it with `quarry audit key` on the workspace. */
  keyFingerprint: string;
  /** The filter, as describeQuery records it (no search text). */
  filter: Record<string, string | boolean>;
  matching: number;
}
export type ExportEntry = { type: 'entry'; inFilter: boolean } & AuditRow;
export interface ExportLink {
  type: 'link';
  seq: number;
  content: string;
  hash: string;
}
export type ExportCheckpoint = { type: 'checkpoint' } & Checkpoint;
export type ExportRecord = ExportHeader | ExportEntry | ExportLink | ExportCheckpoint;

export function keyFingerprint(publicKeyBase64: string): string {
  return createHash('sha256').update(Buffer.from(publicKeyBase64, 'base64')).digest('hex');
}

/** Streams the records of an export of `query`; the caller has just written a checkpoint at the head. */
export function* exportRecords(db: Db, query: AuditQuery, publicKey: string, exportedAt = new Date().toISOString()): Generator<ExportRecord> {
  const { sql, params } = auditWhere(query);
  const matching = db.prepare(`SELECT count(*) FROM audit_log ${sql}`).pluck().get(params) as number;
  yield { type: 'header', format: 'quarry-audit-export', version: 1, exportedAt, publicKey, keyFingerprint: keyFingerprint(publicKey), filter: describeQuery(query), matching };
  const firstMatch = db.prepare(`SELECT min(seq) FROM audit_log ${sql}`).pluck().get(params) as number | null;
  const checkpoints = listCheckpoints(db);
  const head = checkpoints.at(-1)?.seq ?? 0;
  // Start at the last checkpoint before the first match: its signed hash anchors the chain.
  const anchor = checkpoints.filter((c) => c.seq < (firstMatch ?? head)).at(-1);
  if (anchor) yield { type: 'checkpoint', ...anchor };
  const bySeq = new Map(checkpoints.map((c) => [c.seq, c]));
  const inFilter = db.prepare(`SELECT 1 FROM audit_log ${sql ? `${sql} AND` : 'WHERE'} seq = @seq`).pluck();
  const rows = db.prepare('SELECT * FROM audit_log WHERE seq > ? AND seq <= ? ORDER BY seq').iterate(anchor?.seq ?? 0, head) as IterableIterator<AuditRow>;
  for (const row of rows) {
    const matches = inFilter.get({ ...params, seq: row.seq }) !== undefined;
    if (matches || row.format === 1) yield { type: 'entry', inFilter: matches, ...row };
    else yield { type: 'link', seq: row.seq, content: contentDigest(row), hash: row.hash };
    const checkpoint = bySeq.get(row.seq);
    if (checkpoint) yield { type: 'checkpoint', ...checkpoint };
  }
}
