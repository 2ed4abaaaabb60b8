import assert from 'node:assert/strict';
import { test } from 'node:test';
import { matching, reach, spanOf, tokenize } from '../../renderer/src/components/review/tokens.js';

const FIELDS = ['Hello, I am Maria Lopez from [LOCATION_1] Clinic.', 'Call maria.lopez@example.org or 555-0100 now'];

test('tokenize keeps the stored offsets and skips placeholders', () => {
  const tokens = tokenize(FIELDS);
  assert.deepEqual(
    tokens.map((t) => t.text),
    ['Hello', 'I', 'am', 'Maria', 'Lopez', 'from', 'Clinic', 'Call', 'maria.lopez@example.org', 'or', '555-0100', 'now'],
  );
  for (const t of tokens) assert.equal(FIELDS[t.field]!.slice(t.start, t.end), t.text);
  assert.equal(tokens.find((t) => t.text === 'Call')!.field, 1);
});

test('matching filters case-insensitively; an empty filter keeps every word', () => {
  const tokens = tokenize(FIELDS);
  assert.deepEqual(matching(tokens, 'MARIA').map((i) => tokens[i]!.text), ['Maria', 'maria.lopez@example.org']);
  assert.equal(matching(tokens, '  ').length, tokens.length);
});

test('a span grows word by word within one message and stops before a placeholder', () => {
  const tokens = tokenize(FIELDS);
  const maria = tokens.findIndex((t) => t.text === 'Maria');
  assert.deepEqual(spanOf(tokens, FIELDS, maria, 1), { field: 0, start: 12, end: 23, text: 'Maria Lopez' });
  // "from" is followed by a placeholder: the span cannot reach "Clinic".
  assert.equal(reach(tokens, FIELDS, maria, 5), 2);
  assert.equal(spanOf(tokens, FIELDS, maria, 5).text, 'Maria Lopez from');
  // The last word of a message does not reach into the next one.
  const clinic = tokens.findIndex((t) => t.text === 'Clinic');
  assert.equal(spanOf(tokens, FIELDS, clinic, 3).text, 'Clinic');
});
