import { z } from 'zod';
import { QuarryError } from '../errors.js';
import type { Db } from '../store/database.js';

export const FAILURE_SIGNALS = [
  'thumbs_down',
  'regenerated',
  'heavy_edit',
  'escalated',
  'schema_failure',
  'low_evaluator_score',
  'low_confidence',
] as const;
export type FailureSignal = (typeof FAILURE_SIGNALS)[number];

export const SLICE_FIELDS = ['tier', 'intent', 'language', 'model', 'product_area'] as const;
export type SliceField = (typeof SLICE_FIELDS)[number];

const MAX_SEED = 0xffffffff;

/**
 * A sampling policy: which cases to draw from the workspace for an eval set. Unknown keys are errors, so a typo
 * never silently changes the sample. Parsed output has every default filled in and a canonical key order, so
 * two equivalent files serialise identically (which is how versioning decides "unchanged").
 */
export const SamplingPolicySchema = z
  .object({
    name: z.string().trim().min(1).max(100),
    description: z.string().max(1000).optional(),
    /** Only cases in these review states are candidates (default: all). */
    statuses: z
      .array(z.enum(['pending', 'accepted', 'rejected']))
      .min(1)
      .transform((s) => [...new Set(s)].sort())
      .optional(),
    /** Cases showing any of these are always taken (subject only to `budget`). */
    failureSignals: z
      .array(z.enum(FAILURE_SIGNALS))
      .default([])
      .transform((s) => [...new Set(s)].sort()),
    thresholds: z
      .object({
        /** `heavy_edit`: the user edited at least this many characters of the reply. */
        heavyEditChars: z.number().int().min(1).default(50),
        /** `low_evaluator_score`: any evaluation's score is below this. */
        lowScore: z.number().default(0.5),
        /** `low_confidence`: the confidence signal is below this. */
        lowConfidence: z.number().min(0).max(1).default(0.5),
      })
      .strict()
      .default({ heavyEditChars: 50, lowScore: 0.5, lowConfidence: 0.5 }),
    strata: z
      .object({
        /** Slice fields whose combined values define a stratum; a missing value is its own stratum `(none)`. */
        fields: z
          .array(z.enum(SLICE_FIELDS))
          .min(1)
          .refine((f) => new Set(f).size === f.length, 'fields must not repeat'),
        /** Take at least this many non-failure cases per stratum, if it has them. */
        minPerStratum: z.number().int().min(0).optional(),
        /** At most this many picks per stratum; failure-signal cases count towards it but are never dropped by it. */
        maxPerStratum: z.number().int().min(1).optional(),
      })
      .strict()
      .refine((s) => s.minPerStratum === undefined || s.maxPerStratum === undefined || s.minPerStratum <= s.maxPerStratum, {
        message: 'minPerStratum must not exceed maxPerStratum',
        path: ['minPerStratum'],
      })
      .optional(),
    /** Share (0..1) of the remaining cases drawn uniformly (weighted by `uncertaintyBoost`), for an unbiased read. */
    baseRate: z.number().min(0).max(1).default(0),
    /** Base-draw weight = 1 + boost × (1 − confidence); cases without a confidence signal weigh 1. */
    uncertaintyBoost: z.number().min(0).max(1000).default(0),
    /** Total cap: failure-signal cases first, then stratum minimums, then the base draw. */
    budget: z.number().int().min(1).optional(),
    /**
     * At most one case per near-duplicate cluster (main/core/enrich), in every phase. Absent when false, so
     * policies saved before the option existed keep their canonical text and version.
     */
    onePerCluster: z
      .boolean()
      .optional()
      .transform((v) => (v ? true : undefined)),
    seed: z.number().int().min(0).max(MAX_SEED).default(0),
  })
  .strict();

export type SamplingPolicyInput = z.input<typeof SamplingPolicySchema>;
export type SamplingPolicy = z.output<typeof SamplingPolicySchema>;

function describeIssue(issue: z.core.$ZodIssue): string {
  const path = issue.path.map(String).join('.');
  const keys = issue.code === 'unrecognized_keys' ? issue.keys : [];
  if (keys.length > 0) {
    const at = path ? `${path}.` : '';
    return `${keys.map((k) => at + k).join(', ')}: unknown field`;
  }
  return `${path || '(policy)'}: ${issue.message}`;
}

/** Validates a parsed JSON value; a QuarryError names every offending field (never echoes values). */
export function parseSamplingPolicy(value: unknown): SamplingPolicy {
  const result = SamplingPolicySchema.safeParse(value);
  if (result.success) return result.data;
  const problems = result.error.issues.map(describeIssue);
  throw new QuarryError('sampling-policy-invalid', `Invalid sampling policy: ${problems.join('; ')}.`);
}

export interface PolicyIssue {
  /** Dotted field path, e.g. `strata.minPerStratum`; empty for the policy as a whole. */
  path: string;
  message: string;
}

/** Validates without throwing, for forms: the policy, or every problem with the field it belongs to. */
export function checkSamplingPolicy(value: unknown): { policy: SamplingPolicy; issues: [] } | { policy: null; issues: PolicyIssue[] } {
  const result = SamplingPolicySchema.safeParse(value);
  if (result.success) return { policy: result.data, issues: [] };
  return {
    policy: null,
    issues: result.error.issues.map((issue) => {
      const keys = issue.code === 'unrecognized_keys' ? issue.keys : [];
      const path = issue.path.map(String).join('.');
      return keys.length > 0
        ? { path: path ? `${path}.${keys[0]}` : (keys[0] as string), message: 'unknown field' }
        : { path, message: issue.message };
    }),
  };
}

/** Parses policy JSON text; `source` (a file name) is only used in the error message. */
export function parseSamplingPolicyText(text: string, source = 'the policy'): SamplingPolicy {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new QuarryError('sampling-policy-invalid', `${source} is not valid JSON (${(error as Error).message}).`);
  }
  return parseSamplingPolicy(value);
}

export interface SavedPolicy {
  name: string;
  version: number;
  policy: SamplingPolicy;
  /** False when an identical latest version already existed. */
  created: boolean;
}

/** Canonical text of a parsed policy: zod output follows the schema's key order and fills every default. */
export function canonicalPolicyJson(policy: SamplingPolicy): string {
  return JSON.stringify(policy);
}

/** Saves the policy under its name: unchanged from the latest version → that version; changed → version n+1. */
export function saveSamplingPolicy(db: Db, policy: SamplingPolicy, createdBy: string): SavedPolicy {
  const json = canonicalPolicyJson(policy);
  return db.transaction((): SavedPolicy => {
    const latest = db
      .prepare('SELECT version, json FROM sampling_policies WHERE name = ? ORDER BY version DESC LIMIT 1')
      .get(policy.name) as { version: number; json: string } | undefined;
    if (latest && latest.json === json) return { name: policy.name, version: latest.version, policy, created: false };
    const version = (latest?.version ?? 0) + 1;
    db.prepare('INSERT INTO sampling_policies (name, version, json, created_by, created_at) VALUES (?, ?, ?, ?, ?)').run(
      policy.name,
      version,
      json,
      createdBy,
      new Date().toISOString(),
    );
    return { name: policy.name, version, policy, created: true };
  })();
}

export function loadSamplingPolicy(db: Db, name: string, version?: number): SavedPolicy | null {
  const row = (
    version === undefined
      ? db.prepare('SELECT version, json FROM sampling_policies WHERE name = ? ORDER BY version DESC LIMIT 1').get(name)
      : db.prepare('SELECT version, json FROM sampling_policies WHERE name = ? AND version = ?').get(name, version)
  ) as { version: number; json: string } | undefined;
  if (!row) return null;
  return { name, version: row.version, policy: parseSamplingPolicy(JSON.parse(row.json)), created: false };
}
