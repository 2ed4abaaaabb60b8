/**
 * The sampling form's state and its translation to the policy object main validates. Numbers are edited as text;
 * a field that is not a number gets its message here, everything else is judged by the policy schema in main.
 */
import type { Output } from '../../../../preload/api.js';

export type SavedPolicy = Output<'sampling:policies'>['policies'][number];
export type PolicyDto = SavedPolicy['policy'];

export interface PolicyFormState {
  name: string;
  failureSignals: string[];
  strataFields: string[];
  minPerStratum: string;
  maxPerStratum: string;
  baseRate: string;
  uncertaintyBoost: string;
  budget: string;
  onePerCluster: boolean;
  seed: string;
  /** Settings the form does not edit (thresholds, statuses, description), kept as loaded. */
  kept: Pick<PolicyDto, 'thresholds' | 'statuses' | 'description'>;
}

/** Field path → message, from the form's own checks and the policy schema's. */
export type FormIssues = Record<string, string>;

export const EMPTY_FORM: PolicyFormState = {
  name: 'weekly-review',
  failureSignals: ['thumbs_down', 'regenerated', 'escalated'],
  strataFields: [],
  minPerStratum: '',
  maxPerStratum: '',
  baseRate: '0.05',
  uncertaintyBoost: '0',
  budget: '',
  onePerCluster: false,
  seed: '1',
  kept: { thresholds: { heavyEditChars: 50, lowScore: 0.5, lowConfidence: 0.5 } },
};

export function formFromPolicy(policy: PolicyDto): PolicyFormState {
  const text = (n: number | undefined) => (n === undefined ? '' : String(n));
  return {
    name: policy.name,
    failureSignals: [...policy.failureSignals],
    strataFields: [...(policy.strata?.fields ?? [])],
    minPerStratum: text(policy.strata?.minPerStratum),
    maxPerStratum: text(policy.strata?.maxPerStratum),
    baseRate: String(policy.baseRate),
    uncertaintyBoost: String(policy.uncertaintyBoost),
    budget: text(policy.budget),
    onePerCluster: policy.onePerCluster === true,
    seed: String(policy.seed),
    kept: { thresholds: policy.thresholds, statuses: policy.statuses, description: policy.description },
  };
}

/** The policy object to send, and the fields whose text is not a number. */
export function policyFromForm(form: PolicyFormState): { policy: Record<string, unknown>; issues: FormIssues } {
  const issues: FormIssues = {};
  const num = (path: string, text: string): number | undefined => {
    const trimmed = text.trim();
    if (trimmed === '') return undefined;
    const value = Number(trimmed);
    if (!Number.isFinite(value)) {
      issues[path] = 'Enter a number.';
      return undefined;
    }
    return value;
  };
  const policy: Record<string, unknown> = {
    name: form.name,
    failureSignals: form.failureSignals,
    thresholds: form.kept.thresholds,
    baseRate: num('baseRate', form.baseRate) ?? 0,
    uncertaintyBoost: num('uncertaintyBoost', form.uncertaintyBoost) ?? 0,
    onePerCluster: form.onePerCluster,
    seed: num('seed', form.seed) ?? 0,
  };
  if (form.kept.description !== undefined) policy.description = form.kept.description;
  if (form.kept.statuses !== undefined) policy.statuses = form.kept.statuses;
  const budget = num('budget', form.budget);
  if (budget !== undefined) policy.budget = budget;
  const min = num('strata.minPerStratum', form.minPerStratum);
  const max = num('strata.maxPerStratum', form.maxPerStratum);
  if (form.strataFields.length > 0) {
    policy.strata = { fields: form.strataFields, minPerStratum: min, maxPerStratum: max };
  } else if (min !== undefined || max !== undefined) {
    issues['strata.fields'] = 'Choose at least one slice to stratify by, or clear the minimum and cap.';
  }
  return { policy, issues };
}

export function issuesByPath(list: readonly { path: string; message: string }[]): FormIssues {
  const out: FormIssues = {};
  for (const { path, message } of list) out[path || '(policy)'] ??= message;
  return out;
}

/** Human names for the policy's failure signals and slice fields. */
export const SIGNAL_LABELS: Record<string, string> = {
  thumbs_down: 'Thumbs down',
  regenerated: 'Regenerated',
  heavy_edit: 'Heavy user edit',
  escalated: 'Escalated to a human',
  schema_failure: 'Schema / parse failure',
  low_evaluator_score: 'Low evaluator score',
  low_confidence: 'Low confidence',
};

export const SLICE_LABELS: Record<string, string> = {
  tier: 'Tier',
  intent: 'Intent',
  language: 'Language',
  model: 'Model',
  product_area: 'Product area',
};

export const REASON_LABELS: Record<string, string> = {
  ...SIGNAL_LABELS,
  stratum_minimum: 'Stratum minimum',
  base_rate: 'Base rate',
};
