/**
 * The trace readers against what real instrumentation writes: the official `openai` SDK, patched in turn by
 * @opentelemetry/instrumentation-openai, @arizeai/openinference-instrumentation-openai and
 * @traceloop/instrumentation-openai, calls a local chat-completions stub (test/helpers-otel.ts); the spans (and
 * log records) go to OTLP/JSON files as a collector's file exporter writes them, and those files are ingested with
 * format auto-detection into a workspace with the shipped de-identifier.
 */
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { describe, test } from 'node:test';
import type { RawInteraction } from '../../main/core/ingest/interaction.js';
import type { CaseDetail } from '../../preload/api.js';
import {
  CANARIES,
  CONVERSATION_ID,
  FIRST_REPLY,
  generateInstrumentedTrace,
  ingestThroughService,
  INSTRUMENTATIONS,
  MODEL,
  RESPONSE_MODEL,
  RESPONSES_REPLY,
  SERVICE_NAME,
  STREAM_REPLY,
  STUB_DELAY_MS,
  TOOL_REPLY,
  USAGE,
  type IngestedThroughService,
  type InstrumentationId,
} from '../helpers-otel.js';
import { tempDir } from '../helpers.js';

const PASSPHRASE = 'instrumented passphrase';


type Ingested = IngestedThroughService<RawInteraction>;

const ingest = (dir: string, file: string): Promise<Ingested> => ingestThroughService<RawInteraction>(join(dir, 'ws'), file, PASSPHRASE);

/** No canary may be left in what a reviewer sees. */
function assertDeidentified(cases: CaseDetail[]): void {
  const shown = JSON.stringify(cases);
  for (const canary of [CANARIES.name, ...CANARIES.name.split(' '), CANARIES.email, CANARIES.phone]) {
    assert.ok(!shown.includes(canary), `canary "${canary}" reached a case`);
  }
}

function byResponse(cases: CaseDetail[], text: string): CaseDetail {
  const found = cases.find((c) => c.response?.content.includes(text));
  assert.ok(found, `a case answering "${text}"`);
  return found;
}

/** What every instrumentation records of the plain chat turn, the tool loop and the streamed turn. */
function assertConversation(id: InstrumentationId, { cases, raw }: Ingested): void {
  // The first turn: system + user in, the reply out; its canaries de-identified, usage and duration kept.
  const first = cases.find((c) => c.messages.some((m) => m.content.includes('physiotherapy?')))!;
  assert.ok(first, 'the first turn is a case');
  assert.deepEqual(
    first.messages.map((m) => m.role),
    ['system', 'user'],
  );
  assert.match(first.response!.content, /your plan covers 12 physiotherapy sessions a year\./);
  assert.notEqual(first.response!.content, FIRST_REPLY, 'the name in the reply is replaced');
  assert.equal(first.signals.input_tokens, USAGE.prompt_tokens);
  assert.equal(first.signals.output_tokens, USAGE.completion_tokens);
  assert.ok(first.signals.latency_ms! >= STUB_DELAY_MS && first.signals.latency_ms! < 5_000, `latency ${first.signals.latency_ms} ms`);
  assert.equal(first.slices.model, id === 'openinference' ? RESPONSE_MODEL : MODEL);
  assert.equal(first.slices.product_area, SERVICE_NAME);

  // The tool loop: the model's call (name and arguments), then a case with the whole trajectory and the answer.
  const call = cases.find((c) => c.response?.content.includes('lookup_claim'));
  assert.ok(call, 'the tool call is a case');
  assert.match(call.response!.content, /lookup_claim/);
  assert.match(call.response!.content, /claim_id/);
  const answered = byResponse(cases, TOOL_REPLY.slice(0, 12));
  assert.deepEqual(
    answered.messages.map((m) => m.role),
    ['system', 'user', 'assistant', 'tool'],
  );
  assert.match(answered.messages[2]!.content, /lookup_claim/);
  assert.match(answered.messages[3]!.content, /"status":"paid"/);

  // The streamed turn is read like the others.
  const streamed = byResponse(cases, STREAM_REPLY);
  assert.deepEqual(
    streamed.messages.map((m) => m.role),
    ['user'],
  );

  // The Responses API call: its instructions as the system message (Traceloop leaves them out), the reply.
  const responses = byResponse(cases, RESPONSES_REPLY);
  assert.deepEqual(
    responses.messages.map((m) => m.role),
    id === 'traceloop' ? ['user'] : ['system', 'user'],
  );
  assert.match(responses.messages.at(-1)!.content, /^Send the claim form to .+, please\.$/);
  assert.equal(responses.signals.output_tokens, USAGE.completion_tokens);

  // Every case keeps the conversation it belongs to (on the model span, or on the app's span above it).
  assert.equal(raw.length, cases.length);
  assert.ok(
    raw.every((r) => r.conversationId === CONVERSATION_ID),
    `conversation ids: ${raw.map((r) => r.conversationId).join(', ')}`,
  );
  assertDeidentified(cases);
}

describe('traces written by real OpenAI instrumentation ingest with auto-detection', () => {
  test('@opentelemetry/instrumentation-openai: content from the gen_ai log records beside the traces, joined by span id', async (t) => {
    const dir = tempDir(t);
    const files = await generateInstrumentedTrace('otel', dir, 'otel');
    assert.ok(files.logs, 'the contrib instrumentation writes its messages as log records');
    assert.equal(files.logs, join(dir, 'otel.logs.jsonl'));
    const ingested = await ingest(dir, files.traces);
    assert.equal(ingested.result.format, 'otel-genai');
    assert.deepEqual(ingested.result.quarantine, []);
    // Chat, tool call, tool answer, stream, the refused call (its request is a case; it has no reply), Responses.
    assert.equal(ingested.result.ingested, 6);
    assertConversation('otel', ingested);
    const refused = ingested.cases.find((c) => c.response === null);
    assert.ok(refused, 'the refused call is a case without a reply');
    assert.match(refused.messages[0]!.content, /^Please delete everything about /);
    // The streamed reply's usage chunk is recorded by this instrumentation.
    assert.equal(byResponse(ingested.cases, STREAM_REPLY).signals.output_tokens, USAGE.completion_tokens);
    // The user's thumbs-down, an evaluation event on the app's span naming the reply's response id.
    const first = ingested.cases.find((c) => c.messages.some((m) => m.content.includes('physiotherapy?')))!;
    assert.equal(first.signals.thumbs, 'down');
    assert.deepEqual(first.signals.evaluations, [{ name: 'user_feedback', score: 0, label: 'thumbs_down' }]);
    assert.ok(first.queueSignals.includes('thumbs_down'));
  });

  test('@opentelemetry/instrumentation-openai through one file exporter shared by the traces and logs pipelines', async (t) => {
    const dir = tempDir(t);
    const files = await generateInstrumentedTrace('otel', dir, 'split');
    // The exporter appends each export request as it comes: per turn, the log records (flushed as they are
    // emitted) before the spans (exported when they end).
    const traces = readFileSync(files.traces, 'utf8').trimEnd().split('\n');
    const logs = readFileSync(files.logs!, 'utf8').trimEnd().split('\n');
    assert.equal(traces.length, logs.length);
    const shared = join(dir, 'telemetry.jsonl');
    writeFileSync(shared, `${traces.flatMap((line, i) => [logs[i]!, line]).join('\n')}\n`);
    rmSync(files.traces);
    rmSync(files.logs!);
    const ingested = await ingest(dir, shared);
    assert.equal(ingested.result.format, 'otel-genai');
    assert.deepEqual(ingested.result.quarantine, []);
    assert.equal(ingested.result.ingested, 6);
    assertConversation('otel', ingested);
  });

  test('the same traces without their logs file: every span is reported as captured without content, naming the logs file looked for', async (t) => {
    const dir = tempDir(t);
    const files = await generateInstrumentedTrace('otel', dir, 'run');
    rmSync(files.logs!);
    const { result } = await ingest(dir, files.traces);
    assert.equal(result.ingested, 0);
    assert.equal(result.quarantined, 6);
    assert.match(result.quarantine[0]!.reason, /gen_ai\.input\.messages: no message content captured \(is content capture on\? Neither the span nor gen_ai\.\* log records for it in this file or in a run\.logs\.jsonl beside it carry message text\.\)/);
  });

  test('with content capture off, no instrumentation\'s spans become cases: each is reported, naming the attribute looked for', async (t) => {
    for (const id of INSTRUMENTATIONS) {
      const dir = tempDir(t);
      const files = await generateInstrumentedTrace(id, dir, 'nocapture', { captureContent: false });
      const { result, cases } = await ingest(dir, files.traces);
      assert.equal(result.ingested, 0, `${id}: ${JSON.stringify(cases.map((c) => c.messages))}`);
      assert.equal(result.quarantined, id === 'otel' ? 6 : 5, id);
      for (const q of result.quarantine) assert.match(q.reason, /no message content captured \(is content capture on\?/, id);
      assert.match(result.quarantine[0]!.reason, id === 'openinference' ? /llm\.input_messages/ : /nocapture\.logs\.jsonl/, id);
    }
  });

  test('@arizeai/openinference-instrumentation-openai: llm.* attributes and the session from its context', async (t) => {
    const dir = tempDir(t);
    const files = await generateInstrumentedTrace('openinference', dir);
    assert.equal(files.logs, null);
    const ingested = await ingest(dir, files.traces);
    assert.equal(ingested.result.format, 'openinference');
    assert.deepEqual(ingested.result.quarantine, []);
    // The refused call leaves no span: this instrumentation ends its span only when the call succeeds.
    assert.equal(ingested.result.ingested, 5);
    assertConversation('openinference', ingested);
    assert.ok(ingested.cases.every((c) => c.signals.evaluations === undefined), 'OpenInference emits no evaluations of its own');
  });

  test('@traceloop/instrumentation-openai: gen_ai.input/output.messages on the span, the evaluation from the logs file', async (t) => {
    const dir = tempDir(t);
    const files = await generateInstrumentedTrace('traceloop', dir);
    const ingested = await ingest(dir, files.traces);
    assert.equal(ingested.result.format, 'otel-genai');
    assert.deepEqual(ingested.result.quarantine, []);
    // As with OpenInference, the refused call's span is never ended, so never exported.
    assert.equal(ingested.result.ingested, 5);
    assertConversation('traceloop', ingested);
    const first = ingested.cases.find((c) => c.messages.some((m) => m.content.includes('physiotherapy?')))!;
    assert.equal(first.signals.thumbs, 'down');
  });
});
