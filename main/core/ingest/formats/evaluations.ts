import type { Evaluation, Signals } from '../interaction.js';

/** Evaluation names that carry an end user's feedback rather than a judge's score. */
const USER_FEEDBACK = /^(user[-_ ]?)?(feedback|thumbs?)$/i;
const POSITIVE = /^(up|thumbs?[-_ ]?up|positive|good|like|helpful|true|yes|\+1)$/i;
const NEGATIVE = /^(down|thumbs?[-_ ]?down|negative|bad|dislike|unhelpful|false|no|-1)$/i;

function verdict(evaluation: Evaluation): 'up' | 'down' | undefined {
  if (evaluation.label !== undefined) {
    if (POSITIVE.test(evaluation.label)) return 'up';
    if (NEGATIVE.test(evaluation.label)) return 'down';
  }
  if (evaluation.score === 1) return 'up';
  if (evaluation.score === 0 || evaluation.score === -1) return 'down';
  return undefined;
}

/**
 * Adds evaluator scores to the signals. A score that is plainly user feedback (named `feedback`, `thumbs`,
 * `user_feedback`… with a 1 / 0 / -1 value or an up/down label) also sets `thumbs`, the signal sampling keys on;
 * when several disagree, the last one read wins.
 */
export function withEvaluations(signals: Signals, evaluations: readonly Evaluation[]): Signals {
  if (evaluations.length === 0) return signals;
  let thumbs = signals.thumbs;
  for (const evaluation of evaluations) {
    if (USER_FEEDBACK.test(evaluation.name)) thumbs = verdict(evaluation) ?? thumbs;
  }
  return { ...signals, ...(thumbs ? { thumbs } : {}), evaluations: [...(signals.evaluations ?? []), ...evaluations] };
}
