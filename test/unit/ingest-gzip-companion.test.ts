/**
 * A gzip OTLP logs file beside the traces is read as it is joined, in constant memory (formats/sync-gunzip.ts):
 * the same lines as the plain file, across chunk and gzip-member boundaries; a damaged or truncated one keeps what
 * was read and says where it stopped; a worker left idle closes the file and is replaced on the next read.
 */
import assert from 'node:assert/strict';
import { readdirSync, readlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { gzipSync } from 'node:zlib';
import { CompanionLogs, findCompanionLogs, type CompanionLine } from '../../main/core/ingest/formats/companion-logs.js';
import { otelGenAi } from '../../main/core/ingest/formats/otel-genai.js';
import { GunzipError, SyncGunzip } from '../../main/core/ingest/formats/sync-gunzip.js';
import { tempDir } from '../helpers.js';

/** A distinct OTLP logs export request per line, about `bytes` long, so a file spans many chunks. */
function logsLine(i: number, bytes = 300): string {
  return JSON.stringify({
    resourceLogs: [
      {
        resource: { attributes: [{ key: 'service.name', value: { stringValue: 'claims-assistant' } }] },
        scopeLogs: [{ scope: { name: '@opentelemetry/instrumentation-openai' }, logRecords: [{ timeUnixNano: String(1_795_358_154_847_000_000n + BigInt(i)), body: { stringValue: `record ${i} ${'x'.repeat(bytes)}` } }] }],
      },
    ],
  });
}

function readAll(logs: CompanionLogs): CompanionLine[] {
  const lines: CompanionLine[] = [];
  for (let next = logs.next(); next; next = logs.next()) {
    lines.push(next);
    logs.release();
  }
  return lines;
}

function openFiles(): string[] {
  return readdirSync('/proc/self/fd').flatMap((fd) => {
    try {
      return [readlinkSync(`/proc/self/fd/${fd}`)];
    } catch {
      return [];
    }
  });
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

test('a gzip companion gives the same lines as the plain file, over many chunks and two gzip members', (t) => {
  const dir = tempDir(t);
  // Incompressible-ish lines of varying length, well over the 256 KiB chunk handed over at once.
  const lines = Array.from({ length: 3000 }, (_, i) => logsLine(i, 100 + ((i * 7919) % 900)));
  const text = `\uFEFF${lines.join('\r\n')}\n`;
  writeFileSync(join(dir, 'logs.jsonl'), text);
  const half = Math.floor(text.length / 2);
  writeFileSync(join(dir, 'both.jsonl.gz'), Buffer.concat([gzipSync(text.slice(0, half)), gzipSync(text.slice(half))]));
  const plain = readAll(CompanionLogs.open(join(dir, 'logs.jsonl')));
  const gzip = readAll(CompanionLogs.open(join(dir, 'both.jsonl.gz')));
  assert.equal(plain.length, 3000);
  assert.ok(plain.every((l) => l.record && !l.error));
  assert.deepEqual(gzip, plain);
  assert.equal((gzip[2999]!.record as { resourceLogs: unknown[] }).resourceLogs.length, 1);
});

test('a companion ending in .gz is found beside traces in either form, and one named without .gz but gzipped is inflated', (t) => {
  const dir = tempDir(t);
  writeFileSync(join(dir, 'logs.jsonl.gz'), gzipSync(`${logsLine(1)}\n`));
  assert.equal(findCompanionLogs(join(dir, 'traces.jsonl.gz')), join(dir, 'logs.jsonl.gz'));
  assert.equal(findCompanionLogs(join(dir, 'traces.jsonl')), join(dir, 'logs.jsonl.gz'));
  writeFileSync(join(dir, 'run.logs.json'), gzipSync(`${logsLine(2)}\n`));
  const lines = readAll(CompanionLogs.open(join(dir, 'run.logs.json')));
  assert.equal(lines.length, 1);
  assert.ok(lines[0]!.record);
});

test('a truncated gzip companion keeps the lines before the damage and says where it stopped', (t) => {
  const dir = tempDir(t);
  const lines = Array.from({ length: 2000 }, (_, i) => logsLine(i));
  const whole = gzipSync(`${lines.join('\n')}\n`);
  const file = join(dir, 'logs.jsonl.gz');
  writeFileSync(file, whole.subarray(0, Math.floor(whole.length * 0.6)));
  const read = readAll(CompanionLogs.open(file));
  const good = read.filter((l) => l.record);
  assert.ok(good.length > 100 && good.length < 2000, `${good.length} lines read before the cut`);
  good.forEach((l, i) => assert.equal(l.line, i + 1));
  const errors = read.filter((l) => l.error).map((l) => l.error!.message);
  // The line cut in half, then the file's end.
  assert.match(errors.at(-1)!, /^field logs\.jsonl\.gz line \d+: not a complete gzip file \(Z_BUF_ERROR: unexpected end of file\); the log records after this point were not joined$/);
  assert.ok(errors.length <= 2, errors.join('\n'));
});

test('a corrupt gzip companion is an error naming the file, not a crash', (t) => {
  const dir = tempDir(t);
  const whole = gzipSync(`${Array.from({ length: 500 }, (_, i) => logsLine(i)).join('\n')}\n`);
  const damaged = Buffer.from(whole);
  for (let i = 40; i < 60; i++) damaged[i] = damaged[i]! ^ 0x5a;
  const file = join(dir, 'logs.jsonl.gz');
  writeFileSync(file, damaged);
  const read = readAll(CompanionLogs.open(file));
  assert.match(read.at(-1)!.error!.message, /logs\.jsonl\.gz line \d+: not a complete gzip file \(Z_DATA_ERROR: /);
});

test('a companion line with bytes that are not UTF-8 is refused naming its line; the next lines are read', (t) => {
  const dir = tempDir(t);
  const bad = Buffer.from(logsLine(2).replace('record 2', 'record \u00e9'), 'utf8');
  const at = bad.indexOf(0xc3);
  bad[at] = 0xe9;
  bad[at + 1] = 0x20;
  const file = join(dir, 'logs.jsonl.gz');
  writeFileSync(file, gzipSync(Buffer.concat([Buffer.from(`${logsLine(1)}\n`), bad, Buffer.from(`\n${logsLine(3)}\n`)])));
  const read = readAll(CompanionLogs.open(file));
  assert.equal(read.length, 3);
  assert.ok(read[0]!.record && read[2]!.record);
  assert.equal(read[1]!.error!.message, 'field logs.jsonl.gz line 2: contains bytes that are not valid UTF-8 (re-export the file as UTF-8); its log records were not joined');
});

test('an idle worker closes the file and exits; the next read carries on where the last one stopped', async (t) => {
  const dir = tempDir(t);
  const text = `${Array.from({ length: 4000 }, (_, i) => logsLine(i)).join('\n')}\n`;
  const file = join(dir, 'logs.jsonl.gz');
  writeFileSync(file, gzipSync(text));
  const reader = new SyncGunzip(file, { idleMs: 100 });
  const first = reader.read()!;
  assert.ok(first.length > 0);
  assert.ok(openFiles().includes(file), 'the worker holds the file while it is read');
  await sleep(600);
  assert.ok(!openFiles().includes(file), 'an idle worker closed the file');
  const parts = [first];
  for (let chunk = reader.read(); chunk; chunk = reader.read()) parts.push(chunk);
  assert.equal(Buffer.concat(parts).toString('utf8'), text);
  await sleep(300);
  assert.ok(!openFiles().includes(file), 'closed at the end');
});

test('closing a reader part way asks its worker to close the file', async (t) => {
  const dir = tempDir(t);
  const file = join(dir, 'logs.jsonl.gz');
  writeFileSync(file, gzipSync(`${Array.from({ length: 4000 }, (_, i) => logsLine(i)).join('\n')}\n`));
  const reader = new SyncGunzip(file);
  assert.ok(reader.read());
  reader.close();
  assert.equal(reader.read(), null);
  await sleep(300);
  assert.ok(!openFiles().includes(file));
});

test('where the thread may not block, reading polls and gives the same bytes', (t) => {
  const dir = tempDir(t);
  const text = `${Array.from({ length: 3000 }, (_, i) => logsLine(i)).join('\n')}\n`;
  const file = join(dir, 'logs.jsonl.gz');
  writeFileSync(file, gzipSync(text));
  const reader = new SyncGunzip(file, { block: false });
  const parts: Buffer[] = [];
  for (let chunk = reader.read(); chunk; chunk = reader.read()) parts.push(chunk);
  assert.equal(Buffer.concat(parts).toString('utf8'), text);
});

test('a file that is not gzip at all is a GunzipError with zlib\'s code', (t) => {
  const dir = tempDir(t);
  const file = join(dir, 'logs.jsonl.gz');
  writeFileSync(file, 'not gzip');
  const reader = new SyncGunzip(file);
  assert.throws(
    () => reader.read(),
    (error: unknown) => error instanceof GunzipError && error.code === 'Z_DATA_ERROR',
  );
  assert.equal(reader.read(), null);
});

test('an empty gzip companion gives no lines and no error; a 50 MB line in one is skipped, the next line read', (t) => {
  const dir = tempDir(t);
  writeFileSync(join(dir, 'empty.logs.jsonl.gz'), gzipSync(''));
  assert.deepEqual(readAll(CompanionLogs.open(join(dir, 'empty.logs.jsonl.gz'))), []);
  const huge = `{"resourceLogs": [], "pad": "${'y'.repeat(50 * 1024 * 1024)}"}`;
  writeFileSync(join(dir, 'big.logs.jsonl.gz'), gzipSync(`${logsLine(1)}\n${huge}\n${logsLine(3)}\n`, { level: 1 }));
  const read = readAll(CompanionLogs.open(join(dir, 'big.logs.jsonl.gz')));
  assert.equal(read.length, 3);
  assert.ok(read[0]!.record && read[2]!.record);
  assert.equal(read[2]!.line, 3);
  assert.equal(read[1]!.error!.message, 'field big.logs.jsonl.gz line 2: line too long to join, skipped');
});

test('a gzip companion line of the wrong shape is reported through the trace reader, naming the file and line', (t) => {
  const dir = tempDir(t);
  const traces = join(dir, 'traces.jsonl.gz');
  const span = {
    resourceSpans: [
      {
        scopeSpans: [
          {
            spans: [
              {
                traceId: '4bf92f3577b34da6a3ce929d0e0e4736',
                spanId: '00f067aa0ba902b7',
                name: 'chat gpt-4o-mini',
                startTimeUnixNano: '1795358154847000000',
                endTimeUnixNano: '1795358154947000000',
                attributes: [{ key: 'gen_ai.operation.name', value: { stringValue: 'chat' } }],
              },
            ],
          },
        ],
      },
    ],
  };
  writeFileSync(traces, gzipSync(`${JSON.stringify(span)}\n`));
  writeFileSync(join(dir, 'logs.jsonl.gz'), gzipSync(`${JSON.stringify({ resourceLogs: 'not a list' })}\n`));
  const reader = otelGenAi.open({ file: traces });
  const items = [...reader.read(span, 1), ...reader.end()];
  const problems = items.flatMap((item) => ('error' in item ? [item.error.message] : []));
  assert.ok(
    problems.some((p) => /^field logs\.jsonl\.gz line 1: resourceLogs/.test(p)),
    problems.join('\n'),
  );
});
