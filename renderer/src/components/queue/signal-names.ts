import type { QueueSignal } from '../../../../preload/api';

/** The queue's failure signals in words, for the filter bar and the case view. */
export const SIGNAL_NAMES: Record<QueueSignal, string> = {
  thumbs_down: 'Thumbs down',
  regenerated: 'Regenerated',
  heavy_edit: 'Heavy user edit',
  escalated: 'Escalated',
  schema_failure: 'Schema failure',
  low_evaluator_score: 'Low evaluator score',
  low_confidence: 'Low confidence',
};
