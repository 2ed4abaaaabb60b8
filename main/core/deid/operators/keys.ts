import { createHmac, randomBytes } from 'node:crypto';
import { QuarryError } from '../../errors.js';
import type { Db } from '../../store/database.js';
import type { PiiLabel } from '../types.js';
import { normalizeValue } from './placeholder.js';

const SECRET_KEY = 'operator-secret';
const SECRET_BYTES = 32;

/**
 * Keys derived from the workspace secret, one per use, so that an exported HMAC token can never be compared with
 * a surrogate-vault key or a date offset computed from the same secret.
 */
export interface OperatorKeys {
  /** Keys `vault_surrogates` rows. */
  readonly surrogate: Buffer;
  /** The `hmac` operator's exported tokens. */
  readonly token: Buffer;
  /** Per-case date offsets. */
  readonly dateShift: Buffer;
}

/** The workspace's 32-byte operator secret, created on first use inside the encrypted database. */
export function workspaceSecret(db: Db): Buffer {
  // INSERT OR IGNORE: two exports starting at once must end up with the one secret that was stored first.
  db.prepare('INSERT OR IGNORE INTO workspace_meta (key, value, created_at) VALUES (?, ?, ?)').run(
    SECRET_KEY,
    randomBytes(SECRET_BYTES),
    new Date().toISOString(),
  );
  const secret = db.prepare('SELECT value FROM workspace_meta WHERE key = ?').pluck().get(SECRET_KEY) as Buffer;
  if (!Buffer.isBuffer(secret) || secret.length !== SECRET_BYTES) {
    throw new QuarryError(
      'workspace-secret-damaged',
      "This workspace's export secret is damaged, so surrogates, HMAC tokens and date shifts cannot be computed. " +
        'Restore the workspace from a backup, or export with the "placeholder" profile.',
    );
  }
  return secret;
}

export function deriveOperatorKeys(secret: Buffer): OperatorKeys {
  const derive = (purpose: string): Buffer => createHmac('sha256', secret).update(`quarry/operators/${purpose}`).digest();
  return { surrogate: derive('surrogate-vault'), token: derive('hmac-token'), dateShift: derive('date-shift') };
}

export function operatorKeys(db: Db): OperatorKeys {
  return deriveOperatorKeys(workspaceSecret(db));
}

/** Labels whose values are the same thing whatever the separators: "ES91 2100…" and "es9121 00…" are one IBAN. */
const SEPARATOR_FREE: ReadonlySet<PiiLabel> = new Set(['PHONE', 'SSN', 'CREDIT_CARD', 'IBAN', 'ID']);

/**
 * The form of a value that decides "same value" for workspace-wide operators: the per-case placeholder
 * normalisation, and for number-like labels letters and digits only.
 */
export function normalizeForLabel(label: PiiLabel, value: string): string {
  const normalized = normalizeValue(value);
  return SEPARATOR_FREE.has(label) ? normalized.replace(/[^\p{L}\p{N}]/gu, '') : normalized;
}

export function hmacHex(key: Buffer, message: string): string {
  return createHmac('sha256', key).update(message, 'utf8').digest('hex');
}
