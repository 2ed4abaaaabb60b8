import { z } from 'zod';
import { Empty } from '../schemas.js';

/** One source's raw text in the vault and its retention period (days; null = kept until purged by hand). */
export const SourceRetention = z.object({
  source: z.string(),
  rawRows: z.number().int().nonnegative(),
  purgedRows: z.number().int().nonnegative(),
  /** Stored raw rows already past the period: what "purge now" would remove. */
  dueRows: z.number().int().nonnegative(),
  oldest: z.string().nullable(),
  rawDays: z.number().int().positive().nullable(),
  nextPurge: z.string().nullable(),
});
export type SourceRetention = z.infer<typeof SourceRetention>;

/** One purge in the history: counts only. */
export const PurgeRecord = z.object({
  id: z.number().int().positive(),
  purgedAt: z.string(),
  source: z.string(),
  cutoff: z.string(),
  interactions: z.number().int().nonnegative(),
  findings: z.number().int().nonnegative(),
  surrogates: z.number().int().nonnegative(),
  actor: z.string(),
});
export type PurgeRecord = z.infer<typeof PurgeRecord>;

export const RetentionOverview = z.object({
  sources: z.array(SourceRetention),
  audit: z.object({
    days: z.number().int().positive(),
    defaultDays: z.number().int().positive(),
    minDays: z.number().int().positive(),
    entriesPastRetention: z.number().int().nonnegative(),
    oldestEntry: z.string().nullable(),
  }),
  history: z.array(PurgeRecord),
  /** How often due purges run while the workspace is unlocked (they also run at unlock). */
  scheduleMinutes: z.number().int().positive(),
});
export type RetentionOverview = z.infer<typeof RetentionOverview>;

/** Per-source retention of raw text, the audit log's own period, the purge history and "purge now" (admins). */
export const retentionChannels = {
  'retention:overview': { input: Empty, output: RetentionOverview },
  'retention:setPeriod': {
    input: z
      .object({
        source: z.string().trim().min(1).max(64),
        /** null removes the period: the source's raw text is kept until purged by hand. */
        days: z.number().int().min(1).max(36500).nullable(),
      })
      .strict(),
    output: RetentionOverview,
  },
  'retention:setAuditPeriod': { input: z.object({ days: z.number().int().min(365).max(36500) }).strict(), output: RetentionOverview },
  'retention:purgeNow': {
    input: Empty,
    output: z.object({ purges: z.array(PurgeRecord), auditPruned: z.number().int().nonnegative(), compacted: z.boolean(), overview: RetentionOverview }),
  },
} as const;
