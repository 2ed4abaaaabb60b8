import assert from 'node:assert/strict';
import { test } from 'node:test';
import { RecordError } from '../../main/core/ingest/formats/format.js';
import { parseJsonLine } from '../../main/core/ingest/formats/json-record.js';
import { readOpenAiChatRecord } from '../../main/core/ingest/formats/openai-chat.js';

/** A line as ingest reads it: parsed as JSON, then read as a chat-completions record. */
function parseOpenAiChatRecord(line: string) {
  return readOpenAiChatRecord(parseJsonLine(line));
}

test('reads the flat shape with signals and slices', () => {
  const record = parseOpenAiChatRecord(
    JSON.stringify({
      id: 'c1',
      messages: [
        { role: 'system', content: 'Be brief.' },
        { role: 'user', content: 'Hello' },
      ],
      choices: [{ message: { role: 'assistant', content: 'Hi' } }],
      thumbs: -1,
      regenerated: true,
      user_edited_chars: 12,
      escalated: false,
      schema_valid: true,
      latency_ms: 900,
      cost_usd: 0.002,
      confidence: 0.4,
      tier: 'pro',
      intent: 'billing',
      language: 'en',
    }),
  );
  assert.equal(record.recordId, 'c1');
  assert.deepEqual(
    record.messages.map((m) => [m.role, m.content]),
    [
      ['system', 'Be brief.'],
      ['user', 'Hello'],
    ],
  );
  assert.deepEqual(record.response, { role: 'assistant', content: 'Hi' });
  assert.deepEqual(record.signals, { thumbs: 'down', regenerated: true, user_edited_chars: 12, escalated: false, schema_valid: true, latency_ms: 900, cost_usd: 0.002, confidence: 0.4 });
  assert.deepEqual(record.slices, { tier: 'pro', intent: 'billing', language: 'en' });
});

test('reads the request/response pair shape, content parts, tool calls and metadata signals', () => {
  const record = parseOpenAiChatRecord(
    JSON.stringify({
      request: { model: 'm', messages: [{ role: 'user', content: [{ type: 'text', text: 'part one' }, { type: 'text', text: 'part two' }] }] },
      response: {
        id: 'chatcmpl-9',
        choices: [{ message: { role: 'assistant', content: null, tool_calls: [{ id: 't', type: 'function', function: { name: 'lookup', arguments: '{}' } }] } }],
      },
      metadata: { thumbs: 'up', intent: 'search' },
    }),
  );
  assert.equal(record.recordId, 'chatcmpl-9');
  assert.equal(record.messages[0]?.content, 'part one\npart two');
  assert.match(record.response?.content ?? '', /"name":"lookup"/);
  assert.equal(record.signals.thumbs, 'up');
  assert.equal(record.slices.intent, 'search');
  assert.equal(record.slices.model, 'm');
});

test('reads token usage, the model and the product area', () => {
  const record = parseOpenAiChatRecord(
    JSON.stringify({
      model: 'gpt-4o-mini',
      messages: [{ role: 'user', content: 'Hi' }],
      choices: [{ message: { role: 'assistant', content: 'Hello' } }],
      usage: { prompt_tokens: 9, completion_tokens: 3 },
      metadata: { product_area: 'claims' },
    }),
  );
  assert.deepEqual(record.signals, { input_tokens: 9, output_tokens: 3 });
  assert.deepEqual(record.slices, { model: 'gpt-4o-mini', product_area: 'claims' });
});

test('names the field that is wrong', () => {
  const cases: [string, RegExp][] = [
    [JSON.stringify({ choices: [] }), /field messages: missing/],
    [JSON.stringify({ messages: [{ role: 'user', content: 5 }] }), /field messages\.0\.content/],
    [JSON.stringify({ messages: [{ role: 'user', content: 'x' }], confidence: 3 }), /field confidence/],
    [JSON.stringify({ messages: [{ role: 'user', content: 'x' }], thumbs: 'sideways' }), /field thumbs/],
    ['[1,2]', /expected a JSON object/],
  ];
  for (const [line, reason] of cases) {
    assert.throws(() => parseOpenAiChatRecord(line), (error: unknown) => error instanceof RecordError && reason.test(error.message), line);
  }
});

test('a malformed line is reported without quoting its text', () => {
  const line = '{"messages": [{"role": "user", "content": "Call Ophelia Brightwater at 555-0199" ';
  assert.throws(
    () => parseOpenAiChatRecord(line),
    (error: unknown) => error instanceof RecordError && /not valid JSON/.test(error.message) && !/Ophelia|0199/.test(error.message),
  );
});
