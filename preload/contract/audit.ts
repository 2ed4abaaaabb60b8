import { z } from 'zod';

export const AuditOutcome = z.enum(['success', 'failure', 'denied']);

/** One audit record as the auditor view shows it: ids and counts only, never case text. */
export const AuditRecord = z.object({
  seq: z.number().int(),
  ts: z.string(),
  actor: z.string(),
  role: z.string(),
  workstation: z.string(),
  source: z.string(),
  action: z.string(),
  objectIds: z.string(),
  outcome: z.string(),
  hash: z.string(),
});
export type AuditRecord = z.infer<typeof AuditRecord>;

/** Time range (ISO 8601), actor, event type, outcome and a search; the same filter the CLI export takes. */
export const AuditFilter = z
  .object({
    from: z.iso.datetime({ offset: true }).optional(),
    to: z.iso.datetime({ offset: true }).optional(),
    actor: z.string().trim().min(1).max(80).optional(),
    type: z.string().trim().min(1).max(80).optional(),
    outcome: AuditOutcome.optional(),
    search: z.string().max(200).optional(),
  })
  .strict();
export type AuditFilter = z.infer<typeof AuditFilter>;

export const AuditPage = z.object({
  records: z.array(AuditRecord),
  /** Records matching the filter; `records` holds the newest `limit` of them. */
  total: z.number().int(),
  actors: z.array(z.string()),
  types: z.array(z.string()),
});
export type AuditPage = z.infer<typeof AuditPage>;

export const AuditExportFormat = z.enum(['jsonl', 'csv', 'fhir']);
export type AuditExportFormat = z.infer<typeof AuditExportFormat>;

/** The auditor view's channels (admin and auditor); 'audit:verify' is in core.ts. */
export const auditChannels = {
  'audit:list': {
    input: AuditFilter.extend({ limit: z.number().int().min(1).max(20000).optional() }).strict(),
    output: AuditPage,
  },
  'audit:export': {
    input: AuditFilter.extend({ format: AuditExportFormat }).strict(),
    output: z.object({ path: z.string(), count: z.number().int(), verifyCommand: z.string() }),
  },
} as const;
