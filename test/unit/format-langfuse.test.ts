import assert from 'node:assert/strict';
import { test } from 'node:test';
import { langfuse } from '../../main/core/ingest/formats/langfuse.js';
import { fixtureLines, readLines } from '../fixtures/read-with-format.js';

test('generations become interactions; scores attach by observation or trace, read before or after', () => {
  const { interactions } = readLines(langfuse, fixtureLines('langfuse-export.jsonl'));
  assert.deepEqual(
    interactions.map((i) => [i.line, i.recordId]),
    [
      [2, 'gen-a1'],
      [4, 'gen-b1'],
    ],
  );
  const [a, b] = interactions;
  assert.deepEqual(
    a!.messages.map((m) => m.role),
    ['system', 'user'],
  );
  assert.equal(a!.response!.content, 'Physiotherapy is covered up to 12 sessions a year.');
  assert.equal(a!.conversationId, 'sess-lf-1');
  assert.deepEqual(a!.signals, { latency_ms: 1500, cost_usd: 0.00042, input_tokens: 38, output_tokens: 12, thumbs: 'down', evaluations: [{ name: 'user-feedback', score: 0 }] });
  assert.deepEqual(a!.slices, { model: 'gpt-4o', product_area: 'benefits' });

  // snake_case export: latency in seconds, total_cost, provided model name, scores by trace id.
  assert.deepEqual(b!.messages, [{ role: 'user', content: 'Summarise the attached policy in two lines.' }]);
  assert.deepEqual(b!.signals, {
    latency_ms: 2250,
    cost_usd: 0.0031,
    evaluations: [
      { name: 'accuracy', score: 0.9 },
      { name: 'tone', label: 'formal' },
    ],
  });
  assert.deepEqual(b!.slices, { model: 'claude-3-5-sonnet' });
});

test('a generation without input and an orphan score are reported by line and field', () => {
  const { problems } = readLines(langfuse, fixtureLines('langfuse-export.jsonl'));
  assert.deepEqual(problems, [
    { line: 8, reason: 'field input: missing' },
    { line: 7, reason: 'field observationId: no generation with this id in the file; the score was not attached' },
  ]);
});

test('malformed records name the field at fault', () => {
  const cases: [object, RegExp][] = [
    [{ traceId: 't', name: 'x', value: { nested: true } }, /field value: expected a number, string or boolean/],
    [{ traceId: 't', type: 'GENERATION', input: 'q', calculatedTotalCost: -1 }, /field calculatedTotalCost: expected a non-negative number/],
    [{ traceId: 't', type: 'GENERATION', input: 'q', model: ['a'] }, /field model: expected a string/],
    [{ traceId: 't', input: 'q' }, /field type: missing/],
  ];
  for (const [record, reason] of cases) {
    const { problems } = readLines(langfuse, [JSON.stringify(record)]);
    assert.equal(problems.length, 1, JSON.stringify(record));
    assert.match(problems[0]!.reason, reason);
  }
});
