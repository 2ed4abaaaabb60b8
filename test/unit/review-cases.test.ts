import assert from 'node:assert/strict';
import { test } from 'node:test';
import { batchAgreement } from '../../main/core/review/batch-agreement.js';
import {
  adjudicate,
  disputedCases,
  EMPTY_DRAFT,
  finalReview,
  reviewState,
  saveDraft,
  submitReview,
  undoLast,
} from '../../main/core/review/case-reviews.js';
import { needsDoubleReview } from '../../main/core/review/double-review.js';
import { getCase } from '../../main/core/review/review-queue.js';
import { DEFAULT_REVIEW_SETTINGS, readReviewSettings, writeReviewSettings } from '../../main/core/review/review-settings.js';
import { reviewWorkspace } from './review-workspace.js';

const READY = { ...EMPTY_DRAFT, checklist: { objective: true, tractable: true } };

test('one review decides a case; reject needs a known reason code; accept needs the required checklist', async (t) => {
  const { db } = await reviewWorkspace(t);
  writeReviewSettings(db, { ...DEFAULT_REVIEW_SETTINGS, requiredChecklist: ['objective', 'tractable'] });
  assert.throws(() => submitReview(db, { caseId: 1, reviewer: 'ana', decision: 'accept' }), /tick objective, tractable/);
  assert.throws(() => submitReview(db, { caseId: 1, reviewer: 'ana', decision: 'reject' }), /choose a reason code/);
  assert.throws(() => submitReview(db, { caseId: 1, reviewer: 'ana', decision: 'reject', reasonCode: 'boring' }), /"boring" is not a reason code/);
  assert.throws(() => submitReview(db, { caseId: 99, reviewer: 'ana', decision: 'skip' }), /Case 99 does not exist/);

  // A half-written criterion may sit in a draft, but a case is not accepted with it.
  const halfWritten = { ...READY, rubric: [{ text: 'Names the drug', weight: 2, met: 'It does.', unmet: '' }] };
  saveDraft(db, 1, 'ana', halfWritten);
  assert.throws(() => submitReview(db, { caseId: 1, reviewer: 'ana', decision: 'accept' }), /rubric criterion 1 needs its text and both MET and UNMET/);

  const state = submitReview(db, { caseId: 1, reviewer: 'ana', decision: 'accept', draft: { ...READY, expected: 'Confirm the refill.', category: 'happy-path' } });
  assert.equal(state.status, 'accepted');
  assert.equal(state.mine?.decision, 'accept');
  const detail = getCase(db, 1);
  assert.equal(detail.status, 'accepted');
  assert.equal(detail.decidedBy, 'ana');
  assert.equal(detail.expected, 'Confirm the refill.');

  const rejected = submitReview(db, { caseId: 2, reviewer: 'ana', decision: 'reject', reasonCode: 'off-domain' });
  assert.equal(rejected.status, 'rejected');
  assert.equal(rejected.mine?.reasonCode, 'off-domain');
});

test('undo takes back the reviewer’s acts newest first, restoring a superseded decision, and only their own', async (t) => {
  const { db } = await reviewWorkspace(t);
  submitReview(db, { caseId: 1, reviewer: 'ana', decision: 'accept', draft: READY });
  submitReview(db, { caseId: 1, reviewer: 'ana', decision: 'reject', reasonCode: 'duplicate' });
  submitReview(db, { caseId: 2, reviewer: 'ana', decision: 'skip' });
  submitReview(db, { caseId: 3, reviewer: 'ben', decision: 'reject', reasonCode: 'other' });
  assert.equal(getCase(db, 1).status, 'rejected');

  assert.equal(undoLast(db, 'ana').decision, 'skip');
  const second = undoLast(db, 'ana');
  assert.equal(second.caseId, 1);
  assert.equal(second.state.status, 'accepted', 'undoing the reject brings the accept back');
  assert.equal(getCase(db, 1).status, 'accepted');
  assert.equal(undoLast(db, 'ana').state.status, 'pending');
  assert.equal(getCase(db, 1).status, 'pending');
  assert.equal(getCase(db, 1).decidedBy, null);
  assert.throws(() => undoLast(db, 'ana'), /nothing left to undo/);
  assert.equal(getCase(db, 3).status, 'rejected', 'ben’s decision is untouched');
});

test('double review is deterministic by case id and seed and close to the configured share', () => {
  const picked = (seed: number) => Array.from({ length: 2000 }, (_, i) => needsDoubleReview(i + 1, 0.3, seed));
  assert.deepEqual(picked(7), picked(7));
  assert.notDeepEqual(picked(7), picked(8));
  const share = picked(7).filter(Boolean).length / 2000;
  assert.ok(share > 0.26 && share < 0.34, `share ${share}`);
  assert.equal(needsDoubleReview(5, 0, 1), false);
  assert.equal(needsDoubleReview(5, 1, 1), true);
});

test('blind double review: pending until both decide, nobody sees the other first, disagreement goes to adjudication', async (t) => {
  const { db } = await reviewWorkspace(t);
  writeReviewSettings(db, { ...DEFAULT_REVIEW_SETTINGS, doubleReviewShare: 1 });
  saveDraft(db, 1, 'ana', { ...READY, expected: 'ana’s private note', category: 'edge-case' });

  const afterAna = submitReview(db, { caseId: 1, reviewer: 'ana', decision: 'accept' });
  assert.equal(afterAna.status, 'pending');
  assert.equal(afterAna.requiredReviews, 2);
  assert.equal(getCase(db, 1).status, 'pending');
  assert.equal(getCase(db, 1).expected, null, 'the shared case row shows nothing before the second review');

  const benBefore = reviewState(db, 1, 'ben');
  assert.deepEqual(benBefore.others, [], 'ben cannot see ana’s decision before deciding');
  assert.equal(benBefore.draft.expected, '', 'nor her draft');

  const afterBen = submitReview(db, { caseId: 1, reviewer: 'ben', decision: 'reject', reasonCode: 'low-quality' });
  assert.equal(afterBen.status, 'disputed');
  assert.deepEqual(afterBen.others.map((r) => [r.reviewer, r.decision]), [['ana', 'accept']]);
  assert.equal(getCase(db, 1).status, 'pending');

  const disputed = disputedCases(db);
  assert.deepEqual(disputed.map((d) => [d.caseId, d.reviews.map((r) => r.decision)]), [[1, ['accept', 'reject']]]);

  assert.throws(() => adjudicate(db, 2, 'lead', 'accept'), /Case 2 is pending, not disputed/);
  const settled = adjudicate(db, 1, 'lead', 'accept');
  assert.equal(settled.status, 'accepted');
  assert.equal(getCase(db, 1).decidedBy, 'lead');
  assert.equal(getCase(db, 1).expected, 'ana’s private note', 'the adjudication keeps the accepting review’s work');
  assert.equal(finalReview(db, 1)?.category, 'edge-case');
  assert.deepEqual(disputedCases(db), []);
  assert.throws(() => submitReview(db, { caseId: 1, reviewer: 'ben', decision: 'accept', draft: READY }), /settled by adjudication/);

  // Agreeing reviews settle the case without adjudication.
  submitReview(db, { caseId: 2, reviewer: 'ana', decision: 'reject', reasonCode: 'duplicate' });
  submitReview(db, { caseId: 2, reviewer: 'ben', decision: 'reject', reasonCode: 'duplicate' });
  assert.equal(getCase(db, 2).status, 'rejected');
  assert.equal(getCase(db, 2).decidedBy, 'ana, ben');

  // Case 1 and 2 were also picked by a mining run: that batch gets its own figures.
  db.prepare("INSERT INTO sampling_policies (name, version, json, created_by, created_at) VALUES ('weekly', 1, '{}', 'x', 'now')").run();
  db.prepare("INSERT INTO sampling_runs (id, policy_name, policy_version, seed, created_at, picked_count) VALUES (5, 'weekly', 1, 1, 'now', 2)").run();
  db.prepare("INSERT INTO sampling_picks (run_id, case_id, reasons) VALUES (5, 1, '[]'), (5, 2, '[]')").run();
  const [batch, mining] = batchAgreement(db);
  assert.deepEqual([batch?.kind, batch?.runId, batch?.label], ['ingest', 1, 'log.jsonl']);
  assert.deepEqual([mining?.kind, mining?.runId, mining?.label, mining?.pairedCases], ['mining', 5, 'weekly v1', 2]);
  assert.equal(batch?.pairedCases, 2);
  assert.equal(batch?.disagreements, 1);
  assert.deepEqual(batch?.raters, ['ana', 'ben']);
  // ana (accept, reject) vs ben (reject, reject): pₒ = 0.5, pₑ = 0.5·0 + 0.5·1 = 0.5, κ = 0.
  assert.equal(batch?.kappa, 0);
  assert.ok(batch?.alpha !== null);
});

test('review settings: defaults, validation with the field named, and the enabled LLM endpoint checked', async (t) => {
  const { db } = await reviewWorkspace(t);
  assert.deepEqual(readReviewSettings(db), DEFAULT_REVIEW_SETTINGS);
  assert.equal(DEFAULT_REVIEW_SETTINGS.llm.enabled, false, 'LLM suggestions are off by default');
  assert.deepEqual(DEFAULT_REVIEW_SETTINGS.requiredChecklist, [], 'nothing is required to accept until an admin says so');
  assert.throws(() => writeReviewSettings(db, { ...DEFAULT_REVIEW_SETTINGS, doubleReviewShare: 1.5 }), /field doubleReviewShare/);
  assert.throws(() => writeReviewSettings(db, { ...DEFAULT_REVIEW_SETTINGS, reasonCodes: ['Bad Code'] }), /field reasonCodes\.0/);
  assert.throws(() => writeReviewSettings(db, { ...DEFAULT_REVIEW_SETTINGS, reasonCodes: ['other', 'other'] }), /may appear once/);
  assert.throws(
    () => writeReviewSettings(db, { ...DEFAULT_REVIEW_SETTINGS, llm: { enabled: true, url: 'file:///etc/passwd', model: 'm', apiKey: '' } }),
    /field llm\.url/,
  );
  const saved = writeReviewSettings(db, { ...DEFAULT_REVIEW_SETTINGS, requiredChecklist: ['difficult'], reasonCodes: ['wrong-dept', 'other'] });
  assert.deepEqual(readReviewSettings(db), saved);
  assert.throws(() => submitReview(db, { caseId: 1, reviewer: 'ana', decision: 'accept', draft: READY }), /tick difficult/);
  assert.throws(() => submitReview(db, { caseId: 1, reviewer: 'ana', decision: 'reject', reasonCode: 'duplicate' }), /not a reason code/);
});
