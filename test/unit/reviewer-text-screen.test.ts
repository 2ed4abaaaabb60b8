/**
 * The case view after a save that replaced identifiers (renderer/src/components/review/replaced.ts): the notice
 * names each placeholder once, the saved text replaces only fields the reviewer has not changed since, and a
 * decision's notice is offered to the next case only, and only for a moment.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { ReviewDraft } from '../../preload/contract/review-actions.js';
import { carriedNotice, carryReplacedNotice, mergeSavedDraft, replacedNotice, replacedSentence } from '../../renderer/src/components/review/replaced.js';

const EMPTY: ReviewDraft = {
  taskText: null,
  expected: '',
  category: null,
  checklist: {},
  rubric: [],
  augmentation: { persona: '', outputFormat: '', requiredSources: [], scope: { temporal: '', comparative: '', geographic: '' } },
};

test('the notice names each placeholder once, in order, and says where when it is about another case', () => {
  const notice = replacedNotice(4, [
    { field: 'expected', label: 'PERSON', placeholder: '[PERSON_2]' },
    { field: 'expected', label: 'PHONE', placeholder: '[PHONE_1]' },
    { field: 'rubric.0.met', label: 'PERSON', placeholder: '[PERSON_2]' },
  ]);
  assert.ok(notice);
  assert.deepEqual(notice.items.map((i) => i.placeholder), ['[PERSON_2]', '[PHONE_1]']);
  assert.equal(replacedSentence(notice), '2 identifiers you typed were replaced:');
  assert.equal(replacedSentence({ ...notice, items: notice.items.slice(0, 1), elsewhere: true }), '1 identifier you typed on case #4 was replaced:');
  assert.equal(replacedNotice(4, []), null);
  assert.equal(replacedNotice(4, undefined), null);
});

test('fields unchanged since the save take the saved text; fields edited meanwhile keep the edit', () => {
  const sent: ReviewDraft = {
    ...EMPTY,
    taskText: 'Ask Ana Ruiz.',
    expected: 'Call 555-0100.',
    rubric: [{ text: 'Names Ana Ruiz', weight: 1, met: 'm', unmet: 'u' }],
    augmentation: { ...EMPTY.augmentation, persona: 'Ana Ruiz', requiredSources: ['the Ruiz file'] },
  };
  const saved: ReviewDraft = {
    ...sent,
    taskText: 'Ask [PERSON_1].',
    expected: 'Call [PHONE_1].',
    rubric: [{ text: 'Names [PERSON_1]', weight: 1, met: 'm', unmet: 'u' }],
    augmentation: { ...sent.augmentation, persona: '[PERSON_1]', requiredSources: ['the [PERSON_1] file'] },
  };
  // Typed on: the expected behaviour grew, and an empty source entry is being written.
  const current: ReviewDraft = { ...sent, expected: 'Call 555-0100. Then', augmentation: { ...sent.augmentation, requiredSources: ['the Ruiz file', ''] } };
  const merged = mergeSavedDraft(current, sent, saved);
  assert.equal(merged.taskText, 'Ask [PERSON_1].');
  assert.equal(merged.expected, 'Call 555-0100. Then', 'the edit in progress stays; the next save de-identifies it');
  assert.equal(merged.rubric[0]!.text, 'Names [PERSON_1]');
  assert.equal(merged.augmentation.persona, '[PERSON_1]');
  assert.deepEqual(merged.augmentation.requiredSources, ['the [PERSON_1] file', '']);
  // A criterion added meanwhile: the rubric is left as the reviewer has it.
  const added = mergeSavedDraft({ ...sent, rubric: [...sent.rubric, { text: '', weight: 1, met: '', unmet: '' }] }, sent, saved);
  assert.equal(added.rubric.length, 2);
  assert.equal(added.rubric[0]!.text, 'Names Ana Ruiz');
});

test("a decision's notice goes to the next case, not back to the same one", () => {
  const notice = replacedNotice(7, [{ field: 'expected', label: 'EMAIL', placeholder: '[EMAIL_1]' }])!;
  carryReplacedNotice(notice);
  assert.equal(carriedNotice(7), null);
  const next = carriedNotice(8);
  assert.ok(next);
  assert.equal(next.elsewhere, true);
  assert.equal(next.caseId, 7);
});
