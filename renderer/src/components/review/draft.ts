import type { Augmentation, ChecklistItem, ReviewCategory, ReviewDraft } from '../../../../preload/contract/review-actions';

/** Names shown for the review vocabulary, shared by the case view, the agreement view and the settings. */
export const CATEGORY_NAMES: Record<ReviewCategory, string> = {
  'happy-path': 'Happy path',
  'edge-case': 'Edge case',
  adversarial: 'Adversarial',
  drift: 'Drift',
};
export const CATEGORY_ORDER: readonly ReviewCategory[] = ['happy-path', 'edge-case', 'adversarial', 'drift'];

export const CHECKLIST_NAMES: Record<ChecklistItem, { name: string; question: string }> = {
  objective: { name: 'Objective', question: 'Is there a right answer that graders would agree on?' },
  tractable: { name: 'Tractable', question: 'Can a model answer it from the conversation and stated sources?' },
  difficult: { name: 'Difficult', question: 'Would a weaker model plausibly get it wrong?' },
};
export const CHECKLIST_ORDER: readonly ChecklistItem[] = ['objective', 'tractable', 'difficult'];

export const EMPTY_AUGMENTATION: Augmentation = { persona: '', outputFormat: '', requiredSources: [], scope: { temporal: '', comparative: '', geographic: '' } };

export type DraftUpdate = (change: (draft: ReviewDraft) => ReviewDraft) => void;

function sentence(text: string): string {
  const trimmed = text.trim();
  return /[.!?]$/.test(trimmed) ? trimmed : `${trimmed}.`;
}

/** The same template as main/core/review/augmentation.ts composeTask, for the live preview. */
export function composeTask(task: string, a: Augmentation): string {
  const base = task.trim();
  const { temporal, comparative, geographic } = a.scope;
  const empty = !a.persona.trim() && !a.outputFormat.trim() && a.requiredSources.length === 0 && !temporal.trim() && !comparative.trim() && !geographic.trim();
  if (empty) return base;
  const parts: string[] = [];
  if (a.persona.trim()) parts.push(`You are answering for: ${sentence(a.persona)}`);
  parts.push(base);
  const lines: string[] = [];
  if (temporal.trim()) lines.push(`- Time frame: ${sentence(temporal)}`);
  if (comparative.trim()) lines.push(`- Compare: ${sentence(comparative)}`);
  if (geographic.trim()) lines.push(`- Geography: ${sentence(geographic)}`);
  if (a.requiredSources.length > 0) lines.push(`- Cite these sources: ${a.requiredSources.join('; ')}.`);
  if (a.outputFormat.trim()) lines.push(`- Answer format: ${sentence(a.outputFormat)}`);
  if (lines.length > 0) parts.push(`Requirements:\n${lines.join('\n')}`);
  return parts.join('\n\n');
}
