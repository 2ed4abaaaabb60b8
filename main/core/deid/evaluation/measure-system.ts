/**
 * Measures one benchmark system: throughput on the fixed corpus, peak memory, and scores on each data set.
 * bench-deid.ts runs it in a child process per system, so one system's heap, worker threads and loaded code
 * never count towards another's memory.
 */
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { BENCH_BATCHES_IN_FLIGHT, BENCH_BATCH_SIZE, benchCorpora, loadBenchDatasets, type BenchDataset, type Corpus, type CorpusName } from './bench-corpus.js';
import { BENCH_SYSTEM_IDS, type BenchSystemId, type RunningSystem } from './bench-system.js';
import { BENCH_SYSTEMS } from './bench-systems.js';
import { armNetworkTripwire } from './network-tripwire.js';
import { startPeakRssSampler, type PeakRssSampler } from './peak-rss.js';
import { scoreDeid, type DeidScore, type LabelScore, type PredictedSpan } from './score.js';

export interface Throughput {
  corpus: CorpusName;
  records: number;
  bytes: number;
  runSeconds: number[];
  medianSeconds: number;
  recordsPerSecond: number;
  bytesPerSecond: number;
  /** CPU time this process (all its threads, NER workers included) used in each timed pass. */
  runCpuSeconds: number[];
  /** Bytes per CPU second, over the median of the passes' CPU times: the cost, which other load moves far less than the rate. */
  bytesPerCpuSecond: number;
}

export interface DatasetScore {
  dataset: string;
  records: number;
  /** Records whose spans could not be recovered from the output; scored as predicting nothing. */
  unaligned: number;
  overall: DeidScore['overall'];
  by_label: Record<string, LabelScore>;
}

export interface SystemMeasurement {
  id: BenchSystemId;
  name: string;
  spanSource: string;
  targetBytesPerSecond?: number;
  outcome: SystemOutcome;
}

export type SystemOutcome =
  | { status: 'measured'; throughput: Throughput; startRssBytes: number; peakRssBytes: number; scores: DatasetScore[] }
  | { status: 'unavailable' | 'excluded' | 'failed'; reason: string };

/**
 * Runs `run` over the texts in batches of BENCH_BATCH_SIZE, up to `most` of them at once (one: each after the one
 * before has settled, in order); settles when all have.
 */
export async function inBatches(texts: readonly string[], run: (batch: readonly string[]) => Promise<void> | void, most = 1): Promise<void> {
  const inFlight: Promise<void>[] = [];
  for (let i = 0; i < texts.length; i += BENCH_BATCH_SIZE) {
    const batch = texts.slice(i, i + BENCH_BATCH_SIZE);
    const done = Promise.resolve().then(() => run(batch));
    // Awaited in turn below; should an earlier one fail first, this one's failure is not unhandled.
    done.catch(() => undefined);
    inFlight.push(done);
    if (inFlight.length >= most) await inFlight.shift();
  }
  await Promise.all(inFlight);
}

async function timePass(system: RunningSystem, corpus: Corpus): Promise<{ seconds: number; cpuSeconds: number }> {
  const started = performance.now();
  const cpuAtStart = process.cpuUsage();
  await inBatches(corpus.texts, (batch) => system.process(batch), BENCH_BATCHES_IN_FLIGHT);
  const cpu = process.cpuUsage(cpuAtStart);
  return { seconds: (performance.now() - started) / 1000, cpuSeconds: (cpu.user + cpu.system) / 1e6 };
}

const median = (values: readonly number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
};

async function measureThroughput(system: RunningSystem, corpus: CorpusName, datasets: readonly BenchDataset[], runs: number): Promise<Throughput> {
  const corpora = benchCorpora(datasets);
  // Warm-up: JIT-compiled regexes and code, a loaded model, and settled worker threads before the clock runs. Over
  // the timed corpus itself: after a pass over the prefix alone, the first full pass still took 1.6 times the CPU of
  // the next ones (over twice, with pattern workers, and their second pass was still warming), as the prefix holds
  // none of the social-media texts and each worker thread warms up on its own half.
  await timePass(system, corpora[corpus]);
  const runSeconds: number[] = [];
  const runCpuSeconds: number[] = [];
  for (let i = 0; i < runs; i++) {
    const pass = await timePass(system, corpora[corpus]);
    runSeconds.push(pass.seconds);
    runCpuSeconds.push(pass.cpuSeconds);
  }
  const medianSeconds = median(runSeconds);
  const { texts, bytes } = corpora[corpus];
  return {
    corpus,
    records: texts.length,
    bytes,
    runSeconds,
    medianSeconds,
    recordsPerSecond: texts.length / medianSeconds,
    bytesPerSecond: bytes / medianSeconds,
    runCpuSeconds,
    bytesPerCpuSecond: bytes / median(runCpuSeconds),
  };
}

async function scoreDataset(system: RunningSystem, dataset: BenchDataset): Promise<DatasetScore> {
  const predictions: (PredictedSpan[] | null)[] = [];
  await inBatches(
    dataset.records.map((r) => r.text),
    async (batch) => void predictions.push(...(await system.predict(batch))),
  );
  const score = scoreDeid(dataset.records, predictions.map((p) => p ?? []));
  return {
    dataset: dataset.name,
    records: dataset.records.length,
    unaligned: predictions.filter((p) => p === null).length,
    overall: score.overall,
    by_label: score.by_label,
  };
}

/** Times and scores a started system; the sampler's peak is taken once the timed passes end. */
async function measureStarted(
  system: RunningSystem,
  corpus: CorpusName,
  datasets: readonly BenchDataset[],
  runs: number,
  sampler: PeakRssSampler,
  startRssBytes: number,
): Promise<SystemOutcome> {
  try {
    const throughput = await measureThroughput(system, corpus, datasets, runs);
    // Scoring afterwards is the benchmark's bookkeeping, not the system's working memory.
    const peakRssBytes = await sampler.stop();
    const scores: DatasetScore[] = [];
    for (const dataset of datasets) scores.push(await scoreDataset(system, dataset));
    return { status: 'measured', throughput, startRssBytes, peakRssBytes, scores };
  } catch (error) {
    return { status: 'failed', reason: (error as Error).message };
  } finally {
    await system.close();
  }
}

export async function measureSystem(id: BenchSystemId, dataDir: string, runs: number): Promise<SystemMeasurement> {
  const datasets = loadBenchDatasets(dataDir);
  const system = BENCH_SYSTEMS[id];
  const { name, spanSource, targetBytesPerSecond, corpus } = system;
  // Armed before start(), which loads the system's code: a library may call out as it loads.
  const tripwire = armNetworkTripwire();
  const sampler = startPeakRssSampler();
  const startRssBytes = process.memoryUsage.rss();
  let outcome: SystemOutcome;
  try {
    outcome = await measureStarted(await system.start(), corpus, datasets, runs, sampler, startRssBytes);
  } catch (error) {
    outcome = { status: 'unavailable', reason: (error as Error).message };
  }
  await sampler.stop();
  // A blocked attempt may have been swallowed by the library, so the tripwire has the last word.
  if (tripwire.attempts.length > 0) {
    outcome = { status: 'excluded', reason: `tried to reach the network: ${tripwire.attempts.slice(0, 3).join('; ')}` };
  }
  return { id, name, spanSource, targetBytesPerSecond, outcome };
}

// Forked by bench-deid.ts: measure the system named on the command line and send the outcome back.
if (process.send && process.argv[1] === fileURLToPath(import.meta.url)) {
  const { values } = parseArgs({ options: { system: { type: 'string' }, 'data-dir': { type: 'string' }, runs: { type: 'string' } } });
  const id = BENCH_SYSTEM_IDS.find((known) => known === values.system);
  if (!id) throw new Error(`Unknown benchmark system "${values.system}"; known: ${BENCH_SYSTEM_IDS.join(', ')}.`);
  const measurement = await measureSystem(id, values['data-dir']!, Number(values.runs));
  process.send(measurement, () => process.disconnect());
}
