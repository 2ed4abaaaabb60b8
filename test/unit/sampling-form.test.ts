import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseSamplingPolicy } from '../../main/core/sampling/index.js';
import { EMPTY_FORM, formFromPolicy, issuesByPath, policyFromForm } from '../../renderer/src/components/sampling/policy-form.js';

test('a saved policy loaded into the form comes back out unchanged', () => {
  const saved = parseSamplingPolicy({
    name: 'weekly',
    description: 'kept as loaded',
    statuses: ['pending'],
    failureSignals: ['thumbs_down', 'heavy_edit'],
    thresholds: { heavyEditChars: 80, lowScore: 0.4, lowConfidence: 0.3 },
    strata: { fields: ['language', 'tier'], minPerStratum: 3, maxPerStratum: 50 },
    baseRate: 0.05,
    uncertaintyBoost: 2,
    budget: 400,
    onePerCluster: true,
    seed: 99,
  });
  const { policy, issues } = policyFromForm(formFromPolicy(saved));
  assert.deepEqual(issues, {});
  assert.deepEqual(parseSamplingPolicy(JSON.parse(JSON.stringify(policy))), saved);
  assert.deepEqual(policyFromForm(EMPTY_FORM).issues, {});
});

test('text that is not a number, and a minimum without strata, are named by field', () => {
  const form = { ...EMPTY_FORM, baseRate: 'five', seed: '1x', minPerStratum: '2' };
  const { issues } = policyFromForm(form);
  assert.deepEqual(Object.keys(issues).sort(), ['baseRate', 'seed', 'strata.fields']);
  assert.equal(issues.baseRate, 'Enter a number.');
  assert.deepEqual(issuesByPath([{ path: '', message: 'whole' }, { path: 'seed', message: 'a' }, { path: 'seed', message: 'b' }]), { '(policy)': 'whole', seed: 'a' });
});
