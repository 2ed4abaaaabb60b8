import { existsSync, readFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { z } from 'zod';
import { QuarryError } from '../errors.js';
import { writeFileAtomic } from '../store/workspace.js';

/**
 * Failed sign-ins: rate limit and record. The audit log lives inside the encrypted database, which a failed
 * sign-in cannot open, so failures go to a small unencrypted file beside it (sign-in-failures.json: account
 * name as typed, time, workstation; never a passphrase) and are moved into the audit log at the next successful
 * unlock. The file also carries each name's failure count, so quitting the app does not reset the back-off:
 * after FREE_ATTEMPTS failures, each further attempt waits 2^(failures - FREE_ATTEMPTS + 1) seconds (capped).
 * Someone who can edit files in the workspace folder can reset the count; they could equally copy
 * workspace.json and guess offline, which only a strong passphrase (scrypt) defends against.
 */
export const FREE_ATTEMPTS = 3;
const MAX_DELAY_S = 15 * 60;
const FILE = 'sign-in-failures.json';
/** Keeps the file small whatever happens before the next successful unlock. */
const MAX_PENDING = 500;

const Failure = z.object({ account: z.string(), at: z.string(), workstation: z.string(), reason: z.enum(['wrong-passphrase', 'throttled']) });
export type SignInFailure = z.infer<typeof Failure>;
const FailureFile = z.object({
  counts: z.record(z.string(), z.object({ failures: z.number().int().nonnegative(), last: z.string() })),
  pending: z.array(Failure),
});
type FailureFile = z.infer<typeof FailureFile>;

function read(dir: string): FailureFile {
  const file = join(dir, FILE);
  if (!existsSync(file)) return { counts: {}, pending: [] };
  try {
    return FailureFile.parse(JSON.parse(readFileSync(file, 'utf8')));
  } catch {
    // A damaged file must not lock everyone out; start counting again and note it in the next audit batch.
    return { counts: {}, pending: [{ account: '(sign-in-failures.json unreadable)', at: new Date().toISOString(), workstation: hostname(), reason: 'throttled' }] };
  }
}

function write(dir: string, data: FailureFile): void {
  writeFileAtomic(join(dir, FILE), `${JSON.stringify({ counts: data.counts, pending: data.pending.slice(-MAX_PENDING) })}\n`);
}

const key = (account: string) => account.trim().toLowerCase() || '(workspace)';

/** Seconds to wait after `failures` failures in a row. */
export function backoffSeconds(failures: number): number {
  return failures < FREE_ATTEMPTS ? 0 : Math.min(MAX_DELAY_S, 2 ** (failures - FREE_ATTEMPTS + 1));
}

/** Throws `rate-limited` (and records the attempt) while the account is in its back-off window. */
export function checkSignInAllowed(dir: string, account: string, label = account, now = new Date()): void {
  const data = read(dir);
  const count = data.counts[key(account)];
  if (!count) return;
  const waitUntil = Date.parse(count.last) + backoffSeconds(count.failures) * 1000;
  if (now.getTime() >= waitUntil) return;
  data.pending.push({ account: label.trim().slice(0, 80), at: now.toISOString(), workstation: hostname(), reason: 'throttled' });
  write(dir, data);
  const seconds = Math.ceil((waitUntil - now.getTime()) / 1000);
  throw new QuarryError('rate-limited', `Too many failed sign-ins for this account. Wait ${seconds} s, then try again.`);
}

/**
 * Counts a failure against `account` (empty for a single-user workspace, which is counted as a whole);
 * `label` is the name the audit log will show, e.g. the reviewer name typed at a single-user unlock.
 */
export function recordSignInFailure(dir: string, account: string, label = account, now = new Date()): void {
  const data = read(dir);
  const k = key(account);
  data.counts[k] = { failures: (data.counts[k]?.failures ?? 0) + 1, last: now.toISOString() };
  data.pending.push({ account: label.trim().slice(0, 80), at: now.toISOString(), workstation: hostname(), reason: 'wrong-passphrase' });
  write(dir, data);
}

/** Failures not yet in the audit log, oldest first. */
export function pendingSignInFailures(dir: string): SignInFailure[] {
  return existsSync(join(dir, FILE)) ? read(dir).pending : [];
}

/**
 * After a successful unlock, once the caller has appended the first `recorded` pending failures to the audit
 * log: drops them from the file and resets the account's count.
 */
export function settleSignInFailures(dir: string, account: string, recorded: number): void {
  if (!existsSync(join(dir, FILE))) return;
  const data = read(dir);
  delete data.counts[key(account)];
  write(dir, { counts: data.counts, pending: data.pending.slice(recorded) });
}
