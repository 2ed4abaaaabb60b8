import { z } from 'zod';
import { asRaw } from '../../text.js';
import type { RawInteraction, RawMessage } from '../interaction.js';
import { isObject, issueError, RecordError, recordByRecord, stripUndefined, type JsonRecord, type LogFormat } from './format.js';
import { fromUnixSeconds, textTimestamp } from './timestamp.js';

/**
 * OpenAI chat-completions logs, one interaction per JSONL line. Accepts the flat shape
 * `{ messages, choices, …signals }` and the logged-pair shape `{ request: { messages }, response: { choices } }`;
 * signal and slice fields may sit at the top level or under `metadata`.
 */
const ContentPart = z.object({ type: z.string(), text: z.string().optional() }).loose();
const Content = z.union([z.string(), z.array(ContentPart), z.null()]);

const Message = z
  .object({
    role: z.string().min(1),
    content: Content.optional(),
    name: z.string().optional(),
    tool_calls: z.array(z.unknown()).optional(),
  })
  .loose();

const Choice = z.object({ message: Message }).loose();

const Thumbs = z.union([z.enum(['up', 'down']), z.literal(1), z.literal(-1), z.literal(0), z.null()]);

const Usage = z.object({ prompt_tokens: z.number().int().nonnegative().optional(), completion_tokens: z.number().int().nonnegative().optional() }).loose();

const SignalFields = z.object({
  thumbs: Thumbs.optional(),
  regenerated: z.boolean().optional(),
  user_edited_chars: z.number().int().nonnegative().optional(),
  escalated: z.boolean().optional(),
  schema_valid: z.boolean().optional(),
  latency_ms: z.number().nonnegative().optional(),
  cost_usd: z.number().nonnegative().optional(),
  confidence: z.number().min(0).max(1).optional(),
  tier: z.string().optional(),
  intent: z.string().optional(),
  language: z.string().optional(),
  product_area: z.string().optional(),
});

const ChatRecord = SignalFields.extend({
  id: z.union([z.string(), z.number()]).optional(),
  model: z.string().optional(),
  messages: z.array(Message).min(1).optional(),
  choices: z.array(Choice).optional(),
  usage: Usage.optional(),
  request: z.object({ model: z.string().optional(), messages: z.array(Message).min(1) }).loose().optional(),
  response: z.object({ id: z.string().optional(), model: z.string().optional(), choices: z.array(Choice), usage: Usage.optional() }).loose().optional(),
  metadata: SignalFields.loose().optional(),
}).loose();

function contentText(content: z.infer<typeof Content> | undefined): string {
  if (content == null) return '';
  if (typeof content === 'string') return content;
  return content
    .map((part) => part.text ?? '')
    .filter(Boolean)
    .join('\n');
}

function toMessage(message: z.infer<typeof Message>): RawMessage {
  let text = contentText(message.content);
  if (message.tool_calls?.length) {
    const calls = JSON.stringify(message.tool_calls);
    text = text ? `${text}\n${calls}` : calls;
  }
  return { role: message.role, content: asRaw(text) };
}

function thumbs(value: z.infer<typeof Thumbs> | undefined): 'up' | 'down' | undefined {
  if (value === 'up' || value === 1) return 'up';
  if (value === 'down' || value === -1) return 'down';
  return undefined;
}

/** When the completion was made: `created` (unix seconds, on the record or its response), else a text `timestamp`. */
function createdOf(json: JsonRecord): string | undefined {
  const response = isObject(json.response) ? json.response : {};
  return fromUnixSeconds(json.created) ?? fromUnixSeconds(response.created) ?? textTimestamp(json.timestamp) ?? textTimestamp(json.created_at);
}

/** Reads one parsed record; throws `RecordError` naming the field that is wrong. */
export function readOpenAiChatRecord(json: JsonRecord): RawInteraction {
  const parsed = ChatRecord.safeParse(json);
  if (!parsed.success) throw issueError(parsed.error.issues);
  const record = parsed.data;
  const messages = record.messages ?? record.request?.messages;
  if (!messages) throw new RecordError('messages', 'missing: expected `messages` or `request.messages`');
  const choices = record.choices ?? record.response?.choices ?? [];
  const signals = { ...record.metadata, ...stripUndefined(record) };
  const usage = record.usage ?? record.response?.usage;
  const responseMessage = choices[0]?.message;
  return {
    recordId: record.id != null ? String(record.id) : (record.response?.id ?? null),
    ...stripUndefined({ timestamp: createdOf(json) }),
    messages: messages.map(toMessage),
    response: responseMessage ? toMessage(responseMessage) : null,
    signals: stripUndefined({
      thumbs: thumbs(signals.thumbs),
      regenerated: signals.regenerated,
      user_edited_chars: signals.user_edited_chars,
      escalated: signals.escalated,
      schema_valid: signals.schema_valid,
      latency_ms: signals.latency_ms,
      cost_usd: signals.cost_usd,
      confidence: signals.confidence,
      input_tokens: usage?.prompt_tokens,
      output_tokens: usage?.completion_tokens,
    }),
    slices: stripUndefined({
      tier: signals.tier,
      intent: signals.intent,
      language: signals.language,
      model: record.model ?? record.request?.model ?? record.response?.model,
      product_area: signals.product_area,
    }),
  };
}

function looksLikeChat(record: JsonRecord): boolean {
  const request = record.request;
  return Array.isArray(record.messages) || (isObject(request) && Array.isArray(request.messages));
}

export const openAiChat: LogFormat = {
  id: 'openai-chat',
  label: 'OpenAI chat completions (request messages + response choices)',
  detect: (sample) => sample.some(looksLikeChat),
  open: recordByRecord((record) => [readOpenAiChatRecord(record)]),
};
