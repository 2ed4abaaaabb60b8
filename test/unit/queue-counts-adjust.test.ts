import assert from 'node:assert/strict';
import { test } from 'node:test';
import { withStatusChange } from '../../renderer/src/components/queue/counts-adjust.js';

const counts = {
  total: 10,
  byStatus: { pending: 8, accepted: 1, rejected: 1 },
  unassignedPending: 5,
  reviewers: [
    { reviewer: 'ana', assigned: 3, decided: 1 },
    { reviewer: 'ben', assigned: 2, decided: 0 },
  ],
};

test('a decision moves one case between status counts and adds to its assignee\'s progress', () => {
  const next = withStatusChange(counts, 'pending', 'accepted', 'ben');
  assert.deepEqual(next.byStatus, { pending: 7, accepted: 2, rejected: 1 });
  assert.deepEqual(next.reviewers[1], { reviewer: 'ben', assigned: 2, decided: 1 });
  assert.equal(next.unassignedPending, 5);
  assert.equal(next.total, 10);
});

test('undoing a decision on an unassigned case puts it back among the unassigned pending', () => {
  const next = withStatusChange(counts, 'rejected', 'pending', null);
  assert.deepEqual(next.byStatus, { pending: 9, accepted: 1, rejected: 0 });
  assert.equal(next.unassignedPending, 6);
  assert.equal(next.reviewers, counts.reviewers);
});

test('a change between two decided states leaves progress alone; no change is the same object', () => {
  const next = withStatusChange(counts, 'accepted', 'rejected', 'ana');
  assert.deepEqual(next.byStatus, { pending: 8, accepted: 0, rejected: 2 });
  assert.equal(next.reviewers, counts.reviewers);
  assert.equal(withStatusChange(counts, 'pending', 'pending', 'ana'), counts);
});
