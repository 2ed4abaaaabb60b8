import assert from 'node:assert/strict';
import { test } from 'node:test';
import { REGRESSION_SIGNALS, regressionSignalsOf, releaseKindOf } from '../../main/core/releases/index.js';
import { FAILURE_SIGNALS } from '../../main/core/sampling/index.js';

test('a regression is an accepted case with a sampling failure trigger at its default threshold; low confidence is not one', () => {
  assert.deepEqual([...REGRESSION_SIGNALS], FAILURE_SIGNALS.filter((s) => s !== 'low_confidence'));
  assert.equal(releaseKindOf({}), 'golden');
  assert.equal(releaseKindOf({ thumbs: 'up', regenerated: false, escalated: false, schema_valid: true }), 'golden');
  assert.deepEqual(regressionSignalsOf({ thumbs: 'down' }), ['thumbs_down']);
  assert.deepEqual(regressionSignalsOf({ regenerated: true }), ['regenerated']);
  assert.deepEqual(regressionSignalsOf({ user_edited_chars: 50 }), ['heavy_edit']);
  assert.deepEqual(regressionSignalsOf({ user_edited_chars: 49 }), []);
  assert.deepEqual(regressionSignalsOf({ escalated: true }), ['escalated']);
  assert.deepEqual(regressionSignalsOf({ schema_valid: false }), ['schema_failure']);
  assert.deepEqual(regressionSignalsOf({ evaluations: [{ name: 'judge', score: 0.9 }, { name: 'judge-2', score: 0.49 }] }), ['low_evaluator_score']);
  assert.deepEqual(regressionSignalsOf({ evaluations: [{ name: 'judge', score: 0.5 }] }), []);
  assert.equal(releaseKindOf({ confidence: 0.01 }), 'golden');
  assert.deepEqual(regressionSignalsOf({ thumbs: 'down', escalated: true, confidence: 0.1 }).sort(), ['escalated', 'thumbs_down']);
});
