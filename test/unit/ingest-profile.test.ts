import assert from 'node:assert/strict';
import { test } from 'node:test';
import { RecordError } from '../../main/core/ingest/formats/format.js';
import { suggestMapping, sniffKind } from '../../main/core/ingest/profiles/preview.js';
import { fieldValue, profileReader } from '../../main/core/ingest/profiles/profile-reader.js';
import { mappedFields, parseSourceProfile } from '../../main/core/ingest/profiles/source-profile.js';

const csvProfile = {
  name: 'support-csv',
  kind: 'csv',
  mapping: {
    recordId: 'id',
    prompt: 'question',
    response: 'answer',
    signals: { thumbs: { field: 'rating' }, latency_ms: 'latency', escalated: 'handoff', evaluations: [{ name: 'helpfulness', field: 'judge' }] },
    slices: { tier: 'plan', language: 'lang' },
  },
};

test('a profile is validated with defaults filled in, and every problem names its path', () => {
  const profile = parseSourceProfile(csvProfile);
  assert.deepEqual(profile.mapping.signals.thumbs?.up.slice(0, 2), ['up', '1']);
  assert.deepEqual(mappedFields(profile.mapping).sort(), ['answer', 'handoff', 'id', 'judge', 'lang', 'latency', 'plan', 'question', 'rating'].sort());

  assert.throws(
    () => parseSourceProfile({ name: '', kind: 'xml', mapping: { prompt: 'q', messages: 'm', oops: 1 } }),
    (error: Error) =>
      /name: use 1–64 letters/.test(error.message) && /kind: /.test(error.message) && /mapping: unknown field oops/.test(error.message),
  );
  assert.throws(() => parseSourceProfile({ name: 'x', kind: 'csv', mapping: { prompt: 'q', messages: 'm' } }), /mapping\.prompt: map exactly one of prompt, messages or turn/);
  assert.throws(() => parseSourceProfile({ name: 'x', kind: 'csv', mapping: { turn: { role: 'r', content: 'c' } } }), /mapping\.conversationId: required when records are turns/);
  assert.throws(() => parseSourceProfile({ name: 'x', kind: 'csv', mapping: { messages: 'm', response: 'a' } }), /mapping\.response: response and system go with prompt/);
});

test('prompt/response rows become interactions, with CSV text coerced to signals and slices', () => {
  const reader = profileReader(parseSourceProfile(csvProfile).mapping);
  const [read] = reader.read({ id: '7', question: 'Where is my order?', answer: 'On its way.', rating: ' Yes ', latency: '840', handoff: 'no', judge: '0.5', plan: 'pro', lang: 'en' }, 3);
  assert.ok(read && !('error' in read));
  assert.equal(read.line, 3);
  assert.deepEqual(read.interaction, {
    recordId: '7',
    messages: [{ role: 'user', content: 'Where is my order?' }],
    response: { role: 'assistant', content: 'On its way.' },
    signals: { thumbs: 'up', latency_ms: 840, escalated: false, evaluations: [{ name: 'helpfulness', score: 0.5 }] },
    slices: { tier: 'pro', language: 'en' },
  });
  // Empty cells are absent values, not errors.
  const [sparse] = reader.read({ id: '', question: 'Hi', answer: '', rating: '', latency: '', handoff: '', judge: '', plan: '', lang: '' }, 4);
  assert.ok(sparse && !('error' in sparse));
  assert.deepEqual(sparse.interaction, { recordId: null, messages: [{ role: 'user', content: 'Hi' }], response: null, signals: {}, slices: {} });
});

test('a value that does not fit raises a RecordError naming the source field and its target, never the value', () => {
  const reader = profileReader(parseSourceProfile(csvProfile).mapping);
  const row = { id: '1', question: 'q', answer: 'a', rating: 'up', latency: 'Margaret', handoff: 'no', judge: '', plan: '', lang: '' };
  assert.throws(
    () => reader.read(row, 9),
    (error: unknown) => error instanceof RecordError && error.field === 'latency' && /expected a number \(mapped to latency_ms\)/.test(error.message) && !error.message.includes('Margaret'),
  );
  assert.throws(() => reader.read({ ...row, latency: '', rating: 'meh' }, 9), /field rating: value is neither an up nor a down value/);
  assert.throws(() => reader.read({ ...row, latency: '', handoff: 'perhaps' }, 9), /field handoff: expected true\/false/);
  assert.throws(() => reader.read({ ...row, latency: '', question: '  ' }, 9), /field question: missing or empty \(mapped to prompt\)/);
});

test('a messages field may be a JSON array or JSON text in a cell; a trailing assistant turn is the response', () => {
  const reader = profileReader(parseSourceProfile({ name: 'm', kind: 'jsonl', mapping: { messages: 'request.turns', slices: { model: 'meta.model' } } }).mapping);
  const turns = [
    { role: 'system', content: 'Be brief.' },
    { role: 'Human', content: 'Hello' },
    { role: 'bot', content: 'Hi!' },
  ];
  const [fromJson] = reader.read({ request: { turns }, meta: { model: 'm-1' } }, 1);
  const [fromText] = reader.read({ 'request.turns': JSON.stringify(turns), meta: { model: 'm-1' } }, 2);
  for (const read of [fromJson, fromText]) {
    assert.ok(read && !('error' in read));
    assert.deepEqual(read.interaction.messages.map((m) => m.role), ['system', 'user']);
    assert.deepEqual(read.interaction.response, { role: 'assistant', content: 'Hi!' });
    assert.deepEqual(read.interaction.slices, { model: 'm-1' });
  }
  assert.throws(() => reader.read({ request: { turns: '[{' } }, 3), /field request\.turns: expected a JSON array/);
  assert.throws(() => reader.read({ request: { turns: [{ role: 'user', content: 5 }] } }, 4), /field request\.turns\.0\.content: expected a string/);
  assert.equal(fieldValue({ a: [{ b: 2 }] }, 'a.0.b'), 2);
});

test('turn rows are grouped by consecutive conversation id, held one conversation at a time', () => {
  const reader = profileReader(
    parseSourceProfile({ name: 't', kind: 'csv', mapping: { conversationId: 'conv', turn: { role: 'who', content: 'text' }, signals: { thumbs: { field: 'fb' } } } }).mapping,
  );
  assert.deepEqual(reader.read({ conv: 'c1', who: 'user', text: 'Hello', fb: '' }, 2), []);
  assert.deepEqual(reader.read({ conv: 'c1', who: 'assistant', text: 'Hi, how can I help?', fb: '' }, 3), []);
  assert.deepEqual(reader.read({ conv: 'c1', who: 'user', text: 'Refund please', fb: '' }, 4), []);
  assert.deepEqual(reader.read({ conv: 'c1', who: 'assistant', text: 'Done.', fb: 'down' }, 5), []);
  const [first] = reader.read({ conv: 'c2', who: 'user', text: 'Are you open?', fb: '' }, 6);
  assert.ok(first && !('error' in first));
  assert.equal(first.line, 2);
  assert.equal(first.interaction.conversationId, 'c1');
  assert.deepEqual(first.interaction.messages.map((m) => m.content), ['Hello', 'Hi, how can I help?', 'Refund please']);
  assert.deepEqual(first.interaction.response, { role: 'assistant', content: 'Done.' });
  assert.deepEqual(first.interaction.signals, { thumbs: 'down' });
  // A bad row is refused on its own line, and does not break the open conversation.
  assert.throws(() => reader.read({ conv: 'c2', who: '', text: 'x', fb: '' }, 7), /field who: missing or empty \(mapped to turn role\)/);
  const [last] = reader.end();
  assert.ok(last && !('error' in last));
  assert.equal(last.interaction.conversationId, 'c2');
  assert.equal(last.interaction.response, null);
  assert.deepEqual(reader.end(), []);
});

test('the kind and delimiter are sniffed from the first line, and a mapping is suggested from column names', () => {
  assert.deepEqual(sniffKind('{"a":1}\n'), { kind: 'jsonl', delimiter: ',' });
  // Whole-array exports are JSON too (streamed element by element), even when their first element holds commas.
  assert.deepEqual(sniffKind('[{"a":1,"b":2},\n{"a":3,"b":4}]'), { kind: 'jsonl', delimiter: ',' });
  assert.deepEqual(sniffKind('[\n  {"question": "a, b"}\n]'), { kind: 'jsonl', delimiter: ',' });
  assert.deepEqual(sniffKind('id;question;answer\n1;a;b'), { kind: 'csv', delimiter: ';' });
  assert.deepEqual(sniffKind('id\tquestion\tanswer'), { kind: 'csv', delimiter: '\t' });
  assert.deepEqual(suggestMapping(['id', 'session_id', 'question', 'answer', 'rating', 'latency_ms', 'plan', 'language', 'model']), {
    recordId: 'id',
    conversationId: 'session_id',
    prompt: 'question',
    response: 'answer',
    signals: { thumbs: { field: 'rating' }, latency_ms: 'latency_ms' },
    slices: { tier: 'plan', language: 'language', model: 'model' },
  });
  assert.deepEqual(suggestMapping(['conversation_id', 'role', 'content']), { conversationId: 'conversation_id', turn: { role: 'role', content: 'content' }, signals: {}, slices: {} });
  assert.deepEqual(suggestMapping(['messages', 'meta.model']), { messages: 'messages', signals: {}, slices: { model: 'meta.model' } });
});
