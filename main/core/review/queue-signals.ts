import type { FailureSignal } from '../sampling/policy.js';

/**
 * The failure signals the queue filters on, as bits of `case_queue.signal_mask` (migration 007 computes them with
 * the sampling policy's default thresholds). Same names as the sampling policy, so "the signals that put a case
 * in the queue" read the same in a mining run's reasons and in the queue's filter. The bits are fixed here, not
 * derived from the policy's list order: they are stored.
 */
export const SIGNAL_BIT = {
  thumbs_down: 1,
  regenerated: 2,
  heavy_edit: 4,
  escalated: 8,
  schema_failure: 16,
  low_evaluator_score: 32,
  low_confidence: 64,
} as const satisfies Record<FailureSignal, number>;

export type QueueSignal = keyof typeof SIGNAL_BIT;
export const QUEUE_SIGNALS = Object.keys(SIGNAL_BIT) as QueueSignal[];

/** The signals a `signal_mask` holds. */
export function signalsOfMask(mask: number): QueueSignal[] {
  return QUEUE_SIGNALS.filter((name) => (mask & SIGNAL_BIT[name]) !== 0);
}
