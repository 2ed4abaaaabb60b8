import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { test } from 'node:test';
import { gzipSync } from 'node:zlib';
import { csvRecords, headerNames, jsonRecords, type SourceRecord } from '../../main/core/ingest/record-source.js';
import { isGzipFile, openSource } from '../../main/core/ingest/source-stream.js';
import { formatEta, ProgressClock } from '../../main/core/ingest/progress.js';
import { tempDir } from '../helpers.js';

async function all(records: AsyncGenerator<SourceRecord>): Promise<{ line: number; record?: unknown; error?: string }[]> {
  const out: { line: number; record?: unknown; error?: string }[] = [];
  for await (const r of records) out.push(r.error ? { line: r.line, error: r.error.message } : { line: r.line, record: r.record });
  return out;
}

const csv = (text: string, options = {}) => csvRecords(Readable.from([text]), { delimiter: ',', header: true, quote: '"', ...options });

test('CSV rows stream as column → text records numbered by line; bad rows are errors that never quote the row', async () => {
  const rows = await all(
    csv('id,question,answer\n1,"Hello, world","multi\nline"\n2,too,many,fields\n\n3,short\n4,"Sally said ""hi""",ok\n'),
  );
  assert.deepEqual(rows, [
    { line: 2, record: { id: '1', question: 'Hello, world', answer: 'multi\nline' } },
    { line: 4, error: 'the row has 4 fields where the header has 3' },
    { line: 6, error: 'the row has 2 fields where the header has 3' },
    { line: 7, record: { id: '4', question: 'Sally said "hi"', answer: 'ok' } },
  ]);
  // Quotes are strict: a stray quote is an error on its row. After a broken quote csv-parse's recovery may refuse
  // the rows that follow too; each is reported on its own line, never dropped silently.
  const broken = await all(csv('id,q\n1,Marg "aret\n2,fine\n\n3,"Margaret" x\n4,"Margaret Ellison\n5,swallowed\n'));
  assert.deepEqual(broken, [
    { line: 2, error: 'a quote inside an unquoted field (quote the whole field and double the quote)' },
    { line: 3, record: { id: '2', q: 'fine' } },
    { line: 5, error: 'a closing quote is followed by something other than the delimiter' },
    { line: 6, error: 'a closing quote is followed by something other than the delimiter' },
    { line: 7, error: 'a quoted field is never closed' },
  ]);
  assert.ok(!JSON.stringify(broken).includes('Margaret'));
});

test('CSV without a header gets column_N names; semicolons and a BOM are handled; header names are made unique', async () => {
  assert.deepEqual(await all(csv('\uFEFFa;b\n', { delimiter: ';', header: false })), [{ line: 1, record: { column_1: 'a', column_2: 'b' } }]);
  // A quote left open that closes on a later line makes one record of several: it is refused, saying where.
  assert.deepEqual(await all(csv('a,b\n1,"open\n2,"closed",w\n3,z\n')), [
    { line: 2, error: 'a closing quote is followed by something other than the delimiter (lines 2 to 3)' },
    { line: 4, record: { a: '3', b: 'z' } },
  ]);
  assert.deepEqual(headerNames(['id', '', 'id', ' text ']), ['id', 'column_2', 'id_2', 'text']);
});

test('JSONL lines stream with their numbers; bad lines are errors; a pretty-printed file is read as one document', async (t) => {
  const dir = tempDir(t);
  const lines = join(dir, 'a.jsonl');
  writeFileSync(lines, '{"a":1}\n\nnot json\n[1]\n{"b":2}\n');
  assert.deepEqual(await all(jsonRecords(openSource(lines).stream, lines)), [
    { line: 1, record: { a: 1 } },
    { line: 3, error: 'not valid JSON' },
    { line: 4, error: 'expected a JSON object per line' },
    { line: 5, record: { b: 2 } },
  ]);
  const pretty = join(dir, 'b.json.gz');
  writeFileSync(pretty, gzipSync('{\n  "resourceSpans": []\n}\n'));
  assert.deepEqual(await all(jsonRecords(openSource(pretty).stream, pretty)), [{ line: 1, record: { resourceSpans: [] } }]);
});

test('gzip is recognised by its magic bytes and streamed; progress counts compressed bytes read', async (t) => {
  const dir = tempDir(t);
  const text = Array.from({ length: 5000 }, (_, i) => JSON.stringify({ i, text: `line ${i} ${'x'.repeat(i % 50)}` })).join('\n');
  const gz = join(dir, 'log.jsonl.gz');
  const plainNamedGz = join(dir, 'plain.gz');
  writeFileSync(gz, gzipSync(text));
  writeFileSync(plainNamedGz, text);
  assert.equal(isGzipFile(gz), true);
  assert.equal(isGzipFile(plainNamedGz), false);
  const source = openSource(gz);
  const records = await all(jsonRecords(source.stream, gz));
  assert.equal(records.length, 5000);
  assert.equal(source.gzip, true);
  assert.equal(source.bytesRead(), source.totalBytes);
  assert.ok(source.totalBytes < text.length / 3, 'the compressed size is what progress measures');
});

test('progress: rate over the run, ETA from the byte rate, unknown until there is one', () => {
  let now = 0;
  const clock = new ProgressClock(() => now);
  const base = { state: 'running' as const, totalBytes: 1000, ingested: 0, duplicates: 0, quarantined: 0 };
  assert.equal(clock.snapshot({ ...base, bytes: 0, records: 0 }).etaSec, null);
  now = 2000;
  const p = clock.snapshot({ ...base, bytes: 250, records: 100 });
  assert.equal(p.ratePerSec, 50);
  assert.equal(p.etaSec, 6);
  assert.equal(clock.snapshot({ ...base, state: 'finished', bytes: 1000, records: 400 }).etaSec, 0);
  assert.equal(formatEta(null), '–');
  assert.equal(formatEta(42), '42s');
  assert.equal(formatEta(185), '3m 05s');
  assert.equal(formatEta(3720), '1h 02m');
});
