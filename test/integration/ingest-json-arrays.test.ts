/**
 * Whole-document JSON exports ingested into a real encrypted workspace: a Langfuse array export and an API page are
 * detected and read like the JSONL export (scores attached by the two-pass reader), an OpenAI chat array gzipped
 * is detected, the format override and a source profile still apply, and a malformed array (truncated, invalid
 * UTF-8, a 50 MB element, wrong types) keeps the records before with quarantine entries naming element and line.
 */
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { gzipSync } from 'node:zlib';
import { createDeidentifier } from '../../main/core/deid/create-deidentifier.js';
import type { Deidentifier } from '../../main/core/deid/deidentifier.js';
import { ingestLogFile, type IngestOptions, type IngestSummary } from '../../main/core/ingest/ingest-file.js';
import { parseSourceProfile } from '../../main/core/ingest/profiles/source-profile.js';
import type { Db } from '../../main/core/store/database.js';
import { openOrCreateWorkspace } from '../../main/core/store/workspace.js';
import { FIXTURES } from '../fixtures/read-with-format.js';
import { MODELS_DIR, tempDir } from '../helpers.js';

const PASSPHRASE = 'array passphrase';

let deidentifier: Deidentifier;
before(async () => {
  deidentifier = await createDeidentifier({ modelsDir: MODELS_DIR, patternsOnly: true });
});
after(async () => {
  await deidentifier.close();
});

/** Ingests `file` into a fresh workspace under `dir`/`name`; the summary and the stored (raw) interactions. */
async function ingestFresh(dir: string, name: string, file: string, options: IngestOptions = {}): Promise<{ summary: IngestSummary; raw: unknown[]; lines: number[] }> {
  const { workspace } = openOrCreateWorkspace(join(dir, name), PASSPHRASE);
  try {
    const summary = await ingestLogFile(workspace.db, deidentifier, file, options);
    return { summary, ...stored(workspace.db) };
  } finally {
    workspace.close();
  }
}

function stored(db: Db): { raw: unknown[]; lines: number[] } {
  const rows = db.prepare('SELECT raw_json, line FROM vault_interactions ORDER BY id').all() as { raw_json: string; line: number }[];
  return { raw: rows.map((r) => JSON.parse(r.raw_json) as unknown), lines: rows.map((r) => r.line) };
}

const reasons = (s: IngestSummary): string[] => s.quarantine.map((q) => `${q.line} ${q.field ?? ''} ${q.reason}`.replace(/\s+/g, ' '));

test('a Langfuse array export and an API page are detected and read like the JSONL export, scores attached', async (t) => {
  const dir = tempDir(t);
  const jsonl = await ingestFresh(dir, 'jsonl', join(FIXTURES, 'langfuse-export.jsonl'));
  const array = await ingestFresh(dir, 'array', join(FIXTURES, 'ingest-arrays', 'langfuse-export.json'));
  const page = await ingestFresh(dir, 'page', join(FIXTURES, 'ingest-arrays', 'langfuse-api-page.json'));
  assert.equal(jsonl.summary.format, 'langfuse');
  assert.ok(jsonl.summary.ingested >= 2, `${jsonl.summary.ingested} generations`);
  for (const other of [array, page]) {
    assert.equal(other.summary.format, 'langfuse');
    assert.deepEqual(
      [other.summary.records, other.summary.ingested, other.summary.quarantined],
      [jsonl.summary.records, jsonl.summary.ingested, jsonl.summary.quarantined],
    );
    assert.deepEqual(other.raw, jsonl.raw, 'the same interactions, evaluations included');
  }
  assert.ok(JSON.stringify(array.raw).includes('user-feedback'), 'a score from the file is attached');
  // Lines: where each generation's element starts in the pretty-printed array; the page is a single line.
  const text = readFileSync(join(FIXTURES, 'ingest-arrays', 'langfuse-export.json'), 'utf8').split('\n');
  for (const line of array.lines) assert.equal(text[line - 1], '  {', `line ${line} starts an element`);
  assert.ok(page.lines.every((l) => l === 1));
  assert.deepEqual(
    reasons(array.summary).map((r) => r.replace(/^\d+ /, '')),
    reasons(jsonl.summary).map((r) => r.replace(/^\d+ /, '')),
  );
});

test('a gzipped OpenAI chat array is detected; the format override still applies to an array', async (t) => {
  const dir = tempDir(t);
  const file = join(dir, 'chat-log.json.gz');
  writeFileSync(file, gzipSync(readFileSync(join(FIXTURES, 'ingest-arrays', 'chat-log-array.json'))));
  const jsonl = await ingestFresh(dir, 'jsonl', join(FIXTURES, 'canary-log.jsonl'));
  const gz = await ingestFresh(dir, 'gz', file);
  assert.equal(gz.summary.format, 'openai-chat');
  assert.deepEqual([gz.summary.ingested, gz.summary.quarantined], [jsonl.summary.ingested, jsonl.summary.quarantined]);
  assert.deepEqual(gz.raw, jsonl.raw);
  const forced = await ingestFresh(dir, 'forced', join(FIXTURES, 'ingest-arrays', 'langfuse-export.json'), { format: 'openai-chat' });
  assert.equal(forced.summary.format, 'openai-chat', 'the named format is used, not the detected one');
  assert.equal(forced.summary.records, 8);
});

test('a generic JSON array is read through a source profile', async (t) => {
  const dir = tempDir(t);
  const file = join(dir, 'support.json');
  const rows = [
    { ticket: 't-1', ask: 'Can I change my plan?', reply: 'Yes, from the account page.', ms: 820 },
    { ticket: 't-2', ask: 'Where is my card?', reply: 'It was posted on Monday.', ms: 640 },
  ];
  writeFileSync(file, JSON.stringify({ data: rows, meta: { page: 1 } }, null, 2));
  const profile = parseSourceProfile({ name: 'support-json', kind: 'jsonl', mapping: { recordId: 'ticket', prompt: 'ask', response: 'reply', signals: { latency_ms: 'ms' }, slices: {} } });
  const { summary, raw, lines } = await ingestFresh(dir, 'ws', file, { profile: { name: 'support-json', version: 1, profile } });
  assert.deepEqual([summary.format, summary.ingested, summary.quarantined], ['jsonl', 2, 0]);
  assert.deepEqual(
    raw.map((r) => (r as { recordId: string }).recordId),
    ['t-1', 't-2'],
  );
  assert.deepEqual(lines, [3, 9]);
});

test('a malformed array keeps what it can: wrong types, invalid UTF-8 and a 50 MB element quarantined, a truncated end reported', async (t) => {
  const dir = tempDir(t);
  const chat = (i: number): string =>
    JSON.stringify({ id: `chat-${i}`, messages: [{ role: 'user', content: `Variant ${i}: can I move my appointment?` }], choices: [{ message: { role: 'assistant', content: 'Yes, to Thursday.' } }] });
  const bad = Buffer.from(chat(3));
  const at = bad.indexOf('Variant 3');
  bad[at] = 0xff;
  const big = JSON.stringify({ id: 'chat-big', messages: [{ role: 'user', content: 'x'.repeat(50 * 1024 * 1024) }] });
  const file = join(dir, 'chat.json');
  writeFileSync(
    file,
    Buffer.concat([
      Buffer.from([0xef, 0xbb, 0xbf]),
      Buffer.from(`[\n${chat(1)},\n42,\n{"id": "w", "messages": "not a list"},\n`),
      bad,
      Buffer.from(`,\n${big},\n${chat(2)},\n${chat(4).slice(0, 40)}`),
    ]),
  );
  const { summary, lines } = await ingestFresh(dir, 'ws', file, {});
  assert.equal(summary.format, 'openai-chat');
  assert.deepEqual([summary.ingested, summary.quarantined], [2, 5]);
  assert.deepEqual(lines, [2, 7]);
  const got = reasons(summary);
  // Byte offsets count from the start of the file, its byte order mark included.
  assert.equal(got[0], `3 array element 2 (line 3, byte ${3 + 2 + chat(1).length + 2}): expected a JSON object, found a number`);
  assert.match(got[1]!, /^4 messages /);
  assert.match(got[2]!, /^5 messages\.0\.content field messages\.0\.content: array element 4 \(line 5, byte \d+\): contains bytes that are not valid UTF-8/);
  assert.match(got[3]!, /^6 array element 5 \(line 6, byte \d+\): over 32 MiB, skipped without being held in memory/);
  assert.match(got[4]!, /^8 chat\.json: the file ends inside array element 7 \(line 8, byte \d+\) \(was it exported completely\?\); the 3 records before it are kept$/);
});
