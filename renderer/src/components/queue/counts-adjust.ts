/** The shape of `cases:counts` (kept structural so the unit tests can import this file on its own). */
interface Counts {
  total: number;
  byStatus: Record<string, number>;
  unassignedPending: number;
  reviewers: { reviewer: string; assigned: number; decided: number }[];
}

/**
 * The queue's counts after one case moved from one status to another, so the chips and the progress strip
 * answer at once; the store's own count replaces this shortly after (ReviewQueue's delayed refresh).
 */
export function withStatusChange(counts: Counts, from: string, to: string, assignee: string | null): Counts {
  if (from === to) return counts;
  const byStatus = { ...counts.byStatus, [from]: Math.max(0, (counts.byStatus[from] ?? 0) - 1), [to]: (counts.byStatus[to] ?? 0) + 1 };
  const wasDecided = from !== 'pending';
  const isDecided = to !== 'pending';
  const reviewers =
    assignee === null || wasDecided === isDecided
      ? counts.reviewers
      : counts.reviewers.map((r) => (r.reviewer === assignee ? { ...r, decided: r.decided + (isDecided ? 1 : -1) } : r));
  const unassignedPending = assignee === null && wasDecided !== isDecided ? counts.unassignedPending + (isDecided ? -1 : 1) : counts.unassignedPending;
  return { ...counts, byStatus, reviewers, unassignedPending };
}
