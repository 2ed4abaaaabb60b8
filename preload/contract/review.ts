import { z } from 'zod';
import { CaseDetail, CaseStatus, CaseSummary, QueueSignal } from '../schemas.js';
import { ReviewState } from './review-actions.js';

/**
 * The review queue's channels: the paged, filtered, sorted listing (windowed by the renderer's virtual list),
 * counts and per-reviewer progress, the filter bar's choices, assignment, and opening one case.
 * Names of fields and values are main/core/review/queue-query.ts's.
 */
const SliceField = z.enum(['tier', 'intent', 'language', 'model', 'product_area']);
const Category = z.enum(['happy-path', 'edge-case', 'adversarial', 'drift']);

export const QueueFilter = z
  .object({
    status: CaseStatus.optional(),
    /** `me`: the signed-in reviewer; `unassigned`: nobody; or a reviewer by name. */
    assignee: z.union([z.literal('me'), z.literal('unassigned'), z.object({ name: z.string().trim().min(1).max(80) }).strict()]).optional(),
    runId: z.number().int().positive().optional(),
    /** `value: null` is "no value for this field". */
    slice: z.object({ field: SliceField, value: z.string().max(200).nullable() }).strict().optional(),
    signal: QueueSignal.optional(),
    category: Category.optional(),
    /** Words in the de-identified preview, or `#123` for one case. */
    text: z.string().max(200).optional(),
  })
  .strict();
export type QueueFilter = z.infer<typeof QueueFilter>;

export const QueueSort = z.enum(['ingested', 'severity', 'findings', 'id']);
export type QueueSort = z.infer<typeof QueueSort>;
export const SortDir = z.enum(['asc', 'desc']);

export const QueueRow = CaseSummary.extend({
  queueSignals: z.array(QueueSignal),
  severity: z.number().int(),
});
export type QueueRow = z.infer<typeof QueueRow>;

/** `total` is null when the request said `count: false`. */
export const QueuePage = z.object({ total: z.number().int().nullable(), offset: z.number().int(), rows: z.array(QueueRow) });
export type QueuePage = z.infer<typeof QueuePage>;

export const QueueCounts = z.object({
  total: z.number().int(),
  byStatus: z.record(z.string(), z.number().int()),
  unassignedPending: z.number().int(),
  reviewers: z.array(z.object({ reviewer: z.string(), assigned: z.number().int(), decided: z.number().int() })),
});
export type QueueCounts = z.infer<typeof QueueCounts>;

const SliceCounts = z.array(z.object({ value: z.string().nullable(), count: z.number().int() }));
export const QueueFacets = z.object({
  slices: z.object({ tier: SliceCounts, intent: SliceCounts, language: SliceCounts, model: SliceCounts, product_area: SliceCounts }),
  runs: z.array(z.object({ id: z.number().int(), policyName: z.string(), policyVersion: z.number().int(), createdAt: z.string(), picked: z.number().int() })),
});
export type QueueFacets = z.infer<typeof QueueFacets>;

/** One case as the case view draws it: the de-identified detail and the signed-in reviewer's state. */
export const OpenedCase = z.object({ case: CaseDetail, review: ReviewState });
export type OpenedCase = z.infer<typeof OpenedCase>;

const Order = { sort: QueueSort.default('id'), dir: SortDir.default('asc') };

export const reviewChannels = {
  /** Every case at once; for small workspaces and old callers. The queue screen pages with `cases:page`. */
  'cases:list': {
    input: z.object({ status: CaseStatus.optional() }).strict(),
    output: z.array(CaseSummary),
  },
  'cases:page': {
    input: z
      .object({
        offset: z.number().int().min(0).max(10_000_000),
        limit: z.number().int().min(1).max(500),
        filter: QueueFilter.default({}),
        ...Order,
        /** Count the matching cases too (a full pass at 100,000 cases); later windows of a counted list skip it. */
        count: z.boolean().default(true),
      })
      .strict(),
    output: QueuePage,
  },
  'cases:counts': { input: z.object({}).strict(), output: QueueCounts },
  'cases:facets': { input: z.object({}).strict(), output: QueueFacets },
  /** Assigns the cases to a reviewer; `reviewer: null` releases them. */
  'cases:assign': {
    input: z
      .object({ ids: z.array(z.number().int().positive()).min(1).max(5000), reviewer: z.string().trim().min(1).max(80).nullable() })
      .strict(),
    output: z.object({ ids: z.array(z.number().int()) }),
  },
  /** Assigns the next `count` pending, unassigned cases of the filtered queue to the signed-in reviewer. */
  'cases:claim': {
    input: z.object({ count: z.number().int().min(1).max(500), filter: QueueFilter.default({}), ...Order }).strict(),
    output: z.object({ ids: z.array(z.number().int()) }),
  },
  'cases:get': { input: z.object({ id: z.number().int().positive() }).strict(), output: CaseDetail },
  /** Shows a case: its detail and the reviewer's state in one call, and records the view in the audit log. */
  'cases:open': { input: z.object({ id: z.number().int().positive() }).strict(), output: OpenedCase },
  /**
   * Reads a case ahead of showing it (the next one in the queue): the same answer as `cases:open` but no view is
   * recorded, because nobody has seen it yet. Showing it still calls `cases:open`.
   */
  'cases:peek': { input: z.object({ id: z.number().int().positive() }).strict(), output: OpenedCase },
} as const;
