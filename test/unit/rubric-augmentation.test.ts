import assert from 'node:assert/strict';
import { test } from 'node:test';
import { composeTask, EMPTY_AUGMENTATION } from '../../main/core/review/augmentation.js';
import { CATEGORIES, DEFAULT_RUBRIC_TEMPLATES, Rubric, unmetChecklist } from '../../main/core/review/rubric.js';

test('every category has a valid default rubric template with weights and MET / UNMET definitions', () => {
  for (const category of CATEGORIES) {
    const template = DEFAULT_RUBRIC_TEMPLATES[category];
    assert.ok(template.length >= 2, category);
    assert.equal(Rubric.safeParse(template).success, true, category);
  }
  assert.equal(Rubric.safeParse([{ text: 'x', weight: 0, met: 'm', unmet: 'u' }]).success, false, 'weights start at 1');
  assert.equal(Rubric.safeParse([{ text: 'x', weight: 2, met: ' ', unmet: 'u' }]).success, false, 'a MET definition is required');
});

test('the checklist items required to accept must be ticked', () => {
  assert.deepEqual(unmetChecklist({ objective: true, tractable: false }, ['objective', 'tractable', 'difficult']), ['tractable', 'difficult']);
  assert.deepEqual(unmetChecklist({ objective: true }, ['objective']), []);
  assert.deepEqual(unmetChecklist({}, []), []);
});

test('composeTask: an empty augmentation keeps the task; fields compose in a fixed order', () => {
  assert.equal(composeTask('  Is the clinic open on Sunday?  ', EMPTY_AUGMENTATION), 'Is the clinic open on Sunday?');
  const composed = composeTask('Is the clinic open on Sunday?', {
    persona: 'a night-shift nurse',
    outputFormat: 'two sentences',
    requiredSources: ['the opening-hours page', 'the holiday rota'],
    scope: { temporal: 'over the next month', comparative: 'against the other two clinics', geographic: 'within [LOCATION_1]' },
  });
  assert.equal(
    composed,
    [
      'You are answering for: a night-shift nurse.',
      '',
      'Is the clinic open on Sunday?',
      '',
      'Requirements:',
      '- Time frame: over the next month.',
      '- Compare: against the other two clinics.',
      '- Geography: within [LOCATION_1].',
      '- Cite these sources: the opening-hours page; the holiday rota.',
      '- Answer format: two sentences.',
    ].join('\n'),
  );
  assert.equal(composeTask('Q?', { ...EMPTY_AUGMENTATION, outputFormat: 'JSON!' }), 'Q?\n\nRequirements:\n- Answer format: JSON!');
});
