/**
 * `npm run bench:ingest [-- --mb 200 --otlp-mb 50]`: ingest throughput and peak memory on a fixed synthetic
 * corpus. Generates (once, cached under /tmp/quarry-bench-ingest) an OpenAI-chat JSONL file and an OTLP/JSON
 * GenAI trace file of the given sizes from a seeded generator, then ingests each in a child process into a fresh
 * encrypted workspace with patterns-only de-identification (so it measures ingest, not the NER model), and prints
 * MB/s, records/s and the child's peak RSS (from /usr/bin/time -v when installed). Run it on an otherwise idle
 * machine for comparable figures.
 */
import { spawnSync } from 'node:child_process';
import { createWriteStream, existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { once } from 'node:events';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { createDeidentifier } from '../deid/create-deidentifier.js';
import { defaultModelsDir } from '../deid/ner/detector.js';
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

async function writeCorpus(file: string, megabytes: number, line: (rand: () => number, i: number) => string): Promise<void> {
  if (existsSync(file) && statSync(file).size >= megabytes * 1e6) return;
  const out = createWriteStream(file);
  const rand = random(SEED);
  let written = 0;
  for (let i = 0; written < megabytes * 1e6; i += 1) {
    const text = `${line(rand, i)}\n`;
    written += Buffer.byteLength(text);
    if (!out.write(text)) await once(out, 'drain');
  }
  out.end();
  await once(out, 'finish');
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

interface ChildResult {
  file: string;
  megabytes: number;
  seconds: number;
  records: number;
  ingested: number;
  quarantined: number;
  maxRssMb: number;
}

/** The measured part, in its own process so peak RSS is the ingest's alone. */
async function child(file: string): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'quarry-bench-ws-'));
  const { workspace } = openOrCreateWorkspace(dir, 'bench passphrase');
  const deidentifier = await createDeidentifier({ modelsDir: defaultModelsDir(), patternsOnly: true });
  const started = performance.now();
  const summary = await ingestLogFile(workspace.db, deidentifier, file);
  const seconds = (performance.now() - started) / 1000;
  await deidentifier.close();
  workspace.close();
  rmSync(dir, { recursive: true, force: true });
  const result: ChildResult = {
    file,
    megabytes: statSync(file).size / 1e6,
    seconds,
    records: summary.records,
    ingested: summary.ingested,
    quarantined: summary.quarantined,
    // Linux reports maxRSS in KB.
    maxRssMb: process.resourceUsage().maxRSS / 1024,
  };
  process.stdout.write(`${JSON.stringify(result)}\n`);
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: { mb: { type: 'string', default: '200' }, 'otlp-mb': { type: 'string', default: '50' }, child: { type: 'string' } },
  });
  if (values.child) return child(values.child);
  const chatMb = Number(values.mb);
  const otlpMb = Number(values['otlp-mb']);
  const runs: [string, number, (rand: () => number, i: number) => string][] = [
    [join(CORPUS_DIR, `openai-chat-${chatMb}mb.jsonl`), chatMb, openAiRecord],
    [join(CORPUS_DIR, `otel-genai-${otlpMb}mb.jsonl`), otlpMb, otlpRecord],
  ];
  await import('node:fs/promises').then((fs) => fs.mkdir(CORPUS_DIR, { recursive: true }));
  console.log('corpus                          size MB   records  ingested   seconds    MB/s   records/s   peak RSS MB');
  for (const [file, megabytes, line] of runs) {
    if (!(megabytes > 0)) continue;
    await writeCorpus(file, megabytes, line);
    // Under GNU time -v where it is installed, whose "Maximum resident set size" is the figure reported.
    const command = [process.execPath, '--import', 'tsx', import.meta.filename, '--child', file];
    const timed = existsSync(TIME);
    const run = spawnSync(timed ? TIME : command[0]!, timed ? ['-v', ...command] : command.slice(1), { encoding: 'utf8', maxBuffer: 1 << 20 });
    if (run.status !== 0) throw new Error(`bench child failed: ${run.stderr}`);
    const r = JSON.parse(run.stdout.trim().split('\n').at(-1)!) as ChildResult;
    const timeRss = /Maximum resident set size \(kbytes\): (\d+)/.exec(run.stderr)?.[1];
    if (timeRss) r.maxRssMb = Number(timeRss) / 1024;
    console.log(
      [
        file.split('/').at(-1)!.padEnd(30),
        r.megabytes.toFixed(1).padStart(9),
        String(r.records).padStart(9),
        String(r.ingested).padStart(9),
        r.seconds.toFixed(1).padStart(9),
        (r.megabytes / r.seconds).toFixed(2).padStart(7),
        (r.records / r.seconds).toFixed(0).padStart(11),
        r.maxRssMb.toFixed(0).padStart(13),
      ].join(' '),
    );
  }
}

await main();
