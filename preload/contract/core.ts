import { z } from 'zod';
import {
  AuditStatus,
  CaseDetail,
  Empty,
  ExportResult,
  ModelListing,
  TermListing,
  WorkspaceStatus,
} from '../schemas.js';

/** The walking skeleton's channels still shared here: the session, the legacy decision calls, golden export, audit verify, models and term lists. */
export const coreChannels = {
  'workspace:status': { input: Empty, output: WorkspaceStatus },
  'workspace:unlock': {
    input: z.object({ passphrase: z.string().min(1).max(1024), reviewer: z.string().trim().min(1).max(80) }).strict(),
    output: WorkspaceStatus,
  },
  'workspace:lock': { input: Empty, output: WorkspaceStatus },
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

