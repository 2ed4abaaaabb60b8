import { adjudicate, disputedCases, readDraft, resyncStatuses, reviewState, saveDraft, submitReview, undoLast } from '../../core/review/case-reviews.js';
import {
  deidentifyCaselessText,
  draftTexts,
  reviewerTextAuditIds,
  scanReviewerText,
  sealDraft,
  templateTexts,
  withTemplateTexts,
} from '../../core/review/reviewer-text.js';
import { batchAgreement } from '../../core/review/batch-agreement.js';
import { suggestAugmentation } from '../../core/review/llm-client.js';
import { reportMissedPii } from '../../core/review/missed-pii.js';
import { getCase } from '../../core/review/review-queue.js';
import { readReviewSettings, writeReviewSettings, type ReviewSettings } from '../../core/review/review-settings.js';
import { composeTask } from '../../core/review/augmentation.js';
import { registerSecret } from '../../core/logging/index.js';
import type { RedactedText } from '../../core/text.js';
import type { HandlerGroup, ServiceContext } from '../service-context.js';

type ReviewActionChannel =
  | 'review:state'
  | 'review:saveDraft'
  | 'review:submit'
  | 'review:undo'
  | 'review:missedPii'
  | 'review:suggest'
  | 'review:agreement'
  | 'review:adjudicate'
  | 'review:settings'
  | 'review:saveSettings';

/** The settings as the renderer may see them: whether an API key is stored, never the key. */
function settingsView(settings: ReviewSettings) {
  const { apiKey, ...llm } = settings.llm;
  return { ...settings, llm: { ...llm, hasApiKey: apiKey.length > 0 } };
}

/**
 * Reviewer actions: decisions with reason codes and undo, drafts, missed-PII reports, LLM suggestions, agreement
 * and adjudication, review settings. Every change is audit-logged with ids, codes and counts only.
 */
export function reviewActionsHandlers(ctx: ServiceContext): HandlerGroup<ReviewActionChannel> {
  return {
    'review:state': ({ id }) => reviewState(ctx.open().db, id, ctx.reviewer()),
    // Reviewer-written text is de-identified before it is stored (main/core/review/reviewer-text.ts).
    'review:saveDraft': async ({ id, draft }) => {
      const scan = await scanReviewerText(ctx.open().db, () => ctx.deidentifier(), id, draftTexts(draft));
      return ctx.atomically(() => {
        const { db } = ctx.open();
        const sealed = sealDraft(db, scan, ctx.reviewer(), draft);
        saveDraft(db, id, ctx.reviewer(), sealed.draft);
        ctx.audit({ action: 'review.draft_save', objectIds: { case: id } });
        if (sealed.replaced.length > 0) ctx.audit({ action: 'review.text_deidentified', objectIds: reviewerTextAuditIds(id, sealed) });
        return { ...reviewState(db, id, ctx.reviewer()), replaced: sealed.replaced };
      });
    },
    'review:submit': async ({ id, decision, reasonCode, draft }) => {
      // The work recorded with the decision: the one sent, or the saved draft (which may predate de-identification).
      const recorded = draft ?? readDraft(ctx.open().db, id, ctx.reviewer());
      const scan = await scanReviewerText(ctx.open().db, () => ctx.deidentifier(), id, draftTexts(recorded));
      return ctx.atomically(() => {
        const { db } = ctx.open();
        const sealed = sealDraft(db, scan, ctx.reviewer(), recorded);
        const state = submitReview(db, { caseId: id, reviewer: ctx.reviewer(), decision, reasonCode, draft: sealed.draft });
        if (sealed.replaced.length > 0) ctx.audit({ action: 'review.text_deidentified', objectIds: reviewerTextAuditIds(id, sealed) });
        ctx.audit({
          action: 'review.submit',
          objectIds: { case: id, decision, ...(decision === 'reject' && reasonCode ? { reason: reasonCode } : {}), status: state.status },
        });
        return { state, case: getCase(db, id), replaced: sealed.replaced };
      });
    },
    'review:undo': () =>
      ctx.atomically(() => {
        const { db } = ctx.open();
        const undone = undoLast(db, ctx.reviewer());
        ctx.audit({ action: 'review.undo', objectIds: { case: undone.caseId, review: undone.reviewId, decision: undone.decision } });
        return { caseId: undone.caseId, decision: undone.decision, state: undone.state, case: getCase(db, undone.caseId) };
      }),
    'review:missedPii': ({ id, field, start, end, label }) =>
      ctx.atomically(() => {
        const { db } = ctx.open();
        const result = reportMissedPii(db, { caseId: id, field, start, end, label, reviewer: ctx.reviewer() });
        ctx.audit({
          action: 'deid.miss',
          objectIds: { case: id, miss: result.missId, field, start, end, label, occurrences: result.occurrences },
        });
        return { placeholder: result.placeholder, occurrences: result.occurrences, case: getCase(db, id) };
      }),
    'review:suggest': async ({ id }) => {
      const { db } = ctx.open();
      const settings = readReviewSettings(db);
      registerSecret('llm-api-key', settings.llm.apiKey);
      const state = reviewState(db, id, ctx.reviewer(), settings);
      // The task as the reviewer has it: de-identified original or their own edit, never the vault's raw text.
      const task = composeTask(state.draft.taskText ?? state.originalTask, { ...state.draft.augmentation }) as RedactedText;
      try {
        const suggestion = await suggestAugmentation(settings.llm, task, state.draft.category);
        ctx.audit({ action: 'review.llm_suggest', objectIds: { case: id } });
        return suggestion;
      } catch (error) {
        ctx.audit({ action: 'review.llm_suggest', objectIds: { case: id }, outcome: 'failure' });
        throw error;
      }
    },
    'review:agreement': () => {
      const { db } = ctx.open();
      return { batches: batchAgreement(db), disputed: disputedCases(db) };
    },
    'review:adjudicate': ({ id, decision, reasonCode }) =>
      ctx.atomically(() => {
        const state = adjudicate(ctx.open().db, id, ctx.reviewer(), decision, reasonCode);
        ctx.audit({ action: 'review.adjudicate', objectIds: { case: id, decision, ...(reasonCode ? { reason: reasonCode } : {}) } });
        return state;
      }),
    'review:settings': () => settingsView(readReviewSettings(ctx.open().db)),
    // Rubric templates are reviewer-written too and shown on every case: de-identified before they are stored.
    'review:saveSettings': async (input) => {
      const templates = await deidentifyCaselessText(() => ctx.deidentifier(), templateTexts(input.rubricTemplates));
      const rubricTemplates = withTemplateTexts(input.rubricTemplates, templates.texts);
      return ctx.atomically(() => {
        const { db } = ctx.open();
        const current = readReviewSettings(db);
        const saved = writeReviewSettings(db, { ...input, rubricTemplates, llm: { ...input.llm, apiKey: input.llm.apiKey ?? current.llm.apiKey } });
        registerSecret('llm-api-key', saved.llm.apiKey);
        const changed = (Object.keys(saved) as (keyof ReviewSettings)[]).filter((k) => JSON.stringify(saved[k]) !== JSON.stringify(current[k]));
        // Which cases need two reviews changed: statuses follow (a case with one review may be pending again).
        const resynced = changed.some((k) => k === 'doubleReviewShare' || k === 'doubleReviewSeed') ? resyncStatuses(db) : 0;
        ctx.audit({ action: 'settings.review', objectIds: { changed, resynced } });
        if (templates.replaced.length > 0) ctx.audit({ action: 'review.text_deidentified', objectIds: reviewerTextAuditIds(null, templates) });
        return { ...settingsView(saved), replaced: templates.replaced };
      });
    },
  };
}
