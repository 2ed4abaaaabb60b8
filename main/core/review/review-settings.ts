import { z } from 'zod';
import { QuarryError } from '../errors.js';
import type { Db } from '../store/database.js';
import { Category, ChecklistItem, DEFAULT_RUBRIC_TEMPLATES, Rubric } from './rubric.js';

/**
 * How a workspace reviews: the share of cases that get two blind reviews, the reject reason codes, which
 * checklist items must be ticked to accept, the rubric template per category, and the optional on-prem LLM that
 * suggests augmentations. Stored as JSON in `workspace_meta` (key `setting:review`), beside the other settings.
 */
export const DEFAULT_REASON_CODES = ['pii-leak', 'not-a-task', 'duplicate', 'off-domain', 'low-quality', 'other'] as const;

const ReasonCode = z.string().trim().regex(/^[a-z0-9][a-z0-9-]{0,39}$/, 'a reason code is lower-case letters, digits and dashes (up to 40)');

export const LlmEndpoint = z
  .object({
    enabled: z.boolean(),
    /** An OpenAI-compatible base URL, e.g. http://llm.internal:8000/v1; `/chat/completions` is appended. */
    url: z.string().trim().max(2000),
    model: z.string().trim().max(200),
    apiKey: z.string().max(2000),
  })
  .strict();
export type LlmEndpoint = z.infer<typeof LlmEndpoint>;

export const ReviewSettings = z
  .object({
    doubleReviewShare: z.number().min(0).max(1),
    doubleReviewSeed: z.number().int().min(0).max(2 ** 31 - 1),
    reasonCodes: z.array(ReasonCode).min(1).max(30),
    requiredChecklist: z.array(ChecklistItem),
    rubricTemplates: z.record(Category, Rubric),
    llm: LlmEndpoint,
  })
  .strict();
export type ReviewSettings = z.infer<typeof ReviewSettings>;

export const DEFAULT_REVIEW_SETTINGS: ReviewSettings = {
  doubleReviewShare: 0,
  doubleReviewSeed: 1,
  reasonCodes: [...DEFAULT_REASON_CODES],
  // None by default, so a workspace keeps deciding as before until an admin chooses what accepting requires.
  requiredChecklist: [],
  rubricTemplates: DEFAULT_RUBRIC_TEMPLATES,
  llm: { enabled: false, url: '', model: '', apiKey: '' },
};

const KEY = 'setting:review';

export function readReviewSettings(db: Db): ReviewSettings {
  const value = db.prepare('SELECT value FROM workspace_meta WHERE key = ?').pluck().get(KEY) as Buffer | string | undefined;
  if (value === undefined) return DEFAULT_REVIEW_SETTINGS;
  const text = Buffer.isBuffer(value) ? value.toString('utf8') : value;
  const parsed = ReviewSettings.safeParse({ ...DEFAULT_REVIEW_SETTINGS, ...(JSON.parse(text) as object) });
  if (!parsed.success) {
    throw new QuarryError('review-settings-invalid', `The stored review settings are invalid (${describeIssue(parsed.error)}); save them again.`);
  }
  return parsed.data;
}

function describeIssue(error: z.ZodError): string {
  const issue = error.issues[0];
  return `field ${issue?.path.join('.') || '(settings)'}: ${issue?.message}`;
}

/** Validates and stores the settings; an enabled LLM endpoint needs an http(s) URL and a model name. */
export function writeReviewSettings(db: Db, settings: ReviewSettings): ReviewSettings {
  const parsed = ReviewSettings.safeParse(settings);
  if (!parsed.success) throw new QuarryError('review-settings-invalid', `Review settings: ${describeIssue(parsed.error)}.`);
  const next = parsed.data;
  if (new Set(next.reasonCodes).size !== next.reasonCodes.length) {
    throw new QuarryError('review-settings-invalid', 'Review settings: field reasonCodes: each reason code may appear once.');
  }
  if (next.llm.enabled) {
    let url: URL | null = null;
    try {
      url = new URL(next.llm.url);
    } catch {
      url = null;
    }
    if (!url || !['http:', 'https:'].includes(url.protocol)) {
      throw new QuarryError('review-settings-invalid', 'Review settings: field llm.url: give the endpoint as an http:// or https:// URL.');
    }
    if (!next.llm.model) throw new QuarryError('review-settings-invalid', 'Review settings: field llm.model: name the model to ask.');
  }
  db.prepare(
    `INSERT INTO workspace_meta (key, value, created_at) VALUES (?, ?, ?)
     ON CONFLICT (key) DO UPDATE SET value = excluded.value`,
  ).run(KEY, Buffer.from(JSON.stringify(next), 'utf8'), new Date().toISOString());
  return next;
}
