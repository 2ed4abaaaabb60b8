import { z } from 'zod';
import {
  AuditStatus,
  CaseDetail,
  CaseStatus,
  CaseSummary,
  DirListing,
  Empty,
  ExportResult,
  IngestResult,
  LogFormatId,
  ModelListing,
  TermListing,
  WorkspaceStatus,
} from '../schemas.js';

/** The walking skeleton's channels: workspace, ingest, review queue, golden export, audit, models and term lists. */
export const coreChannels = {
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

