import { z } from 'zod';
import { Empty, Signals, Slices } from '../schemas.js';

/**
 * The Releases screen's channels: named eval sets, their numbered releases (v1, v2, …) with manifests and
 * de-identified case lists, four-eyes approval, the diff between two releases, exports of an approved release,
 * importing an existing golden set, and growth per ISO week. Shapes mirror main/core/releases/release-types.ts
 * (camelCase here); a test checks the format list against the core's. Ids, counts, hashes and de-identified text only.
 */

const Count = z.number().int().min(0);
const Id = z.number().int().positive();
const SetName = z.string().trim().min(1).max(80);

/** The export formats of main/core/releases/release-types.ts EXPORT_FORMATS. */
export const ReleaseExportFormat = z.enum(['golden-jsonl', 'openai-evals', 'promptfoo', 'langfuse', 'hf-dataset', 'csv']);
export type ReleaseExportFormat = z.infer<typeof ReleaseExportFormat>;

export const ReleaseState = z.enum(['pending', 'approved', 'rejected']);
export type ReleaseState = z.infer<typeof ReleaseState>;

export const ReleaseCaseKind = z.enum(['golden', 'regression']);

export const EvalSetDto = z.object({
  id: Id,
  name: z.string(),
  description: z.string(),
  createdAt: z.string(),
  createdBy: z.string(),
  /** Releases of the set in any state. */
  releases: Count,
  latestVersion: z.number().int().positive().nullable(),
  /** The latest approved version: the parent of the next release. */
  latestApprovedVersion: z.number().int().positive().nullable(),
  /** Cases imported from an existing golden set, waiting to go into the next release. */
  importedCases: Count,
});
export type EvalSetDto = z.infer<typeof EvalSetDto>;

/** release-types.ts ReleaseCounts. */
export const ReleaseCountsDto = z.object({
  total: Count,
  golden: Count,
  regressions: Count,
  byCategory: z.record(z.string(), Count),
  /** slice field → value → count; a missing value counts as "(none)". */
  bySlice: z.record(z.string(), z.record(z.string(), Count)),
  /** ingest run id as a string, or "import" → count. */
  bySourceRun: z.record(z.string(), Count),
});
export type ReleaseCountsDto = z.infer<typeof ReleaseCountsDto>;

/** One release as lists show it. */
export const ReleaseSummaryDto = z.object({
  id: Id,
  evalSet: z.string(),
  evalSetId: Id,
  version: z.number().int().positive(),
  parentVersion: z.number().int().positive().nullable(),
  state: ReleaseState,
  deidProfile: z.string(),
  createdAt: z.string(),
  createdBy: z.string(),
  /** Who approved or rejected it, and when; null while pending. */
  decidedBy: z.string().nullable(),
  decidedAt: z.string().nullable(),
  counts: ReleaseCountsDto,
  contentSha256: z.string(),
});
export type ReleaseSummaryDto = z.infer<typeof ReleaseSummaryDto>;

/** The manifest as written (release-types.ts ReleaseManifest), for the detail view. */
export const ReleaseManifestDto = z.object({
  schema: z.literal('quarry.release/1'),
  evalSet: z.string(),
  version: z.number().int().positive(),
  parentVersion: z.number().int().positive().nullable(),
  deidProfile: z.string(),
  createdAt: z.string(),
  createdBy: z.string(),
  approvedBy: z.string().nullable(),
  approvedAt: z.string().nullable(),
  counts: ReleaseCountsDto,
  contentSha256: z.string(),
  samplingPolicies: z.array(z.object({ name: z.string(), version: z.number().int() })),
  reviewers: z.array(z.string()),
});
export type ReleaseManifestDto = z.infer<typeof ReleaseManifestDto>;

/** One frozen case in a release's case list: de-identified, its task cut to a preview. */
export const ReleaseCaseRow = z.object({
  caseId: Id,
  kind: ReleaseCaseKind,
  origin: z.enum(['review', 'import']),
  sha256: z.string(),
  category: z.string().nullable(),
  slices: Slices,
  signals: Signals,
  /** The de-identified final task, at most 200 characters. */
  preview: z.string(),
  reviewer: z.string().nullable(),
});
export type ReleaseCaseRow = z.infer<typeof ReleaseCaseRow>;

/** One case in a diff: its kind in the newer release (or the older one, when removed). */
export const ReleaseDiffCase = z.object({ caseId: Id, kind: ReleaseCaseKind, regression: z.boolean() });
export type ReleaseDiffCase = z.infer<typeof ReleaseDiffCase>;

export const ReleaseDiffDto = z.object({
  from: z.object({ id: Id, version: z.number().int().positive() }),
  to: z.object({ id: Id, version: z.number().int().positive() }),
  counts: z.object({ added: Count, removed: Count, changed: Count, unchanged: Count }),
  added: z.array(ReleaseDiffCase),
  removed: z.array(ReleaseDiffCase),
  changed: z.array(ReleaseDiffCase),
  unchanged: z.array(ReleaseDiffCase),
});
export type ReleaseDiffDto = z.infer<typeof ReleaseDiffDto>;

/** A bad line of an import file: the file, the 1-based line, the field path and what is wrong. */
export const ImportIssue = z.object({ file: z.string(), line: z.number().int().positive(), field: z.string(), message: z.string() });
export type ImportIssue = z.infer<typeof ImportIssue>;

export const GrowthWeek = z.object({
  /** ISO week, e.g. "2026-W47". */
  week: z.string(),
  /** Monday of the week, YYYY-MM-DD. */
  start: z.string(),
  total: Count,
  byCategory: z.record(z.string(), Count),
  /** slice field → value → count; a missing value counts as "(none)". */
  bySlice: z.record(z.string(), z.record(z.string(), Count)),
});
export type GrowthWeek = z.infer<typeof GrowthWeek>;

export const releasesChannels = {
  /** Eval sets, and the choices the create / export forms offer. */
  'evalsets:list': {
    input: Empty,
    output: z.object({
      sets: z.array(EvalSetDto),
      profiles: z.array(z.object({ id: z.string(), name: z.string() })),
      formats: z.array(ReleaseExportFormat),
    }),
  },
  'evalsets:create': {
    input: z.object({ name: SetName, description: z.string().max(2000).optional() }).strict(),
    output: EvalSetDto,
  },
  /**
   * Imports an existing golden set (JSONL, one golden.jsonl record a line; pick the file with `files:browse`).
   * All or nothing: any bad line comes back as an issue and nothing is stored. Text is de-identified before storing.
   */
  'evalsets:import': {
    input: z.object({ set: SetName, path: z.string().min(1).max(4096) }).strict(),
    output: z.discriminatedUnion('ok', [
      /** `duplicates`: lines whose content the set had already imported, skipped. */
      z.object({ ok: z.literal(true), imported: Count, duplicates: Count, set: EvalSetDto }),
      z.object({ ok: z.literal(false), issues: z.array(ImportIssue).min(1) }),
    ]),
  },
  /** Releases of one set (by name), or of every set; newest first. */
  'releases:list': {
    input: z.object({ set: SetName.optional() }).strict(),
    output: z.array(ReleaseSummaryDto),
  },
  /** A release's manifest and one page of its frozen cases, in case id order. */
  'releases:get': {
    input: z
      .object({
        id: Id,
        offset: z.number().int().min(0).default(0),
        limit: z.number().int().min(1).max(500).default(100),
        kind: ReleaseCaseKind.optional(),
      })
      .strict(),
    output: z.object({
      release: ReleaseSummaryDto,
      manifest: ReleaseManifestDto,
      cases: z.object({ total: Count, offset: Count, rows: z.array(ReleaseCaseRow) }),
    }),
  },
  /** Snapshots the set's accepted cases into the next version, pending approval by a second user. */
  'releases:create': {
    input: z.object({ set: SetName, profile: z.string().min(1).max(64).optional() }).strict(),
    output: ReleaseSummaryDto,
  },
  /**
   * Four eyes: an admin who did not create the release, signed in with their own account (a single-user workspace
   * cannot approve: `release-four-eyes-accounts`; the creator gets `release-four-eyes`).
   */
  'releases:approve': { input: z.object({ id: Id }).strict(), output: ReleaseSummaryDto },
  'releases:reject': { input: z.object({ id: Id }).strict(), output: ReleaseSummaryDto },
  /** `from` is the older release, `to` the newer; both of the same set. */
  'releases:diff': { input: z.object({ from: Id, to: Id }).strict(), output: ReleaseDiffDto },
  /**
   * Writes an approved release in one format as the folder `dir` (its parent picked with `files:browse`), all or
   * nothing; audit-logged. A folder that already holds an export is refused with `export-exists` unless
   * `overwrite`, and then replaced whole; a folder with anything else in it is refused (`export-dir-not-export`).
   */
  'releases:export': {
    input: z.object({ id: Id, format: ReleaseExportFormat, dir: z.string().min(1).max(4096), overwrite: z.boolean().optional() }).strict(),
    output: z.object({
      format: ReleaseExportFormat,
      /** The export folder, absolute. */
      dir: z.string(),
      files: z.array(z.object({ path: z.string(), bytes: Count, sha256: z.string() })),
      /** Whether an earlier export in that folder was replaced. */
      replaced: z.boolean(),
    }),
  },
  /**
   * Accepted cases added per ISO week (by decision date), by category and slice: from the first week with any
   * case (at most `weeks` weeks back from the latest) to the latest, empty weeks included as zeros. With `set`,
   * that set's imported cases count in the week they were imported.
   */
  'releases:growth': {
    input: z.object({ weeks: z.number().int().min(1).max(520).default(26), set: SetName.optional() }).strict(),
    output: z.object({ weeks: z.array(GrowthWeek) }),
  },
} as const;
