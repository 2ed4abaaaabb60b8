import type { GoldenCase } from '../review/golden-export.js';

/**
 * The shapes a release is made of, shared by the release store (main/core/releases) and the exporters
 * (main/core/releases/exports). A release is an immutable, numbered snapshot of one eval set: every case is
 * frozen as the de-identified record below, so a later re-review cannot change what v1 contained.
 */

/** `regression`: an accepted failure, frozen for every later release; `golden`: any other accepted case. */
export type ReleaseCaseKind = 'golden' | 'regression';

/** One case as a release froze it: the golden.jsonl record plus its kind, origin and content hash. */
export interface ReleaseCase extends GoldenCase {
  kind: ReleaseCaseKind;
  /** Where the case came from: reviewed in this workspace, or imported from an existing golden set. */
  origin: 'review' | 'import';
  /** sha256 (hex) of the canonical JSON of the record without this field; what diffs and manifests compare. */
  sha256: string;
}

/** Counts of a release's cases, overall and by category, slice value and source run. */
export interface ReleaseCounts {
  total: number;
  golden: number;
  regressions: number;
  by_category: Record<string, number>;
  /** slice field (tier, intent, language, model, product_area) → value → count; a missing value counts as "(none)". */
  by_slice: Record<string, Record<string, number>>;
  /** ingest run id (as a string; "import" for imported cases) → count. */
  by_source_run: Record<string, number>;
}

/** What a release is: written once when it is created, completed by its approval, never changed after. */
export interface ReleaseManifest {
  schema: 'quarry.release/1';
  eval_set: string;
  /** 1, 2, …: shown as v1, v2, … */
  version: number;
  /** The version this one was built on (its regressions are carried over unchanged), or null for the first. */
  parent_version: number | null;
  /** The export profile whose operators rendered the placeholders in every case. */
  deid_profile: string;
  created_at: string;
  created_by: string;
  /** A second user: never the creator (four eyes). Null while the release awaits approval. */
  approved_by: string | null;
  approved_at: string | null;
  counts: ReleaseCounts;
  /** case id → sha256 of its frozen record, in case id order. */
  content_hashes: Array<{ case_id: number; sha256: string }>;
  /** sha256 over the content hashes in order: one value that names the release's content. */
  content_sha256: string;
  /** The sampling policies (name and version) whose runs picked the cases. */
  sampling_policies: Array<{ name: string; version: number }>;
  /** The reviewers who decided the cases (account names, never text). */
  reviewers: string[];
}

/** A release as the exporters receive it. */
export interface ReleaseSnapshot {
  manifest: ReleaseManifest;
  /** In case id order. */
  cases: ReleaseCase[];
}

/**
 * Export formats. `golden-jsonl` writes golden.jsonl and regressions.jsonl (the documented schema) with the
 * manifest; `openai-evals` the OpenAI evals JSONL shape; `promptfoo` a promptfoo test file; `langfuse` Langfuse
 * dataset items; `hf-dataset` a Hugging Face datasets-style folder with a dataset card; `csv` one row per case.
 */
export const EXPORT_FORMATS = ['golden-jsonl', 'openai-evals', 'promptfoo', 'langfuse', 'hf-dataset', 'csv'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

/** What an export wrote: paths relative to the output directory, and their sizes. */
export interface ExportResult {
  format: ExportFormat;
  dir: string;
  files: Array<{ path: string; bytes: number; sha256: string }>;
}
