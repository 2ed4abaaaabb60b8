/**
 * The data shapes the bridge carries, shared by several areas' channels (preload/contract/*.ts).
 * Depends on zod only. Text fields that come from production traffic are de-identified (`RedactedText` on the
 * main side); nothing here can carry raw text because main builds these DTOs from the redacted tables only.
 */
import { z } from 'zod';

export const Signals = z.object({
  thumbs: z.enum(['up', 'down']).optional(),
  regenerated: z.boolean().optional(),
  user_edited_chars: z.number().optional(),
  escalated: z.boolean().optional(),
  schema_valid: z.boolean().optional(),
  latency_ms: z.number().optional(),
  cost_usd: z.number().optional(),
  confidence: z.number().optional(),
  input_tokens: z.number().optional(),
  output_tokens: z.number().optional(),
  /** Position among alternative replies a human ranked; 0 is the best. */
  rank: z.number().optional(),
  /** Scores from evaluators: model judges, annotators, user-feedback scores. */
  evaluations: z.array(z.object({ name: z.string(), score: z.number().optional(), label: z.string().optional() })).optional(),
});
export type Signals = z.infer<typeof Signals>;

export const Slices = z.object({
  tier: z.string().optional(),
  intent: z.string().optional(),
  language: z.string().optional(),
  model: z.string().optional(),
  product_area: z.string().optional(),
});
export type Slices = z.infer<typeof Slices>;

export const CaseStatus = z.enum(['pending', 'accepted', 'rejected']);
export type CaseStatus = z.infer<typeof CaseStatus>;

export const ChatMessage = z.object({
  role: z.string(),
  content: z.string(),
});
export type ChatMessage = z.infer<typeof ChatMessage>;

export const CaseSummary = z.object({
  id: z.number().int(),
  preview: z.string(),
  status: CaseStatus,
  signals: Signals,
  slices: Slices,
  findingCount: z.number().int(),
  ingestedAt: z.string(),
  /** The reviewer the case is assigned to, or null. */
  assignee: z.string().nullable(),
});
export type CaseSummary = z.infer<typeof CaseSummary>;

/** The failure signals the queue filters on; the names are main/core/review/queue-signals.ts's, checked by a test. */
export const QueueSignal = z.enum([
  'thumbs_down',
  'regenerated',
  'heavy_edit',
  'escalated',
  'schema_failure',
  'low_evaluator_score',
  'low_confidence',
]);
export type QueueSignal = z.infer<typeof QueueSignal>;

export const CaseDetail = CaseSummary.extend({
  messages: z.array(ChatMessage),
  response: ChatMessage.nullable(),
  expected: z.string().nullable(),
  decidedBy: z.string().nullable(),
  decidedAt: z.string().nullable(),
  provenance: z.object({ runId: z.number().int(), sourceFile: z.string(), line: z.number().int(), recordId: z.string().nullable() }),
  /** Placeholder → entity type, for highlighting; never the original value. */
  placeholders: z.array(z.object({ placeholder: z.string(), label: z.string() })),
  /** The failure signals that can put the case in the queue. */
  queueSignals: z.array(QueueSignal),
  /** Mining runs that picked the case, and why. */
  picks: z.array(z.object({ runId: z.number().int(), policyName: z.string(), policyVersion: z.number().int(), reasons: z.array(z.string()) })),
  /** Other cases in its near-duplicate cluster, most similar first, with their de-identified previews. */
  nearDuplicates: z.array(z.object({ id: z.number().int(), similarity: z.number(), status: CaseStatus, preview: z.string() })),
  /** How often exactly this content arrived (ingest merges exact duplicates into one case and counts them). */
  seenCount: z.number().int().min(1).optional(),
});
export type CaseDetail = z.infer<typeof CaseDetail>;

export const Role = z.enum(['admin', 'reviewer', 'auditor']);
export type Role = z.infer<typeof Role>;

export const WorkspaceStatus = z.object({
  path: z.string(),
  exists: z.boolean(),
  unlocked: z.boolean(),
  /** The signed-in account (or, in a single-user workspace, the reviewer name given at unlock). */
  reviewer: z.string().nullable(),
  /** The signed-in role; a single-user workspace's session is admin. */
  role: Role.nullable(),
  /** True once the workspace has accounts: sign-in is then account name + that account's passphrase. */
  accounts: z.boolean(),
  /** The channels the signed-in role may call; the renderer hides the rest (main enforces it regardless). */
  channels: z.array(z.string()),
  /** Why the workspace is locked, when it locked itself. */
  lockedReason: z.enum(['idle']).nullable(),
  idleLockMinutes: z.number().nullable(),
});
export type WorkspaceStatus = z.infer<typeof WorkspaceStatus>;

/** The log formats ingest reads; detected from the file unless one is named. */
export const LogFormatId = z.enum(['openinference', 'otel-genai', 'langfuse', 'oasst', 'openai-chat']);
export type LogFormatId = z.infer<typeof LogFormatId>;

export const QuarantinedLine = z.object({ line: z.number().int(), reason: z.string() });

export const IngestResult = z.object({
  runId: z.number().int(),
  file: z.string(),
  ingested: z.number().int(),
  duplicates: z.number().int(),
  quarantined: z.number().int(),
  quarantine: z.array(QuarantinedLine),
});
export type IngestResult = z.infer<typeof IngestResult>;

export const DirListing = z.object({
  dir: z.string(),
  parent: z.string().nullable(),
  entries: z.array(z.object({ name: z.string(), path: z.string(), kind: z.enum(['dir', 'file']), size: z.number() })),
});
export type DirListing = z.infer<typeof DirListing>;

export const ExportResult = z.object({ path: z.string(), count: z.number().int() });
export type ExportResult = z.infer<typeof ExportResult>;

export const AuditStatus = z.object({
  ok: z.boolean(),
  entries: z.number().int(),
  firstBroken: z.number().int().nullable(),
  reason: z.string().nullable(),
  /** Signed checkpoints in the log, and the latest one. */
  checkpoints: z.number().int(),
  lastCheckpoint: z.object({ seq: z.number().int(), ts: z.string() }).nullable(),
});
export type AuditStatus = z.infer<typeof AuditStatus>;

export const DeidTerm = z.object({
  id: z.number().int(),
  kind: z.enum(['allow', 'deny']),
  term: z.string(),
  label: z.string().nullable(),
});
export type DeidTerm = z.infer<typeof DeidTerm>;
export const TermListing = z.object({ terms: z.array(DeidTerm), labels: z.array(z.string()) });
export type TermListing = z.infer<typeof TermListing>;

export const ModelListing = z.object({
  models: z.array(z.object({ id: z.string(), labels: z.array(z.string()), builtIn: z.boolean() })),
  selected: z.string(),
});
export type ModelListing = z.infer<typeof ModelListing>;

export const Empty = z.object({}).strict();
