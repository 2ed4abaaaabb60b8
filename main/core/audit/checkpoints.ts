import { createPrivateKey, createPublicKey, generateKeyPairSync, sign, verify, type KeyObject } from 'node:crypto';
import type { Db } from '../store/database.js';

/**
 * Signed checkpoints of the audit chain. The workspace's Ed25519 key pair is made when the workspace is
 * created: the private key lives inside the encrypted database, the public key in workspace.json (outside the
 * database, so whoever rewrites the database cannot also swap the key the verifier trusts). A checkpoint signs
 * (seq, hash, time) of the chain's head; a log with fewer entries than its last checkpoint names was truncated.
 */
export interface Checkpoint {
  seq: number;
  hash: string;
  ts: string;
  signature: string;
}

const SIGNING_KEY = 'audit-signing-key';

/** The bytes a checkpoint signature covers. */
export function checkpointMessage(checkpoint: Omit<Checkpoint, 'signature'>): Buffer {
  return Buffer.from(`quarry-audit-checkpoint:1:${checkpoint.seq}:${checkpoint.hash}:${checkpoint.ts}`, 'utf8');
}

/** Makes the key pair, stores the private half in the database and returns the public half (base64 SPKI DER). */
export function createSigningKey(db: Db): string {
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  db.prepare(
    `INSERT INTO workspace_meta (key, value, created_at) VALUES (?, ?, ?)
     ON CONFLICT (key) DO UPDATE SET value = excluded.value`,
  ).run(SIGNING_KEY, privateKey.export({ format: 'der', type: 'pkcs8' }), new Date().toISOString());
  return publicKey.export({ format: 'der', type: 'spki' }).toString('base64');
}

function signingKey(db: Db): KeyObject | null {
  const der = db.prepare('SELECT value FROM workspace_meta WHERE key = ?').pluck().get(SIGNING_KEY) as Buffer | undefined;
  return der ? createPrivateKey({ key: der, format: 'der', type: 'pkcs8' }) : null;
}

export function hasSigningKey(db: Db): boolean {
  return signingKey(db) !== null;
}

/** Signs the chain's head, unless it is already checkpointed. Returns null when the log is empty or has no key. */
export function writeCheckpoint(db: Db): Checkpoint | null {
  const key = signingKey(db);
  if (!key) return null;
  const head = db.prepare('SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1').get() as { seq: number; hash: string } | undefined;
  if (!head) return null;
  const existing = db.prepare('SELECT * FROM audit_checkpoints WHERE seq = ?').get(head.seq) as Checkpoint | undefined;
  if (existing) return existing;
  const draft = { seq: head.seq, hash: head.hash, ts: new Date().toISOString() };
  const checkpoint = { ...draft, signature: sign(null, checkpointMessage(draft), key).toString('base64') };
  db.prepare('INSERT INTO audit_checkpoints (seq, hash, ts, signature) VALUES (@seq, @hash, @ts, @signature)').run(checkpoint);
  return checkpoint;
}

export function listCheckpoints(db: Db): Checkpoint[] {
  return db.prepare('SELECT seq, hash, ts, signature FROM audit_checkpoints ORDER BY seq').all() as Checkpoint[];
}

export function publicKeyFrom(base64Spki: string): KeyObject {
  return createPublicKey({ key: Buffer.from(base64Spki, 'base64'), format: 'der', type: 'spki' });
}

export function checkpointSignatureValid(checkpoint: Checkpoint, publicKey: KeyObject): boolean {
  try {
    return verify(null, checkpointMessage(checkpoint), publicKey, Buffer.from(checkpoint.signature, 'base64'));
  } catch {
    return false;
  }
}
