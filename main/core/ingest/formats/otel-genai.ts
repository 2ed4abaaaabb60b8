import { asRaw } from '../../text.js';
import type { Evaluation, RawMessage } from '../interaction.js';
import { isObject, RecordError, stripUndefined, type LogFormat } from './format.js';
import { otlpAttributeKeys, otlpSpans, type OtlpEvent, type OtlpSpan } from './otlp.js';
import { durationMs, TraceAssembler, type TraceSpan } from './trace-assembly.js';

/**
 * OpenTelemetry GenAI spans exported as OTLP/JSON, one export request per line (or one pretty-printed request
 * per file). Message text comes from `gen_ai.input.messages` / `gen_ai.output.messages` /
 * `gen_ai.system_instructions` on the span or on an event, or from the older per-message span events
 * (`gen_ai.user.message`, `gen_ai.choice`, …). `gen_ai.evaluation.result` events become evaluator scores.
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
  return list.map((message, i) => {
    if (!isObject(message) || typeof message.role !== 'string' || message.role === '') throw new RecordError(`${field}.${i}.role`, 'expected a string');
    return { role: message.role, content: asRaw(partsText(message.parts, `${field}.${i}.parts`)) };
  });
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

function legacyMessages(span: OtlpSpan): { input: RawMessage[]; output: RawMessage[] } {
  const input: RawMessage[] = [];
  const output: RawMessage[] = [];
  for (const event of span.events) {
    const role = LEGACY_ROLES[event.name];
    if (role) {
      const body = legacyBody(event);
      input.push({ role: typeof body.role === 'string' ? body.role : role, content: asRaw(legacyContent(body)) });
    } else if (event.name === 'gen_ai.choice') {
      const body = legacyBody(event);
      // Several choices may be logged; the case keeps the first, as it does for `gen_ai.output.messages`.
      if (body.index !== undefined && body.index !== 0) continue;
      const message = body.message === undefined ? body : structured(body.message, `${event.path}.attributes[message]`);
      if (!isObject(message)) throw new RecordError(`${event.path}.attributes[message]`, 'expected an object');
      output.push({ role: typeof message.role === 'string' ? message.role : 'assistant', content: asRaw(legacyContent(message)) });
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

/** The span attribute or, when content was captured on an event instead, that event's attribute. */
function contentAttribute(span: OtlpSpan, key: string): { value: unknown; field: string } | null {
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
    return { ...base, kind, input: [], output: [], toolMessage: kind === 'tool' ? toolMessage(span) : null, signals: {}, slices: {} };
  }
  const instructions = contentAttribute(span, 'gen_ai.system_instructions');
  const inputs = contentAttribute(span, 'gen_ai.input.messages');
  const outputs = contentAttribute(span, 'gen_ai.output.messages');
  const legacy = legacyMessages(span);
  const system = instructions ? partsText(structured(instructions.value, instructions.field), instructions.field) : '';
  const input = [...(system ? [{ role: 'system', content: asRaw(system) }] : []), ...(inputs ? messages(inputs.value, inputs.field) : legacy.input)];
  const output = outputs ? messages(outputs.value, outputs.field).slice(0, 1) : legacy.output;
  const service = span.resource['service.name'];
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
      product_area: typeof service === 'string' && service !== '' ? service : undefined,
    }),
    conversationId: text(span, 'gen_ai.conversation.id'),
  };
}

export const otelGenAi: LogFormat = {
  id: 'otel-genai',
  label: 'OpenTelemetry GenAI spans (OTLP/JSON, gen_ai.* attributes)',
  detect: (sample) => sample.some((record) => otlpAttributeKeys(record).some((key) => key.startsWith('gen_ai.'))),
  open: () => {
    const traces = new TraceAssembler('gen_ai.input.messages');
    return {
      read: (record, line) => {
        // Read every span before keeping any, so a bad span quarantines its whole line and nothing half-read stays.
        const spans = otlpSpans(record).map((span) => traceSpanOfGenAi(span, line));
        spans.forEach((span) => traces.add(span));
        return traces.ready(line);
      },
      end: () => traces.assemble(),
    };
  },
};
