import assert from 'node:assert/strict';
import { test } from 'node:test';
import { oasst } from '../../main/core/ingest/formats/oasst.js';
import { readLines } from '../fixtures/read-with-format.js';

const reply = (id: string, text: string, extra: object = {}, replies: object[] = []) => ({ message_id: id, role: 'assistant', text, lang: 'en', replies, ...extra });
const prompt = (id: string, text: string, replies: object[]) => ({ message_id: id, role: 'prompter', text, lang: 'en', replies });

test('one interaction per assistant reply, with the path to it as messages', () => {
  const tree = {
    message_tree_id: 'tree-1',
    prompt: prompt('p1', 'First question', [
      reply('a1', 'Best answer', { rank: 0, emojis: { '+1': 3, '-1': 1 } }, [prompt('p2', 'Follow-up', [reply('a3', 'Follow-up answer', { lang: 'de', model_name: 'm1' })])]),
      reply('a2', 'Worse answer', { rank: 1, emojis: { '+1': 1, '-1': 1 } }),
      reply('a4', 'Withdrawn', { deleted: true }, [prompt('p3', 'Under a deleted reply', [reply('a5', 'Never read')])]),
      reply('a6', 'Disliked', { rank: 2, emojis: { '-1': 2, _skip_reply: 1 } }),
    ]),
  };
  const { interactions, problems } = readLines(oasst, [JSON.stringify(tree)]);
  assert.deepEqual(problems, []);
  assert.deepEqual(
    interactions.map((i) => [i.recordId, i.messages.map((m) => `${m.role}:${m.content}`), i.response?.content, i.signals, i.slices]),
    [
      ['a1', ['user:First question'], 'Best answer', { rank: 0, thumbs: 'up' }, { language: 'en' }],
      ['a3', ['user:First question', 'assistant:Best answer', 'user:Follow-up'], 'Follow-up answer', {}, { language: 'de', model: 'm1' }],
      ['a2', ['user:First question'], 'Worse answer', { rank: 1 }, { language: 'en' }],
      ['a6', ['user:First question'], 'Disliked', { rank: 2, thumbs: 'down' }, { language: 'en' }],
    ],
  );
  assert.ok(interactions.every((i) => i.conversationId === 'tree-1' && i.line === 1));
});

test('malformed trees name the message and field at fault', () => {
  const cases: [object, RegExp][] = [
    [{ prompt: prompt('p', 'q', []) }, /^field message_tree_id: expected a string$/],
    [{ message_tree_id: 't', prompt: prompt('p', 'q', [reply('a', 'x', { rank: 'first' })]) }, /^field prompt\.replies\.0\.rank: expected a non-negative number$/],
    [{ message_tree_id: 't', prompt: prompt('p', 'q', [{ ...reply('a', 'x'), role: 'bot' }]) }, /^field prompt\.replies\.0\.role: expected "prompter" or "assistant"$/],
    [{ message_tree_id: 't', prompt: { ...prompt('p', 'q', []), text: null } }, /^field prompt\.text: expected a string$/],
  ];
  for (const [record, reason] of cases) {
    const { problems } = readLines(oasst, [JSON.stringify(record)]);
    assert.equal(problems.length, 1, JSON.stringify(record));
    assert.match(problems[0]!.reason, reason);
  }
});
