/**
 * Whole-document JSON exports streamed element by element (formats/json-array.ts through record-source's
 * jsonRecords): a top-level array, an API page `{"data": [...]}`, pages one after another; every element numbered by
 * the line it starts on; malformed input (wrong types inside, invalid JSON inside an element, missing commas,
 * truncation, invalid UTF-8, a byte order mark, an oversized element, an empty file) quarantined or stopped with a
 * reason naming the element, line and byte, the records before kept. Chunk boundaries never change the outcome.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { test } from 'node:test';
import fc from 'fast-check';
import { sniffJsonShape } from '../../main/core/ingest/formats/json-array.js';
import { jsonRecords, type SourceRecord } from '../../main/core/ingest/record-source.js';
import { FIXTURES } from '../fixtures/read-with-format.js';

/** What jsonRecords makes of `bytes` handed over in chunks of the given sizes (the rest in one). */
async function read(bytes: Buffer | string, options: { sizes?: number[]; max?: number } = {}): Promise<SourceRecord[]> {
  const all = Buffer.from(bytes);
  const chunks: Buffer[] = [];
  let at = 0;
  for (const size of options.sizes ?? []) {
    if (at >= all.length) break;
    chunks.push(all.subarray(at, at + size));
    at += size;
  }
  if (at < all.length) chunks.push(all.subarray(at));
  const out: SourceRecord[] = [];
  for await (const record of jsonRecords(Readable.from(chunks), '/exports/observations.json', options.max)) out.push(record);
  return out;
}

const summary = (records: SourceRecord[]): string[] => records.map((r) => (r.record ? `${r.line} ok ${JSON.stringify(r.record)}` : `${r.line} ${r.error!.field ? `[${r.error!.field}] ` : ''}${r.error!.message}`));

const jsonl = (name: string): Record<string, unknown>[] =>
  readFileSync(join(FIXTURES, name), 'utf8')
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l) as Record<string, unknown>);

test('the first bytes tell arrays and API pages from JSON lines', () => {
  assert.equal(sniffJsonShape(Buffer.from('\uFEFF \n [{"a":1}]'), false), 'array');
  assert.equal(sniffJsonShape(Buffer.from('{\n  "data" :\n [ {'), false), 'data');
  assert.equal(sniffJsonShape(Buffer.from('{"data": {"a": 1}}'), false), 'lines');
  assert.equal(sniffJsonShape(Buffer.from('{"dat'), false), null, 'too short to tell: more is read');
  assert.equal(sniffJsonShape(Buffer.from('{"dat'), true), 'lines');
  assert.equal(sniffJsonShape(Buffer.from('{"id": 1}\n'), false), 'lines');
  assert.equal(sniffJsonShape(Buffer.from('{"meta": {}, "data": []}'), false), 'lines', 'only "data" as the first key is a page');
  assert.equal(sniffJsonShape(Buffer.from('   '), true), 'lines');
});

test('a pretty-printed Langfuse array export gives the JSONL export\'s records, each at the line it starts on', async () => {
  const text = readFileSync(join(FIXTURES, 'ingest-arrays', 'langfuse-export.json'), 'utf8');
  const records = await read(text);
  assert.deepEqual(
    records.map((r) => r.record),
    jsonl('langfuse-export.jsonl'),
  );
  const starts = text.split('\n').flatMap((l, i) => (l === '  {' ? [i + 1] : []));
  assert.deepEqual(
    records.map((r) => r.line),
    starts,
  );
});

test('an API page {"data": [...], "meta": {...}} gives the same records; pages one per line are read in turn', async () => {
  const records = jsonl('langfuse-export.jsonl');
  const page = await read(readFileSync(join(FIXTURES, 'ingest-arrays', 'langfuse-api-page.json')));
  assert.deepEqual(
    page.map((r) => r.record),
    records,
  );
  assert.ok(page.every((r) => r.line === 1), 'a minified page is one line');
  const two = `${JSON.stringify({ data: records.slice(0, 3), meta: { page: 1 } })}\n${JSON.stringify({ data: records.slice(3), meta: { page: 2 } })}\n`;
  const pages = await read(two);
  assert.deepEqual(
    pages.map((r) => r.record),
    records,
  );
  assert.deepEqual(
    pages.map((r) => r.line),
    [1, 1, 1, 2, 2, 2, 2, 2],
  );
});

test('wrong types inside the array are quarantined by element; the objects around them are kept', async () => {
  assert.deepEqual(summary(await read('[1, "text", [1], null, {"ok": true}, false]')), [
    '1 array element 1 (line 1, byte 1): expected a JSON object, found a number',
    '1 array element 2 (line 1, byte 4): expected a JSON object, found a string',
    '1 array element 3 (line 1, byte 12): expected a JSON object, found an array',
    '1 array element 4 (line 1, byte 17): expected a JSON object, found null',
    '1 ok {"ok":true}',
    '1 array element 6 (line 1, byte 37): expected a JSON object, found a boolean',
  ]);
});

test('invalid JSON inside an element quarantines that element only; a missing comma between elements is reported', async () => {
  assert.deepEqual(summary(await read('[\n{"a" 1},\n{"b": 2}\n{"c": 3},,\n{"d": 4},\n]')), [
    '2 array element 1 (line 2, byte 2): not valid JSON inside it, at line 2, byte 7 (is a comma or colon missing?)',
    '3 ok {"b":2}',
    '4 array element 3 (line 4, byte 20): no comma before it (read anyway)',
    '4 ok {"c":3}',
    '4 observations.json: an empty slot in the array at line 4, byte 29 (two commas, or one after the opening bracket)',
    '5 ok {"d":4}',
    '6 observations.json: a comma before the end of the array at line 6, byte 41',
  ]);
});

test('a truncated array keeps the records before and says where the file ended', async () => {
  assert.deepEqual(summary(await read('[{"a": 1},\n{"b": "cut he')), [
    '1 ok {"a":1}',
    '2 observations.json: the file ends inside array element 2 (line 2, byte 11) (was it exported completely?); the record before it is kept',
  ]);
  assert.deepEqual(summary(await read('[{"a": 1},\n{"b": 2}\n')), [
    '1 ok {"a":1}',
    '2 ok {"b":2}',
    '3 observations.json: the file ends before the array (or the page around it) is closed, after element 2 (was it exported completely?); the 2 records before it are kept',
  ]);
});

test('a token that is not JSON or brackets that do not match stop the reading; what was read before is kept', async () => {
  assert.deepEqual(summary(await read('[{"a": 1},\n{"b": tru}, {"c": 3}]')), [
    '1 ok {"a":1}',
    '2 observations.json: not valid JSON at line 2, byte 20 inside array element 2 (line 2, byte 11); the record before it is kept, the rest of the file was not read',
  ]);
  assert.deepEqual(summary(await read('[{"a": 1}, {"b": [1}, {"c": 3}]')), [
    '1 ok {"a":1}',
    '1 observations.json: a closing bracket that does not match its opening one at line 1, byte 19 inside array element 2 (line 1, byte 11); the record before it is kept, the rest of the file was not read',
  ]);
  assert.deepEqual(summary(await read('[{"a": 1}] trailing')), [
    '1 ok {"a":1}',
    '1 observations.json: not valid JSON at line 1, byte 13; the record before it is kept, the rest of the file was not read',
  ]);
});

test('bytes that are not UTF-8 inside a string quarantine their element, naming the field; the next element is read', async () => {
  const bytes = Buffer.concat([Buffer.from('[{"a": "ok"},\n{"input": {"text": "caf'), Buffer.from([0xe9]), Buffer.from('"}},\n{"d": 4}]')]);
  const expected = [
    '1 ok {"a":"ok"}',
    '2 [input.text] field input.text: array element 2 (line 2, byte 14): contains bytes that are not valid UTF-8 (re-export the file as UTF-8)',
    '3 ok {"d":4}',
  ];
  assert.deepEqual(summary(await read(bytes)), expected);
  // Split right after the bad byte and in the middle of a valid multi-byte character: the same.
  assert.deepEqual(summary(await read(bytes, { sizes: [34, 1, 2] })), expected);
  const euro = Buffer.from('[{"price": "12 €"}]');
  for (let cut = 1; cut < euro.length; cut++) assert.deepEqual(summary(await read(euro, { sizes: [cut] })), ['1 ok {"price":"12 €"}'], `cut at ${cut}`);
  // Outside any string, the file cannot be read past it.
  const structural = Buffer.concat([Buffer.from('[{"a": "ok"},'), Buffer.from([0xff]), Buffer.from('{"d": 4}]')]);
  assert.deepEqual(summary(await read(structural)), [
    '1 ok {"a":"ok"}',
    '1 observations.json: bytes that are not valid UTF-8 at line 1, byte 13; the record before it is kept, the rest of the file was not read',
  ]);
});

test('a byte order mark is skipped and counted in byte offsets', async () => {
  const records = await read(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('[1, {"a": 1}]')]));
  assert.deepEqual(summary(records), ['1 array element 1 (line 1, byte 4): expected a JSON object, found a number', '1 ok {"a":1}']);
  // Split inside the mark.
  assert.deepEqual(summary(await read(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('[{"a": 1}]')]), { sizes: [1, 1] })), ['1 ok {"a":1}']);
});

test('an element over the size limit is skipped without being built; the elements after it are read', async () => {
  const big = `{"input": [${Array.from({ length: 400 }, (_, i) => `{"role": "user", "content": "part ${i}"}`).join(', ')}]}`;
  assert.deepEqual(summary(await read(`[{"a": 1},\n${big},\n{"b": 2}]`, { max: 4096, sizes: [1000, 1000, 1000] })), [
    '1 ok {"a":1}',
    '2 array element 2 (line 2, byte 11): over 4096 bytes, skipped without being held in memory (split the record, or export in smaller batches)',
    '3 ok {"b":2}',
  ]);
});

test('a "__proto__" key is refused rather than read as the object\'s prototype', async () => {
  assert.deepEqual(summary(await read('[{"input": {"__proto__": {"role": "user"}}}, {"b": 1}]')), [
    '1 array element 1 (line 1, byte 1): holds a key named "__proto__", which is not read',
    '1 ok {"b":1}',
  ]);
});

test('an empty file, blank space and an empty array give no records', async () => {
  assert.deepEqual(await read(''), []);
  assert.deepEqual(await read(' \n '), []);
  assert.deepEqual(await read('[]'), []);
  assert.deepEqual(await read('{"data": [], "meta": {"totalItems": 0}}'), []);
});

test('JSON lines are still read line by line, including one that starts with a page-like object', async () => {
  assert.deepEqual(summary(await read('{"a": 1}\n{"data": {"b": 2}}\n')), ['1 ok {"a":1}', '2 ok {"data":{"b":2}}']);
});

test('any chunking of an array gives the same records, lines and reasons as reading it whole', async () => {
  const element = fc.oneof(
    fc.dictionary(fc.string({ maxLength: 6 }), fc.oneof(fc.string(), fc.integer(), fc.boolean(), fc.constant(null), fc.array(fc.string(), { maxLength: 3 })), { maxKeys: 4 }),
    fc.integer(),
    fc.string(),
  );
  await fc.assert(
    fc.asyncProperty(fc.array(element, { maxLength: 8 }), fc.boolean(), fc.array(fc.integer({ min: 1, max: 7 }), { maxLength: 40 }), async (elements, pretty, sizes) => {
      const text = pretty ? JSON.stringify(elements, null, 2) : JSON.stringify(elements);
      const whole = await read(text);
      assert.deepEqual(await read(text, { sizes }), whole);
      // As JSON.parse reads them; a "__proto__" key is refused (the token parser would set the prototype instead).
      const parsed = JSON.parse(JSON.stringify(elements)) as unknown[];
      const objects = parsed.filter((e) => typeof e === 'object' && e !== null && !Array.isArray(e) && !Object.hasOwn(e, '__proto__'));
      assert.deepEqual(
        whole.flatMap((r) => (r.record ? [r.record] : [])),
        objects,
      );
      assert.equal(whole.length, elements.length);
    }),
    { numRuns: 150 },
  );
});
