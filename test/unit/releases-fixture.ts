/**
 * A real encrypted workspace for the release tests: six ingested cases (pattern recognizers only) with known
 * failure signals and slices, and helpers to accept or reject a case through the review core.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { TestContext } from 'node:test';
import { createDeidentifier } from '../../main/core/deid/create-deidentifier.js';
import { ingestLogFile } from '../../main/core/ingest/ingest-file.js';
import { EMPTY_DRAFT, submitReview } from '../../main/core/review/case-reviews.js';
import type { Category } from '../../main/core/review/rubric.js';
import type { Db } from '../../main/core/store/database.js';
import { createWorkspace, type Workspace } from '../../main/core/store/workspace.js';
import { MODELS_DIR, tempDir } from '../helpers.js';

/** A phone number in case 1's text: must never appear in a release. */
export const CANARY_PHONE = '617-555-0143';

const chat = (id: string, user: string, answer: string, extra: Record<string, unknown>) => ({
  id,
  messages: [{ role: 'user', content: user }],
  choices: [{ message: { role: 'assistant', content: answer } }],
  ...extra,
});

/** Case ids follow line order: 1..6. Regressions (a failure signal): 1 (thumbs down), 3 (regenerated), 6 (escalated). */
export const RECORDS = [
  chat('r-1', `Call me back at ${CANARY_PHONE} about my refill.`, 'We will call you.', { thumbs: 'down', tier: 'pro', intent: 'refill' }),
  chat('r-2', 'Is the clinic open on Sunday?', 'No.', { thumbs: 'up', tier: 'free', intent: 'hours' }),
  chat('r-3', 'Can I take ibuprofen with my blood pressure medicine?', 'Ask your pharmacist.', { regenerated: true, tier: 'pro', intent: 'medication' }),
  chat('r-4', 'Where do I park?', 'Level 2 of the garage.', { tier: 'free', intent: 'directions' }),
  chat('r-5', 'How long does a blood test take?', 'About a day.', { confidence: 0.1, tier: 'pro', intent: 'labs' }),
  chat('r-6', 'I want to complain about my bill.', 'I am escalating this.', { escalated: true, tier: 'free', intent: 'billing' }),
];

export async function releaseWorkspace(t: TestContext): Promise<Workspace> {
  const root = tempDir(t, 'quarry-releases-');
  const log = join(root, 'log.jsonl');
  writeFileSync(log, RECORDS.map((r) => JSON.stringify(r)).join('\n'));
  const workspace = createWorkspace(join(root, 'ws'), 'release passphrase');
  t.after(() => workspace.close());
  const deidentifier = await createDeidentifier({ modelsDir: MODELS_DIR, patternsOnly: true });
  try {
    await ingestLogFile(workspace.db, deidentifier, log);
  } finally {
    await deidentifier.close();
  }
  return workspace;
}

export function accept(db: Db, caseId: number, reviewer = 'ana', options: { category?: Category; expected?: string } = {}): void {
  submitReview(db, {
    caseId,
    reviewer,
    decision: 'accept',
    draft: { ...EMPTY_DRAFT, expected: options.expected ?? `Expected for case ${caseId}.`, category: options.category ?? null, checklist: { objective: true, tractable: true } },
  });
}

export function reject(db: Db, caseId: number, reviewer = 'ana'): void {
  submitReview(db, { caseId, reviewer, decision: 'reject', reasonCode: 'not-a-task' });
}
