/**
 * The OpenTelemetry contrib OpenAI instrumentation's traces and logs (written by the real instrumentation through
 * test/helpers-otel.ts), gzipped as a collector's file exporter with compression writes them, ingested with the
 * shipped de-identifier: gzip traces with gzip logs and plain traces with gzip logs give the same cases as the
 * plain pair, message content joined from the logs, and no canary reaches a case.
 */
import assert from 'node:assert/strict';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { gzipSync } from 'node:zlib';
import { CANARIES, FIRST_REPLY, generateInstrumentedTrace, ingestThroughService, TOOL_REPLY } from '../helpers-otel.js';
import { tempDir } from '../helpers.js';

const PASSPHRASE = 'gzip companion passphrase';

const ingest = (workspaceDir: string, file: string) => ingestThroughService(workspaceDir, file, PASSPHRASE);

test('@opentelemetry/instrumentation-openai traces and logs, gzipped either or both, give the plain pair\'s cases, de-identified', async (t) => {
  const dir = tempDir(t);
  const files = await generateInstrumentedTrace('otel', dir, 'plain');
  assert.ok(files.logs, 'the contrib instrumentation writes message content as log records');
  const plain = await ingest(join(dir, 'ws-plain'), files.traces);
  assert.equal(plain.result.format, 'otel-genai');
  assert.ok(plain.result.ingested >= 4, `${plain.result.ingested} cases from the plain pair`);

  const traces = readFileSync(files.traces);
  const logs = readFileSync(files.logs);
  // Both gzipped (traces.jsonl.gz beside logs.jsonl.gz), and plain traces beside gzipped logs.
  writeFileSync(join(dir, 'both.traces.jsonl.gz'), gzipSync(traces));
  writeFileSync(join(dir, 'both.logs.jsonl.gz'), gzipSync(logs));
  writeFileSync(join(dir, 'mixed.traces.jsonl'), traces);
  writeFileSync(join(dir, 'mixed.logs.jsonl.gz'), gzipSync(logs));
  rmSync(files.logs);

  for (const [name, file] of [
    ['both gzipped', join(dir, 'both.traces.jsonl.gz')],
    ['gzip logs only', join(dir, 'mixed.traces.jsonl')],
  ] as const) {
    const got = await ingest(join(dir, `ws-${name.replace(/ /g, '-')}`), file);
    assert.equal(got.result.format, 'otel-genai', name);
    assert.deepEqual([got.result.ingested, got.result.quarantined], [plain.result.ingested, plain.result.quarantined], name);
    assert.deepEqual(got.raw, plain.raw, `${name}: the same interactions, content joined from the logs`);
    const shown = JSON.stringify(got.cases);
    assert.ok(got.cases.some((c) => c.response?.content.includes('physiotherapy sessions a year')), `${name}: the first reply, joined from the logs`);
    assert.ok(JSON.stringify(got.raw).includes(FIRST_REPLY) && JSON.stringify(got.raw).includes(TOOL_REPLY), `${name}: the raw replies are in the vault`);
    for (const canary of [CANARIES.name, ...CANARIES.name.split(' '), CANARIES.email, CANARIES.phone]) {
      assert.ok(!shown.includes(canary), `${name}: canary "${canary}" reached a case`);
    }
  }
});
