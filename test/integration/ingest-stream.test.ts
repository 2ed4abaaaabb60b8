import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { gzipSync } from 'node:zlib';
import { QuarryService } from '../../main/api/quarry-service.js';
import { verifyAuditChain } from '../../main/core/audit/audit-log.js';
import { createDeidentifier } from '../../main/core/deid/create-deidentifier.js';
import type { Deidentifier } from '../../main/core/deid/deidentifier.js';
import { ingestLogFile } from '../../main/core/ingest/ingest-file.js';
import type { IngestProgress } from '../../main/core/ingest/progress.js';
import { exportQuarantine } from '../../main/core/ingest/quarantine.js';
import { openOrCreateWorkspace, unlockWorkspace } from '../../main/core/store/workspace.js';
import { EXAMPLE_LOG, MODELS_DIR, tempDir } from '../helpers.js';

const PASSPHRASE = 'stream passphrase';

let deidentifier: Deidentifier;
before(async () => {
  deidentifier = await createDeidentifier({ modelsDir: MODELS_DIR, patternsOnly: true });
});
after(async () => {
  await deidentifier.close();
});

function service(workspaceDir: string): QuarryService {
  const quarry = new QuarryService({ workspaceDir, modelsDir: MODELS_DIR, createDeidentifier: async () => deidentifier });
  quarry.unlock(PASSPHRASE, 'ana', 'reviewer:ana');
  return quarry;
}

function chatLog(records: number, start = 0): string {
  return Array.from({ length: records }, (_, i) =>
    JSON.stringify({ id: `r${start + i}`, messages: [{ role: 'user', content: `Request ${start + i}: mail jo${start + i}@example.org` }], thumbs: i % 3 ? 'up' : 'down' }),
  ).join('\n');
}

test('a gzip log ingests like the plain one, with progress in compressed bytes up to the file size', async (t) => {
  const dir = tempDir(t);
  const gz = join(dir, 'chat-log.jsonl.gz');
  writeFileSync(gz, gzipSync(readFileSync(EXAMPLE_LOG)));
  const { workspace } = openOrCreateWorkspace(join(dir, 'ws'), PASSPHRASE);
  const seen: IngestProgress[] = [];
  const summary = await ingestLogFile(workspace.db, deidentifier, gz, { onProgress: (p) => seen.push(p), progressEveryMs: 0 });
  assert.deepEqual(
    { format: summary.format, state: summary.state, records: summary.records, ingested: summary.ingested, duplicates: summary.duplicates, quarantined: summary.quarantined },
    { format: 'openai-chat', state: 'finished', records: 11, ingested: 8, duplicates: 1, quarantined: 2 },
  );
  assert.deepEqual(
    summary.quarantine.map((q) => [q.line, q.field]),
    [
      [5, null],
      [8, 'messages'],
    ],
  );
  const size = readFileSync(gz).length;
  assert.ok(seen.length >= 2);
  assert.ok(seen.every((p, i) => i === 0 || p.bytes >= seen[i - 1]!.bytes), 'bytes only grow');
  assert.ok(seen.every((p) => p.totalBytes === size && p.bytes <= size));
  assert.deepEqual({ state: seen.at(-1)!.state, bytes: seen.at(-1)!.bytes, records: seen.at(-1)!.records }, { state: 'finished', bytes: size, records: 11 });
  const run = workspace.db.prepare('SELECT state, records, bytes_read, bytes_total, finished_at IS NOT NULL AS done FROM ingest_runs').get();
  assert.deepEqual(run, { state: 'finished', records: 11, bytes_read: size, bytes_total: size, done: 1 });
  workspace.close();
});

test('a cancelled ingest keeps what it stored, is recorded as cancelled, and a re-run adds exactly the rest', async (t) => {
  const dir = tempDir(t);
  const file = join(dir, 'big.jsonl');
  const records = 3000;
  writeFileSync(file, chatLog(records));
  const { workspace } = openOrCreateWorkspace(join(dir, 'ws'), PASSPHRASE);
  const controller = new AbortController();
  const first = await ingestLogFile(workspace.db, deidentifier, file, {
    signal: controller.signal,
    progressEveryMs: 0,
    onProgress: (p) => p.records >= 700 && controller.abort(),
  });
  assert.equal(first.state, 'cancelled');
  assert.ok(first.ingested >= 600 && first.ingested < records, `stored ${first.ingested} before the cancel`);
  const count = () => workspace.db.prepare('SELECT count(*) FROM cases').pluck().get() as number;
  assert.equal(count(), first.ingested, 'the summary counts exactly what was stored');
  const run = workspace.db.prepare('SELECT state, ingested, finished_at IS NOT NULL AS done, bytes_read < bytes_total AS partial FROM ingest_runs WHERE id = ?').get(first.runId);
  assert.deepEqual(run, { state: 'cancelled', ingested: first.ingested, done: 1, partial: 1 });

  const second = await ingestLogFile(workspace.db, deidentifier, file);
  assert.deepEqual({ state: second.state, ingested: second.ingested, duplicates: second.duplicates }, { state: 'finished', ingested: records - first.ingested, duplicates: first.ingested });
  assert.equal(count(), records);
  assert.equal(workspace.db.prepare('SELECT count(DISTINCT content_hash) FROM vault_interactions').pluck().get(), records);
  workspace.close();
});

test('a CSV through a saved profile: signals and slices mapped, bad rows quarantined by line and field, exported as CSV', async (t) => {
  const dir = tempDir(t);
  const csv = join(dir, 'support.csv.gz');
  writeFileSync(
    csv,
    gzipSync(
      [
        'id;question;answer;rating;latency;plan',
        '1;"Hi, I am Margaret Ellison, margaret.ellison@examplemail.com";Noted.;thumbs-up;840;pro',
        '2;Call 415-555-0132;Sure.;thumbs-down;oops;free',
        '3;Short',
        '4;"Hi, I am Margaret Ellison, margaret.ellison@examplemail.com";Noted.;thumbs-up;840;pro',
        '5;Plain question;Plain answer;;;free',
      ].join('\n'),
    ),
  );
  const quarry = service(join(dir, 'ws'));
  const saved = await quarry.handlers['profiles:save']({
    profile: {
      name: 'support',
      kind: 'csv',
      csv: { delimiter: ';' },
      mapping: { prompt: 'question', response: 'answer', signals: { thumbs: { field: 'rating', up: ['thumbs-up'], down: ['thumbs-down'] }, latency_ms: 'latency' }, slices: { tier: 'plan' } },
    },
  });
  assert.equal(saved.version, 1);
  await assert.rejects(async () => quarry.handlers['profiles:save']({ profile: { name: 'bad', kind: 'csv', mapping: {} } }), /mapping\.prompt: map exactly one of prompt, messages or turn/);

  const result = await quarry.handlers['ingest:run']({ path: csv, profile: 'support' });
  assert.deepEqual(
    { format: result.format, profile: result.profile, ingested: result.ingested, duplicates: result.duplicates, quarantined: result.quarantined },
    { format: 'csv', profile: { name: 'support', version: 1 }, ingested: 2, duplicates: 1, quarantined: 2 },
  );
  const cases = await quarry.handlers['cases:list']({});
  const detail = await quarry.handlers['cases:get']({ id: cases[0]!.id });
  assert.deepEqual(detail.signals, { thumbs: 'up', latency_ms: 840 });
  assert.equal(detail.slices.tier, 'pro');
  assert.match(detail.messages[0]!.content, /\[EMAIL_1\]/);

  const listed = await quarry.handlers['quarantine:list']({ runId: result.runId });
  assert.deepEqual(listed, {
    total: 2,
    entries: [
      { runId: result.runId, file: 'support.csv.gz', line: 3, field: 'latency', reason: 'field latency: expected a number (mapped to latency_ms)' },
      { runId: result.runId, file: 'support.csv.gz', line: 4, field: null, reason: 'the row has 2 fields where the header has 6' },
    ],
  });
  await assert.rejects(async () => quarry.handlers['ingest:run']({ path: csv, profile: 'nope' }), /No source profile "nope" in this workspace. Saved profiles: support\./);
  await quarry.close();

  const workspace = unlockWorkspace(join(dir, 'ws'), PASSPHRASE);
  const out = join(dir, 'quarantine.csv');
  assert.equal(await exportQuarantine(workspace.db, out, result.runId), 2);
  assert.equal(
    readFileSync(out, 'utf8'),
    'run_id,file,line,field,reason\n1,support.csv.gz,3,latency,field latency: expected a number (mapped to latency_ms)\n1,support.csv.gz,4,,the row has 2 fields where the header has 6\n',
  );
  await assert.rejects(exportQuarantine(workspace.db, out, result.runId), /already exists/);
  await assert.rejects(exportQuarantine(workspace.db, join(dir, 'q2.csv'), 99), /no ingest run 99/);
  assert.deepEqual(workspace.db.prepare('SELECT profile_name, profile_version, state FROM ingest_runs WHERE id = ?').get(result.runId), { profile_name: 'support', profile_version: 1, state: 'finished' });
  assert.ok(verifyAuditChain(workspace.db).ok);
  const actions = workspace.db.prepare('SELECT action FROM audit_log ORDER BY seq').pluck().all();
  assert.ok(actions.includes('profile.save') && actions.includes('ingest.run'));
  workspace.close();
});

test('the preview shows columns, types and de-identified cells only, with a suggested mapping', async (t) => {
  const dir = tempDir(t);
  const csv = join(dir, 'export.csv');
  writeFileSync(
    csv,
    'conversation_id,role,content,latency_ms\nc1,user,"I am Margaret Ellison, reach me at margaret.ellison@examplemail.com",\nc1,assistant,Thanks Margaret.,420\nc2,user,Hello,\n',
  );
  const quarry = service(join(dir, 'ws'));
  const preview = await quarry.handlers['ingest:preview']({ path: csv });
  assert.equal(preview.kind, 'csv');
  assert.deepEqual(
    preview.columns.map((c) => [c.name, c.type, c.filled]),
    [
      ['conversation_id', 'text', 3],
      ['role', 'text', 3],
      ['content', 'text', 3],
      ['latency_ms', 'number', 1],
    ],
  );
  const cells = JSON.stringify(preview.rows);
  assert.ok(!cells.includes('margaret.ellison@examplemail.com') && cells.includes('[EMAIL_1]'), cells);
  assert.deepEqual(preview.suggested, { conversationId: 'conversation_id', turn: { role: 'role', content: 'content' }, signals: { latency_ms: 'latency_ms' }, slices: {} });

  // Saved from the suggestion, the turn rows ingest as two conversations.
  await quarry.handlers['profiles:save']({ profile: { name: 'turns', kind: 'csv', mapping: preview.suggested } });
  const result = await quarry.handlers['ingest:run']({ path: csv, profile: 'turns' });
  assert.equal(result.ingested, 2);
  const [first] = await quarry.handlers['cases:list']({});
  const detail = await quarry.handlers['cases:get']({ id: first!.id });
  assert.equal(detail.messages.length, 1);
  assert.equal(detail.response?.role, 'assistant');
  assert.deepEqual(detail.signals, { latency_ms: 420 });
  await quarry.close();
});

test('ingest jobs: start, poll progress, cancel; a file of no known format fails with a code the dialog maps from', async (t) => {
  const dir = tempDir(t);
  const file = join(dir, 'big.jsonl');
  writeFileSync(file, chatLog(4000));
  const quarry = service(join(dir, 'ws'));
  const { jobId } = await quarry.handlers['ingest:start']({ path: file });
  let progress = await quarry.handlers['ingest:progress']({ jobId });
  while (progress.state === 'starting' || (progress.state === 'running' && progress.records < 300)) {
    await new Promise((r) => setTimeout(r, 20));
    progress = await quarry.handlers['ingest:progress']({ jobId });
  }
  assert.equal(progress.state, 'running');
  assert.ok(progress.totalBytes > 0 && progress.bytes > 0 && progress.ratePerSec > 0);
  await quarry.handlers['ingest:cancel']({ jobId });
  while (progress.state === 'running') {
    await new Promise((r) => setTimeout(r, 20));
    progress = await quarry.handlers['ingest:progress']({ jobId });
  }
  assert.equal(progress.state, 'cancelled');
  assert.ok(progress.result!.ingested < 4000);

  const csv = join(dir, 'plain.csv');
  writeFileSync(csv, 'a,b\n1,2\n');
  const failed = await quarry.handlers['ingest:start']({ path: csv });
  do {
    await new Promise((r) => setTimeout(r, 20));
    progress = await quarry.handlers['ingest:progress']({ jobId: failed.jobId });
  } while (progress.state === 'starting' || progress.state === 'running');
  assert.equal(progress.state, 'failed');
  assert.equal(progress.error?.code, 'ingest-format-unknown');
  await assert.rejects(async () => quarry.handlers['ingest:progress']({ jobId: 'nope' }), /There is no ingest job nope/);
  await quarry.close();
});

test('a truncated gzip stops with an error naming the file; what came before the damage is stored and the run is marked failed', async (t) => {
  const dir = tempDir(t);
  const gz = join(dir, 'cut.jsonl.gz');
  const whole = gzipSync(chatLog(2000));
  writeFileSync(gz, whole.subarray(0, Math.floor(whole.length * 0.6)));
  const { workspace } = openOrCreateWorkspace(join(dir, 'ws'), PASSPHRASE);
  await assert.rejects(ingestLogFile(workspace.db, deidentifier, gz), (error: Error & { code?: string }) => error.code === 'ingest-gzip-corrupt' && error.message.includes('cut.jsonl.gz'));
  const run = workspace.db.prepare('SELECT state, ingested FROM ingest_runs').get() as { state: string; ingested: number };
  assert.equal(run.state, 'failed');
  assert.ok(run.ingested > 0 && run.ingested < 2000, `stored ${run.ingested} before the damage`);
  assert.equal(workspace.db.prepare('SELECT count(*) FROM cases').pluck().get(), run.ingested);
  workspace.close();
});
