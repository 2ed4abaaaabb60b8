import assert from 'node:assert/strict';
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { test, type TestContext } from 'node:test';
import { reviewState } from '../../main/core/review/case-reviews.js';
import { suggestAugmentation } from '../../main/core/review/llm-client.js';
import type { RedactedText } from '../../main/core/text.js';
import { MISSED_NAME, reviewWorkspace } from './review-workspace.js';

interface Stub {
  url: string;
  requests: { path: string; headers: IncomingMessage['headers']; body: string }[];
}

/** An OpenAI-compatible endpoint on the loopback that records what it was sent. */
async function stubLlm(t: TestContext, reply: (body: string) => { status: number; json: unknown }): Promise<Stub> {
  const requests: Stub['requests'] = [];
  const server = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')));
    req.on('end', () => {
      requests.push({ path: req.url ?? '', headers: req.headers, body });
      const { status, json } = reply(body);
      res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(json));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  t.after(() => new Promise<void>((resolve) => server.close(() => resolve())));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`, requests };
}

const SUGGESTION = {
  persona: 'a community pharmacist',
  outputFormat: 'a numbered checklist',
  requiredSources: ['the product label', ''],
  scope: { temporal: 'over the last 12 months', geographic: 'in the EU' },
};

test('suggestions: only the de-identified task goes to the configured endpoint, with the key, and the reply is parsed', async (t) => {
  const { db } = await reviewWorkspace(t);
  const stub = await stubLlm(t, () => ({ status: 200, json: { choices: [{ message: { content: '```json\n' + JSON.stringify(SUGGESTION) + '\n```' } }] } }));
  const task = reviewState(db, 1, 'ana').originalTask;
  const suggestion = await suggestAugmentation({ enabled: true, url: stub.url, model: 'local-8b', apiKey: 'k-123' }, task as RedactedText, 'edge-case');
  assert.deepEqual(suggestion, {
    persona: 'a community pharmacist',
    outputFormat: 'a numbered checklist',
    requiredSources: ['the product label'],
    scope: { temporal: 'over the last 12 months', comparative: '', geographic: 'in the EU' },
  });
  assert.equal(stub.requests.length, 1);
  const [request] = stub.requests;
  assert.equal(request!.path, '/v1/chat/completions');
  assert.equal(request!.headers.authorization, 'Bearer k-123');
  const body = JSON.parse(request!.body) as { model: string; messages: { content: string }[] };
  assert.equal(body.model, 'local-8b');
  assert.match(body.messages[1]!.content, /\[PHONE_1\]/, 'the de-identified task was sent');
  assert.equal(request!.body.includes('617-555-0143'), false, 'no raw phone number in the request');
  // The name is a miss the patterns did not catch; it is in the de-identified text, as the reviewer sees it.
  assert.ok(task.includes(MISSED_NAME));
});

test('suggestions: off by default, and unreachable, failing or unusable endpoints give a clear error', async (t) => {
  const off = { enabled: false, url: 'http://127.0.0.1:9/v1', model: 'm', apiKey: '' };
  await assert.rejects(suggestAugmentation(off, 'task' as RedactedText, null), /LLM suggestions are off/);
  const failing = await stubLlm(t, () => ({ status: 500, json: {} }));
  await assert.rejects(suggestAugmentation({ ...off, enabled: true, url: failing.url }, 'task' as RedactedText, null), /answered HTTP 500/);
  const babbling = await stubLlm(t, () => ({ status: 200, json: { choices: [{ message: { content: 'I cannot help with that.' } }] } }));
  await assert.rejects(suggestAugmentation({ ...off, enabled: true, url: babbling.url }, 'task' as RedactedText, null), /did not return usable suggestions/);
  await assert.rejects(
    suggestAugmentation({ ...off, enabled: true, url: 'http://127.0.0.1:9/v1' }, 'task' as RedactedText, null, { timeoutMs: 2000 }),
    /could not be reached/,
  );
});
