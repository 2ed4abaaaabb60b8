/**
 * The production dashboard's channels: signal rates, latency and cost over time windows; input and quality drift of
 * a current window against a baseline window; alerts with the cases behind them and a one-click mining run over
 * those cases; the golden set's slice mix against production's; and the alert thresholds. Time is when the
 * interaction happened (`occurred_at`, from the source's timestamp; the ingest time when the source had none).
 * Numbers, ids, slice values and bin edges only: no case text travels on these channels.
 */
import { z } from 'zod';
import { SamplingRunDto } from './sampling.js';

const Count = z.number().int().min(0);
const Share = z.number().min(0).max(1);
const Iso = z.iso.datetime({ offset: true });

/** Bucket size of the time series. Weeks start on Monday 00:00 UTC; days and hours are UTC. */
export const MonitorWindow = z.enum(['hour', 'day', 'week']);
export type MonitorWindow = z.infer<typeof MonitorWindow>;

/** The slice fields cases carry (main/core/sampling SLICE_FIELDS). */
export const MonitorSliceField = z.enum(['tier', 'intent', 'language', 'model', 'product_area']);
export type MonitorSliceField = z.infer<typeof MonitorSliceField>;

/** The signals whose rates the dashboard tracks, as the sampling module defines them (default thresholds). */
export const MonitorSignal = z.enum(['thumbs_down', 'regenerated', 'heavy_edit', 'escalated', 'schema_failure']);
export type MonitorSignal = z.infer<typeof MonitorSignal>;

/** A half-open time range [from, to). */
export const TimeRange = z.object({ from: Iso, to: Iso }).strict();
export type TimeRange = z.infer<typeof TimeRange>;

/** One slice: `value` null means cases without a value for the field (shown as "(none)"). */
export const SliceFilter = z.object({ field: MonitorSliceField, value: z.string().nullable() }).strict();
export type SliceFilter = z.infer<typeof SliceFilter>;

/** Where a value falls against the thresholds (PSI 0.1 / 0.25; JS distance 0.1 → major). */
export const DriftBand = z.enum(['ok', 'moderate', 'major']);
export type DriftBand = z.infer<typeof DriftBand>;

/** Alert thresholds, a workspace setting (admin edits). Defaults in line with Evidently and NannyML. */
export const MonitorThresholds = z
  .object({
    /** PSI at or above this is a moderate shift; at or above `psiMajor` a major one. */
    psiModerate: z.number().positive(),
    psiMajor: z.number().positive(),
    /** Jensen-Shannon distance (base 2) at or above this is a shift (of a mix: language, intent, slices, tokens). */
    jsDistance: z.number().positive().max(1),
    /** KS test p-value below this: evaluator scores differ (with a drop of at least `scoreDrop`). */
    ksPValue: z.number().positive().max(1),
    /** A signal rate alerts when it rose by at least this (absolute, 0.05 = 5 points) ... */
    rateIncrease: z.number().positive().max(1),
    /** ... and the two-proportion z-test p-value is below this. */
    ratePValue: z.number().positive().max(1),
    /** The mean evaluator score dropped by at least this (with KS p below `ksPValue`). */
    scoreDrop: z.number().positive(),
    /** Windows or slices with fewer cases than this (in either window) raise no alerts. */
    minCases: z.number().int().min(1),
  })
  .strict()
  .refine((t) => t.psiModerate < t.psiMajor, { message: 'psiModerate must be below psiMajor', path: ['psiModerate'] });
export type MonitorThresholds = z.infer<typeof MonitorThresholds>;

const Quantiles = z.object({ p50: z.number().nullable(), p95: z.number().nullable() });

/**
 * One window of one series. Rates are null in an empty window. Rates and counts are exact; p50/p95 come from hourly
 * rollups with 2 %-wide bins (within about 1 % of the exact value), exact when a slice filter is combined with a
 * grouping by another field.
 */
export const MonitorPoint = z.object({
  start: z.string(),
  end: z.string(),
  cases: Count,
  signals: z.record(MonitorSignal, z.object({ count: Count, rate: Share.nullable() })),
  /** Over the cases that report a latency / a cost; `n` how many did. */
  latencyMs: Quantiles.extend({ n: Count }),
  costUsd: Quantiles.extend({ n: Count, total: z.number() }),
});
export type MonitorPoint = z.infer<typeof MonitorPoint>;

export const MonitorSeries = z.object({
  /** `all`, or the slice value (`(none)` for cases without one). */
  key: z.string(),
  slice: SliceFilter.nullable(),
  cases: Count,
  points: z.array(MonitorPoint),
});
export type MonitorSeries = z.infer<typeof MonitorSeries>;

export const MonitorOverview = z.object({
  window: MonitorWindow,
  /** The whole windows covering the requested range (a range is widened to window bounds). */
  range: TimeRange,
  /** First and last `occurred_at` in the whole workspace (to offer a default range); null when it has no cases. */
  extent: z.object({ first: z.string().nullable(), last: z.string().nullable(), cases: Count }),
  signals: z.array(MonitorSignal),
  /** `all` (filtered by `slice` when given) first, then one series per value of `groupBy`, largest first. */
  series: z.array(MonitorSeries),
  /** Values of `groupBy` beyond `maxGroups`, folded out of the series (counted here). */
  otherGroups: z.object({ values: Count, cases: Count }),
});
export type MonitorOverview = z.infer<typeof MonitorOverview>;

/** A histogram bin or category of a drift metric, with both windows' counts. */
export const DriftBin = z.object({
  /** `[from, to)` for a numeric bin (null = open end), or the category value. */
  label: z.string(),
  from: z.number().nullable(),
  to: z.number().nullable(),
  baseline: Count,
  current: Count,
});

export const InputDriftMetric = z.object({
  metric: z.enum(['input_length', 'token_count', 'vocabulary', 'language_mix', 'intent_mix', 'tier_mix', 'model_mix', 'product_area_mix']),
  label: z.string(),
  kind: z.enum(['numeric', 'categorical']),
  psi: z.number().nullable(),
  psiBand: DriftBand.nullable(),
  jsDistance: z.number().nullable(),
  jsBand: DriftBand.nullable(),
  /** Numeric metrics only. */
  ks: z.object({ statistic: z.number(), pValue: z.number() }).nullable(),
  /** The worse of the PSI and JS bands; null when either window is empty. */
  band: DriftBand.nullable(),
  /** For `vocabulary`: the hashed token groups whose share moved most, labelled by group number (no word). */
  bins: z.array(DriftBin),
  /**
   * `vocabulary` only: the distribution of hashed word tokens of each window's sample. `jsDistance` is net of the
   * distance expected by chance between samples of these sizes (`noiseJsDistance`); `rawJsDistance` is the plain one.
   * It is banded only when the divergence is at least `minNoiseZ` standard deviations of chance above chance.
   */
  vocabulary: z
    .object({
      buckets: Count,
      baselineCases: Count,
      currentCases: Count,
      baselineTokens: Count,
      currentTokens: Count,
      rawJsDistance: z.number().nullable(),
      noiseJsDistance: z.number().nullable(),
      /** How many standard deviations of chance the divergence lies above chance; a shift needs `minNoiseZ`. */
      noiseZ: z.number().nullable(),
      minNoiseZ: z.number(),
    })
    .optional(),
});
export type InputDriftMetric = z.infer<typeof InputDriftMetric>;

export const QualityDriftMetric = z.object({
  metric: z.enum(['thumbs_down', 'regenerated', 'heavy_edit', 'escalated', 'schema_failure', 'evaluator_score']),
  label: z.string(),
  kind: z.enum(['rate', 'score']),
  /** Rate (share of cases) or mean score; null when the window has none. */
  baseline: z.number().nullable(),
  current: z.number().nullable(),
  /** current − baseline. */
  difference: z.number().nullable(),
  baselineN: Count,
  currentN: Count,
  /** Two-proportion z-test for rates; two-sample KS for scores. */
  test: z.object({ name: z.enum(['two-proportion-z', 'ks']), statistic: z.number(), pValue: z.number() }).nullable(),
  /** Crosses its threshold (rate rose / score dropped significantly). */
  crossed: z.boolean(),
});
export type QualityDriftMetric = z.infer<typeof QualityDriftMetric>;

const WindowCount = TimeRange.extend({ cases: Count });

export const MonitorDrift = z.object({
  current: WindowCount,
  baseline: WindowCount,
  slice: SliceFilter.nullable(),
  input: z.array(InputDriftMetric),
  quality: z.array(QualityDriftMetric),
  thresholds: MonitorThresholds,
  /** Plain notes on what limits the figures (e.g. an empty window); no case text. */
  notes: z.array(z.string()),
});
export type MonitorDrift = z.infer<typeof MonitorDrift>;

export const MonitorAlert = z.object({
  /** Stable for the same windows, slice and metric: pass it to `monitor:mineAlert` with the same windows. */
  id: z.string(),
  metric: z.string(),
  label: z.string(),
  severity: z.enum(['moderate', 'major']),
  /** Null: all cases (within the request's `slice` filter, if any). */
  slice: SliceFilter.nullable(),
  current: TimeRange,
  baseline: TimeRange,
  statistic: z.enum(['psi', 'js-distance', 'rate-increase', 'score-drop']),
  value: z.number(),
  threshold: z.number(),
  /** The metric itself in both windows where it has one (a rate, a mean score). */
  currentValue: z.number().nullable(),
  baselineValue: z.number().nullable(),
  pValue: z.number().nullable(),
  /** A one-line description with figures only. */
  message: z.string(),
  /** The current window's cases behind the alert (capped at `caseLimit`), ascending, and how many there are. */
  caseIds: z.array(z.number().int().positive()),
  caseCount: Count,
});
export type MonitorAlert = z.infer<typeof MonitorAlert>;

const WindowPair = {
  current: TimeRange,
  baseline: TimeRange,
  /** Restrict both windows to one slice. */
  slice: SliceFilter.optional(),
};

const AlertQuery = {
  ...WindowPair,
  /** Also evaluate every value of this slice field (with at least `minCases` cases in both windows). */
  groupBy: MonitorSliceField.optional(),
};

export const MonitorCoverageField = z.object({
  field: MonitorSliceField,
  /** Every value seen in either population, most common in production first; `(none)` for a missing value. */
  values: z.array(z.object({ value: z.string(), production: Count, productionShare: Share, golden: Count, goldenShare: Share })),
  jsDistance: z.number().nullable(),
  band: DriftBand.nullable(),
  /** Values production has that the golden set lacks, largest production share first. */
  gaps: z.array(z.object({ value: z.string(), productionCount: Count, productionShare: Share })),
});
export type MonitorCoverageField = z.infer<typeof MonitorCoverageField>;

export const MonitorCoverage = z.object({
  /** Production: the cases in the range (every case when no range was given). Golden: the accepted cases. */
  production: z.object({ cases: Count, from: z.string().nullable(), to: z.string().nullable() }),
  golden: z.object({ cases: Count }),
  fields: z.array(MonitorCoverageField),
  thresholds: MonitorThresholds,
});
export type MonitorCoverage = z.infer<typeof MonitorCoverage>;

export const MonitorThresholdsView = z.object({
  thresholds: MonitorThresholds,
  defaults: MonitorThresholds,
  /** When and by whom they were last changed; null while the defaults apply. */
  updatedAt: z.string().nullable(),
  updatedBy: z.string().nullable(),
});
export type MonitorThresholdsView = z.infer<typeof MonitorThresholdsView>;

export const monitorChannels = {
  /** Signal rates, latency and cost per window over a time range; optionally one slice, or a series per slice value. */
  'monitor:overview': {
    input: z
      .object({
        from: Iso,
        to: Iso,
        window: MonitorWindow,
        slice: SliceFilter.optional(),
        groupBy: MonitorSliceField.optional(),
        /** Most series kept when grouping (largest first); default 8. */
        maxGroups: z.number().int().min(1).max(50).optional(),
      })
      .strict(),
    output: MonitorOverview,
  },
  /** Input and quality drift of the current window against the baseline window. */
  'monitor:drift': {
    input: z
      .object({
        ...WindowPair,
        /** Numeric bins (baseline quantiles); default 10. */
        bins: z.number().int().min(2).max(50).optional(),
      })
      .strict(),
    output: MonitorDrift,
  },
  /** Every metric that crosses its threshold, overall and per slice value of `groupBy`. */
  'monitor:alerts': {
    input: z.object({ ...AlertQuery, caseLimit: z.number().int().min(1).max(1000).optional() }).strict(),
    output: z.object({
      alerts: z.array(MonitorAlert),
      /** What was evaluated: slices (including "all") and metrics per slice. */
      evaluated: z.object({ slices: Count, metrics: Count }),
      thresholds: MonitorThresholds,
    }),
  },
  /** A mining run over exactly the alert's cases (recomputed from the same query): a normal sampling run. */
  'monitor:mineAlert': {
    input: z
      .object({
        ...AlertQuery,
        alertId: z.string().min(1).max(500),
        /** Cap on picked cases (a seeded random subset when the alert has more); default: all of them. */
        budget: z.number().int().min(1).optional(),
        seed: z.number().int().min(0).max(0xffffffff).optional(),
      })
      .strict(),
    output: z.object({ alertId: z.string(), run: SamplingRunDto, cases: Count }),
  },
  /** The golden set's (accepted cases') slice mix against production's, per slice field. */
  'monitor:coverage': {
    input: z.object({ from: Iso.optional(), to: Iso.optional(), fields: z.array(MonitorSliceField).min(1).optional() }).strict(),
    output: MonitorCoverage,
  },
  'monitor:thresholds': {
    input: z.object({}).strict(),
    output: MonitorThresholdsView,
  },
  /** Admin only; fields left out keep their current value. */
  'monitor:setThresholds': {
    input: z.object({ thresholds: z.record(z.string(), z.unknown()) }).strict(),
    output: z.discriminatedUnion('ok', [
      z.object({ ok: z.literal(true), view: MonitorThresholdsView }),
      z.object({ ok: z.literal(false), issues: z.array(z.object({ path: z.string(), message: z.string() })).min(1) }),
    ]),
  },
} as const;
