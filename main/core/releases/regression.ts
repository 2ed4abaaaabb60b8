import type { Signals } from '../ingest/interaction.js';
import { failureSignalsOf, SamplingPolicySchema, type FailureSignal } from '../sampling/index.js';
import type { ReleaseCaseKind } from './release-types.js';

/**
 * What makes an accepted case a regression: it carries a failure signal — thumbs down, regenerated, heavy edit,
 * escalated, schema failure or a low evaluator score — as the sampling module defines each trigger (with its
 * default thresholds). Low confidence is an uncertainty, not a failure, so it does not make a regression.
 */
export const REGRESSION_SIGNALS = [
  'thumbs_down',
  'regenerated',
  'heavy_edit',
  'escalated',
  'schema_failure',
  'low_evaluator_score',
] as const satisfies readonly FailureSignal[];

/** A sampling policy used only for its trigger definitions: every regression signal, default thresholds. */
const REGRESSION_TRIGGERS = SamplingPolicySchema.parse({ name: 'release-regressions', failureSignals: [...REGRESSION_SIGNALS] });

/** The regression signals a case shows. */
export function regressionSignalsOf(signals: Signals): FailureSignal[] {
  return failureSignalsOf(signals, REGRESSION_TRIGGERS);
}

export function releaseKindOf(signals: Signals): ReleaseCaseKind {
  return regressionSignalsOf(signals).length > 0 ? 'regression' : 'golden';
}
