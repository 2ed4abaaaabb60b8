import { expectedHash, GENESIS, linkHash } from './chain-hash.js';
import { checkpointSignatureValid, publicKeyFrom } from './checkpoints.js';
import { readAuditExport } from './export-file.js';
import { keyFingerprint, type ExportHeader } from './export-records.js';

/**
 * Verifies an audit export with nothing but the file: every entry's hash is recomputed, every link follows
 * the one before, every checkpoint's signature is checked with the public key the file carries, and the file
 * must end at a signed checkpoint. The key fingerprint is reported so a reader can compare it with the
 * workspace's (`quarry audit key`); a file re-signed with another key verifies, but under a different print.
 */
export interface ExportVerdict {
  ok: boolean;
  format: string;
  /** Chain positions walked (entries and links). */
  walked: number;
  /** Entries in the filter, shown in full. */
  entries: number;
  checkpoints: number;
  keyFingerprint: string | null;
  firstBroken: number | null;
  reason: string | null;
}

export function verifyAuditExport(file: string): ExportVerdict {
  const { format, records, problems } = readAuditExport(file);
  const verdict: ExportVerdict = { ok: false, format, walked: 0, entries: 0, checkpoints: 0, keyFingerprint: null, firstBroken: null, reason: null };
  const fail = (seq: number | null, reason: string): ExportVerdict => ({ ...verdict, firstBroken: seq, reason });
  const header = records[0];
  if (header?.type !== 'header') return fail(null, 'the file does not start with its export header');
  const publicKey = (header as ExportHeader).publicKey;
  let key;
  try {
    key = publicKeyFrom(publicKey);
  } catch {
    return fail(null, 'the header carries no usable public key');
  }
  verdict.keyFingerprint = keyFingerprint(publicKey);
  if (problems.length) return fail(Number(/#(\d+)/.exec(problems[0]!)?.[1] ?? NaN) || null, problems[0]!);

  let prev: string | null = null;
  let seq = 0;
  let lastSigned = -1;
  const walkedHashes = new Map<number, string>();
  for (const record of records.slice(1)) {
    if (record.type === 'header') return fail(null, 'the file has a second header');
    if (record.type === 'checkpoint') {
      verdict.checkpoints += 1;
      if (!checkpointSignatureValid(record, key)) return fail(record.seq, `the checkpoint at entry #${record.seq} has an invalid signature`);
      if (prev === null) {
        // The anchor: the chain continues from the hash it signed.
        prev = record.hash;
        seq = record.seq;
      } else if (record.seq > seq) {
        return fail(seq + 1, `the file was truncated: a checkpoint covers entries up to #${record.seq}, the chain ends at #${seq}`);
      } else if (walkedHashes.get(record.seq) !== record.hash) {
        return fail(record.seq, `entry #${record.seq} differs from the one its checkpoint signed`);
      }
      lastSigned = Math.max(lastSigned, record.seq);
      continue;
    }
    if (prev === null) prev = GENESIS;
    if (record.seq !== seq + 1) {
      return record.seq > seq + 1
        ? fail(seq + 1, `entry #${seq + 1} is missing (next is #${record.seq})`)
        : fail(record.seq, `entry #${record.seq} is out of order (after #${seq})`);
    }
    if (record.type === 'entry') {
      if (record.prev_hash !== prev) return fail(record.seq, `entry #${record.seq} does not follow entry #${seq}`);
      if (expectedHash(record) !== record.hash) return fail(record.seq, `entry #${record.seq} was altered`);
      if (record.inFilter) verdict.entries += 1;
    } else if (linkHash(prev, record.content) !== record.hash) {
      return fail(record.seq, `the chain link at #${record.seq} was altered`);
    }
    verdict.walked += 1;
    walkedHashes.set(record.seq, record.hash);
    prev = record.hash;
    seq = record.seq;
  }
  if (lastSigned < seq) {
    return fail(lastSigned + 1, `entries after #${Math.max(lastSigned, 0)} are not covered by a signed checkpoint (the file was cut or extended)`);
  }
  return { ...verdict, ok: true };
}
