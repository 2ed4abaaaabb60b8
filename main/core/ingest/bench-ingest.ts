/**
 * `npm run bench:ingest [-- --records 100000,1000000] [--quick] [--otlp N] [--worker]`: ingest throughput and peak memory on
 * a fixed synthetic corpus, against the targets of ≥ 50,000 records/s and peak RSS under 400 MB at every size.
 * For each size it generates (once, cached under /tmp/quarry-bench-ingest) a seeded OpenAI-chat JSONL file, then
 * runs four children, each its own process so each peak RSS is its own (from /usr/bin/time -v when installed):
 * a bare streaming parse of the file (readline + JSON.parse, no store: the floor ingest is compared against), the
 * store's floor (the same parse, ingest's hash, and one insert per record into an encrypted table shaped like the
 * vault: what any design keeping the raw record in this store pays), an
 * ingest into a fresh encrypted workspace with patterns-only de-identification and enrichment (so it measures
 * ingest, not the NER model; `--worker` de-identifies in the ingest worker while the main thread stores, see
 * ingest-file.ts deidentifyInWorker), and a sampling run of a fixed policy over the ingested workspace. `--quick`
 * is one 20,000-record size; `--otlp N` adds an OTLP/JSON GenAI trace corpus of N export requests. Run it on an
 * otherwise idle machine for comparable figures.
 */
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { createReadStream, createWriteStream, existsSync, mkdirSync, mkdtempSync, renameSync, rmSync, statSync } from 'node:fs';
import { once } from 'node:events';
import { createInterface } from 'node:readline';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { createDeidentifier } from '../deid/create-deidentifier.js';
import { defaultModelsDir } from '../deid/ner/detector.js';
import { EMPTY_TERM_LISTS } from '../deid/term-lists.js';
import { parseSamplingPolicy } from '../sampling/policy.js';
import { runSampling } from '../sampling/run-sampling.js';
import { openOrCreateWorkspace } from '../store/workspace.js';
import { ingestLogFile } from './ingest-file.js';

const CORPUS_DIR = join(tmpdir(), 'quarry-bench-ingest');
const SEED = 20261122;
const TIME = '/usr/bin/time';

/** mulberry32: small, fast and seeded, so the corpus is the same on every run and machine. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * Words made of seeded syllables: a vocabulary large enough that the texts are as varied as real traffic (a small
 * one would make every case a near-duplicate of every other, which is not what production looks like).
 */
const WORDS = (() => {
  const rand = random(SEED + 1);
  const syllables = 'ba be bi bo bu da de di do du fa fe fi ka ke ki ko la le li lo lu ma me mi mo na ne ni no pa pe pi po ra re ri ro sa se si so ta te ti to va ve vi zo'.split(' ');
  return Array.from({ length: 8000 }, () => Array.from({ length: 1 + Math.floor(rand() * 3) }, () => syllables[Math.floor(rand() * syllables.length)]).join(''));
})();
const NAMES = ['Avery', 'Jordan', 'Rivera', 'Chen', 'Okafor', 'Nakamura', 'Schmidt', 'Fernández', 'Patel', 'Kowalski'];

function sentence(rand: () => number, words: number): string {
  const out: string[] = [];
  for (let i = 0; i < words; i += 1) out.push(WORDS[Math.floor(rand() * WORDS.length)]!);
  const s = out.join(' ');
  return `${s[0]!.toUpperCase()}${s.slice(1)}.`;
}

/** A user turn with, now and then, an e-mail, a phone number or a name, as production traffic has. */
function userText(rand: () => number, i: number): string {
  const parts = [sentence(rand, 8 + Math.floor(rand() * 20)), sentence(rand, 6 + Math.floor(rand() * 14))];
  const pick = rand();
  if (pick < 0.3) parts.push(`Reach me at ${NAMES[i % NAMES.length]!.toLowerCase()}${i}@example.org.`);
  else if (pick < 0.5) parts.push(`My number is 415-555-${String(i % 10000).padStart(4, '0')}.`);
  else if (pick < 0.6) parts.push(`I am ${NAMES[i % NAMES.length]} ${NAMES[(i * 7) % NAMES.length]}.`);
  return parts.join(' ');
}

/** Writes `records` seeded lines to `file` (via a temporary name, so a cached file is always complete). */
async function writeCorpus(file: string, records: number, line: (rand: () => number, i: number) => string): Promise<void> {
  if (existsSync(file)) return;
  const partial = `${file}.partial`;
  const out = createWriteStream(partial);
  const rand = random(SEED);
  for (let i = 0; i < records; i += 1) {
    if (!out.write(`${line(rand, i)}\n`)) await once(out, 'drain');
  }
  out.end();
  await once(out, 'finish');
  renameSync(partial, file);
}

function openAiRecord(rand: () => number, i: number): string {
  return JSON.stringify({
    id: `chatcmpl-${i}`,
    model: rand() < 0.5 ? 'gpt-4o-mini' : 'gpt-4.1',
    messages: [
      { role: 'system', content: 'You are a helpful assistant for a health insurer. Be brief and accurate.' },
      { role: 'user', content: userText(rand, i) },
    ],
    choices: [{ message: { role: 'assistant', content: `${sentence(rand, 20 + Math.floor(rand() * 40))} ${sentence(rand, 12)}` } }],
    thumbs: rand() < 0.1 ? 'down' : 'up',
    latency_ms: Math.round(200 + rand() * 3000),
    cost_usd: Math.round(rand() * 1e5) / 1e7,
    metadata: { tier: rand() < 0.3 ? 'pro' : 'free', intent: ['billing', 'claims', 'refill', 'scheduling', 'coverage'][Math.floor(rand() * 5)], language: 'en' },
  });
}

function attr(key: string, value: string | number) {
  return { key, value: typeof value === 'number' ? { intValue: String(value) } : { stringValue: value } };
}

/** One OTLP export request per line: an agent run with two model calls and a tool call, children first. */
function otlpRecord(rand: () => number, i: number): string {
  const traceId = (i + 1).toString(16).padStart(32, '0');
  const t0 = 1_763_800_000_000_000_000n + BigInt(i) * 10_000_000_000n;
  const ns = (offsetMs: number) => String(t0 + BigInt(offsetMs) * 1_000_000n);
  const question = userText(rand, i);
  const messages = (role: string, content: string) => JSON.stringify([{ role, parts: [{ type: 'text', content }] }]);
  const span = (spanId: string, parent: string | null, name: string, start: number, end: number, attributes: unknown[]) => ({
    traceId,
    spanId,
    ...(parent ? { parentSpanId: parent } : {}),
    name,
    startTimeUnixNano: ns(start),
    endTimeUnixNano: ns(end),
    attributes,
  });
  const spans = [
    span('0000000000000002', '0000000000000001', 'chat gpt-4o-mini', 10, 900, [
      attr('gen_ai.operation.name', 'chat'),
      attr('gen_ai.request.model', 'gpt-4o-mini'),
      attr('gen_ai.input.messages', messages('user', question)),
      attr('gen_ai.output.messages', messages('assistant', 'Let me look that up.')),
      attr('gen_ai.usage.input_tokens', 120),
      attr('gen_ai.usage.output_tokens', 12),
    ]),
    span('0000000000000003', '0000000000000001', 'execute_tool lookup', 900, 1200, [attr('gen_ai.operation.name', 'execute_tool'), attr('gen_ai.tool.name', 'lookup')]),
    span('0000000000000004', '0000000000000001', 'chat gpt-4o-mini', 1200, 2400, [
      attr('gen_ai.operation.name', 'chat'),
      attr('gen_ai.request.model', 'gpt-4o-mini'),
      attr('gen_ai.input.messages', messages('user', question)),
      attr('gen_ai.output.messages', messages('assistant', sentence(rand, 30 + Math.floor(rand() * 30)))),
      attr('gen_ai.usage.input_tokens', 300),
      attr('gen_ai.usage.output_tokens', 80),
    ]),
    span('0000000000000001', null, 'invoke_agent support', 0, 2500, [
      attr('gen_ai.operation.name', 'invoke_agent'),
      attr('gen_ai.agent.name', 'support'),
      attr('gen_ai.input.messages', messages('user', question)),
    ]),
  ];
  return JSON.stringify({ resourceSpans: [{ resource: { attributes: [attr('service.name', 'claims-assistant')] }, scopeSpans: [{ spans }] }] });
}

const PASSPHRASE = 'bench passphrase';
const TARGET_RECORDS_PER_S = 50_000;
const TARGET_RSS_MB = 400;

/**
 * The sampling policy every run draws: thumbs-down cases, a minimum per tier × intent, a 1 % base draw and one case
 * per near-duplicate cluster, within a budget of 2,000 — the shape of a real eval-set policy.
 */
const BENCH_POLICY = parseSamplingPolicy({
  name: 'bench-ingest',
  failureSignals: ['thumbs_down'],
  strata: { fields: ['tier', 'intent'], minPerStratum: 20 },
  baseRate: 0.01,
  onePerCluster: true,
  budget: 2000,
  seed: 7,
});

/** What a child reports on its last stdout line. */
interface ChildResult {
  seconds: number;
  records: number;
  /** Ingest: stored interactions; sampling: cases picked. */
  count: number;
  maxRssMb: number;
  /** CPU seconds (user + system, all threads) the measured work took: on a shared machine, steadier than the wall. */
  cpuSeconds?: number;
}

/** CPU seconds this process has used so far (user + system, every thread). */
function cpuNow(): number {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1e6;
}

function rssMb(): number {
  // Linux reports maxRSS in KB.
  return process.resourceUsage().maxRSS / 1024;
}

/** The floor: reads the file line by line and parses each line, storing nothing. */
async function parseChild(file: string): Promise<ChildResult> {
  const started = performance.now();
  const cpu = cpuNow();
  let records = 0;
  let fields = 0;
  for await (const line of createInterface({ input: createReadStream(file), crlfDelay: Infinity })) {
    if (line.trim() === '') continue;
    fields += Object.keys(JSON.parse(line) as object).length;
    records += 1;
  }
  return { seconds: (performance.now() - started) / 1000, records, count: fields, maxRssMb: rssMb(), cpuSeconds: cpuNow() - cpu };
}

/**
 * The store's floor: each line parsed, serialised and hashed as ingest does, and inserted, with its hash, into one
 * table of a fresh encrypted workspace shaped like the vault (a unique hash, the raw JSON), in transactions of
 * 1,024 rows under the ingest's WAL settings. No reader, no de-identification, no derived rows: what one record
 * costs any design that keeps the raw record in this store and refuses a duplicate.
 */
async function storeFloorChild(file: string, dir: string): Promise<ChildResult> {
  const { workspace } = openOrCreateWorkspace(dir, PASSPHRASE);
  const db = workspace.db;
  db.exec('CREATE TABLE bench_store_floor (id INTEGER PRIMARY KEY, content_hash TEXT NOT NULL UNIQUE, raw_json TEXT NOT NULL)');
  db.pragma('synchronous = NORMAL');
  db.pragma('cache_size = -12288');
  db.pragma('wal_autocheckpoint = 8192');
  const insert = db.prepare('INSERT OR IGNORE INTO bench_store_floor (content_hash, raw_json) VALUES (?, ?)');
  const store = db.transaction((rows: string[]) => {
    for (const json of rows) insert.run(createHash('sha256').update(json).digest('hex'), json);
  });
  const started = performance.now();
  const cpu = cpuNow();
  let records = 0;
  let rows: string[] = [];
  for await (const line of createInterface({ input: createReadStream(file), crlfDelay: Infinity })) {
    if (line.trim() === '') continue;
    rows.push(JSON.stringify(JSON.parse(line)));
    records += 1;
    if (rows.length === 1024) {
      store(rows);
      rows = [];
    }
  }
  store(rows);
  const seconds = (performance.now() - started) / 1000;
  const cpuSeconds = cpuNow() - cpu;
  workspace.close();
  return { seconds, records, count: records, maxRssMb: rssMb(), cpuSeconds };
}

/** Ingests the file into a fresh workspace at `dir`, writing progress to stderr every 10 s for long runs. */
async function ingestChild(file: string, dir: string, inWorker: boolean): Promise<ChildResult> {
  const { workspace } = openOrCreateWorkspace(dir, PASSPHRASE);
  const deidentifier = await createDeidentifier({ modelsDir: defaultModelsDir(), patternsOnly: true });
  const started = performance.now();
  const cpu = cpuNow();
  const summary = await ingestLogFile(workspace.db, deidentifier, file, {
    // The de-identifier above holds no term lists, and a fresh workspace has none.
    deidentifyInWorker: inWorker ? { termLists: EMPTY_TERM_LISTS } : undefined,
    progressEveryMs: 10_000,
    onProgress: (p) => {
      const s = (performance.now() - started) / 1000;
      process.stderr.write(`progress ${p.records} records in ${s.toFixed(0)} s = ${(p.records / Math.max(s, 1e-3)).toFixed(0)} records/s\n`);
    },
  });
  const seconds = (performance.now() - started) / 1000;
  const cpuSeconds = cpuNow() - cpu;
  await deidentifier.close();
  workspace.close();
  return { seconds, records: summary.records, count: summary.ingested, maxRssMb: rssMb(), cpuSeconds };
}

/** Runs the fixed policy over the workspace at `dir` (recording the run, as the app does). */
function sampleChild(dir: string): ChildResult {
  const { workspace } = openOrCreateWorkspace(dir, PASSPHRASE);
  const started = performance.now();
  const cpu = cpuNow();
  const result = runSampling(workspace.db, BENCH_POLICY);
  const seconds = (performance.now() - started) / 1000;
  const cpuSeconds = cpuNow() - cpu;
  workspace.close();
  return { seconds, records: result.candidates, count: result.picked.length, maxRssMb: rssMb(), cpuSeconds };
}

/** Runs this file as a child with `args`, under GNU time -v where it is installed; echoes its progress lines. */
async function runChild(args: string[]): Promise<ChildResult> {
  const command = [process.execPath, '--import', 'tsx', import.meta.filename, ...args];
  const timed = existsSync(TIME);
  const proc = spawn(timed ? TIME : command[0]!, timed ? ['-v', ...command] : command.slice(1), { stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  proc.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
  proc.stderr.setEncoding('utf8').on('data', (d: string) => {
    stderr += d;
    for (const line of d.split('\n')) if (line.startsWith('progress ')) console.log(`    ${line}`);
  });
  const [code] = (await once(proc, 'close')) as [number | null];
  if (code !== 0) throw new Error(`bench child ${args.join(' ')} failed (exit ${code}): ${stderr.slice(-2000)}`);
  const r = JSON.parse(stdout.trim().split('\n').at(-1)!) as ChildResult;
  const timeRss = /Maximum resident set size \(kbytes\): (\d+)/.exec(stderr)?.[1];
  if (timeRss) r.maxRssMb = Number(timeRss) / 1024;
  return r;
}

const mark = (met: boolean): string => (met ? 'met' : 'MISSED');

/** The CPU time and the rate per CPU-second, with the load average, for reading figures from a shared machine. */
function cpuNote(r: ChildResult): string {
  if (r.cpuSeconds === undefined) return '';
  return `  [cpu ${r.cpuSeconds.toFixed(2)} s = ${(r.records / r.cpuSeconds).toFixed(0)} records per CPU-second; load ${loadavg()[0]!.toFixed(1)}]`;
}

/** Parses `--records 100000,1000000` into positive whole numbers, naming the bad entry otherwise. */
function recordCounts(text: string): number[] {
  return text.split(',').map((part) => {
    const n = Number(part.replace(/_/g, '').trim());
    if (!Number.isInteger(n) || n <= 0) throw new Error(`--records: "${part}" is not a positive whole number of records`);
    return n;
  });
}

/** `--worker`: de-identify in the ingest worker, overlapped with storing, rather than on the main thread. */
let inWorker = false;

async function benchCorpus(name: string, file: string, records: number, line: (rand: () => number, i: number) => string): Promise<void> {
  const generated = performance.now();
  const fresh = !existsSync(file);
  await writeCorpus(file, records, line);
  const megabytes = statSync(file).size / 1e6;
  console.log(`\n${name}: ${records.toLocaleString('en')} records, ${megabytes.toFixed(1)} MB (${file}${fresh ? `, generated in ${((performance.now() - generated) / 1000).toFixed(1)} s` : ', cached'})`);

  const parse = await runChild(['--parse', file]);
  console.log(
    `  bare parse (readline + JSON.parse):  ${parse.seconds.toFixed(2)} s  ${(parse.records / parse.seconds).toFixed(0).padStart(8)} records/s  ${(megabytes / parse.seconds).toFixed(1)} MB/s  peak RSS ${parse.maxRssMb.toFixed(0)} MB  (floor)${cpuNote(parse)}`,
  );

  const floorDir = mkdtempSync(join(tmpdir(), 'quarry-bench-floor-'));
  try {
    const floor = await runChild(['--store-floor', file, '--workspace', floorDir]);
    console.log(
      `  store floor (parse, hash, one encrypted insert):  ${floor.seconds.toFixed(2)} s  ${(floor.records / floor.seconds).toFixed(0).padStart(8)} records/s  ${(megabytes / floor.seconds).toFixed(1)} MB/s  peak RSS ${floor.maxRssMb.toFixed(0)} MB${cpuNote(floor)}`,
    );
  } finally {
    rmSync(floorDir, { recursive: true, force: true });
  }

  const dir = mkdtempSync(join(tmpdir(), 'quarry-bench-ws-'));
  try {
    const ingest = await runChild(['--ingest', file, '--workspace', dir, ...(inWorker ? ['--worker'] : [])]);
    const rate = ingest.records / ingest.seconds;
    console.log(
      `  ingest (patterns-only, enrichment${inWorker ? ', worker' : ''}):  ${ingest.seconds.toFixed(2)} s  ${rate.toFixed(0).padStart(8)} records/s [≥ ${TARGET_RECORDS_PER_S.toLocaleString('en')}: ${mark(rate >= TARGET_RECORDS_PER_S)}]  ${(megabytes / ingest.seconds).toFixed(2)} MB/s  peak RSS ${ingest.maxRssMb.toFixed(0)} MB [< ${TARGET_RSS_MB}: ${mark(ingest.maxRssMb < TARGET_RSS_MB)}]  stored ${ingest.count}  (${(ingest.seconds / parse.seconds).toFixed(0)}× the parse)${cpuNote(ingest)}`,
    );
    const sample = await runChild(['--sample', dir]);
    console.log(
      `  sampling (fixed policy):             ${sample.seconds.toFixed(2)} s  ${(sample.records / sample.seconds).toFixed(0).padStart(8)} records/s [≥ ${TARGET_RECORDS_PER_S.toLocaleString('en')}: ${mark(sample.records / sample.seconds >= TARGET_RECORDS_PER_S)}]  over ${sample.records} candidates, ${sample.count} picked  peak RSS ${sample.maxRssMb.toFixed(0)} MB [< ${TARGET_RSS_MB}: ${mark(sample.maxRssMb < TARGET_RSS_MB)}]${cpuNote(sample)}`,
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      records: { type: 'string', default: '100000,1000000' },
      quick: { type: 'boolean', default: false },
      otlp: { type: 'string', default: '0' },
      parse: { type: 'string' },
      'store-floor': { type: 'string' },
      ingest: { type: 'string' },
      workspace: { type: 'string' },
      sample: { type: 'string' },
      worker: { type: 'boolean', default: false },
    },
  });
  const report = (r: ChildResult): void => void process.stdout.write(`${JSON.stringify(r)}\n`);
  if (values.parse) return report(await parseChild(values.parse));
  if (values['store-floor']) {
    if (!values.workspace) throw new Error('--store-floor needs --workspace DIR');
    return report(await storeFloorChild(values['store-floor'], values.workspace));
  }
  if (values.ingest) {
    if (!values.workspace) throw new Error('--ingest needs --workspace DIR');
    return report(await ingestChild(values.ingest, values.workspace, values.worker));
  }
  if (values.sample) return report(sampleChild(values.sample));

  const sizes = values.quick ? [20_000] : recordCounts(values.records);
  inWorker = values.worker;
  const otlp = Number(values.otlp);
  if (!Number.isInteger(otlp) || otlp < 0) throw new Error(`--otlp: "${values.otlp}" is not a whole number of records`);
  mkdirSync(CORPUS_DIR, { recursive: true });
  console.log(`bench:ingest — targets: ≥ ${TARGET_RECORDS_PER_S.toLocaleString('en')} records/s ingest, peak RSS < ${TARGET_RSS_MB} MB; node ${process.version}`);
  for (const n of sizes) await benchCorpus('openai-chat', join(CORPUS_DIR, `openai-chat-${n}.jsonl`), n, openAiRecord);
  if (otlp > 0) await benchCorpus('otel-genai', join(CORPUS_DIR, `otel-genai-${otlp}.jsonl`), otlp, otlpRecord);
}

try {
  await main();
} catch (error) {
  // Bad flags and failed children: the message alone, and a failing exit status.
  process.stderr.write(`bench:ingest: ${(error as Error).message}\n`);
  process.exitCode = 1;
}
