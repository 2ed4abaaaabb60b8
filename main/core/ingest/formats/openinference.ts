import { asRaw } from '../../text.js';
import type { Evaluation, RawMessage } from '../interaction.js';
import { isObject, RecordError, stripUndefined, type JsonRecord, type LogFormat } from './format.js';
import { isOtlpExport, otlpAttributeKeys, otlpSpans, serviceName } from './otlp.js';
import { durationMs, TraceAssembler, type TraceSpan } from './trace-assembly.js';

/**
 * OpenInference spans (Arize Phoenix and the OpenInference instrumentations): either OTLP/JSON export requests,
 * or one flat JSON span per line with `attributes` nested (`{ llm: { input_messages: [...] } }`) or dotted
 * (`"llm.input_messages.0.message.role"`). Both are flattened to dotted keys and read the same way.
 */
const KIND = 'openinference.span.kind';
const ATTRIBUTE_PREFIXES = ['llm.', 'input.', 'output.', 'annotations.', 'session.', 'tool.', 'openinference.'];
const SPAN_KINDS: Record<string, TraceSpan['kind']> = { LLM: 'model', AGENT: 'agent', TOOL: 'tool' };

/** Nested objects and lists of objects to dotted keys; lists of scalars stay lists. */
function flatten(value: unknown, prefix: string, out: Record<string, unknown>): Record<string, unknown> {
  const scalars = Array.isArray(value) && value.every((v) => !isObject(v) && !Array.isArray(v));
  if (isObject(value)) for (const [key, v] of Object.entries(value)) flatten(v, prefix ? `${prefix}.${key}` : key, out);
  else if (Array.isArray(value) && !scalars) value.forEach((v, i) => flatten(v, `${prefix}.${i}`, out));
  else out[prefix] = value;
  return out;
}

interface FlatSpan {
  path: string;
  traceId: string;
  spanId: string;
  parentId: string | null;
  startMs: number | null;
  endMs: number | null;
  kind: string | undefined;
  attributes: Record<string, unknown>;
  service: unknown;
}

function field(span: FlatSpan, key: string): string {
  return span.path ? `${span.path}.attributes[${key}]` : key;
}

/** What OpenInference instrumentations write in place of text when inputs or outputs are hidden (TraceConfig). */
const REDACTED = '__REDACTED__';

function str(span: FlatSpan, key: string): string | undefined {
  const value = span.attributes[key];
  if (value === undefined || value === null || value === REDACTED) return undefined;
  if (typeof value !== 'string') throw new RecordError(field(span, key), 'expected a string');
  return value;
}

function num(span: FlatSpan, key: string): number | undefined {
  const value = span.attributes[key];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'number' || value < 0) throw new RecordError(field(span, key), 'expected a non-negative number');
  return value;
}

/** Highest N + 1 over keys `prefix.N.…`, so sparse or unordered indices still read in order. */
function count(span: FlatSpan, prefix: string): number {
  let n = 0;
  for (const key of Object.keys(span.attributes)) {
    if (!key.startsWith(`${prefix}.`)) continue;
    const index = Number(key.slice(prefix.length + 1).split('.')[0]);
    if (Number.isInteger(index)) n = Math.max(n, index + 1);
  }
  return n;
}

function message(span: FlatSpan, prefix: string): RawMessage | null {
  const role = str(span, `${prefix}.role`);
  const texts: string[] = [];
  const content = str(span, `${prefix}.content`);
  if (content) texts.push(content);
  for (let i = 0; i < count(span, `${prefix}.contents`); i += 1) {
    const part = str(span, `${prefix}.contents.${i}.message_content.text`);
    if (part) texts.push(part);
  }
  for (let i = 0; i < count(span, `${prefix}.tool_calls`); i += 1) {
    const call = `${prefix}.tool_calls.${i}.tool_call.function`;
    const name = str(span, `${call}.name`);
    if (name) texts.push(JSON.stringify({ tool_call: name, arguments: str(span, `${call}.arguments`) ?? null }));
  }
  if (role === undefined) {
    if (texts.length === 0) return null;
    throw new RecordError(field(span, `${prefix}.role`), 'missing');
  }
  return { role, content: asRaw(texts.join('\n')) };
}

function messages(span: FlatSpan, prefix: string): RawMessage[] {
  return Array.from({ length: count(span, prefix) }, (_, i) => message(span, `${prefix}.${i}.message`)).filter((m): m is RawMessage => m !== null);
}

function evaluations(span: FlatSpan): Evaluation[] {
  return Array.from({ length: count(span, 'annotations') }, (_, i): Evaluation | null => {
    const prefix = `annotations.${i}.annotation`;
    const name = str(span, `${prefix}.name`);
    const score = num(span, `${prefix}.score`);
    const label = str(span, `${prefix}.label`);
    if (name === undefined) {
      if (score === undefined && label === undefined) return null;
      throw new RecordError(field(span, `${prefix}.name`), 'missing');
    }
    return stripUndefined({ name, score, label });
  }).filter((e): e is Evaluation => e !== null);
}

/** The span's role in an interaction. A root CHAIN is the application's entry point: question in, answer out. */
function kindOf(span: FlatSpan): TraceSpan['kind'] {
  const kind = span.kind?.toUpperCase();
  if (kind && SPAN_KINDS[kind]) return SPAN_KINDS[kind];
  if (count(span, 'llm.input_messages') > 0 || count(span, 'llm.output_messages') > 0) return 'model';
  if ((kind === 'CHAIN' || kind === undefined) && span.parentId === null && span.attributes['input.value'] !== undefined) return 'agent';
  return 'other';
}

function valueText(span: FlatSpan, key: string): string | undefined {
  const value = span.attributes[key];
  if (value === undefined || value === null || value === REDACTED) return undefined;
  return typeof value === 'string' ? value : JSON.stringify(value);
}

function toTraceSpan(span: FlatSpan, line: number): TraceSpan {
  const kind = kindOf(span);
  const base = { line, traceId: span.traceId, spanId: span.spanId, parentId: span.parentId, startMs: span.startMs, endMs: span.endMs, evaluations: evaluations(span) };
  if (kind === 'tool' || kind === 'other') {
    const tool = JSON.stringify({ tool: str(span, 'tool.name') ?? 'tool', arguments: valueText(span, 'input.value') ?? null });
    const result = valueText(span, 'output.value');
    const toolMessage = kind === 'tool' ? { role: 'tool', content: asRaw(result === undefined ? tool : `${tool}\n${result}`) } : null;
    // An app's span around the model calls may carry the session for them (assembly inherits it).
    const conversationId = [span.attributes['session.id'], span.attributes['gen_ai.conversation.id']].find((v): v is string => typeof v === 'string' && v !== '');
    return { ...base, kind, input: [], output: [], toolMessage, signals: {}, slices: {}, ...(conversationId === undefined ? {} : { conversationId }) };
  }
  const inputValue = valueText(span, 'input.value');
  const outputValue = valueText(span, 'output.value');
  const input = messages(span, 'llm.input_messages');
  const output = messages(span, 'llm.output_messages').slice(0, 1);
  return {
    ...base,
    kind,
    input: input.length > 0 ? input : inputValue !== undefined ? [{ role: 'user', content: asRaw(inputValue) }] : [],
    output: output.length > 0 ? output : outputValue !== undefined ? [{ role: 'assistant', content: asRaw(outputValue) }] : [],
    toolMessage: null,
    signals: stripUndefined({
      latency_ms: durationMs(span.startMs, span.endMs),
      input_tokens: num(span, 'llm.token_count.prompt'),
      output_tokens: num(span, 'llm.token_count.completion'),
      cost_usd: num(span, 'llm.cost.total'),
    }),
    slices: stripUndefined({
      model: str(span, 'llm.model_name'),
      product_area: typeof span.service === 'string' ? serviceName({ 'service.name': span.service }) : undefined,
    }),
    conversationId: str(span, 'session.id'),
  };
}

function isoToMs(value: unknown, name: string): number | null {
  if (value === undefined || value === null) return null;
  const ms = typeof value === 'number' ? value : typeof value === 'string' ? Date.parse(value) : NaN;
  if (Number.isNaN(ms)) throw new RecordError(name, 'expected an ISO 8601 time or epoch milliseconds');
  return ms;
}

function firstString(record: Record<string, unknown>, keys: string[]): string | undefined {
  for (const key of keys) if (typeof record[key] === 'string' && record[key] !== '') return record[key];
  return undefined;
}

/** A flat span line. Without trace and span ids it stands alone, as its own trace. */
function flatSpan(record: JsonRecord, line: number): FlatSpan {
  const flat = flatten(record, '', {});
  const attributes: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(flat)) {
    if (key.startsWith('attributes.')) attributes[key.slice('attributes.'.length)] = value;
    else if (ATTRIBUTE_PREFIXES.some((p) => key.startsWith(p))) attributes[key] = value;
  }
  const spanId = firstString(flat, ['context.span_id', 'span_id', 'spanId']) ?? `line-${line}`;
  const kind = attributes[KIND] ?? flat.span_kind;
  return {
    path: '',
    traceId: firstString(flat, ['context.trace_id', 'trace_id', 'traceId']) ?? `line-${line}`,
    spanId,
    parentId: firstString(flat, ['parent_id', 'parent_span_id', 'parentSpanId']) ?? null,
    startMs: isoToMs(flat.start_time, 'start_time'),
    endMs: isoToMs(flat.end_time, 'end_time'),
    kind: typeof kind === 'string' ? kind : undefined,
    attributes,
    service: flat['resource.attributes.service.name'],
  };
}

function otlpFlatSpans(record: unknown): FlatSpan[] {
  return otlpSpans(record).map((span) => {
    const attributes = flatten(span.attributes, '', {});
    const kind = attributes[KIND];
    return { ...span, parentId: span.parentSpanId, kind: typeof kind === 'string' ? kind : undefined, attributes, service: span.resource['service.name'] };
  });
}

function isOpenInferenceKey(key: string): boolean {
  return key === KIND || key.startsWith('llm.input_messages') || key.startsWith('llm.output_messages') || key === 'llm.model_name';
}

function looksLikeOpenInference(record: JsonRecord): boolean {
  if (isOtlpExport(record)) return otlpAttributeKeys(record).some(isOpenInferenceKey);
  return Object.keys(flatten(record, '', {})).some((key) => isOpenInferenceKey(key.replace(/^attributes\./, '')));
}

export const openInference: LogFormat = {
  id: 'openinference',
  label: 'OpenInference spans (llm.input_messages.N…, OTLP/JSON or flat JSON per line)',
  detect: (sample) => sample.some(looksLikeOpenInference),
  open: () => {
    const traces = new TraceAssembler('llm.input_messages / input.value');
    return {
      read: (record, line) => {
        // An OTLP export whose span list is damaged is an error, not a flat span without attributes.
        if (record.resourceSpans !== undefined && !isOtlpExport(record)) throw new RecordError('resourceSpans', 'expected an array of OTLP resource spans');
        const spans = (isOtlpExport(record) ? otlpFlatSpans(record) : [flatSpan(record, line)]).map((span) => toTraceSpan(span, line));
        spans.forEach((span) => traces.add(span));
        return traces.ready(line);
      },
      end: () => traces.assemble(),
    };
  },
};
