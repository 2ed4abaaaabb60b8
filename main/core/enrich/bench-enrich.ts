/**
 * Times enrichment (language + MinHash/LSH clustering) and the sampling preview at scale on a real encrypted
 * workspace database:
 *   npm run -s bench:enrich -- [cases=100000]
 * Synthetic de-identified texts: a tenth are edits of 500 templates (near-duplicates), the rest distinct.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseSamplingPolicy, previewSampling } from '../sampling/index.js';
import { openEncryptedDatabase } from '../store/database.js';
import { enrichCases, enrichPendingCases } from './enrich-cases.js';

const total = Number(process.argv[2] ?? 100_000);
const WORDS = (
  'appointment prescription refill invoice portal password referral vaccine allergy fever rash cough lab result scan ' +
  'insurance claim deductible pharmacy dosage tablet morning evening doctor nurse clinic ward visit cancel move week ' +
  'monday tuesday friday urgent pain headache stomach blood pressure sugar test form letter copy record account'
).split(' ');

function mulberry(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) >>> 0;
    let t = seed;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const random = mulberry(7);
const pick = () => WORDS[Math.floor(random() * WORDS.length)]!;
const sentence = (n: number) => Array.from({ length: n }, pick).join(' ');
const templates = Array.from({ length: 500 }, () => `Hello [PERSON_1], ${sentence(22)}`);

function text(i: number): string {
  if (i % 10 === 0) {
    const words = templates[i % templates.length]!.split(' ');
    words[1 + Math.floor(random() * (words.length - 1))] = pick();
    return words.join(' ');
  }
  return `Hi, ${sentence(10 + Math.floor(random() * 30))} ${i}`;
}

/** Runs `fn`, returning its value with wall-clock and CPU milliseconds. */
function measure<T>(fn: () => T): { value: T; wallMs: number; cpuMs: number; text: string } {
  const cpu = process.cpuUsage();
  const started = performance.now();
  const value = fn();
  const wallMs = performance.now() - started;
  const used = process.cpuUsage(cpu);
  const cpuMs = (used.user + used.system) / 1000;
  return { value, wallMs, cpuMs, text: `${(wallMs / 1000).toFixed(1)} s wall, ${(cpuMs / 1000).toFixed(1)} s CPU` };
}

const dir = mkdtempSync(join(tmpdir(), 'quarry-bench-enrich-'));
const db = openEncryptedDatabase(join(dir, 'bench.db'), randomBytes(32));
try {
  db.prepare("INSERT INTO ingest_runs (id, source_file, format, started_at) VALUES (1, 'bench.jsonl', 'openai-chat', 'now')").run();
  const insertVault = db.prepare("INSERT INTO vault_interactions (id, content_hash, run_id, line, raw_json) VALUES (?, ?, 1, ?, '{}')");
  const insertCase = db.prepare(
    `INSERT INTO cases (id, run_id, line, content_hash, redacted_json, signals_json, slices_json, placeholders_json, ingested_at)
     VALUES (?, 1, ?, ?, ?, ?, '{}', '[]', 'now')`,
  );
  const add = db.transaction((from: number, to: number) => {
    for (let id = from; id <= to; id++) {
      insertVault.run(id, `h${id}`, id);
      const body = { messages: [{ role: 'user', content: text(id) }], response: null, preview: '' };
      insertCase.run(id, id, `h${id}`, JSON.stringify(body), JSON.stringify({ thumbs: id % 17 === 0 ? 'down' : 'up', confidence: (id % 100) / 100 }));
    }
  });
  const backfill = total - 1000;
  add(1, backfill);

  const backfillTime = measure(() => enrichPendingCases(db));
  const done = backfillTime.value;

  add(backfill + 1, total);
  // As ingest does: one call per stored case, inside each batch's transaction of 32.
  const batch = db.transaction((from: number, to: number) => {
    for (let id = from; id <= to; id++) enrichCases(db, [id]);
  });
  const incremental = measure(() => {
    for (let id = backfill + 1; id <= total; id += 32) batch(id, Math.min(total, id + 31));
  });

  const clusters = db.prepare('SELECT count(DISTINCT cluster_id) FROM case_clusters').pluck().get() as number;
  const buckets = db.prepare('SELECT (SELECT count(*) FROM case_lsh_buckets) + (SELECT count(*) FROM case_lsh_recent)').pluck().get() as number;
  const policy = parseSamplingPolicy({
    name: 'bench',
    failureSignals: ['thumbs_down', 'low_confidence'],
    strata: { fields: ['language'], minPerStratum: 5 },
    baseRate: 0.02,
    uncertaintyBoost: 2,
    budget: 5000,
    onePerCluster: true,
  });
  const previewTime = measure(() => previewSampling(db, policy));

  console.log(`cases: ${total} (wall time, then CPU time of this process: the machine may be shared)`);
  console.log(`backfill: ${done.enriched} cases in ${backfillTime.text} (${((backfillTime.cpuMs / done.enriched) * 1000).toFixed(0)} µs CPU/case)`);
  console.log(`incremental (ingest path): 1000 cases in ${incremental.text} (${(incremental.cpuMs / 1000).toFixed(2)} ms CPU/case)`);
  console.log(`clusters: ${clusters} for ${total} cases; LSH bucket rows: ${buckets}`);
  console.log(`preview (one per cluster, language strata): ${previewTime.text}, would pick ${previewTime.value.picked} of ${previewTime.value.candidates}`);
} finally {
  db.close();
  rmSync(dir, { recursive: true, force: true });
}
