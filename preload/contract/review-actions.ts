import { z } from 'zod';
import { CaseDetail } from '../schemas.js';

/**
 * Reviewer actions beyond the queue: per-reviewer decisions with reason codes, undo, drafts of the task, rubric
 * and checklist, missed-PII reports, augmentation suggestions, blind double review, agreement and adjudication,
 * and the review settings. Shapes mirror main/core/review/*.ts; text here is de-identified or reviewer-written.
 */
export const ReviewCategory = z.enum(['happy-path', 'edge-case', 'adversarial', 'drift']);
export type ReviewCategory = z.infer<typeof ReviewCategory>;
export const ChecklistItem = z.enum(['objective', 'tractable', 'difficult']);
export type ChecklistItem = z.infer<typeof ChecklistItem>;

export const ReviewChecklist = z.object({ objective: z.boolean(), tractable: z.boolean(), difficult: z.boolean() }).partial().strict();
export type ReviewChecklist = z.infer<typeof ReviewChecklist>;

export const RubricCriterion = z
  .object({
    text: z.string().trim().min(1).max(2000),
    weight: z.number().int().min(1).max(10),
    met: z.string().trim().min(1).max(2000),
    unmet: z.string().trim().min(1).max(2000),
  })
  .strict();
export type RubricCriterion = z.infer<typeof RubricCriterion>;

export const Augmentation = z
  .object({
    persona: z.string().max(500),
    outputFormat: z.string().max(500),
    requiredSources: z.array(z.string().trim().min(1).max(300)).max(20),
    scope: z.object({ temporal: z.string().max(500), comparative: z.string().max(500), geographic: z.string().max(500) }).strict(),
  })
  .strict();
export type Augmentation = z.infer<typeof Augmentation>;

/** A criterion in a draft may still have empty fields; accepting requires complete ones (checked in main). */
export const DraftCriterion = z
  .object({ text: z.string().max(2000), weight: z.number().int().min(1).max(10), met: z.string().max(2000), unmet: z.string().max(2000) })
  .strict();

export const ReviewDraft = z
  .object({
    taskText: z.string().max(20000).nullable(),
    expected: z.string().max(20000),
    category: ReviewCategory.nullable(),
    checklist: ReviewChecklist,
    rubric: z.array(DraftCriterion).max(30),
    augmentation: Augmentation,
  })
  .strict();
export type ReviewDraft = z.infer<typeof ReviewDraft>;

export const ReviewDecision = z.enum(['accept', 'reject', 'skip']);
export type ReviewDecision = z.infer<typeof ReviewDecision>;

export const ReviewRecord = z.object({
  id: z.number().int(),
  caseId: z.number().int(),
  reviewer: z.string(),
  kind: z.enum(['review', 'adjudication']),
  decision: ReviewDecision,
  reasonCode: z.string().nullable(),
  checklist: ReviewChecklist,
  category: ReviewCategory.nullable(),
  taskText: z.string().nullable(),
  expected: z.string().nullable(),
  rubric: z.array(DraftCriterion),
  augmentation: Augmentation,
  createdAt: z.string(),
});
export type ReviewRecord = z.infer<typeof ReviewRecord>;

export const ReviewStatus = z.enum(['pending', 'accepted', 'rejected', 'disputed']);
export type ReviewStatus = z.infer<typeof ReviewStatus>;

export const ReviewState = z.object({
  caseId: z.number().int(),
  status: ReviewStatus,
  requiredReviews: z.number().int(),
  submitted: z.number().int(),
  mine: ReviewRecord.nullable(),
  others: z.array(ReviewRecord),
  adjudication: ReviewRecord.nullable(),
  draft: ReviewDraft,
  originalTask: z.string(),
  composedTask: z.string(),
});
export type ReviewState = z.infer<typeof ReviewState>;

/** The review settings as the renderer sees them: the API key never crosses back, only whether one is set. */
export const ReviewSettingsView = z.object({
  doubleReviewShare: z.number(),
  doubleReviewSeed: z.number().int(),
  reasonCodes: z.array(z.string()),
  requiredChecklist: z.array(ChecklistItem),
  rubricTemplates: z.record(ReviewCategory, z.array(RubricCriterion)),
  llm: z.object({ enabled: z.boolean(), url: z.string(), model: z.string(), hasApiKey: z.boolean() }),
});
export type ReviewSettingsView = z.infer<typeof ReviewSettingsView>;

export const BatchAgreement = z.object({
  kind: z.enum(['ingest', 'mining']),
  runId: z.number().int(),
  label: z.string(),
  pairedCases: z.number().int(),
  disagreements: z.number().int(),
  raters: z.array(z.string()),
  kappa: z.number().nullable(),
  alpha: z.number().nullable(),
});
export type BatchAgreement = z.infer<typeof BatchAgreement>;

export const DisputedCase = z.object({ caseId: z.number().int(), runId: z.number().int(), preview: z.string(), reviews: z.array(ReviewRecord) });
export type DisputedCase = z.infer<typeof DisputedCase>;

/**
 * A placeholder the main process put into reviewer-written text on save, where it found an identifier the
 * reviewer typed: the field's path in the draft (`expected`, `rubric.0.met`), the label and the placeholder.
 * The typed value stays in the vault; it never comes back.
 */
export const ReplacedIdentifier = z.object({ field: z.string(), label: z.string(), placeholder: z.string() });
export type ReplacedIdentifier = z.infer<typeof ReplacedIdentifier>;

const CaseId = z.number().int().positive();
const Reason = z.string().trim().min(1).max(40);

export const reviewActionsChannels = {
  /** The signed-in reviewer's view of a case's reviews: their own work, others' only once they decided. */
  'review:state': { input: z.object({ id: CaseId }).strict(), output: ReviewState },
  /** `replaced`: identifiers found in the reviewer's text and stored as placeholders instead (none: absent or empty). */
  'review:saveDraft': {
    input: z.object({ id: CaseId, draft: ReviewDraft }).strict(),
    output: ReviewState.extend({ replaced: z.array(ReplacedIdentifier).optional() }),
  },
  'review:submit': {
    input: z.object({ id: CaseId, decision: ReviewDecision, reasonCode: Reason.optional(), draft: ReviewDraft.optional() }).strict(),
    output: z.object({ state: ReviewState, case: CaseDetail, replaced: z.array(ReplacedIdentifier).optional() }),
  },
  /** Takes back the signed-in reviewer's most recent decision, skip or adjudication. */
  'review:undo': {
    input: z.object({}).strict(),
    output: z.object({ caseId: z.number().int(), decision: ReviewDecision, state: ReviewState, case: CaseDetail }),
  },
  /** Redacts a span the de-identifier missed: field = message index (the response comes last), offsets in its text. */
  'review:missedPii': {
    input: z
      .object({
        id: CaseId,
        field: z.number().int().min(0).max(10_000),
        start: z.number().int().min(0),
        end: z.number().int().min(1),
        label: z.string().min(1).max(40),
      })
      .strict(),
    output: z.object({ placeholder: z.string(), occurrences: z.number().int(), case: CaseDetail }),
  },
  /** Augmentation suggestions from the configured on-prem LLM, given the de-identified task only. */
  'review:suggest': { input: z.object({ id: CaseId }).strict(), output: Augmentation },
  'review:agreement': {
    input: z.object({}).strict(),
    output: z.object({ batches: z.array(BatchAgreement), disputed: z.array(DisputedCase) }),
  },
  'review:adjudicate': {
    input: z.object({ id: CaseId, decision: z.enum(['accept', 'reject']), reasonCode: Reason.optional() }).strict(),
    output: ReviewState,
  },
  'review:settings': { input: z.object({}).strict(), output: ReviewSettingsView },
  /** `llm.apiKey` absent keeps the stored key; an empty string clears it. */
  'review:saveSettings': {
    input: z
      .object({
        doubleReviewShare: z.number().min(0).max(1),
        doubleReviewSeed: z.number().int().min(0).max(2 ** 31 - 1),
        reasonCodes: z.array(z.string().max(40)).min(1).max(30),
        requiredChecklist: z.array(ChecklistItem),
        rubricTemplates: z.record(ReviewCategory, z.array(RubricCriterion).max(30)),
        llm: z.object({ enabled: z.boolean(), url: z.string().max(2000), model: z.string().max(200), apiKey: z.string().max(2000).optional() }).strict(),
      })
      .strict(),
    /** `replaced`: identifiers found in the rubric templates' text and stored as placeholders instead. */
    output: ReviewSettingsView.extend({ replaced: z.array(ReplacedIdentifier).optional() }),
  },
} as const;
