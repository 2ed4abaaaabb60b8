import assert from 'node:assert/strict';
import { test } from 'node:test';
import { openInference } from '../../main/core/ingest/formats/openinference.js';
import { fixtureLines, readLines } from '../fixtures/read-with-format.js';

test('an OTLP LLM span: messages, tokens, model, session and annotations as evaluations', () => {
  const { interactions } = readLines(openInference, fixtureLines('openinference-spans.jsonl'));
  const llm = interactions.find((i) => i.line === 1)!;
  assert.deepEqual(
    llm.messages.map((m) => m.role),
    ['system', 'user'],
  );
  assert.match(llm.response!.content, /pending authorisation/);
  assert.equal(llm.conversationId, 'sess-17');
  assert.deepEqual(llm.signals, {
    latency_ms: 1250,
    input_tokens: 41,
    output_tokens: 18,
    thumbs: 'down',
    evaluations: [
      { name: 'hallucination', score: 0, label: 'factual' },
      { name: 'user_feedback', score: 0 },
    ],
  });
  assert.deepEqual(llm.slices, { model: 'gpt-4o-mini', product_area: 'billing-bot' });
});

test('flat spans of one trace, nested or dotted, become one interaction under the root chain', () => {
  const { interactions } = readLines(openInference, fixtureLines('openinference-spans.jsonl'));
  const run = interactions.filter((i) => i.recordId?.startsWith('9c1d2e3f40516273849a5b6c7d8e9f00'));
  assert.equal(run.length, 1);
  assert.deepEqual(
    run[0]!.messages.map((m) => m.role),
    ['user', 'assistant', 'tool'],
  );
  assert.match(run[0]!.messages[1]!.content, /"tool_call":"order_status"/);
  assert.match(run[0]!.messages[2]!.content, /"status": "shipped"/);
  assert.equal(run[0]!.response!.content, 'Order 55120 shipped yesterday and arrives Friday.');
  assert.deepEqual(run[0]!.signals, { latency_ms: 2400, input_tokens: 82, output_tokens: 23, thumbs: 'up', evaluations: [{ name: 'thumbs', label: 'up' }] });
  assert.deepEqual(run[0]!.slices, { model: 'claude-3-5-haiku' });
  assert.equal(run[0]!.conversationId, 'sess-90');
});

test('a dotted span without ids stands alone; content parts are read', () => {
  const { interactions } = readLines(openInference, fixtureLines('openinference-spans.jsonl'));
  const lone = interactions.find((i) => i.line === 6)!;
  assert.deepEqual(lone.messages, [{ role: 'user', content: "Translate 'good morning' to French." }]);
  assert.deepEqual(lone.response, { role: 'assistant', content: 'Bonjour.' });
  assert.deepEqual(lone.slices, { model: 'gpt-4o' });
});

test('malformed spans name the field at fault', () => {
  const { problems } = readLines(openInference, fixtureLines('openinference-spans.jsonl'));
  assert.deepEqual(problems, [{ line: 7, reason: 'field llm.input_messages.0.message.role: missing' }]);
  const cases: [object, RegExp][] = [
    [{ 'openinference.span.kind': 'LLM', 'llm.input_messages.0.message.role': 'user', 'llm.input_messages.0.message.content': 5 }, /field llm\.input_messages\.0\.message\.content: expected a string/],
    [{ 'openinference.span.kind': 'LLM', 'llm.token_count.prompt': '12', 'input.value': 'x' }, /field llm\.token_count\.prompt: expected a non-negative number/],
    [{ 'openinference.span.kind': 'LLM', 'input.value': 'x', 'annotations.0.annotation.score': 1 }, /field annotations\.0\.annotation\.name: missing/],
    [{ 'input.value': 'x', start_time: 'yesterday' }, /field start_time: expected an ISO 8601 time/],
  ];
  for (const [record, reason] of cases) {
    const outcome = readLines(openInference, [JSON.stringify(record)]);
    assert.equal(outcome.problems.length, 1, JSON.stringify(record));
    assert.match(outcome.problems[0]!.reason, reason);
  }
});
