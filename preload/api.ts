/**
 * The bridge contract: every channel the renderer may call, with zod schemas for its input and output.
 * Imported by main/api (validation), preload (channel list) and, as types, by the renderer.
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
});
export type CaseSummary = z.infer<typeof CaseSummary>;

export const CaseDetail = CaseSummary.extend({
  messages: z.array(ChatMessage),
  response: ChatMessage.nullable(),
  expected: z.string().nullable(),
  decidedBy: z.string().nullable(),
  decidedAt: z.string().nullable(),
  provenance: z.object({ runId: z.number().int(), sourceFile: z.string(), line: z.number().int(), recordId: z.string().nullable() }),
  /** Placeholder → entity type, for highlighting; never the original value. */
  placeholders: z.array(z.object({ placeholder: z.string(), label: z.string() })),
});
export type CaseDetail = z.infer<typeof CaseDetail>;

export const WorkspaceStatus = z.object({
  path: z.string(),
  exists: z.boolean(),
  unlocked: z.boolean(),
  reviewer: z.string().nullable(),
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
});
export type AuditStatus = z.infer<typeof AuditStatus>;

export const DeidTerm = z.object({
  id: z.number().int(),
  kind: z.enum(['allow', 'deny']),
  term: z.string(),
  label: z.string().nullable(),
});
export type DeidTerm = z.infer<typeof DeidTerm>;
const TermListing = z.object({ terms: z.array(DeidTerm), labels: z.array(z.string()) });
export type TermListing = z.infer<typeof TermListing>;

const ModelListing = z.object({
  models: z.array(z.object({ id: z.string(), labels: z.array(z.string()), builtIn: z.boolean() })),
  selected: z.string(),
});
export type ModelListing = z.infer<typeof ModelListing>;

const Empty = z.object({}).strict();

/** Channel name → input and output schema. The only calls the renderer can make. */
export const contract = {
  'workspace:status': { input: Empty, output: WorkspaceStatus },
  'workspace:unlock': {
    input: z.object({ passphrase: z.string().min(1).max(1024), reviewer: z.string().trim().min(1).max(80) }).strict(),
    output: WorkspaceStatus,
  },
  'workspace:lock': { input: Empty, output: WorkspaceStatus },
  'files:browse': { input: z.object({ dir: z.string().max(4096).optional() }).strict(), output: DirListing },
  'ingest:run': {
    /** `format` overrides detection; the ids are main/core/ingest/formats/registry.ts's, checked by a test. */
    input: z.object({ path: z.string().min(1).max(4096), format: LogFormatId.optional() }).strict(),
    output: IngestResult,
  },
  'cases:list': {
    input: z.object({ status: CaseStatus.optional() }).strict(),
    output: z.array(CaseSummary),
  },
  'cases:get': { input: z.object({ id: z.number().int().positive() }).strict(), output: CaseDetail },
  'cases:decide': {
    input: z
      .object({
        id: z.number().int().positive(),
        decision: z.enum(['accepted', 'rejected']),
        expected: z.string().max(20000).optional(),
      })
      .strict(),
    output: CaseDetail,
  },
  'cases:saveExpected': {
    input: z.object({ id: z.number().int().positive(), expected: z.string().max(20000) }).strict(),
    output: CaseDetail,
  },
  'export:golden': {
    input: z.object({ profile: z.string().max(64).optional() }).strict(),
    output: ExportResult,
  },
  'audit:verify': { input: Empty, output: AuditStatus },
  /** The workspace's allow-list (never redact) and deny-list (always redact); they apply to later ingests. */
  /** NER models installed on this station, and the one this workspace uses for later ingests. */
  'models:list': { input: Empty, output: ModelListing },
  'models:select': { input: z.object({ id: z.string().min(1).max(64) }).strict(), output: ModelListing },
  'terms:list': { input: Empty, output: TermListing },
  'terms:add': {
    input: z
      .object({ kind: z.enum(['allow', 'deny']), term: z.string().trim().min(2).max(200), label: z.string().max(40).optional() })
      .strict(),
    output: TermListing,
  },
  'terms:remove': { input: z.object({ id: z.number().int().positive() }).strict(), output: TermListing },
} as const;

export type Contract = typeof contract;
export type Channel = keyof Contract;
export type Input<C extends Channel> = z.input<Contract[C]['input']>;
export type Output<C extends Channel> = z.output<Contract[C]['output']>;
export const CHANNELS = Object.keys(contract) as Channel[];

/** Errors a user can meet travel as `{ code, message }`; the message is written for the user. */
export const BridgeError = z.object({ code: z.string(), message: z.string() });
export type BridgeError = z.infer<typeof BridgeError>;

/** What `window.quarry` looks like in the renderer, in both shells. */
export interface QuarryApi {
  invoke<C extends Channel>(channel: C, input: Input<C>): Promise<Output<C>>;
}
