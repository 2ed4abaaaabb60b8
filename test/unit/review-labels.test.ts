import assert from 'node:assert/strict';
import { test } from 'node:test';
import { PII_LABELS } from '../../main/core/deid/types.js';
import { MISS_LABELS } from '../../renderer/src/components/review/labels.js';

test('the missed-PII dialog offers exactly the de-identifier\'s entity types', () => {
  assert.deepEqual([...MISS_LABELS], [...PII_LABELS]);
});
