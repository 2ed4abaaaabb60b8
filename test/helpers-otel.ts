/**
 * Test-only generator of the trace files real instrumentation writes. A local stub of the chat-completions
 * endpoint (node:http on 127.0.0.1, an ephemeral port) answers the official `openai` SDK, which one of the three
 * OpenAI instrumentations patches in turn; spans (and, for @opentelemetry/instrumentation-openai, its gen_ai log
 * events) are collected in memory and written with @opentelemetry/otlp-transformer's JSON serialisers, one export
 * request per line: the files an OpenTelemetry Collector's file exporter writes (`traces.jsonl`, `logs.jsonl`).
 *
 * The conversation every instrumentation records: a support chat turn (system + user message with the canaries
 * below), a tool call (the model asks for `lookup_claim`, the app runs it, the model answers), a streamed turn, a
 * call the endpoint refuses (HTTP 400), and a Responses API call with instructions. The app's own span around each
 * turn carries the conversation id (`gen_ai.conversation.id`, and `session.id` through OpenInference's context
 * helper), and the app reports a user's thumbs-down on the first reply as a `gen_ai.evaluation.result` event (GenAI
 * semconv instrumentations only).
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import { once } from 'node:events';
import { writeFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { context, metrics, ROOT_CONTEXT, SpanKind, trace, type Context, type ContextManager, type Span, type TracerProvider } from '@opentelemetry/api';
import { SeverityNumber, type LoggerProvider as ApiLoggerProvider } from '@opentelemetry/api-logs';
import { JsonLogsSerializer, JsonTraceSerializer } from '@opentelemetry/otlp-transformer';
import { resourceFromAttributes } from '@opentelemetry/resources';
import { InMemoryLogRecordExporter, LoggerProvider, SimpleLogRecordProcessor } from '@opentelemetry/sdk-logs';
import { BasicTracerProvider, InMemorySpanExporter, SimpleSpanProcessor } from '@opentelemetry/sdk-trace-base';
import type * as OpenInferenceCore from '@arizeai/openinference-core';
import type * as OpenInferenceOpenAI from '@arizeai/openinference-instrumentation-openai';
import type * as ContribOpenAI from '@opentelemetry/instrumentation-openai';
import type * as TraceloopOpenAI from '@traceloop/instrumentation-openai';
import type OpenAIClient from 'openai';
import { QuarryService } from '../main/api/quarry-service.js';
import { createDeidentifier } from '../main/core/deid/create-deidentifier.js';
import { unlockWorkspace } from '../main/core/store/workspace.js';
import type { CaseDetail } from '../preload/api.js';
import { MODELS_DIR } from './helpers.js';

const require = createRequire(import.meta.url);

export type InstrumentationId = 'otel' | 'openinference' | 'traceloop';
export const INSTRUMENTATIONS: readonly InstrumentationId[] = ['otel', 'openinference', 'traceloop'];

/** PII planted in the conversation: none of it may reach a stored case's redacted text. */
export const CANARIES = {
  name: 'Margarethe Quenzlhuber',
  email: 'margarethe.quenzlhuber@example.org',
  phone: '+1 415 555 0199',
  claim: 'CLM-58213',
} as const;
export const CONVERSATION_ID = 'conv-7f3a9c';
export const SERVICE_NAME = 'claims-assistant';
export const MODEL = 'gpt-4o-mini';
/** The model name the stub answers with (a dated snapshot, as the real API does). */
export const RESPONSE_MODEL = 'gpt-4o-mini-2024-07-18';
export const SYSTEM_PROMPT = 'You are the claims assistant of Example Health. Answer briefly.';
export const USER_TURN = `Hi, I am ${CANARIES.name} (${CANARIES.email}, ${CANARIES.phone}). What does my plan cover for physiotherapy?`;
export const FIRST_REPLY = `Hello ${CANARIES.name}, your plan covers 12 physiotherapy sessions a year.`;
export const TOOL_QUESTION = `Was claim ${CANARIES.claim} paid? Reach me at ${CANARIES.email}.`;
export const TOOL_RESULT = JSON.stringify({ claim: CANARIES.claim, status: 'paid', paid_on: '2026-06-02' });
export const TOOL_REPLY = `Yes: claim ${CANARIES.claim} was paid on 2 June.`;
export const STREAM_QUESTION = 'Can I see a physiotherapist without a referral?';
export const STREAM_REPLY = 'Yes, up to three sessions without a referral.';
export const REFUSED_QUESTION = `Please delete everything about ${CANARIES.name}.`;
export const RESPONSES_QUESTION = `Send the claim form to ${CANARIES.email}, please.`;
export const RESPONSES_REPLY = 'Done: the claim form is on its way.';
/** Usage the stub reports for every non-streamed reply, and for the streamed one. */
export const USAGE = { prompt_tokens: 41, completion_tokens: 17, total_tokens: 58 };
/** The stub waits this long before answering, so spans have a measurable duration. */
export const STUB_DELAY_MS = 20;

type ChatRequest = { model: string; stream?: boolean; messages: { role: string; content?: unknown; tool_calls?: unknown }[]; tools?: unknown[] };

function completion(id: string, message: Record<string, unknown>, finish: string): Record<string, unknown> {
  return { id, object: 'chat.completion', created: 1_780_000_000, model: RESPONSE_MODEL, choices: [{ index: 0, message, finish_reason: finish, logprobs: null }], usage: USAGE };
}

/** The chat-completions stub: a reply, a tool call, a stream or a refusal, chosen by the request's last message. */
function answer(request: ChatRequest, response: ServerResponse): void {
  const last = request.messages.at(-1)!;
  const text = typeof last.content === 'string' ? last.content : '';
  const json = (status: number, body: unknown): void => {
    response.writeHead(status, { 'content-type': 'application/json' });
    response.end(JSON.stringify(body));
  };
  if (text === REFUSED_QUESTION) {
    json(400, { error: { message: 'This request was refused by the stub.', type: 'invalid_request_error', param: null, code: 'refused' } });
  } else if (request.stream) {
    response.writeHead(200, { 'content-type': 'text/event-stream' });
    const chunk = (delta: Record<string, unknown>, finish: string | null, usage: unknown = null): string =>
      `data: ${JSON.stringify({ id: 'chatcmpl-stream', object: 'chat.completion.chunk', created: 1_780_000_000, model: RESPONSE_MODEL, choices: usage ? [] : [{ index: 0, delta, finish_reason: finish }], usage })}\n\n`;
    const words = STREAM_REPLY.split(' ');
    response.write(chunk({ role: 'assistant', content: '' }, null));
    words.forEach((word, i) => response.write(chunk({ content: i === 0 ? word : ` ${word}` }, null)));
    response.write(chunk({}, 'stop'));
    response.write(chunk({}, null, USAGE));
    response.end('data: [DONE]\n\n');
  } else if (last.role === 'tool') {
    json(200, completion('chatcmpl-tool-answer', { role: 'assistant', content: TOOL_REPLY, refusal: null }, 'stop'));
  } else if (request.tools && text === TOOL_QUESTION) {
    const call = { id: 'call_lookup_1', type: 'function', function: { name: 'lookup_claim', arguments: JSON.stringify({ claim_id: CANARIES.claim }) } };
    json(200, completion('chatcmpl-tool-call', { role: 'assistant', content: null, refusal: null, tool_calls: [call] }, 'tool_calls'));
  } else {
    json(200, completion('chatcmpl-first', { role: 'assistant', content: FIRST_REPLY, refusal: null }, 'stop'));
  }
}

/** The Responses API stub: one message output, with usage. */
function respond(request: { model: string }, response: ServerResponse): void {
  const body = {
    id: 'resp_first',
    object: 'response',
    created_at: 1_780_000_000,
    status: 'completed',
    model: RESPONSE_MODEL,
    output: [{ type: 'message', id: 'msg_1', status: 'completed', role: 'assistant', content: [{ type: 'output_text', text: RESPONSES_REPLY, annotations: [] }] }],
    usage: { input_tokens: USAGE.prompt_tokens, output_tokens: USAGE.completion_tokens, total_tokens: USAGE.total_tokens },
    parallel_tool_calls: true,
    tool_choice: 'auto',
    tools: [],
    error: null,
    incomplete_details: null,
    instructions: null,
    metadata: {},
    temperature: 1,
    top_p: 1,
    text: { format: { type: 'text' } },
    request_model: request.model,
  };
  response.writeHead(200, { 'content-type': 'application/json' });
  response.end(JSON.stringify(body));
}

/** Starts the stub on 127.0.0.1 with an ephemeral port; resolves to its base URL and a way to stop it. */
export async function startChatStub(): Promise<{ baseURL: string; close(): Promise<void> }> {
  const server: Server = createServer((request: IncomingMessage, response: ServerResponse) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const chat = request.url?.endsWith('/chat/completions');
      if (request.method !== 'POST' || !(chat || request.url?.endsWith('/responses'))) {
        response.writeHead(404).end();
        return;
      }
      const body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as ChatRequest;
      setTimeout(() => (chat ? answer(body, response) : respond(body, response)), STUB_DELAY_MS);
    });
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as AddressInfo;
  return {
    baseURL: `http://127.0.0.1:${port}/v1`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/**
 * The active context carried across awaits, as a Node SDK registers it (@opentelemetry/context-async-hooks is not
 * installed; this is its AsyncLocalStorage manager in brief). Without one, the instrumentations' spans start new
 * traces instead of nesting under the app's span.
 */
class AsyncContextManager implements ContextManager {
  private readonly storage = new AsyncLocalStorage<Context>();
  active(): Context {
    return this.storage.getStore() ?? ROOT_CONTEXT;
  }
  with<A extends unknown[], F extends (...args: A) => ReturnType<F>>(ctx: Context, fn: F, thisArg?: ThisParameterType<F>, ...args: A): ReturnType<F> {
    return this.storage.run(ctx, () => fn.call(thisArg, ...args));
  }
  bind<T>(ctx: Context, target: T): T {
    if (typeof target !== 'function') return target;
    const run = this.with.bind(this);
    return ((...args: unknown[]) => run(ctx, target as (...a: unknown[]) => unknown, undefined, ...args)) as T;
  }
  enable(): this {
    return this;
  }
  disable(): this {
    this.storage.disable();
    return this;
  }
}

interface Patcher {
  setTracerProvider(provider: TracerProvider): void;
  setLoggerProvider?(provider: ApiLoggerProvider): void;
  enable(): void;
  disable(): void;
}

/** The `openai` CommonJS module, patched by one instrumentation; `unpatch` restores it for the next one. */
function instrument(id: InstrumentationId, tracerProvider: TracerProvider, loggerProvider: ApiLoggerProvider, captureContent: boolean): { unpatch(): void } {
  const openai = require('openai') as { OpenAI: { Chat: { Completions: { prototype: object } } } };
  const version = (require('openai/version') as { VERSION: string }).VERSION;
  if (id === 'otel') {
    const { OpenAIInstrumentation } = require('@opentelemetry/instrumentation-openai') as typeof ContribOpenAI;
    const instrumentation = new OpenAIInstrumentation({ captureMessageContent: captureContent, enabled: false });
    instrumentation.setTracerProvider(tracerProvider);
    instrumentation.setLoggerProvider(loggerProvider);
    // Its histograms are class fields, reset after the base constructor created them: a meter provider recreates them.
    instrumentation.setMeterProvider(metrics.getMeterProvider());
    // Its module definition accepts openai >=4.19 <7 and it offers no manual hook: with openai 7 installed the
    // require hook never fires, so its patch function is applied by hand (the SDK's chat API is unchanged).
    const [definition] = instrumentation.getModuleDefinitions();
    instrumentation.enable();
    definition!.patch!(openai, version);
    return {
      unpatch: () => {
        definition!.unpatch!(openai, version);
        instrumentation.disable();
      },
    };
  }
  if (id === 'openinference') {
    const { OpenAIInstrumentation } = require('@arizeai/openinference-instrumentation-openai') as typeof OpenInferenceOpenAI;
    const instrumentation = new OpenAIInstrumentation({
      tracerProvider,
      instrumentationConfig: { enabled: false },
      traceConfig: { hideInputs: !captureContent, hideOutputs: !captureContent },
    }) as unknown as Patcher & { manuallyInstrument(module: unknown): void };
    instrumentation.enable();
    instrumentation.manuallyInstrument(openai);
    return { unpatch: () => instrumentation.disable() };
  }
  const { OpenAIInstrumentation } = require('@traceloop/instrumentation-openai') as typeof TraceloopOpenAI;
  const instrumentation = new OpenAIInstrumentation({ enrichTokens: false, enabled: false, traceContent: captureContent });
  instrumentation.setTracerProvider(tracerProvider);
  instrumentation.enable();
  instrumentation.manuallyInstrument(openai.OpenAI as never);
  // What manuallyInstrument wrapped (it has no counterpart to undo it).
  const { Chat, Completions, Responses, Images } = openai.OpenAI as unknown as Record<string, { prototype: object }> & { Chat: { Completions: { prototype: object } } };
  const wrapped: [object, string][] = [
    [Chat.Completions.prototype, 'create'],
    [Completions!.prototype, 'create'],
    [Responses!.prototype, 'create'],
    ...['generate', 'edit', 'createVariation'].map((name): [object, string] => [Images!.prototype, name]),
  ];
  return {
    unpatch: () => {
      const unwrap = (instrumentation as unknown as { _unwrap(object: object, name: string): void })._unwrap.bind(instrumentation);
      for (const [object, name] of wrapped) unwrap(object, name);
      instrumentation.disable();
    },
  };
}

/** The conversation id on the app's span, and OpenInference's session (which its spans copy from the context). */
function turnContext(id: InstrumentationId, span: Span): Context {
  let ctx = trace.setSpan(context.active(), span);
  if (id === 'openinference') {
    const { setSession } = require('@arizeai/openinference-core') as typeof OpenInferenceCore;
    ctx = setSession(ctx, { sessionId: CONVERSATION_ID });
  }
  return ctx;
}

export interface InstrumentedFiles {
  /** OTLP/JSON trace export requests, one per line. */
  traces: string;
  /** OTLP/JSON log export requests, one per line, when the instrumentation wrote log records. */
  logs: string | null;
  spans: number;
  logRecords: number;
}

/**
 * Runs the conversation through the SDK patched by `id` against a fresh stub and writes what was recorded to
 * `<dir>/<name>.traces.jsonl` and, when there are log records, `<dir>/<name>.logs.jsonl`. Spans are exported one
 * request per finished turn, as a batching exporter flushing between turns would. `captureContent: false` runs
 * each instrumentation with message content capture off (their default in production for some).
 */
export async function generateInstrumentedTrace(id: InstrumentationId, dir: string, name: string = id, options: { captureContent?: boolean } = {}): Promise<InstrumentedFiles> {
  const stub = await startChatStub();
  const contextManager = new AsyncContextManager();
  context.setGlobalContextManager(contextManager);
  const resource = resourceFromAttributes({ 'service.name': SERVICE_NAME });
  const spanExporter = new InMemorySpanExporter();
  const tracerProvider = new BasicTracerProvider({ resource, spanProcessors: [new SimpleSpanProcessor(spanExporter)] });
  const logExporter = new InMemoryLogRecordExporter();
  const loggerProvider = new LoggerProvider({ resource, processors: [new SimpleLogRecordProcessor({ exporter: logExporter })] });
  const patch = instrument(id, tracerProvider, loggerProvider, options.captureContent ?? true);
  const traceLines: string[] = [];
  const logLines: string[] = [];
  let spans = 0;
  let logRecords = 0;
  const flush = (): void => {
    const finished = spanExporter.getFinishedSpans();
    if (finished.length > 0) traceLines.push(new TextDecoder().decode(JsonTraceSerializer.serializeRequest([...finished])));
    spans += finished.length;
    spanExporter.reset();
    const logs = logExporter.getFinishedLogRecords();
    if (logs.length > 0) logLines.push(new TextDecoder().decode(JsonLogsSerializer.serializeRequest([...logs])));
    logRecords += logs.length;
    logExporter.reset();
  };
  try {
    const { OpenAI } = require('openai') as { OpenAI: typeof OpenAIClient };
    const client = new OpenAI({ apiKey: 'sk-test-not-a-key', baseURL: stub.baseURL, maxRetries: 0 });
    const tracer = tracerProvider.getTracer('claims-assistant-app');
    const logger = loggerProvider.getLogger('claims-assistant-app');
    const turn = async <T>(spanName: string, run: () => Promise<T>): Promise<T> => {
      const span = tracer.startSpan(spanName, { kind: SpanKind.SERVER, attributes: { 'gen_ai.conversation.id': CONVERSATION_ID } });
      try {
        return await context.with(turnContext(id, span), run);
      } finally {
        // Instrumentations end their span in a callback on the SDK's promise: let those run first.
        await new Promise((resolve) => setTimeout(resolve, 5));
        span.end();
        flush();
      }
    };

    // 1. A chat turn; the user's thumbs-down on it comes back as an evaluation event naming its response id.
    await turn('POST /chat', async () => {
      const reply = await client.chat.completions.create({
        model: MODEL,
        temperature: 0.2,
        messages: [
          { role: 'system', content: SYSTEM_PROMPT },
          { role: 'user', content: USER_TURN },
        ],
      });
      // OpenInference has no evaluation event (its annotations come from Phoenix, not from the app).
      if (id === 'openinference') return;
      logger.emit({
        eventName: 'gen_ai.evaluation.result',
        severityNumber: SeverityNumber.INFO,
        context: context.active(),
        attributes: { 'gen_ai.evaluation.name': 'user_feedback', 'gen_ai.evaluation.score.value': 0, 'gen_ai.evaluation.score.label': 'thumbs_down', 'gen_ai.response.id': reply.id },
      });
    });

    // 2. A tool call: the model asks for the claim, the app looks it up, the model answers with the result.
    await turn('POST /chat', async () => {
      const tools = [
        {
          type: 'function' as const,
          function: { name: 'lookup_claim', description: 'Look up a claim by id', parameters: { type: 'object', properties: { claim_id: { type: 'string' } }, required: ['claim_id'] } },
        },
      ];
      const messages: Parameters<typeof client.chat.completions.create>[0]['messages'] = [
        { role: 'system', content: SYSTEM_PROMPT },
        { role: 'user', content: TOOL_QUESTION },
      ];
      const first = await client.chat.completions.create({ model: MODEL, messages, tools });
      const call = first.choices[0]!.message.tool_calls![0]!;
      messages.push(first.choices[0]!.message as never, { role: 'tool', tool_call_id: call.id, content: TOOL_RESULT });
      await client.chat.completions.create({ model: MODEL, messages, tools });
    });

    // 3. A streamed turn, with the usage chunk the API sends when asked for it.
    await turn('POST /chat', async () => {
      const stream = await client.chat.completions.create({ model: MODEL, stream: true, stream_options: { include_usage: true }, messages: [{ role: 'user', content: STREAM_QUESTION }] });
      for await (const chunk of stream) void chunk;
    });

    // 4. A call the endpoint refuses: the SDK throws, the span records the error.
    await turn('POST /chat', async () => {
      await client.chat.completions.create({ model: MODEL, messages: [{ role: 'user', content: REFUSED_QUESTION }] }).catch(() => null);
    });

    // 5. The Responses API, with instructions as plain text.
    await turn('POST /chat', async () => {
      await client.responses.create({ model: MODEL, instructions: SYSTEM_PROMPT, input: RESPONSES_QUESTION });
    });
  } finally {
    patch.unpatch();
    await tracerProvider.shutdown();
    await loggerProvider.shutdown();
    await stub.close();
    context.disable();
  }
  const traces = join(dir, `${name}.traces.jsonl`);
  writeFileSync(traces, `${traceLines.join('\n')}\n`);
  let logs: string | null = null;
  if (logLines.length > 0) {
    logs = join(dir, `${name}.logs.jsonl`);
    writeFileSync(logs, `${logLines.join('\n')}\n`);
  }
  return { traces, logs, spans, logRecords };
}

/** What an ingest through the service stored: its result, the cases as a reviewer sees them, the raw vault rows. */
export interface IngestedThroughService<Raw = unknown> {
  result: { format: string; ingested: number; duplicates: number; quarantined: number; quarantine: { line: number; reason: string }[] };
  /** Stored cases as the reviewer sees them (de-identified), in ingest order. */
  cases: CaseDetail[];
  /** The raw interactions in the vault, in the same order, for what cases do not show (conversation ids). */
  raw: Raw[];
}

/**
 * Ingests `file` into a new workspace at `workspaceDir` through the service, with the shipped de-identifier (patterns
 * and the NER model: names are only found by the model; the service closes it), format auto-detected.
 */
export async function ingestThroughService<Raw = unknown>(workspaceDir: string, file: string, passphrase: string): Promise<IngestedThroughService<Raw>> {
  const quarry = new QuarryService({ workspaceDir, modelsDir: MODELS_DIR, createDeidentifier: () => createDeidentifier({ modelsDir: MODELS_DIR }) });
  quarry.unlock(passphrase, 'ana', 'reviewer:ana');
  const result = await quarry.handlers['ingest:run']({ path: file });
  const list = await quarry.handlers['cases:list']({});
  const cases = await Promise.all([...list].sort((a, b) => a.id - b.id).map((c) => quarry.handlers['cases:get']({ id: c.id })));
  await quarry.close();
  const workspace = unlockWorkspace(workspaceDir, passphrase);
  const raw = (workspace.db.prepare('SELECT raw_json FROM vault_interactions ORDER BY id').pluck().all() as string[]).map((json) => JSON.parse(json) as Raw);
  workspace.close();
  return { result, cases, raw };
}
