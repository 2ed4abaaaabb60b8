import { basename } from 'node:path';
import { asRaw } from '../../text.js';
import type { Evaluation, RawMessage } from '../interaction.js';
import { CompanionLogs, companionNames, findCompanionLogs } from './companion-logs.js';
import { isObject, RecordError, stripUndefined, type JsonRecord, type LateProblem, type LocatedInteraction, type LogFormat } from './format.js';
import { isOtlpExport, isOtlpLogsExport, otlpAttributeKeys, otlpLogEventNames, otlpLogRecords, otlpSpans, serviceName, type OtlpEvent, type OtlpLogRecord, type OtlpSpan } from './otlp.js';
import { durationMs, TRACE_WINDOW, TraceAssembler, type TraceSpan } from './trace-assembly.js';

/**
 * OpenTelemetry GenAI spans exported as OTLP/JSON, one export request per line (or one pretty-printed request
 * per file). Message text comes from `gen_ai.input.messages` / `gen_ai.output.messages` /
 * `gen_ai.system_instructions` on the span or on an event, or from the older per-message span events
 * (`gen_ai.user.message`, `gen_ai.choice`, …). `gen_ai.evaluation.result` events become evaluator scores.
 *
 * Events may also come as OTLP log records (`resourceLogs` export requests), which is how instrumentations emit
 * them since the event API moved into logs (the OpenTelemetry contrib OpenAI instrumentation writes all message
 * content this way): log lines in the traces file itself (a collector file exporter shared by both pipelines), or
 * the logs file beside it (see companion-logs.ts). They are joined to their span by trace and span id; an
 * evaluation event parented to the app's span rather than the model call's finds it by `gen_ai.response.id`.
 */
const OPERATION = 'gen_ai.operation.name';
const MODEL_OPERATIONS = new Set(['chat', 'text_completion', 'generate_content']);
const LEGACY_ROLES: Record<string, string> = {
  'gen_ai.system.message': 'system',
  'gen_ai.user.message': 'user',
  'gen_ai.assistant.message': 'assistant',
  'gen_ai.tool.message': 'tool',
};

function kindOf(operation: unknown): TraceSpan['kind'] {
  if (typeof operation !== 'string') return 'other';
  if (MODEL_OPERATIONS.has(operation)) return 'model';
  if (operation === 'invoke_agent') return 'agent';
  if (operation === 'execute_tool') return 'tool';
  return 'other';
}

/** Structured values travel as JSON strings in most exporters, as OTLP lists/maps in some. */
function structured(value: unknown, field: string): unknown {
  if (typeof value !== 'string') return value;
  try {
    return JSON.parse(value);
  } catch {
    throw new RecordError(field, 'not valid JSON');
  }
}

function stringify(value: unknown): string {
  return typeof value === 'string' ? value : JSON.stringify(value ?? null);
}

/**
 * One message part as text. Reasoning is left out: it is the model's scratchpad, not the reply a case is judged
 * on. Media are named, not inlined: a blob or URI cannot be de-identified as text.
 */
function partText(part: unknown, field: string): string | null {
  if (!isObject(part) || typeof part.type !== 'string') throw new RecordError(`${field}.type`, 'expected a string');
  switch (part.type) {
    case 'text':
      // Without content capture, instrumentations keep the part and leave its content out.
      if (part.content === undefined || part.content === null) return null;
      if (typeof part.content !== 'string') throw new RecordError(`${field}.content`, 'expected a string');
      return part.content;
    case 'tool_call':
      if (typeof part.name !== 'string') throw new RecordError(`${field}.name`, 'expected a string');
      return JSON.stringify({ tool_call: part.name, arguments: part.arguments ?? null });
    case 'tool_call_response':
      return stringify(part.response);
    case 'server_tool_call':
      return JSON.stringify({ tool_call: part.name ?? null, call: part.server_tool_call ?? null });
    case 'server_tool_call_response':
      return stringify(part.server_tool_call_response);
    case 'reasoning':
      return null;
    case 'blob':
    case 'uri':
    case 'file':
      return `[${typeof part.modality === 'string' ? part.modality : 'file'} attachment]`;
    default:
      return typeof part.content === 'string' ? part.content : null;
  }
}

function partsText(parts: unknown, field: string): string {
  if (!Array.isArray(parts)) throw new RecordError(field, 'expected an array of parts');
  return parts
    .map((part, i) => partText(part, `${field}.${i}`))
    .filter((text): text is string => text !== null && text !== '')
    .join('\n');
}

function messages(value: unknown, field: string): RawMessage[] {
  const list = structured(value, field);
  if (!Array.isArray(list)) throw new RecordError(field, 'expected an array of messages');
  // A message left without text (content not captured, or only reasoning) has nothing to review.
  return list
    .map((message, i) => {
      if (!isObject(message) || typeof message.role !== 'string' || message.role === '') throw new RecordError(`${field}.${i}.role`, 'expected a string');
      return { role: message.role, content: asRaw(partsText(message.parts, `${field}.${i}.parts`)) };
    })
    .filter((message) => message.content !== '');
}

/** Old-style content: a string, a list of parts with `text`, or anything else as JSON; tool calls appended. */
function legacyContent(body: Record<string, unknown>): string {
  const { content } = body;
  let text = typeof content === 'string' ? content : Array.isArray(content) ? content.map((p) => (isObject(p) && typeof p.text === 'string' ? p.text : stringify(p))).join('\n') : content == null ? '' : stringify(content);
  if (body.tool_calls != null) text = [text, stringify(body.tool_calls)].filter(Boolean).join('\n');
  return text;
}

function legacyBody(event: OtlpEvent): Record<string, unknown> {
  // Some SDKs put the event body, as JSON, in one attribute; others spread its fields over the attributes.
  const packed = event.attributes['gen_ai.event.content'];
  const body = packed === undefined ? event.attributes : structured(packed, `${event.path}.attributes[gen_ai.event.content]`);
  if (!isObject(body)) throw new RecordError(`${event.path}.attributes`, 'expected the event body as an object');
  return body;
}

/** Whether a per-message event carries message text (a `content`), packed or spread, or in its choice's message. */
function carriesContent(event: OtlpEvent): boolean {
  if (!LEGACY_ROLES[event.name] && event.name !== 'gen_ai.choice') return false;
  const { attributes } = event;
  const text = (value: unknown): boolean => (typeof value === 'string' && value !== '') || (Array.isArray(value) && value.length > 0);
  return attributes['gen_ai.event.content'] !== undefined || text(attributes.content) || (isObject(attributes.message) && text(attributes.message.content)) || typeof attributes.message === 'string';
}

function legacyMessages(events: readonly OtlpEvent[]): { input: RawMessage[]; output: RawMessage[] } {
  const input: RawMessage[] = [];
  const output: RawMessage[] = [];
  // Without content capture, instrumentations still log one event per message, with empty bodies (tool calls by
  // name only): none of that is a case to review.
  if (!events.some(carriesContent)) return { input, output };
  for (const event of events) {
    const role = LEGACY_ROLES[event.name];
    if (role) {
      const body = legacyBody(event);
      const content = legacyContent(body);
      if (content !== '') input.push({ role: typeof body.role === 'string' ? body.role : role, content: asRaw(content) });
    } else if (event.name === 'gen_ai.choice') {
      const body = legacyBody(event);
      // Several choices may be logged; the case keeps the first, as it does for `gen_ai.output.messages`.
      if (body.index !== undefined && body.index !== 0) continue;
      const message = body.message === undefined ? body : structured(body.message, `${event.path}.attributes[message]`);
      if (!isObject(message)) throw new RecordError(`${event.path}.attributes[message]`, 'expected an object');
      const content = legacyContent(message);
      if (content !== '') output.push({ role: typeof message.role === 'string' ? message.role : 'assistant', content: asRaw(content) });
    }
  }
  return { input, output };
}

function evaluation(event: OtlpEvent): Evaluation {
  const { attributes } = event;
  const name = attributes['gen_ai.evaluation.name'];
  if (typeof name !== 'string' || name === '') throw new RecordError(`${event.path}.attributes[gen_ai.evaluation.name]`, 'expected a string');
  const score = attributes['gen_ai.evaluation.score.value'];
  const label = attributes['gen_ai.evaluation.score.label'];
  if (score !== undefined && typeof score !== 'number') throw new RecordError(`${event.path}.attributes[gen_ai.evaluation.score.value]`, 'expected a number');
  if (label !== undefined && typeof label !== 'string') throw new RecordError(`${event.path}.attributes[gen_ai.evaluation.score.label]`, 'expected a string');
  return stripUndefined({ name, score, label });
}

/** Where content may be: a span's attributes and events, or (for log records joined to a span) events alone. */
type ContentSource = Pick<OtlpSpan, 'path' | 'attributes' | 'events'>;

/** The span attribute or, when content was captured on an event instead, that event's attribute. */
function contentAttribute(span: ContentSource, key: string): { value: unknown; field: string } | null {
  if (span.attributes[key] !== undefined) return { value: span.attributes[key], field: `${span.path}.attributes[${key}]` };
  const event = span.events.find((e) => e.attributes[key] !== undefined);
  return event ? { value: event.attributes[key], field: `${event.path}.attributes[${key}]` } : null;
}

function number(span: OtlpSpan, key: string): number | undefined {
  const value = span.attributes[key];
  if (value === undefined) return undefined;
  if (typeof value !== 'number' || value < 0) throw new RecordError(`${span.path}.attributes[${key}]`, 'expected a non-negative number');
  return value;
}

function text(span: OtlpSpan, key: string): string | undefined {
  const value = span.attributes[key];
  if (value === undefined) return undefined;
  if (typeof value !== 'string') throw new RecordError(`${span.path}.attributes[${key}]`, 'expected a string');
  return value;
}

function toolMessage(span: OtlpSpan): RawMessage {
  const name = text(span, 'gen_ai.tool.name') ?? 'tool';
  const call = span.attributes['gen_ai.tool.call.arguments'];
  const result = span.attributes['gen_ai.tool.call.result'];
  const lines = [JSON.stringify({ tool: name, arguments: call === undefined ? null : structuredOrText(call) }), ...(result === undefined ? [] : [stringify(result)])];
  return { role: 'tool', content: asRaw(lines.join('\n')) };
}

function structuredOrText(value: unknown): unknown {
  if (typeof value !== 'string') return value;
  try {
    return JSON.parse(value);
  } catch {
    return value;
  }
}

export function traceSpanOfGenAi(span: OtlpSpan, line: number): TraceSpan {
  const kind = kindOf(span.attributes[OPERATION]);
  const evaluations = span.events.filter((e) => e.name === 'gen_ai.evaluation.result').map(evaluation);
  const base = { line, traceId: span.traceId, spanId: span.spanId, parentId: span.parentSpanId, startMs: span.startMs, endMs: span.endMs, evaluations };
  if (kind === 'other' || kind === 'tool') {
    // An app's own span (a request handler) may carry the conversation id for the model calls under it.
    // Not checked: a malformed attribute on a span that is no model call must not cost the trace's cases.
    const id = span.attributes['gen_ai.conversation.id'];
    const conversationId = typeof id === 'string' && id !== '' ? id : undefined;
    return { ...base, kind, input: [], output: [], toolMessage: kind === 'tool' ? toolMessage(span) : null, signals: {}, slices: {}, ...(conversationId === undefined ? {} : { conversationId }) };
  }
  const { input, output } = content(span);
  const responseId = text(span, 'gen_ai.response.id');
  return {
    ...base,
    kind,
    input,
    output,
    toolMessage: null,
    signals: stripUndefined({
      latency_ms: durationMs(span.startMs, span.endMs),
      input_tokens: number(span, 'gen_ai.usage.input_tokens'),
      output_tokens: number(span, 'gen_ai.usage.output_tokens'),
    }),
    slices: stripUndefined({
      model: text(span, 'gen_ai.request.model') ?? text(span, 'gen_ai.response.model'),
      product_area: serviceName(span.resource),
    }),
    conversationId: text(span, 'gen_ai.conversation.id'),
    ...(responseId === undefined ? {} : { responseId }),
  };
}

/**
 * `gen_ai.system_instructions`: a list of parts (as JSON or an OTLP list), or, as the contrib OpenAI
 * instrumentation writes the Responses API's `instructions`, the plain text itself.
 */
function instructionsText(value: unknown, field: string): string {
  if (typeof value !== 'string') return partsText(value, field);
  let parsed: unknown;
  try {
    parsed = JSON.parse(value);
  } catch {
    return value;
  }
  return Array.isArray(parsed) ? partsText(parsed, field) : value;
}

/** The request and reply messages, in whichever form the span (or the events joined to it) carries them. */
function content(span: ContentSource): { input: RawMessage[]; output: RawMessage[] } {
  const instructions = contentAttribute(span, 'gen_ai.system_instructions');
  const inputs = contentAttribute(span, 'gen_ai.input.messages');
  const outputs = contentAttribute(span, 'gen_ai.output.messages');
  const legacy = legacyMessages(span.events);
  const system = instructions ? instructionsText(instructions.value, instructions.field) : '';
  const input = [...(system ? [{ role: 'system', content: asRaw(system) }] : []), ...(inputs ? messages(inputs.value, inputs.field) : legacy.input)];
  const output = outputs ? messages(outputs.value, outputs.field).slice(0, 1) : legacy.output;
  return { input, output };
}

const EVALUATION = 'gen_ai.evaluation.result';

/** A GenAI event read from an OTLP log record, held until its trace is assembled. */
interface JoinedEvent {
  /** The line quarantine reports it on: its own line, or the traces line it was joined at (companion logs). */
  line: number;
  spanId: string | null;
  event: OtlpEvent;
  /** Where the record is, for messages: its path, prefixed with the companion file and line when it is from one. */
  where: string;
  timeMs: number | null;
}

/** A log record as the span event it stands for: the body's fields (`content`, `message`, …) over its attributes. */
function logEvent(log: OtlpLogRecord): OtlpEvent {
  let body = log.body;
  if (typeof body === 'string' && body.trimStart().startsWith('{')) body = structuredOrText(body);
  return { name: log.eventName ?? '', attributes: { ...log.attributes, ...(isObject(body) ? body : {}) }, path: log.path };
}

/** Why a log record's trace has no span: most often, the logs file itself was ingested instead of the traces. */
const NO_TRACE = 'no span of its trace in the traces (to join an OTLP logs file, ingest the traces file beside it)';

/** A log record that names a span not in the traces; its content stays out of every case. */
function unjoined(item: JoinedEvent, what: string): LateProblem {
  return { line: item.line, error: new RecordError(`${item.where}.spanId`, `${what}: its ${item.event.name} content was not joined to any case`) };
}

/**
 * Joins log-record events to a trace's spans before assembly: message events give a model span without content
 * its messages; evaluation events add scores, to the span they are parented to or, when that is not a model call,
 * the model call whose `gen_ai.response.id` they name.
 */
function joinEvents(spans: Map<string, TraceSpan>, joined: readonly JoinedEvent[]): LateProblem[] {
  const problems: LateProblem[] = [];
  const bySpan = new Map<TraceSpan, JoinedEvent[]>();
  for (const item of joined) {
    let span = item.spanId === null ? undefined : spans.get(item.spanId);
    try {
      if (item.event.name === EVALUATION) {
        const responseId = item.event.attributes['gen_ai.response.id'];
        if (span?.kind !== 'model' && typeof responseId === 'string') span = [...spans.values()].find((s) => s.responseId === responseId) ?? span;
        if (!span) problems.push(unjoined(item, spans.size === 0 ? NO_TRACE : 'no span with this id (or its response id) in the trace'));
        else span.evaluations.push(evaluation(item.event));
        continue;
      }
    } catch (error) {
      if (!(error instanceof RecordError)) throw error;
      problems.push({ line: item.line, error: new RecordError(item.where, error.message) });
      continue;
    }
    if (!span) problems.push(unjoined(item, spans.size === 0 ? NO_TRACE : 'no span with this id in the trace'));
    else if (bySpan.has(span)) bySpan.get(span)!.push(item);
    else bySpan.set(span, [item]);
  }
  for (const [span, items] of bySpan) {
    if (span.kind !== 'model' && span.kind !== 'agent') continue;
    // Emission order: the request's messages as sent, then the choices.
    const events = [...items].sort((a, b) => (a.timeMs ?? 0) - (b.timeMs ?? 0)).map((i) => i.event);
    try {
      const joinedContent = content({ path: items[0]!.where, attributes: {}, events });
      // A span may carry its system instructions while the request's messages are in the log records (the contrib
      // instrumentation's Responses spans, whose records repeat the instructions as a system message: kept once).
      if (span.input.every((m) => m.role === 'system')) {
        const joinedInput = joinedContent.input;
        span.input = [...span.input.filter((m) => !joinedInput.some((j) => j.role === m.role && j.content === m.content)), ...joinedInput];
      }
      if (span.output.length === 0) span.output = joinedContent.output;
    } catch (error) {
      if (!(error instanceof RecordError)) throw error;
      // Reported on the span's line: the case it would have completed.
      problems.push({ line: span.line, error });
    }
  }
  return problems;
}

/** Whether a log record is a GenAI event worth joining (apps export their ordinary logs through the same pipe). */
function isGenAiEvent(log: OtlpLogRecord): boolean {
  return log.eventName !== null && log.eventName.startsWith('gen_ai.');
}

/**
 * How far ahead of the spans read so far the companion logs file is read: a span's events are logged before it
 * ends, so once a span ending at T is read, its events are in the logs up to T; the margin absorbs batches that
 * different processes flushed out of order.
 */
const COMPANION_MARGIN_MS = 10_000;

function looksLikeGenAi(record: JsonRecord): boolean {
  return otlpAttributeKeys(record).some((key) => key.startsWith('gen_ai.')) || otlpLogEventNames(record).some((name) => name.startsWith('gen_ai.'));
}

export const otelGenAi: LogFormat = {
  id: 'otel-genai',
  label: 'OpenTelemetry GenAI spans (OTLP/JSON, gen_ai.* attributes)',
  detect: (sample) => sample.some(looksLikeGenAi),
  open: (source) => {
    const companionFile = source ? findCompanionLogs(source.file) : null;
    const looked = source ? companionNames(source.file)[0] : undefined;
    const logs = companionFile ? `in this file or in ${basename(companionFile)}` : looked ? `in this file or in a ${looked} beside it` : 'in this file';
    const hint = ` Neither the span nor gen_ai.* log records for it ${logs} carry message text.`;
    const traces = new TraceAssembler<JoinedEvent>('gen_ai.input.messages', TRACE_WINDOW, { join: joinEvents, hint });
    const problems: LateProblem[] = [];
    let companion: CompanionLogs | null = companionFile ? CompanionLogs.open(companionFile) : null;
    /** The companion's next export request, parsed, waiting for the spans to catch up with its earliest record. */
    let lookahead: { line: number; logs: OtlpLogRecord[]; earliestMs: number } | null = null;
    let highWaterMs = -Infinity;
    let lastLine = 1;

    const attachLogs = (logs: readonly OtlpLogRecord[], line: number, prefix: string): void => {
      for (const log of logs) {
        if (!isGenAiEvent(log)) continue;
        const item: JoinedEvent = { line, spanId: log.spanId, event: logEvent(log), where: `${prefix}${log.path}`, timeMs: log.timeMs };
        if (log.traceId === null) problems.push(unjoined(item, 'no trace id'));
        else if (!traces.attach(log.traceId, line, item)) {
          problems.push({ line, error: new RecordError(`${item.where}.traceId`, `log record arrived more than ${TRACE_WINDOW} records after the rest of its trace, which was already assembled`) });
        }
      }
    };
    /** Reads the companion up to the log records written by `untilMs`, joining them to their traces at `line`. */
    const pullCompanion = (untilMs: number, line: number): void => {
      while (companion) {
        if (!lookahead) {
          const next = companion.next();
          if (!next) {
            companion = null;
            break;
          }
          if (next.error) {
            problems.push({ line, error: next.error });
            continue;
          }
          try {
            const logs = otlpLogRecords(next.record);
            // A record without a time is joined at once rather than held back.
            const earliestMs = logs.reduce((min, l) => Math.min(min, l.timeMs ?? -Infinity), Infinity);
            lookahead = { line: next.line, logs, earliestMs };
          } catch (error) {
            if (!(error instanceof RecordError)) throw error;
            problems.push({ line, error: new RecordError(`${companion.name} line ${next.line}: ${error.field}`, error.reason) });
            continue;
          }
        }
        if (lookahead.earliestMs > untilMs) break;
        attachLogs(lookahead.logs, line, `${companion.name} line ${lookahead.line}: `);
        lookahead = null;
      }
      // Not held open between records: a cancelled ingest never calls `end`.
      companion?.release();
    };
    const withProblems = (items: (LocatedInteraction | LateProblem)[]): (LocatedInteraction | LateProblem)[] => (problems.length === 0 ? items : [...problems.splice(0), ...items]);

    return {
      read: (record, line) => {
        lastLine = line;
        if (isOtlpLogsExport(record) && !isOtlpExport(record)) {
          attachLogs(otlpLogRecords(record), line, '');
          return withProblems(traces.ready(line));
        }
        // Read every span before keeping any, so a bad span quarantines its whole line and nothing half-read stays.
        const spans = otlpSpans(record).map((span) => traceSpanOfGenAi(span, line));
        spans.forEach((span) => traces.add(span));
        for (const span of spans) highWaterMs = Math.max(highWaterMs, span.endMs ?? span.startMs ?? -Infinity);
        pullCompanion(highWaterMs + COMPANION_MARGIN_MS, line);
        return withProblems(traces.ready(line));
      },
      end: () => {
        pullCompanion(Infinity, lastLine);
        return withProblems(traces.assemble());
      },
    };
  },
};
