/**
 * The byte line splitter under JSONL and CSV reading: line numbers, CRLF, a BOM, lines split across chunks,
 * invalid UTF-8 flagged (not silently replaced), and over-long lines skipped without being held.
 */
import assert from 'node:assert/strict';
import { Readable } from 'node:stream';
import { test } from 'node:test';
import { csvRecords, jsonRecords, physicalLines, type PhysicalLine } from '../../main/core/ingest/record-source.js';

async function all<T>(source: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const item of source) out.push(item);
  return out;
}

const lines = (chunks: (string | Buffer)[], max?: number): Promise<PhysicalLine[]> => all(physicalLines(Readable.from(chunks), max));

test('lines are numbered from 1 across chunk boundaries, CRLF and a leading BOM removed', async () => {
  const got = await lines([Buffer.from([0xef, 0xbb]), Buffer.from([0xbf]), 'a\r\nb', 'c\n\nd']);
  assert.deepEqual(
    got.map((l) => [l.line, l.text, l.invalidUtf8]),
    [
      [1, 'a', false],
      [2, 'bc', false],
      [3, '', false],
      [4, 'd', false],
    ],
  );
});

test('a BOM split from the first chunk is not dropped from the middle of the file', async () => {
  const got = await lines(['x\n', Buffer.from([0xef, 0xbb, 0xbf]), 'y\n']);
  assert.deepEqual(got.map((l) => l.text), ['x', '\uFEFFy']);
});

test('invalid UTF-8 is flagged, a valid U+FFFD is not', async () => {
  const got = await lines([Buffer.from([0x61, 0xff, 0x0a]), Buffer.from('\uFFFD\n')]);
  assert.deepEqual(got.map((l) => l.invalidUtf8), [true, false]);
});

test('a line over the limit comes out as null text and the next line reads normally', async () => {
  const got = await lines(['short\n', 'x'.repeat(40), 'y'.repeat(40), '\nafter'], 64);
  assert.deepEqual(got.map((l) => [l.line, l.text]), [
    [1, 'short'],
    [2, null],
    [3, 'after'],
  ]);
});

test('JSONL: an over-long line is quarantined as too long; invalid UTF-8 names the field holding it', async () => {
  const bad = Buffer.concat([Buffer.from('{"a":{"b":"x'), Buffer.from([0xc3]), Buffer.from('"}}\n')]);
  const records = await all(jsonRecords(Readable.from([`{"ok":1}\n`, `{"long":"${'x'.repeat(100)}"}\n`, bad, '{"ok":2}\n']), 'unused.jsonl', 64));
  assert.deepEqual(
    records.map((r) => [r.line, r.record ?? null, r.error?.field ?? null, r.error?.message.replace(/:.*/, '') ?? null]),
    [
      [1, { ok: 1 }, null, null],
      [2, null, '', 'line too long'],
      [3, null, 'a.b', 'field a.b'],
      [4, { ok: 2 }, null, null],
    ],
  );
});

test('CSV: invalid UTF-8 names the column; an over-long line is reported in order and later rows read', async () => {
  const bad = Buffer.concat([Buffer.from('2,'), Buffer.from([0xff]), Buffer.from('\n')]);
  const records = await all(csvRecords(Readable.from(['id,text\n1,one\n', bad, `3,${'x'.repeat(100)}\n4,four\n`]), { delimiter: ',', header: true, quote: '"' }, 64));
  assert.deepEqual(
    records.map((r) => [r.line, r.record ?? null, r.error?.field ?? null]),
    [
      [2, { id: '1', text: 'one' }, null],
      [3, null, 'text'],
      [4, null, ''],
      [5, { id: '4', text: 'four' }, null],
    ],
  );
  assert.match(records[2]!.error!.message, /line too long/);
});
