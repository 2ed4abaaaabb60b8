/**
 * The sampling screen's channels: saved policies, save, live preview, run, and past mining runs. A policy
 * travels as the form's plain object and is validated in main by the core schema; an invalid one comes back as
 * `{ ok: false, issues }` naming each field, so the form can show the message beside it. Ids and counts only.
 */
import { z } from 'zod';

const Count = z.number().int().min(0);
const PhaseCounts = z.object({ failure_signal: Count, stratum_minimum: Count, base_rate: Count });

/** The form's policy object, checked field by field in main (main/core/sampling/policy.ts). */
export const SamplingPolicyForm = z.record(z.string(), z.unknown());

export const SamplingPolicyIssue = z.object({ path: z.string(), message: z.string() });
const Invalid = z.object({ ok: z.literal(false), issues: z.array(SamplingPolicyIssue).min(1) });

/** A saved policy as the form edits it: every default filled in. */
export const SamplingPolicyDto = z.object({
  name: z.string(),
  description: z.string().optional(),
  statuses: z.array(z.enum(['pending', 'accepted', 'rejected'])).optional(),
  failureSignals: z.array(z.string()),
  thresholds: z.object({ heavyEditChars: z.number(), lowScore: z.number(), lowConfidence: z.number() }),
  strata: z
    .object({ fields: z.array(z.string()), minPerStratum: Count.optional(), maxPerStratum: Count.optional() })
    .optional(),
  baseRate: z.number(),
  uncertaintyBoost: z.number(),
  budget: Count.optional(),
  onePerCluster: z.boolean().optional(),
  seed: Count,
});
export type SamplingPolicyDto = z.infer<typeof SamplingPolicyDto>;

export const SavedSamplingPolicy = z.object({
  name: z.string(),
  version: z.number().int().min(1),
  versions: z.number().int().min(1),
  createdAt: z.string(),
  createdBy: z.string(),
  policy: SamplingPolicyDto,
});
export type SavedSamplingPolicy = z.infer<typeof SavedSamplingPolicy>;

export const SamplingCut = z.object({
  budget: Count.nullable(),
  byBudget: PhaseCounts,
  byMaxPerStratum: Count,
  byCluster: Count,
});

export const SamplingPreviewDto = z.object({
  policyName: z.string(),
  seed: Count,
  candidates: Count,
  picked: Count,
  byPhase: PhaseCounts,
  triggers: z.array(z.object({ signal: z.string(), candidates: Count, picked: Count })),
  strata: z.array(z.object({ stratum: z.string(), candidates: Count, failing: Count, picked: Count, byPhase: PhaseCounts })),
  baseRate: z.object({ rate: z.number(), eligible: Count, expected: Count, picked: Count }),
  clusters: z.object({ onePerCluster: z.boolean(), amongCandidates: Count }),
  cut: SamplingCut,
});
export type SamplingPreviewDto = z.infer<typeof SamplingPreviewDto>;

export const SamplingRunDto = z.object({
  id: z.number().int().positive(),
  createdAt: z.string(),
  policyName: z.string(),
  policyVersion: z.number().int().min(1),
  seed: Count,
  candidates: Count.nullable(),
  picked: Count,
  byReason: z.record(z.string(), Count),
});
export type SamplingRunDto = z.infer<typeof SamplingRunDto>;

const PolicyInput = z.object({ policy: SamplingPolicyForm }).strict();

export const samplingChannels = {
  /** Saved policies (latest version of each name) and the choices the form offers. */
  'sampling:policies': {
    input: z.object({}).strict(),
    output: z.object({
      policies: z.array(SavedSamplingPolicy),
      failureSignals: z.array(z.string()),
      sliceFields: z.array(z.string()),
    }),
  },
  'sampling:savePolicy': {
    input: PolicyInput,
    output: z.discriminatedUnion('ok', [
      z.object({ ok: z.literal(true), name: z.string(), version: z.number().int().min(1), created: z.boolean() }),
      Invalid,
    ]),
  },
  /** What a run would pick, without recording anything. */
  'sampling:preview': {
    input: PolicyInput,
    output: z.discriminatedUnion('ok', [z.object({ ok: z.literal(true), preview: SamplingPreviewDto }), Invalid]),
  },
  /** Saves the policy (a new version if changed), draws the sample and records the mining run. */
  'sampling:run': {
    input: PolicyInput,
    output: z.discriminatedUnion('ok', [z.object({ ok: z.literal(true), run: SamplingRunDto, cut: SamplingCut }), Invalid]),
  },
  'sampling:runs': {
    input: z.object({ limit: z.number().int().min(1).max(1000).optional() }).strict(),
    output: z.array(SamplingRunDto),
  },
} as const;
