import { createHash } from 'node:crypto';

/**
 * Which cases get two blind reviews: a case is chosen when a hash of (seed, case id) falls below the configured
 * share, so the choice is deterministic, independent of queue order, and about `share` of all cases.
 */
export function needsDoubleReview(caseId: number, share: number, seed: number): boolean {
  if (share <= 0) return false;
  if (share >= 1) return true;
  const digest = createHash('sha256').update(`quarry-double-review:${seed}:${caseId}`).digest();
  return digest.readUInt32BE(0) / 2 ** 32 < share;
}

export function requiredReviews(caseId: number, share: number, seed: number): 1 | 2 {
  return needsDoubleReview(caseId, share, seed) ? 2 : 1;
}
