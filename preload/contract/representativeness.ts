/**
 * Representativeness of a mining run or a release: the de-identified originals the cases came from, the final
 * tasks reviewers made of them, and the production mix they were drawn from, compared by length, vocabulary and
 * slice mix. Numbers, ids, slice values and bin edges only: no case text and no words travel on these channels.
 */
import { z } from 'zod';

const Count = z.number().int().min(0);
const Share = z.number().min(0).max(1);

/** The three populations: `originals` (the requests the picked cases came from), `tasks` (the final tasks of the
 * accepted cases among them), `production` (every case of the ingest runs the picks came from, or the workspace). */
export const Population = z.enum(['originals', 'tasks', 'production']);
export type Population = z.infer<typeof Population>;

/** Where a value falls against the drift thresholds (PSI 0.1 / 0.25; JS distance 0.1). */
export const Band = z.enum(['ok', 'moderate', 'major']);

/** Which cases stand for production: those of the ingest runs the picks came from, or every case in the workspace. */
export const ProductionScope = z.enum(['ingest-runs', 'workspace']);
export type ProductionScope = z.infer<typeof ProductionScope>;

const PerPopulation = <T extends z.ZodTypeAny>(item: T) => z.object({ originals: item, tasks: item, production: item });

/** A histogram bin: [from, to), open-ended at either end (null). */
export const Bin = z.object({ from: z.number().nullable(), to: z.number().nullable() });

export const LengthSummary = z.object({
  n: Count,
  mean: z.number().nullable(),
  p50: z.number().nullable(),
  p90: z.number().nullable(),
  min: z.number().nullable(),
  max: z.number().nullable(),
});

export const LengthComparison = z.object({
  a: Population,
  b: Population,
  /** Population stability index of `b` against `a` on the shared bins; null when either is empty. */
  psi: z.number().nullable(),
  psiBand: Band.nullable(),
  ks: z.object({ statistic: z.number(), pValue: z.number(), differs: z.boolean() }).nullable(),
});

/** One length measure (characters or word tokens) of the three populations on shared bins (production quantiles). */
export const LengthDistribution = z.object({
  unit: z.enum(['chars', 'tokens']),
  /** Interior cut points; `bins` has one more entry than `edges`. */
  edges: z.array(z.number()),
  bins: z.array(Bin),
  counts: PerPopulation(z.array(Count)),
  summary: PerPopulation(LengthSummary),
  comparisons: z.array(LengthComparison),
});
export type LengthDistribution = z.infer<typeof LengthDistribution>;

/** Word tokens, distinct words, and their ratio. The ratio falls as a population grows: compare like sizes. */
export const VocabularyStats = z.object({ tokens: Count, types: Count, typeTokenRatio: z.number().nullable() });

/** Vocabulary as counts and distances; the words themselves stay in main. */
export const Vocabulary = z.object({
  topN: Count,
  populations: PerPopulation(VocabularyStats),
  /** Share of the tasks' token occurrences whose word appears nowhere in the originals; null without tasks. */
  novelTaskTokenShare: Share.nullable(),
  /** Mean over tasks of the share of its tokens absent from its own original; null without tasks. */
  meanPairedNovelShare: Share.nullable(),
  /** Jensen-Shannon distance (base 2) over the pair's top-N word distribution. */
  comparisons: z.array(z.object({ a: Population, b: Population, jsDistance: z.number().nullable(), band: Band.nullable() })),
});
export type Vocabulary = z.infer<typeof Vocabulary>;

export const CoverageGap = z.object({ value: z.string(), productionCount: Count, productionShare: Share });

/** One slice field's mix in the three populations, on the union of their values. */
export const SliceMix = z.object({
  field: z.string(),
  /** Slice values (a missing value is "(none)"), most common in production first. */
  values: z.array(z.string()),
  counts: PerPopulation(z.array(Count)),
  shares: PerPopulation(z.array(Share)),
  comparisons: z.array(z.object({ a: Population, b: Population, jsDistance: z.number().nullable(), band: Band.nullable() })),
  /** Values production has that the sample (originals) or the tasks lack, with production's share, largest first. */
  gaps: z.object({ originals: z.array(CoverageGap), tasks: z.array(CoverageGap) }),
});
export type SliceMix = z.infer<typeof SliceMix>;

/** How much longer the final tasks are than the requests they came from (characters), per accepted case. */
export const OverSpecification = z.object({
  pairs: Count,
  /** Ratio bins (interior cut points), e.g. 1, 1.5, 2, 3, 5; `bins` has one more entry. */
  edges: z.array(z.number()),
  bins: z.array(Bin),
  counts: z.array(Count),
  mean: z.number().nullable(),
  p50: z.number().nullable(),
  p90: z.number().nullable(),
  /** The ratio above which a task counts as over-specified (2). */
  threshold: z.number(),
  /** Share of tasks more than `threshold` times their original's length; null without pairs. */
  shareOverThreshold: Share.nullable(),
  /** Share of tasks with any augmentation field filled, and with the task text edited. */
  augmentedShare: Share.nullable(),
  editedShare: Share.nullable(),
});
export type OverSpecification = z.infer<typeof OverSpecification>;

export const RepresentativenessReport = z.object({
  scope: z.object({
    kind: z.enum(['run', 'release']),
    id: z.number().int().positive(),
    /** `policy vN` for a run, `eval set vN` for a release. */
    label: z.string(),
    production: ProductionScope,
    /** The ingest runs production was read from (empty when it is the whole workspace). */
    productionRunIds: z.array(z.number().int().positive()),
  }),
  counts: z.object({
    originals: Count,
    tasks: Count,
    /** Production cases measured, and how many there were; fewer are measured above the cap (every k-th case). */
    production: Count,
    productionTotal: Count,
  }),
  lengths: z.object({ chars: LengthDistribution, tokens: LengthDistribution }),
  vocabulary: Vocabulary,
  slices: z.array(SliceMix),
  overSpecification: OverSpecification,
  /** The thresholds the bands use. */
  thresholds: z.object({ psiModerate: z.number(), psiMajor: z.number(), jsDistance: z.number(), ksPValue: z.number() }),
  /** Plain notes on what limits the figures (e.g. no accepted tasks yet); no case text. */
  notes: z.array(z.string()),
});
export type RepresentativenessReport = z.infer<typeof RepresentativenessReport>;

const Options = {
  /** Default `ingest-runs`. */
  production: ProductionScope.optional(),
  /** Length bins (quantiles of production); default 10. */
  bins: z.number().int().min(2).max(50).optional(),
  /** Words in the vocabulary distance; default 200. */
  topN: z.number().int().min(10).max(5000).optional(),
};

export const representativenessChannels = {
  /** A mining run: its picks against their final tasks and production. */
  'representativeness:run': {
    input: z.object({ runId: z.number().int().positive(), ...Options }).strict(),
    output: RepresentativenessReport,
  },
  /** A release: its frozen cases' originals and final tasks against production. */
  'representativeness:release': {
    input: z.object({ releaseId: z.number().int().positive(), ...Options }).strict(),
    output: RepresentativenessReport,
  },
} as const;
