import assert from 'node:assert/strict';
import { test } from 'node:test';
import { otelGenAi } from '../../main/core/ingest/formats/otel-genai.js';
import { fixtureLines, readLines } from '../fixtures/read-with-format.js';

const roles = (messages: { role: string; content: string }[]) => messages.map((m) => m.role);

test('a chat span: system instructions, input and output messages, usage, duration, model and evaluations', () => {
  const { interactions } = readLines(otelGenAi, fixtureLines('otel-genai-spans.jsonl'));
  const chat = interactions.find((i) => i.line === 1)!;
  assert.equal(chat.recordId, '4bf92f3577b34da6a3ce929d0e0e4736:00f067aa0ba902b7');
  assert.equal(chat.conversationId, 'conv-881');
  assert.deepEqual(
    chat.messages.map((m) => [m.role, m.content.slice(0, 24)]),
    [
      ['system', 'You must never tell joke'],
      ['system', 'You are a helpful bot'],
      ['user', 'Tell me a joke about Ope'],
    ],
  );
  // The reasoning part is the model's scratchpad, not its reply.
  assert.deepEqual(chat.response, { role: 'assistant', content: "I'm sorry, but I can't assist with that" });
  assert.deepEqual(chat.signals, {
    latency_ms: 1840,
    input_tokens: 52,
    output_tokens: 47,
    thumbs: 'down',
    evaluations: [
      { name: 'user_feedback', label: 'thumbs_down' },
      { name: 'Relevance', score: 0.25, label: 'irrelevant' },
    ],
  });
  assert.deepEqual(chat.slices, { model: 'gpt-4', product_area: 'patient-support' });
});

test('sibling chat spans around a tool call are separate interactions; the tool result reads as a tool message', () => {
  const { interactions } = readLines(otelGenAi, fixtureLines('otel-genai-spans.jsonl'));
  const [first, second] = interactions.filter((i) => i.line === 2);
  assert.deepEqual(roles(first!.messages), ['user']);
  assert.match(first!.response!.content, /"tool_call":"get_weather".*"location":"Paris"/);
  assert.deepEqual(roles(second!.messages), ['user', 'assistant', 'tool']);
  assert.equal(second!.messages[2]!.content, 'rainy, 57°F');
  assert.match(second!.response!.content, /rainy with a temperature of 57°F/);
});

test('an agent run spread over two export lines is one interaction with its tool calls inside', () => {
  const { interactions } = readLines(otelGenAi, fixtureLines('otel-genai-spans.jsonl'));
  const agents = interactions.filter((i) => i.recordId?.startsWith('0af7651916cd43dd8448eb211c80319c'));
  assert.equal(agents.length, 1);
  const [agent] = agents;
  assert.equal(agent!.line, 4, 'the line of the invoke_agent span');
  assert.deepEqual(roles(agent!.messages), ['user', 'assistant', 'tool']);
  assert.match(agent!.messages[1]!.content, /"tool_call":"claim_status"/);
  assert.match(agent!.messages[2]!.content, /"tool":"claim_status".*\n.*"status":"paid"/);
  assert.equal(agent!.response!.content, 'Yes: claim CLM-20931 was paid on 2 June.');
  assert.deepEqual(agent!.signals, { latency_ms: 1200, input_tokens: 280, output_tokens: 35, evaluations: [{ name: 'Groundedness', score: 1 }] });
  assert.deepEqual(agent!.slices, { model: 'gpt-4o', product_area: 'claims' });
});

test('the older per-message span events are read', () => {
  const { interactions } = readLines(otelGenAi, fixtureLines('otel-genai-spans.jsonl'));
  const legacy = interactions.find((i) => i.line === 5)!;
  assert.deepEqual(
    legacy.messages.map((m) => [m.role, m.content]),
    [
      ['system', 'You are a helpful bot'],
      ['user', 'What is the capital of France?'],
    ],
  );
  assert.deepEqual(legacy.response, { role: 'assistant', content: 'Paris.' });
});

test('spans without content and spans with broken attributes are reported by line and field, not quoted', () => {
  const { interactions, problems } = readLines(otelGenAi, fixtureLines('otel-genai-spans.jsonl'));
  assert.equal(interactions.length, 5);
  assert.deepEqual(
    problems.map((p) => p.line),
    [7, 6],
  );
  assert.equal(problems[0]!.reason, 'field resourceSpans.0.scopeSpans.0.spans.0.attributes[gen_ai.input.messages]: not valid JSON');
  assert.match(problems[1]!.reason, /gen_ai\.input\.messages: no message content captured/);
  assert.doesNotMatch(JSON.stringify(problems), /415-555/);
});

test('malformed spans name the field at fault', () => {
  const span = (attributes: unknown[], extra: object = {}) =>
    JSON.stringify({ resourceSpans: [{ scopeSpans: [{ spans: [{ traceId: 't', spanId: 's', attributes, ...extra }] }] }] });
  const chat = { key: 'gen_ai.operation.name', value: { stringValue: 'chat' } };
  const cases: [string, RegExp][] = [
    [JSON.stringify({ resourceSpans: [{ scopeSpans: [{ spans: [{ spanId: 's' }] }] }] }), /field resourceSpans\.0\.scopeSpans\.0\.spans\.0\.traceId: expected a non-empty id/],
    [span([chat, { key: 'gen_ai.input.messages', value: { stringValue: '[{"parts": []}]' } }]), /attributes\[gen_ai\.input\.messages\]\.0\.role: expected a string/],
    [span([chat, { key: 'gen_ai.input.messages', value: { stringValue: '[{"role": "user", "parts": [{"type": "text", "content": 7}]}]' } }]), /gen_ai\.input\.messages\]\.0\.parts\.0\.content: expected a string/],
    [span([chat, { key: 'gen_ai.usage.input_tokens', value: { stringValue: 'many' } }]), /attributes\[gen_ai\.usage\.input_tokens\]: expected a non-negative number/],
    [span([chat, { key: 'gen_ai.usage.input_tokens', value: { intValue: 'x' } }]), /attributes\.1\.value: expected a number/],
    [span([chat], { events: [{ name: 'gen_ai.evaluation.result', attributes: [] }] }), /events\.0\.attributes\[gen_ai\.evaluation\.name\]: expected a string/],
    [span([chat], { startTimeUnixNano: '2025-01-01' }), /startTimeUnixNano: expected nanoseconds/],
  ];
  for (const [line, reason] of cases) {
    const { problems } = readLines(otelGenAi, [line]);
    assert.equal(problems.length, 1, line);
    assert.match(problems[0]!.reason, reason);
  }
});
