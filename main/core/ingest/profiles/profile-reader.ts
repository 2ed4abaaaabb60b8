/**
 * Reads records (JSON objects, or CSV rows as column → text) into interactions through a source profile's field
 * mapping. Values are coerced the way a CSV needs (numeric text to numbers, yes/no to booleans); anything that
 * does not fit raises a `RecordError` naming the source field and what it was mapped to, never its value.
 */
import type { Evaluation, RawInteraction, RawMessage, Signals, Slices } from '../interaction.js';
import { isObject, RecordError, stripUndefined, type JsonRecord, type LocatedInteraction, type RecordReader } from '../formats/format.js';
import { withEvaluations } from '../formats/evaluations.js';
import type { RawText } from '../../text.js';
import { BOOLEAN_SIGNALS, SIGNAL_KEYS, SLICE_KEYS, type FieldMapping } from './source-profile.js';

const TRUE = new Set(['true', 'yes', 'y', '1']);
const FALSE = new Set(['false', 'no', 'n', '0']);
const ROLE_ALIASES: Record<string, string> = { human: 'user', customer: 'user', ai: 'assistant', bot: 'assistant', model: 'assistant', agent: 'assistant' };

/** A field by exact key first (CSV columns, keys with dots), then as a dot path into nested JSON. */
export function fieldValue(record: JsonRecord, ref: string): unknown {
  if (ref in record) return record[ref];
  let current: unknown = record;
  for (const part of ref.split('.')) {
    if (Array.isArray(current) && /^\d+$/.test(part)) current = current[Number(part)];
    else if (isObject(current)) current = current[part];
    else return undefined;
    if (current === undefined) return undefined;
  }
  return current;
}

function isBlank(value: unknown): boolean {
  return value === undefined || value === null || (typeof value === 'string' && value.trim() === '');
}

function text(record: JsonRecord, ref: string | undefined, target: string, required = false): string | undefined {
  if (ref === undefined) return undefined;
  const value = fieldValue(record, ref);
  if (isBlank(value)) {
    if (required) throw new RecordError(ref, `missing or empty (mapped to ${target})`);
    return undefined;
  }
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  throw new RecordError(ref, `expected text (mapped to ${target})`);
}

function number(record: JsonRecord, ref: string | undefined, target: string): number | undefined {
  if (ref === undefined) return undefined;
  const value = fieldValue(record, ref);
  if (isBlank(value)) return undefined;
  const n = typeof value === 'number' ? value : typeof value === 'string' ? Number(value.trim()) : Number.NaN;
  if (!Number.isFinite(n)) throw new RecordError(ref, `expected a number (mapped to ${target})`);
  return n;
}

function boolean(record: JsonRecord, ref: string | undefined, target: string): boolean | undefined {
  if (ref === undefined) return undefined;
  const value = fieldValue(record, ref);
  if (isBlank(value)) return undefined;
  if (typeof value === 'boolean') return value;
  const key = String(value).trim().toLowerCase();
  if (TRUE.has(key)) return true;
  if (FALSE.has(key)) return false;
  throw new RecordError(ref, `expected true/false, yes/no or 1/0 (mapped to ${target})`);
}

function role(value: string): string {
  const key = value.trim().toLowerCase();
  return ROLE_ALIASES[key] ?? key;
}

function messageList(record: JsonRecord, ref: string): RawMessage[] {
  let value = fieldValue(record, ref);
  if (isBlank(value)) throw new RecordError(ref, 'missing or empty (mapped to messages)');
  if (typeof value === 'string') {
    try {
      value = JSON.parse(value);
    } catch {
      throw new RecordError(ref, 'expected a JSON array of {role, content} (mapped to messages)');
    }
  }
  if (!Array.isArray(value) || value.length === 0) throw new RecordError(ref, 'expected a non-empty array of {role, content} (mapped to messages)');
  return value.map((m, i) => {
    if (!isObject(m) || typeof m.role !== 'string') throw new RecordError(`${ref}.${i}.role`, 'expected a string');
    if (typeof m.content !== 'string') throw new RecordError(`${ref}.${i}.content`, 'expected a string');
    return { role: role(m.role), content: m.content as RawText };
  });
}

function signalsOf(record: JsonRecord, mapping: FieldMapping): Signals {
  const { signals } = mapping;
  const out: Record<string, unknown> = {};
  if (signals.thumbs) {
    const value = fieldValue(record, signals.thumbs.field);
    if (!isBlank(value)) {
      const key = String(value).trim().toLowerCase();
      const matches = (list: string[]) => list.some((v) => v.trim().toLowerCase() === key);
      if (matches(signals.thumbs.up)) out.thumbs = 'up';
      else if (matches(signals.thumbs.down)) out.thumbs = 'down';
      else throw new RecordError(signals.thumbs.field, 'value is neither an up nor a down value of the thumbs mapping');
    }
  }
  for (const key of SIGNAL_KEYS) {
    out[key] = BOOLEAN_SIGNALS.has(key) ? boolean(record, signals[key], key) : number(record, signals[key], key);
  }
  const evaluations: Evaluation[] = (signals.evaluations ?? []).flatMap(({ name, field }) => {
    const score = number(record, field, `evaluation ${name}`);
    return score === undefined ? [] : [{ name, score }];
  });
  return withEvaluations(stripUndefined(out) as Signals, evaluations);
}

function slicesOf(record: JsonRecord, mapping: FieldMapping): Slices {
  const out: Record<string, string | undefined> = {};
  for (const key of SLICE_KEYS) out[key] = text(record, mapping.slices[key], key);
  return stripUndefined(out) as Slices;
}

function common(record: JsonRecord, mapping: FieldMapping) {
  return stripUndefined({
    recordId: text(record, mapping.recordId, 'recordId') ?? null,
    conversationId: text(record, mapping.conversationId, 'conversationId'),
    timestamp: text(record, mapping.timestamp, 'timestamp'),
    signals: signalsOf(record, mapping),
    slices: slicesOf(record, mapping),
  });
}

/** One record that is a whole interaction (prompt/response or a messages array). */
function wholeRecord(record: JsonRecord, mapping: FieldMapping): RawInteraction {
  const base = common(record, mapping);
  if (mapping.messages) {
    const all = messageList(record, mapping.messages);
    const last = all.at(-1)!;
    const response = all.length > 1 && last.role === 'assistant' ? last : null;
    return { ...base, messages: response ? all.slice(0, -1) : all, response };
  }
  const system = text(record, mapping.system, 'system');
  const prompt = text(record, mapping.prompt, 'prompt', true)!;
  const response = text(record, mapping.response, 'response');
  return {
    ...base,
    messages: [...(system ? [{ role: 'system', content: system as RawText }] : []), { role: 'user', content: prompt as RawText }],
    response: response ? { role: 'assistant', content: response as RawText } : null,
  };
}

interface OpenConversation {
  id: string;
  line: number;
  turns: RawMessage[];
  last: JsonRecord;
  first: JsonRecord;
}

/**
 * A reader over a profile. In `turn` layout it holds one conversation at a time (the input is expected grouped
 * by conversation id, as exports are) and emits it when the id changes or the input ends, so memory is bounded
 * by the longest conversation. Signals and slices come from the conversation's last turn, falling back to its first.
 */
export function profileReader(mapping: FieldMapping): RecordReader {
  if (!mapping.turn) return { read: (record, line) => [{ line, interaction: wholeRecord(record, mapping) }], end: () => [] };
  const turn = mapping.turn;
  let open: OpenConversation | null = null;

  const close = (): LocatedInteraction[] => {
    if (!open) return [];
    const { turns, line, first, last } = open;
    open = null;
    const tail = turns.at(-1)!;
    const response = turns.length > 1 && tail.role === 'assistant' ? tail : null;
    const firstPart = common(first, mapping);
    const lastPart = common(last, mapping);
    const interaction: RawInteraction = {
      ...firstPart,
      signals: { ...firstPart.signals, ...lastPart.signals },
      slices: { ...firstPart.slices, ...lastPart.slices },
      messages: response ? turns.slice(0, -1) : turns,
      response,
    };
    return [{ line, interaction }];
  };

  return {
    read: (record, line) => {
      const id = text(record, mapping.conversationId, 'conversationId', true)!;
      const who = role(text(record, turn.role, 'turn role', true)!);
      const content = text(record, turn.content, 'turn content', true)! as RawText;
      // Check the row's signals and slices now, so a bad value quarantines this row rather than its conversation.
      common(record, mapping);
      const done = open && open.id !== id ? close() : [];
      if (!open) open = { id, line, turns: [], first: record, last: record };
      open.turns.push({ role: who, content });
      open.last = record;
      return done;
    },
    end: () => close(),
  };
}
