import { hostname } from 'node:os';
import type { Db } from '../store/database.js';
import { expectedHash, contentDigest, GENESIS, linkHash, type AuditRow } from './chain-hash.js';
import { checkpointSignatureValid, listCheckpoints, publicKeyFrom, writeCheckpoint, type Checkpoint } from './checkpoints.js';

/**
 * Append-only, hash-chained audit log with the fields of NIST SP 800-53 AU-3: event type, time, actor, role,
 * workstation (where), source (ui or cli), object ids and outcome. Altering, deleting or reordering an entry
 * breaks the chain from that entry on; a signed checkpoint every CHECKPOINT_EVERY entries (and at lock) lets
 * the verifier detect a truncated tail. Entries carry ids and counts only, never text from a case.
 */
export type KnownAuditAction =
  | 'workspace.create'
  | 'workspace.unlock'
  | 'workspace.unlock_failed'
  | 'workspace.lock'
  | 'workspace.idle_lock'
  | 'workspace.convert'
  | 'access.denied'
  | 'account.add'
  | 'account.remove'
  | 'account.role_change'
  | 'account.passphrase_change'
  | 'ingest.run'
  | 'sampling.run'
  | 'deid.run'
  | 'case.view'
  | 'case.accept'
  | 'case.reject'
  | 'case.expected_edit'
  | 'case.missed_pii'
  | 'release.create'
  | 'release.approve'
  | 'export.golden'
  | 'audit.export'
  | 'retention.purge'
  | 'settings.terms_change'
  | 'settings.ner_model'
  | 'settings.idle_lock';

/** Other areas may add `area.verb` types without editing this list. */
export type AuditAction = KnownAuditAction | `${string}.${string}`;
export type AuditOutcome = 'success' | 'failure' | 'denied';
export type AuditSource = 'ui' | 'cli' | 'system';

export interface AuditEvent {
  actor: string;
  action: AuditAction;
  /** The actor's role at the time; empty when nobody is signed in (a failed sign-in for an unknown name). */
  role?: string;
  source?: AuditSource;
  objectIds?: Record<string, string | number | boolean | readonly (string | number)[]>;
  outcome?: AuditOutcome;
  /** When it happened, if earlier than now (sign-in failures are recorded at the next unlock). */
  at?: string;
}

export type AuditEntry = AuditRow;

/** A checkpoint is signed after every this many entries, and at every lock. */
export const CHECKPOINT_EVERY = 100;

const WORKSTATION = hostname();

export function appendAudit(db: Db, event: AuditEvent): AuditEntry {
  return db.transaction(() => {
    const last = db.prepare('SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1').get() as { seq: number; hash: string } | undefined;
    const fields = {
      seq: (last?.seq ?? 0) + 1,
      ts: event.at ?? new Date().toISOString(),
      actor: event.actor,
      role: event.role ?? '',
      workstation: WORKSTATION,
      source: event.source ?? 'system',
      action: event.action,
      object_ids: JSON.stringify(event.objectIds ?? {}),
      outcome: event.outcome ?? 'success',
      format: 2,
    };
    const prev_hash = last?.hash ?? GENESIS;
    const entry: AuditEntry = { ...fields, prev_hash, hash: linkHash(prev_hash, contentDigest(fields)) };
    db.prepare(
      `INSERT INTO audit_log (seq, ts, actor, role, workstation, source, action, object_ids, outcome, format, prev_hash, hash)
       VALUES (@seq, @ts, @actor, @role, @workstation, @source, @action, @object_ids, @outcome, @format, @prev_hash, @hash)`,
    ).run(entry);
    if (entry.seq % CHECKPOINT_EVERY === 0) writeCheckpoint(db);
    return entry;
  })();
}

export interface ChainVerdict {
  ok: boolean;
  entries: number;
  /** Sequence number of the first entry that does not fit the chain (or of the checkpoint that fails). */
  firstBroken: number | null;
  reason: string | null;
  checkpoints: number;
  lastCheckpoint: { seq: number; ts: string } | null;
}

/** Where a verified chain ended: lets the next check start there instead of at entry #1. */
export interface VerifiedPrefix {
  seq: number;
  hash: string;
  entries: number;
}

/**
 * Walks the whole chain, then checks every checkpoint: its signature under the workspace's public key (from
 * workspace.json; without one, signatures are not checked), that it names an entry that exists with that hash,
 * and that the log is not shorter than the last checkpoint says.
 */
export function verifyAuditChain(db: Db, publicKeyBase64?: string | null): ChainVerdict {
  return verifyAuditChainFrom(db, publicKeyBase64, null).verdict;
}

/**
 * `verifyAuditChain` that can resume after a prefix this process verified earlier: it checks that the prefix's
 * last entry is still there with the same hash, then walks only the entries after it (checkpoint signatures and
 * truncation are checked in full every time). Falls back to a whole walk when the prefix no longer fits (entries
 * purged under retention, or the log changed underneath). Returns the new prefix when the chain is intact.
 */
export function verifyAuditChainFrom(
  db: Db,
  publicKeyBase64: string | null | undefined,
  from: VerifiedPrefix | null,
): { verdict: ChainVerdict; prefix: VerifiedPrefix | null } {
  if (from) {
    const row = db.prepare('SELECT hash FROM audit_log WHERE seq = ?').get(from.seq) as { hash: string } | undefined;
    if (row?.hash !== from.hash) from = null;
  }
  const checkpoints = listCheckpoints(db);
  const last = checkpoints.at(-1) ?? null;
  const summary = { checkpoints: checkpoints.length, lastCheckpoint: last && { seq: last.seq, ts: last.ts } };
  let expectedSeq = from ? from.seq + 1 : 1;
  let prevHash = from ? from.hash : GENESIS;
  let count = from ? from.entries : 0;
  const fresh = from === null;
  const checkpointed = new Set(checkpoints.map((c) => c.seq));
  const hashes = new Map<number, string>();
  if (from && checkpointed.has(from.seq)) hashes.set(from.seq, from.hash);
  const rows = db.prepare('SELECT * FROM audit_log WHERE seq >= ? ORDER BY seq').iterate(expectedSeq) as IterableIterator<AuditEntry>;
  for (const entry of rows) {
    if (fresh && count === 0 && entry.seq > 1) {
      // Entries before a signed checkpoint may have been purged under the retention policy; the checkpoint
      // then anchors the chain (its signature is checked below like every other).
      const anchor = checkpoints.find((c) => c.seq === entry.seq - 1);
      if (anchor) {
        expectedSeq = entry.seq;
        prevHash = anchor.hash;
        hashes.set(anchor.seq, anchor.hash);
      }
    }
    count += 1;
    const broken = (reason: string) => ({
      verdict: { ok: false, entries: count, firstBroken: entry.seq, reason, ...summary },
      prefix: null,
    });
    if (entry.seq !== expectedSeq) return broken(`entry #${expectedSeq} is missing (next entry is #${entry.seq})`);
    if (entry.prev_hash !== prevHash) return broken(`entry #${entry.seq} does not follow entry #${entry.seq - 1}`);
    if (expectedHash(entry) !== entry.hash) return broken(`entry #${entry.seq} was altered`);
    if (checkpointed.has(entry.seq)) hashes.set(entry.seq, entry.hash);
    prevHash = entry.hash;
    expectedSeq += 1;
  }
  const checkpointProblem = checkCheckpoints(checkpoints, hashes, expectedSeq - 1, publicKeyBase64);
  if (checkpointProblem) return { verdict: { ok: false, entries: count, ...checkpointProblem, ...summary }, prefix: null };
  return {
    verdict: { ok: true, entries: count, firstBroken: null, reason: null, ...summary },
    prefix: count > 0 ? { seq: expectedSeq - 1, hash: prevHash, entries: count } : null,
  };
}

function checkCheckpoints(
  checkpoints: readonly Checkpoint[],
  hashes: ReadonlyMap<number, string>,
  lastSeq: number,
  publicKeyBase64: string | null | undefined,
): { firstBroken: number; reason: string } | null {
  const key = publicKeyBase64 ? publicKeyFrom(publicKeyBase64) : null;
  for (const checkpoint of checkpoints) {
    if (key && !checkpointSignatureValid(checkpoint, key)) {
      return { firstBroken: checkpoint.seq, reason: `the checkpoint at entry #${checkpoint.seq} has an invalid signature` };
    }
    if (checkpoint.seq > lastSeq) {
      return {
        firstBroken: lastSeq + 1,
        reason: `the log was truncated: the checkpoint of ${checkpoint.ts} covers entries up to #${checkpoint.seq}, the log ends at #${lastSeq}`,
      };
    }
    // Checkpoints older than the oldest kept entry stand for purged entries; only their signature can be checked.
    if (hashes.has(checkpoint.seq) && hashes.get(checkpoint.seq) !== checkpoint.hash) {
      return { firstBroken: checkpoint.seq, reason: `entry #${checkpoint.seq} differs from the one its checkpoint signed` };
    }
  }
  return null;
}
