import { z } from 'zod';
import { DirListing, Empty, LogFormatId } from '../schemas.js';
import { CsvOptions, SourceProfile } from './source-profile.js';

/**
 * Ingest channels: browsing for a file, ingest as a background job (start, poll progress, cancel) or in one call,
 * previewing a generic file for the field-mapping screen, source profiles, and the quarantine. Every text that
 * comes back is de-identified (previews) or names fields and positions only (quarantine reasons).
 */

const Path = z.string().min(1).max(4096);
const ProfileName = z.string().trim().min(1).max(64);

/** What to ingest and how: a known format (detected unless named) or a saved source profile by name. */
const IngestRequest = z
  .object({ path: Path, format: LogFormatId.optional(), profile: ProfileName.optional() })
  .strict()
  .refine((r) => !(r.format && r.profile), { message: 'give a format or a profile, not both', path: ['profile'] });

export const QuarantineEntry = z.object({
  runId: z.number().int(),
  file: z.string(),
  line: z.number().int(),
  field: z.string().nullable(),
  reason: z.string(),
});
export type QuarantineEntry = z.infer<typeof QuarantineEntry>;

export const IngestRunResult = z.object({
  runId: z.number().int(),
  file: z.string(),
  format: z.string(),
  profile: z.object({ name: z.string(), version: z.number().int() }).nullable(),
  state: z.enum(['finished', 'cancelled']),
  records: z.number().int(),
  ingested: z.number().int(),
  duplicates: z.number().int(),
  quarantined: z.number().int(),
  /** The first quarantined records; quarantine:list pages through all of them. */
  quarantine: z.array(z.object({ line: z.number().int(), field: z.string().nullable(), reason: z.string() })),
});
export type IngestRunResult = z.infer<typeof IngestRunResult>;

export const IngestJobState = z.enum(['starting', 'running', 'finished', 'cancelled', 'failed']);
export type IngestJobState = z.infer<typeof IngestJobState>;

export const IngestJobProgress = z.object({
  jobId: z.string(),
  file: z.string(),
  state: IngestJobState,
  bytes: z.number(),
  totalBytes: z.number(),
  records: z.number().int(),
  ingested: z.number().int(),
  duplicates: z.number().int(),
  quarantined: z.number().int(),
  ratePerSec: z.number(),
  etaSec: z.number().nullable(),
  /** The run's summary once it finished or was cancelled. */
  result: IngestRunResult.nullable(),
  /** Why it failed, written for the user. */
  error: z.object({ code: z.string(), message: z.string() }).nullable(),
});
export type IngestJobProgress = z.infer<typeof IngestJobProgress>;

export const IngestRunState = z.enum(['running', 'finished', 'cancelled', 'interrupted', 'failed']);
export type IngestRunState = z.infer<typeof IngestRunState>;

/** A past or present ingest run; `live` is the job running it in this app (rate and ETA), if any. */
export const IngestRunRow = z.object({
  id: z.number().int(),
  file: z.string(),
  path: z.string().nullable(),
  format: z.string(),
  profile: z.object({ name: z.string(), version: z.number().int() }).nullable(),
  state: IngestRunState,
  errorCode: z.string().nullable(),
  resumesRun: z.number().int().nullable(),
  resumedBy: z.number().int().nullable(),
  records: z.number().int(),
  ingested: z.number().int(),
  duplicates: z.number().int(),
  quarantined: z.number().int(),
  bytesRead: z.number(),
  bytesTotal: z.number().nullable(),
  startedAt: z.string(),
  finishedAt: z.string().nullable(),
  live: z.object({ jobId: z.string(), bytes: z.number(), records: z.number().int(), ratePerSec: z.number(), etaSec: z.number().nullable() }).nullable(),
});
export type IngestRunRow = z.infer<typeof IngestRunRow>;

export const SourcePreview = z.object({
  kind: z.enum(['jsonl', 'csv']),
  csv: z.object({ delimiter: z.string(), header: z.boolean(), quote: z.string() }).nullable(),
  columns: z.array(z.object({ name: z.string(), type: z.enum(['text', 'number', 'boolean', 'list', 'object', 'empty']), filled: z.number().int() })),
  /** Cells as the de-identifier left them. */
  rows: z.array(z.object({ line: z.number().int(), cells: z.array(z.string()) })),
  problems: z.array(z.object({ line: z.number().int(), reason: z.string() })),
  /** A first mapping guessed from the column names, to pre-fill the form. */
  suggested: z.record(z.string(), z.unknown()),
});
export type SourcePreview = z.infer<typeof SourcePreview>;

export const StoredSourceProfile = z.object({
  version: z.number().int(),
  profile: SourceProfile,
  createdBy: z.string(),
  createdAt: z.string(),
});
export type StoredSourceProfile = z.infer<typeof StoredSourceProfile>;

export const ingestChannels = {
  'files:browse': { input: z.object({ dir: z.string().max(4096).optional() }).strict(), output: DirListing },
  /** Ingests in one call (CLI, tests); the app uses the job channels below. */
  'ingest:run': { input: IngestRequest, output: IngestRunResult },
  'ingest:start': { input: IngestRequest, output: z.object({ jobId: z.string() }) },
  'ingest:progress': { input: z.object({ jobId: z.string().min(1).max(64) }).strict(), output: IngestJobProgress },
  'ingest:cancel': { input: z.object({ jobId: z.string().min(1).max(64) }).strict(), output: IngestJobProgress },
  'ingest:preview': {
    input: z.object({ path: Path, kind: z.enum(['jsonl', 'csv']).optional(), csv: CsvOptions.partial().optional() }).strict(),
    output: SourcePreview,
  },
  'profiles:list': { input: Empty, output: z.array(StoredSourceProfile) },
  /** Saves the profile as the next version of its name (the same as the latest is not stored twice). */
  'profiles:save': { input: z.object({ profile: z.unknown() }).strict(), output: StoredSourceProfile },
  'quarantine:list': {
    input: z
      .object({ runId: z.number().int().positive().optional(), offset: z.number().int().min(0).optional(), limit: z.number().int().min(1).max(1000).optional() })
      .strict(),
    output: z.object({ total: z.number().int(), entries: z.array(QuarantineEntry) }),
  },
  /** Past and present runs, newest first; runs a killed process left running are marked interrupted first. */
  'ingest:runs': { input: z.object({ limit: z.number().int().min(1).max(1000).optional() }).strict(), output: z.array(IngestRunRow) },
  /** Re-ingests a cancelled or interrupted run's file as a new job (what is stored is skipped) that records the run it resumes. */
  'ingest:resume': { input: z.object({ runId: z.number().int().positive() }).strict(), output: z.object({ jobId: z.string() }) },
  /** Writes a run's quarantine (or every run's) as CSV under <workspace>/exports/. */
  'quarantine:export': {
    input: z.object({ runId: z.number().int().positive().optional() }).strict(),
    output: z.object({ path: z.string(), count: z.number().int() }),
  },
} as const;
