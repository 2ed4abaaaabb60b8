import assert from 'node:assert/strict';
import { test } from 'node:test';
import { formatResult, messageParts } from '../../renderer/src/components/queue/message-parts.js';

test('OpenAI tool_calls after the text become tool-call parts with pretty arguments', () => {
  const calls = JSON.stringify([
    { id: 'call_1', type: 'function', function: { name: 'find_slots', arguments: '{"patient":"[PERSON_1]","week":2}' } },
    { id: 'call_2', type: 'function', function: { name: 'notify', arguments: 'plain words' } },
  ]);
  const content = `Let me look.\nOne moment.\n${calls}`;
  const parts = messageParts(content, 'assistant');
  assert.equal(parts.length, 3);
  assert.deepEqual(parts[0], { kind: 'text', text: 'Let me look.\nOne moment.', start: 0, end: 24 });
  assert.equal(content.slice(parts[0]!.start, parts[0]!.end), 'Let me look.\nOne moment.');
  assert.deepEqual(parts[1], { kind: 'tool-call', name: 'find_slots', callId: 'call_1', args: '{\n  "patient": "[PERSON_1]",\n  "week": 2\n}', start: 25, end: content.length });
  assert.equal(parts[2]!.kind === 'tool-call' && parts[2]!.args, 'plain words');
});

test('OTel GenAI and OpenInference tool_call parts, and a tool span with its result', () => {
  const part = '{"tool_call":"lookup","arguments":{"id":"[ID_1]"}}';
  const otel = messageParts(part, 'assistant');
  assert.deepEqual(otel, [{ kind: 'tool-call', name: 'lookup', callId: null, args: '{\n  "id": "[ID_1]"\n}', start: 0, end: part.length }]);
  const header = '{"tool":"lookup","arguments":"{\\"id\\":\\"[ID_1]\\"}"}';
  const span = messageParts(`${header}\n{"found":true}`, 'tool');
  assert.equal(span[0]!.kind, 'tool-invocation');
  assert.equal(span[0]!.kind === 'tool-invocation' && span[0]!.name, 'lookup');
  assert.equal(span[0]!.kind === 'tool-invocation' && span[0]!.args, '{\n  "id": "[ID_1]"\n}');
  assert.deepEqual(span[1], { kind: 'text', text: '{"found":true}', start: header.length + 1, end: header.length + 15 });
  assert.deepEqual(formatResult('{"found":true}'), { text: '{\n  "found": true\n}', json: true });
  assert.deepEqual(formatResult('no json here'), { text: 'no json here', json: false });
});

test('JSON a placeholder broke, or JSON that is not a tool call, stays text', () => {
  const broken = '[{"id":"c","type":"function","function":{"name":"f","arguments":{"age":[AGE_1]}}}]';
  assert.deepEqual(messageParts(broken, 'assistant'), [{ kind: 'text', text: broken, start: 0, end: broken.length }]);
  const data = '{"slots":["morning"]}';
  assert.deepEqual(messageParts(data, 'assistant'), [{ kind: 'text', text: data, start: 0, end: data.length }]);
  assert.deepEqual(messageParts('', 'user'), []);
  // A `tool` key in a non-tool message is ordinary JSON text.
  assert.equal(messageParts('{"tool":"x"}', 'user')[0]!.kind, 'text');
});
