import { createHash } from 'node:crypto';
import type { ReleaseCase } from './release-types.js';

/**
 * Content hashes of a release. A case's hash is the sha256 of the canonical JSON of its frozen record (keys sorted
 * at every level, no whitespace) without the `sha256` field itself; the release's content hash is the sha256 of
 * its `case_id sha256` lines (one per case, `\n`-terminated, in case id order). Same content, same hash.
 */

/** JSON with object keys sorted at every level; `undefined` members are left out as JSON.stringify does. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) => {
    if (v === null || typeof v !== 'object' || Array.isArray(v)) return v;
    const sorted: Record<string, unknown> = {};
    for (const key of Object.keys(v).sort()) sorted[key] = (v as Record<string, unknown>)[key];
    return sorted;
  });
}

export function sha256Hex(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

/** The hash a frozen case carries: over the record without its own `sha256` field. */
export function caseSha256(record: Omit<ReleaseCase, 'sha256'> & { sha256?: string }): string {
  const { sha256: _ignored, ...rest } = record;
  return sha256Hex(canonicalJson(rest));
}

/** One value naming a release's content: over the per-case hashes in case id order. */
export function contentSha256(hashes: readonly { case_id: number; sha256: string }[]): string {
  return sha256Hex(hashes.map((h) => `${h.case_id} ${h.sha256}\n`).join(''));
}
