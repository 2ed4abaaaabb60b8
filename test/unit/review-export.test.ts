import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { EMPTY_DRAFT, submitReview } from '../../main/core/review/case-reviews.js';
import { exportGoldenSet } from '../../main/core/review/golden-export.js';
import { DEFAULT_RUBRIC_TEMPLATES } from '../../main/core/review/rubric.js';
import { tempDir } from '../helpers.js';
import { reviewWorkspace } from './review-workspace.js';

test('the golden set carries the task (original beside the composed one), category, rubric and checklist', async (t) => {
  const { db } = await reviewWorkspace(t);
  const augmentation = { persona: 'a caregiver', outputFormat: '', requiredSources: [], scope: { temporal: 'this month', comparative: '', geographic: '' } };
  submitReview(db, {
    caseId: 2,
    reviewer: 'ana',
    decision: 'accept',
    draft: {
      ...EMPTY_DRAFT,
      taskText: 'Which of my prescriptions expire soon?',
      expected: 'List the expiring prescriptions by date.',
      category: 'edge-case',
      checklist: { objective: true, tractable: true, difficult: false },
      rubric: DEFAULT_RUBRIC_TEMPLATES['edge-case'],
      augmentation,
    },
  });
  submitReview(db, { caseId: 3, reviewer: 'ana', decision: 'accept', draft: { ...EMPTY_DRAFT, checklist: { objective: true, tractable: true } } });
  submitReview(db, { caseId: 4, reviewer: 'ana', decision: 'reject', reasonCode: 'not-a-task' });

  const out = join(tempDir(t), 'golden.jsonl');
  assert.deepEqual(exportGoldenSet(db, out), [2, 3]);
  const [edited, plain] = readFileSync(out, 'utf8').trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
  assert.deepEqual(edited!.task, {
    original: 'Which of my prescriptions expire this month?',
    final: 'You are answering for: a caregiver.\n\nWhich of my prescriptions expire soon?\n\nRequirements:\n- Time frame: this month.',
    augmentation,
  });
  assert.equal(edited!.category, 'edge-case');
  assert.equal(edited!.expected_behaviour, 'List the expiring prescriptions by date.');
  assert.deepEqual(edited!.rubric, DEFAULT_RUBRIC_TEMPLATES['edge-case']);
  assert.deepEqual(edited!.checklist, { objective: true, tractable: true, difficult: false });
  assert.deepEqual((edited!.review as { reviewer: string }).reviewer, 'ana');
  const plainTask = plain!.task as { original: string; final: string };
  assert.equal(plainTask.final, plainTask.original, 'without edits the task is the original request');
  assert.equal(plain!.category, null);
});
