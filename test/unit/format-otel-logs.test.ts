/**
 * The gaps real instrumentation output showed in the trace readers (see test/helpers-otel.ts and
 * test/integration/ingest-instrumented.test.ts), each pinned on records shaped exactly as the instrumentation and
 * @opentelemetry/otlp-transformer's JSON serialiser write them.
 */
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { test } from 'node:test';
import { companionNames, findCompanionLogs } from '../../main/core/ingest/formats/companion-logs.js';
import { parseJsonLine } from '../../main/core/ingest/formats/json-record.js';
import { openInference } from '../../main/core/ingest/formats/openinference.js';
import { otelGenAi } from '../../main/core/ingest/formats/otel-genai.js';
import { detectLogFormat } from '../../main/core/ingest/formats/registry.js';
import { readLines } from '../fixtures/read-with-format.js';
import { tempDir } from '../helpers.js';

type Attribute = { key: string; value: Record<string, unknown> };

function value(v: unknown): Record<string, unknown> {
  if (typeof v === 'string') return { stringValue: v };
  if (typeof v === 'number') return Number.isInteger(v) ? { intValue: v } : { doubleValue: v };
  if (typeof v === 'boolean') return { boolValue: v };
  if (Array.isArray(v)) return { arrayValue: { values: v.map(value) } };
  return { kvlistValue: { values: attrs(v as Record<string, unknown>) } };
}

function attrs(record: Record<string, unknown>): Attribute[] {
  return Object.entries(record).map(([key, v]) => ({ key, value: value(v) }));
}

const T0 = 1_795_358_154_847n * 1_000_000n;
const nanos = (ms: number): string => String(T0 + BigInt(ms) * 1_000_000n);

interface SpanSpec {
  traceId: string;
  spanId: string;
  parent?: string;
  name: string;
  startMs: number;
  endMs: number;
  attributes: Record<string, unknown>;
}

function tracesLine(spans: SpanSpec[], service = 'claims-assistant'): string {
  return JSON.stringify({
    resourceSpans: [
      {
        resource: { attributes: attrs({ 'service.name': service }), droppedAttributesCount: 0 },
        scopeSpans: [
          {
            scope: { name: '@opentelemetry/instrumentation-openai', version: '0.21.0' },
            spans: spans.map((s) => ({
              traceId: s.traceId,
              spanId: s.spanId,
              ...(s.parent ? { parentSpanId: s.parent } : {}),
              name: s.name,
              kind: 3,
              startTimeUnixNano: nanos(s.startMs),
              endTimeUnixNano: nanos(s.endMs),
              attributes: attrs(s.attributes),
              droppedAttributesCount: 0,
              events: [],
              droppedEventsCount: 0,
              status: { code: 0 },
              links: [],
              droppedLinksCount: 0,
            })),
          },
        ],
      },
    ],
  });
}

interface LogSpec {
  traceId?: string;
  spanId?: string;
  atMs: number;
  /** The contrib instrumentation's `event.name` attribute; `eventName` is the newer field. */
  eventAttribute?: string;
  eventName?: string;
  attributes?: Record<string, unknown>;
  body?: Record<string, unknown>;
}

function logsLine(logs: LogSpec[]): string {
  return JSON.stringify({
    resourceLogs: [
      {
        resource: { attributes: attrs({ 'service.name': 'claims-assistant' }), droppedAttributesCount: 0 },
        scopeLogs: [
          {
            scope: { name: '@opentelemetry/instrumentation-openai', version: '0.21.0' },
            logRecords: logs.map((l) => ({
              timeUnixNano: nanos(l.atMs),
              observedTimeUnixNano: nanos(l.atMs),
              severityNumber: 9,
              body: l.body === undefined ? {} : value(l.body),
              ...(l.eventName ? { eventName: l.eventName } : {}),
              attributes: attrs({ ...(l.eventAttribute ? { 'event.name': l.eventAttribute, 'gen_ai.system': 'openai' } : {}), ...l.attributes }),
              droppedAttributesCount: 0,
              flags: 1,
              traceId: l.traceId ?? '',
              spanId: l.spanId ?? '',
            })),
          },
        ],
      },
    ],
  });
}

const TRACE = 'd130d95aa1f0f8c81f9858de1d7f3f46';
const APP_SPAN = 'ec21e9308601eea6';
const CHAT_SPAN = 'bd15fb7f86e0fe4d';

/** A chat span as @opentelemetry/instrumentation-openai 0.21 writes it: no content, the request model, usage. */
function contribChat(traceId = TRACE, spanId = CHAT_SPAN, startMs = 0): SpanSpec {
  return {
    traceId,
    spanId,
    parent: APP_SPAN,
    name: 'chat gpt-4o-mini',
    startMs,
    endMs: startMs + 43,
    attributes: {
      'gen_ai.operation.name': 'chat',
      'gen_ai.request.model': 'gpt-4o-mini',
      'gen_ai.system': 'openai',
      'server.address': '127.0.0.1',
      'gen_ai.response.finish_reasons': ['stop'],
      'gen_ai.response.id': 'chatcmpl-first',
      'gen_ai.response.model': 'gpt-4o-mini-2024-07-18',
      'gen_ai.usage.input_tokens': 41,
      'gen_ai.usage.output_tokens': 17,
    },
  };
}

/** The app's span around the call, carrying the conversation id. */
function appSpan(traceId = TRACE, startMs = 0): SpanSpec {
  return { traceId, spanId: APP_SPAN, name: 'POST /chat', startMs, endMs: startMs + 50, attributes: { 'gen_ai.conversation.id': 'conv-7f3a9c' } };
}

/** Its log records: the request's messages and the choice, with kvlist bodies and the `event.name` attribute. */
function contribLogs(traceId = TRACE, spanId = CHAT_SPAN, startMs = 0): LogSpec[] {
  return [
    { traceId, spanId, atMs: startMs, eventAttribute: 'gen_ai.system.message', body: { content: 'You are the claims assistant.' } },
    { traceId, spanId, atMs: startMs, eventAttribute: 'gen_ai.user.message', body: { content: 'What does my plan cover?' } },
    { traceId, spanId, atMs: startMs + 43, eventAttribute: 'gen_ai.choice', body: { finish_reason: 'stop', index: 0, message: { content: 'Twelve sessions a year.' } } },
  ];
}

test('contrib log records in the same file as the spans (a shared file exporter) give the span its messages', () => {
  const lines = [logsLine(contribLogs()), tracesLine([contribChat(), appSpan()])];
  // The logs line comes first (logs are flushed before the span ends): detection must still recognise the file.
  assert.equal(detectLogFormat(lines.map(parseJsonLine), 'otel.jsonl').id, 'otel-genai');
  const { interactions, problems } = readLines(otelGenAi, lines);
  assert.deepEqual(problems, []);
  assert.equal(interactions.length, 1);
  const [chat] = interactions;
  assert.deepEqual(chat!.messages, [
    { role: 'system', content: 'You are the claims assistant.' },
    { role: 'user', content: 'What does my plan cover?' },
  ]);
  assert.deepEqual(chat!.response, { role: 'assistant', content: 'Twelve sessions a year.' });
  assert.deepEqual(chat!.signals, { latency_ms: 43, input_tokens: 41, output_tokens: 17 });
});

test('an evaluation event on the app span finds its model call by gen_ai.response.id', () => {
  const evaluation: LogSpec = {
    traceId: TRACE,
    spanId: APP_SPAN,
    atMs: 45,
    eventName: 'gen_ai.evaluation.result',
    attributes: { 'gen_ai.evaluation.name': 'user_feedback', 'gen_ai.evaluation.score.value': 0, 'gen_ai.evaluation.score.label': 'thumbs_down', 'gen_ai.response.id': 'chatcmpl-first' },
  };
  const { interactions, problems } = readLines(otelGenAi, [logsLine([...contribLogs(), evaluation]), tracesLine([contribChat(), appSpan()])]);
  assert.deepEqual(problems, []);
  assert.equal(interactions[0]!.signals.thumbs, 'down');
  assert.deepEqual(interactions[0]!.signals.evaluations, [{ name: 'user_feedback', score: 0, label: 'thumbs_down' }]);
});

test('the conversation id on the app span above the model call is the case\'s conversation', () => {
  const { interactions } = readLines(otelGenAi, [logsLine(contribLogs()), tracesLine([contribChat(), appSpan()])]);
  assert.equal(interactions[0]!.conversationId, 'conv-7f3a9c');
  // The same for OpenInference spans under an app span that is not OpenInference's.
  const oi: SpanSpec = {
    traceId: TRACE,
    spanId: CHAT_SPAN,
    parent: APP_SPAN,
    name: 'OpenAI Chat Completions',
    startMs: 0,
    endMs: 20,
    attributes: { 'openinference.span.kind': 'LLM', 'llm.model_name': 'gpt-4o-mini', 'llm.input_messages.0.message.role': 'user', 'llm.input_messages.0.message.content': 'Hi' },
  };
  const read = readLines(openInference, [tracesLine([oi, appSpan()])]);
  assert.equal(read.interactions[0]!.conversationId, 'conv-7f3a9c');
});

test('the SDK\'s placeholder service name is no product area', () => {
  const lines = [logsLine(contribLogs()), tracesLine([contribChat()], 'unknown_service:node')];
  assert.equal(readLines(otelGenAi, lines).interactions[0]!.slices.product_area, undefined);
  const oi: SpanSpec = { traceId: TRACE, spanId: CHAT_SPAN, name: 'llm', startMs: 0, endMs: 1, attributes: { 'openinference.span.kind': 'LLM', 'input.value': 'Hi' } };
  assert.equal(readLines(openInference, [tracesLine([oi], 'unknown_service:node')]).interactions[0]!.slices.product_area, undefined);
  assert.equal(readLines(openInference, [tracesLine([oi], 'billing')]).interactions[0]!.slices.product_area, 'billing');
});

test('the newer inference-details event carries gen_ai.input/output.messages as log attributes', () => {
  const details: LogSpec = {
    traceId: TRACE,
    spanId: CHAT_SPAN,
    atMs: 43,
    eventName: 'gen_ai.client.inference.operation.details',
    attributes: {
      'gen_ai.input.messages': JSON.stringify([{ role: 'user', parts: [{ type: 'text', content: 'What does my plan cover?' }] }]),
      'gen_ai.output.messages': JSON.stringify([{ role: 'assistant', parts: [{ type: 'text', content: 'Twelve sessions.' }], finish_reason: 'stop' }]),
    },
  };
  const { interactions, problems } = readLines(otelGenAi, [tracesLine([contribChat()]), logsLine([details])]);
  assert.deepEqual(problems, []);
  assert.deepEqual(interactions[0]!.messages, [{ role: 'user', content: 'What does my plan cover?' }]);
  assert.equal(interactions[0]!.response!.content, 'Twelve sessions.');
});

test('log records without a span are reported by line and field; the app\'s ordinary logs are ignored', () => {
  const stray: LogSpec[] = [
    { traceId: 'ffffffffffffffffffffffffffffffff', spanId: 'aaaaaaaaaaaaaaaa', atMs: 1, eventAttribute: 'gen_ai.user.message', body: { content: 'lost' } },
    { traceId: TRACE, spanId: APP_SPAN, atMs: 2, attributes: { 'http.route': '/chat' }, body: { message: 'request handled' } as Record<string, unknown> },
    { atMs: 3, eventAttribute: 'gen_ai.user.message', body: { content: 'no context' } },
  ];
  const { interactions, problems } = readLines(otelGenAi, [logsLine([...contribLogs(), ...stray]), tracesLine([contribChat(), appSpan()])]);
  assert.equal(interactions.length, 1);
  assert.deepEqual(
    problems.map((p) => [p.line, p.reason]),
    [
      [1, 'field resourceLogs.0.scopeLogs.0.logRecords.5.spanId: no trace id: its gen_ai.user.message content was not joined to any case'],
      [1, 'field resourceLogs.0.scopeLogs.0.logRecords.3.spanId: no span of its trace in the traces (to join an OTLP logs file, ingest the traces file beside it): its gen_ai.user.message content was not joined to any case'],
    ],
  );
  assert.ok(problems.every((p) => !p.reason.includes('lost')), 'reasons never quote content');
});

test('the logs file beside the traces: which names are tried', () => {
  assert.deepEqual(companionNames('/x/traces.jsonl'), ['logs.jsonl', 'traces.logs.jsonl']);
  assert.deepEqual(companionNames('/x/run.traces.json.gz'), ['run.logs.json', 'run.traces.logs.json']);
  assert.deepEqual(companionNames('/x/export-2026-06.jsonl'), ['export-2026-06.logs.jsonl']);
  assert.deepEqual(companionNames('/x/run.logs.jsonl'), []);
});

test('the logs file beside the traces is joined while the traces stream, without holding either file', (t) => {
  const dir = tempDir(t);
  // 600 calls, one trace each, exported one per line 1 s apart; their logs in the companion, in time order.
  const traces: string[] = [];
  const logs: string[] = [];
  for (let i = 0; i < 600; i += 1) {
    const traceId = (i + 1).toString(16).padStart(32, 'a');
    const spanId = (i + 1).toString(16).padStart(16, '0');
    traces.push(tracesLine([contribChat(traceId, spanId, i * 1000)]));
    logs.push(logsLine(contribLogs(traceId, spanId, i * 1000)));
  }
  const file = join(dir, 'run.traces.jsonl');
  writeFileSync(file, `${traces.join('\n')}\n`);
  writeFileSync(join(dir, 'run.logs.jsonl'), `${logs.join('\n')}\n`);
  assert.equal(findCompanionLogs(file), join(dir, 'run.logs.jsonl'));

  const reader = otelGenAi.open({ file });
  let beforeEnd = 0;
  traces.forEach((text, i) => {
    const out = reader.read(parseJsonLine(text), i + 1);
    assert.ok(out.every((item) => 'interaction' in item), JSON.stringify(out.find((item) => 'error' in item)));
    beforeEnd += out.length;
    // Between records the logs file is not held open (an ingest cancelled here never calls `end`).
    if (i === 300 && existsSync('/proc/self/fd')) {
      const open = readdirSync('/proc/self/fd').flatMap((fd) => {
        try {
          return [readlinkSync(`/proc/self/fd/${fd}`)];
        } catch {
          return [];
        }
      });
      assert.ok(!open.includes(join(dir, 'run.logs.jsonl')), 'the logs file is closed between records');
    }
  });
  const atEnd = reader.end();
  // Traces are assembled as they go quiet (see TRACE_WINDOW), with their joined content: most before the end.
  assert.ok(beforeEnd >= 300, `${beforeEnd} interactions before the end of the file`);
  assert.equal(beforeEnd + atEnd.length, 600);
  const all = atEnd.filter((item) => 'interaction' in item);
  assert.ok(all.every((item) => 'interaction' in item && item.interaction.response?.content === 'Twelve sessions a year.'));
});

test('a gzip logs file beside the traces is inflated and joined (more cases: test/unit/ingest-gzip-companion.test.ts)', (t) => {
  const dir = tempDir(t);
  const file = join(dir, 'traces.jsonl');
  writeFileSync(file, `${tracesLine([contribChat()])}\n`);
  writeFileSync(join(dir, 'logs.jsonl.gz'), gzipSync(`${logsLine(contribLogs())}\n`));
  const { interactions, problems } = readLines(otelGenAi, [tracesLine([contribChat()])], file);
  assert.deepEqual(problems, []);
  assert.equal(interactions.length, 1);
  assert.equal(interactions[0]!.response?.content, 'Twelve sessions a year.');
});

test('a damaged line in the logs file beside the traces names that file and line', (t) => {
  const dir = tempDir(t);
  const file = join(dir, 'traces.jsonl');
  writeFileSync(file, `${tracesLine([contribChat()])}\n`);
  writeFileSync(join(dir, 'logs.jsonl'), `{"resourceLogs": [\n${logsLine(contribLogs())}\n`);
  const { interactions, problems } = readLines(otelGenAi, [tracesLine([contribChat()])], file);
  assert.equal(interactions.length, 1, 'the good line is still joined');
  assert.match(problems[0]!.reason, /^field logs\.jsonl line 1: not valid JSON/);
});

test('message events without content (capture off) make no case, even with tool calls named in them', () => {
  // @opentelemetry/instrumentation-openai with captureMessageContent off: one record per message, empty bodies,
  // the assistant's tool calls by id and name only.
  const logs: LogSpec[] = [
    { traceId: TRACE, spanId: CHAT_SPAN, atMs: 0, eventAttribute: 'gen_ai.user.message', body: {} },
    { traceId: TRACE, spanId: CHAT_SPAN, atMs: 0, eventAttribute: 'gen_ai.assistant.message', body: { tool_calls: [{ id: 'call_1', type: 'function', function: { name: 'lookup_claim' } }] } },
    { traceId: TRACE, spanId: CHAT_SPAN, atMs: 0, eventAttribute: 'gen_ai.tool.message', body: { id: 'call_1' } },
    { traceId: TRACE, spanId: CHAT_SPAN, atMs: 43, eventAttribute: 'gen_ai.choice', body: { finish_reason: 'stop', index: 0, message: {} } },
  ];
  const { interactions, problems } = readLines(otelGenAi, [logsLine(logs), tracesLine([contribChat(), appSpan()])]);
  assert.deepEqual(interactions, []);
  assert.deepEqual(
    problems.map((p) => p.reason),
    ['field gen_ai.input.messages: no message content captured (is content capture on? Neither the span nor gen_ai.* log records for it in this file carry message text.)'],
  );
});

test('OpenInference spans with hidden inputs and outputs (__REDACTED__) make no case', () => {
  // @arizeai/openinference-instrumentation-openai with traceConfig hideInputs / hideOutputs.
  const oi: SpanSpec = {
    traceId: TRACE,
    spanId: CHAT_SPAN,
    name: 'OpenAI Chat Completions',
    startMs: 0,
    endMs: 20,
    attributes: { 'openinference.span.kind': 'LLM', 'llm.model_name': 'gpt-4o-mini', 'input.value': '__REDACTED__', 'output.value': '__REDACTED__', 'llm.token_count.prompt': 41 },
  };
  const { interactions, problems } = readLines(openInference, [tracesLine([oi])]);
  assert.deepEqual(interactions, []);
  assert.match(problems[0]!.reason, /no message content captured/);
});

/** A Responses API span as @opentelemetry/instrumentation-openai 0.21 writes it: the instructions as plain text. */
function contribResponses(): SpanSpec {
  const span = contribChat();
  return { ...span, attributes: { ...span.attributes, 'gen_ai.system_instructions': 'You are the claims assistant. Answer briefly.', 'gen_ai.response.id': 'resp_first' } };
}

/** Its two inference-details records, with the messages as OTLP lists and maps (not JSON strings). */
function responsesDetails(capture = true): LogSpec[] {
  const text = (content: string) => (capture ? { type: 'text', content } : { type: 'text' });
  return [
    {
      traceId: TRACE,
      spanId: CHAT_SPAN,
      atMs: 0,
      eventName: 'gen_ai.client.inference.operation.details',
      attributes: {
        'gen_ai.provider.name': 'openai',
        'gen_ai.input.messages': [
          { role: 'system', parts: [text('You are the claims assistant. Answer briefly.')] },
          { role: 'user', parts: [text('Send me the claim form.')] },
        ],
      },
    },
    {
      traceId: TRACE,
      spanId: CHAT_SPAN,
      atMs: 43,
      eventName: 'gen_ai.client.inference.operation.details',
      attributes: { 'gen_ai.provider.name': 'openai', 'gen_ai.output.messages': [{ role: 'assistant', parts: [text('It is on its way.')], finish_reason: 'stop' }] },
    },
  ];
}

test('plain-text gen_ai.system_instructions and OTLP-list messages in log records: one system message, then the request', () => {
  const { interactions, problems } = readLines(otelGenAi, [tracesLine([contribResponses(), appSpan()]), logsLine(responsesDetails())]);
  assert.deepEqual(problems, []);
  assert.deepEqual(interactions[0]!.messages, [
    { role: 'system', content: 'You are the claims assistant. Answer briefly.' },
    { role: 'user', content: 'Send me the claim form.' },
  ]);
  assert.deepEqual(interactions[0]!.response, { role: 'assistant', content: 'It is on its way.' });
  // JSON parts in the same attribute still read as parts; text that merely looks like JSON stays text.
  const jsonParts = { ...contribResponses(), attributes: { ...contribResponses().attributes, 'gen_ai.system_instructions': JSON.stringify([{ type: 'text', content: 'Be brief.' }]) } };
  assert.equal(readLines(otelGenAi, [tracesLine([jsonParts]), logsLine(responsesDetails())]).interactions[0]!.messages[0]!.content, 'Be brief.');
  const bracketed = { ...contribResponses(), attributes: { ...contribResponses().attributes, 'gen_ai.system_instructions': '[INST] Be brief. [/INST]' } };
  assert.equal(readLines(otelGenAi, [tracesLine([bracketed]), logsLine(responsesDetails())]).interactions[0]!.messages[0]!.content, '[INST] Be brief. [/INST]');
});

test('parts without content (capture off) and a system prompt alone make no case', () => {
  // The span still carries the instructions (the instrumentation writes them whatever the capture setting).
  const { interactions, problems } = readLines(otelGenAi, [tracesLine([contribResponses(), appSpan()]), logsLine(responsesDetails(false))]);
  assert.deepEqual(interactions, []);
  assert.deepEqual(
    problems.map((p) => p.line),
    [1],
  );
  assert.ok(problems[0]!.reason.startsWith('field gen_ai.input.messages: no message content captured (is content capture on?'), problems[0]!.reason);
});
