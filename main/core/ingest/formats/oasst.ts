import { asRaw } from '../../text.js';
import type { RawInteraction, RawMessage, Signals } from '../interaction.js';
import { isObject, RecordError, recordByRecord, stripUndefined, type JsonRecord, type LogFormat } from './format.js';
import { textTimestamp } from './timestamp.js';

/**
 * OpenAssistant conversation trees (`{ message_tree_id, prompt: { text, role, replies: [...] } }`, one tree per
 * line). Every assistant reply is an interaction: the path from the prompt down to it are the messages, the reply
 * is the response. Deleted messages and everything below them are left out, as the dataset's own exports do.
 */
const ROLES: Record<string, string> = { prompter: 'user', assistant: 'assistant' };

interface Node {
  path: string;
  id: string;
  role: string;
  text: string;
  lang: string | undefined;
  rank: number | undefined;
  emojis: Record<string, unknown>;
  model: string | undefined;
  /** `created_date` as written (ISO). */
  created: string | undefined;
  deleted: boolean;
  replies: unknown[];
}

function node(value: unknown, path: string): Node {
  if (!isObject(value)) throw new RecordError(path, 'expected a message object');
  const at = (key: string) => `${path}.${key}`;
  if (typeof value.message_id !== 'string') throw new RecordError(at('message_id'), 'expected a string');
  if (typeof value.role !== 'string' || !ROLES[value.role]) throw new RecordError(at('role'), 'expected "prompter" or "assistant"');
  if (typeof value.text !== 'string') throw new RecordError(at('text'), 'expected a string');
  if (value.rank != null && (typeof value.rank !== 'number' || value.rank < 0)) throw new RecordError(at('rank'), 'expected a non-negative number');
  if (value.emojis != null && !isObject(value.emojis)) throw new RecordError(at('emojis'), 'expected an object');
  if (value.replies != null && !Array.isArray(value.replies)) throw new RecordError(at('replies'), 'expected an array');
  return {
    path,
    id: value.message_id,
    role: ROLES[value.role]!,
    text: value.text,
    lang: typeof value.lang === 'string' ? value.lang : undefined,
    rank: typeof value.rank === 'number' ? value.rank : undefined,
    emojis: isObject(value.emojis) ? value.emojis : {},
    model: typeof value.model_name === 'string' ? value.model_name : undefined,
    created: textTimestamp(value.created_date),
    deleted: value.deleted === true,
    replies: Array.isArray(value.replies) ? value.replies : [],
  };
}

/** Thumbs only when the votes lean clearly one way: at least twice as many on the winning side. */
function thumbs(emojis: Record<string, unknown>): Signals['thumbs'] {
  const up = typeof emojis['+1'] === 'number' ? emojis['+1'] : 0;
  const down = typeof emojis['-1'] === 'number' ? emojis['-1'] : 0;
  if (up > 0 && up >= 2 * down) return 'up';
  if (down > 0 && down >= 2 * up) return 'down';
  return undefined;
}

export function readOasstTree(record: JsonRecord): RawInteraction[] {
  if (typeof record.message_tree_id !== 'string') throw new RecordError('message_tree_id', 'expected a string');
  const treeId = record.message_tree_id;
  const interactions: RawInteraction[] = [];
  // Depth-first with an explicit stack: trees can be deep, and the order stays the tree's own.
  const stack: { value: unknown; path: string; above: RawMessage[] }[] = [{ value: record.prompt, path: 'prompt', above: [] }];
  while (stack.length > 0) {
    const { value, path, above } = stack.pop()!;
    const message = node(value, path);
    if (message.deleted) continue;
    const own: RawMessage = { role: message.role, content: asRaw(message.text) };
    if (message.role === 'assistant' && above.length > 0) {
      interactions.push({
        recordId: message.id,
        conversationId: treeId,
        ...stripUndefined({ timestamp: message.created }),
        messages: above,
        response: own,
        signals: stripUndefined({ rank: message.rank, thumbs: thumbs(message.emojis) }),
        slices: stripUndefined({ language: message.lang, model: message.model }),
      });
    }
    const conversation = [...above, own];
    for (let i = message.replies.length - 1; i >= 0; i -= 1) stack.push({ value: message.replies[i], path: `${path}.replies.${i}`, above: conversation });
  }
  return interactions;
}

export const oasst: LogFormat = {
  id: 'oasst',
  label: 'OpenAssistant conversation trees (oasst1 / oasst2)',
  detect: (sample) => sample.some((r) => typeof r.message_tree_id === 'string' && isObject(r.prompt)),
  open: recordByRecord(readOasstTree),
};
