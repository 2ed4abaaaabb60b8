import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { logFormat } from '../../main/core/ingest/formats/registry.js';
import { fromUnixSeconds } from '../../main/core/ingest/formats/timestamp.js';
import { FIXTURES, readLines } from '../fixtures/read-with-format.js';

const fixture = (file: string) => readFileSync(join(FIXTURES, file), 'utf8').split('\n');

test('OpenAI chat: `created` unix seconds (on the record or its response) becomes the timestamp; a bad one is left out', () => {
  const chat = (extra: object) => JSON.stringify({ messages: [{ role: 'user', content: 'hi' }], choices: [{ message: { role: 'assistant', content: 'hello' } }], ...extra });
  const out = readLines(logFormat('openai-chat'), [
    chat({ id: 'a', created: 1772445600 }),
    chat({ id: 'b', response: { id: 'r', created: 1772445660, choices: [{ message: { role: 'assistant', content: 'x' } }] } }),
    chat({ id: 'c', created: 'soon' }),
    chat({ id: 'd', created: -5 }),
    chat({ id: 'e' }),
  ]);
  assert.deepEqual(out.problems, []);
  assert.deepEqual(
    out.interactions.map((i) => [i.recordId, i.timestamp]),
    [
      ['a', '2026-03-02T10:00:00.000Z'],
      ['b', '2026-03-02T10:01:00.000Z'],
      ['c', undefined],
      ['d', undefined],
      ['e', undefined],
    ],
  );
  assert.equal('timestamp' in out.interactions[4]!, false, 'no key at all without a time, so content hashes of untimed records do not change');
});

test('OTel GenAI and OpenInference: the root span start; Langfuse: startTime', () => {
  const otel = readLines(logFormat('otel-genai'), fixture('otel-genai-spans.jsonl'), 'otel-genai-spans.jsonl');
  assert.equal(otel.interactions[0]!.timestamp, '2025-01-01T00:00:00.000Z');
  assert.ok(otel.interactions.every((i) => i.timestamp !== undefined));
  const oi = readLines(logFormat('openinference'), fixture('openinference-spans.jsonl'), 'openinference-spans.jsonl');
  assert.equal(oi.interactions[0]!.timestamp, '2025-01-01T00:00:00.000Z');
  const langfuse = readLines(logFormat('langfuse'), fixture('langfuse-export.jsonl'), 'langfuse-export.jsonl');
  assert.deepEqual(
    langfuse.interactions.map((i) => i.timestamp),
    ['2025-03-01T10:00:00.000Z', '2025-03-01T11:00:00Z'],
  );
});

test('oasst: the reply message created_date', () => {
  const tree = {
    message_tree_id: 't1',
    prompt: {
      message_id: 'p',
      role: 'prompter',
      text: 'How do I renew?',
      created_date: '2023-02-05T10:00:00.000000+00:00',
      replies: [{ message_id: 'r', role: 'assistant', text: 'Online.', created_date: '2023-02-05T10:02:11.512000+00:00', replies: [] }],
    },
  };
  const out = readLines(logFormat('oasst'), [JSON.stringify(tree)]);
  assert.equal(out.interactions[0]!.timestamp, '2023-02-05T10:02:11.512000+00:00');
});

test('numeric timestamps: unix seconds with a fraction keep their milliseconds; text is not a number', () => {
  assert.equal(fromUnixSeconds(1772445600.25), '2026-03-02T10:00:00.250Z');
  assert.equal(fromUnixSeconds(0), undefined, 'the epoch itself is taken as a missing time');
  assert.equal(fromUnixSeconds('tomorrow'), undefined);
});
