/**
 * `npm run bench:deid`: times and scores Quarry's de-identification against offline PII libraries on fixed
 * data, and prints one comparison table. Each system is measured in a child process (measure-system.ts).
 *
 *   --data-dir <dir>   the data sets folder (default: ../shared/datasets/deid beside the repo)
 *   --runs <n>         timed passes per system, after one warm-up (default 3)
 *   --systems <ids>    comma-separated subset of the systems
 *   --json --out <f>   also write the figures as JSON to <f>
 */
import { fork } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { cpus, loadavg, totalmem } from 'node:os';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { QuarryError } from '../../errors.js';
import { log } from '../../logging/index.js';
import { benchCorpora, loadBenchDatasets } from './bench-corpus.js';
import { formatBenchReport, type BenchReport } from './bench-report.js';
import { BENCH_SYSTEM_IDS, type BenchSystemId } from './bench-system.js';
import type { SystemMeasurement } from './measure-system.js';

const REPO_ROOT = fileURLToPath(new URL('../../../../', import.meta.url));
const MEASURE_SYSTEM = fileURLToPath(new URL('./measure-system.ts', import.meta.url));

interface BenchOptions {
  dataDir: string;
  runs: number;
  systems: BenchSystemId[];
  jsonOut: string | null;
}

function benchOptions(): BenchOptions {
  const { values } = parseArgs({
    options: {
      'data-dir': { type: 'string', default: resolve(REPO_ROOT, '../shared/datasets/deid') },
      runs: { type: 'string', default: '3' },
      systems: { type: 'string', default: BENCH_SYSTEM_IDS.join(',') },
      json: { type: 'boolean', default: false },
      out: { type: 'string' },
    },
  });
  const runs = Number(values.runs);
  if (!Number.isInteger(runs) || runs < 1) throw new QuarryError('bench-usage', '--runs takes a whole number of at least 1.');
  const systems = values.systems.split(',').map((id) => {
    const known = BENCH_SYSTEM_IDS.find((k) => k === id.trim());
    if (!known) throw new QuarryError('bench-usage', `Unknown system "${id}" in --systems; known: ${BENCH_SYSTEM_IDS.join(', ')}.`);
    return known;
  });
  if (values.json && !values.out) throw new QuarryError('bench-usage', '--json needs --out <file> to write the figures to.');
  return { dataDir: resolve(values['data-dir']), runs, systems, jsonOut: values.json ? resolve(values.out!) : null };
}

function measureInChild(id: BenchSystemId, dataDir: string, runs: number): Promise<SystemMeasurement> {
  return new Promise((settle) => {
    // The child inherits this process's flags, and with them the TypeScript loader.
    const child = fork(MEASURE_SYSTEM, ['--system', id, '--data-dir', dataDir, '--runs', String(runs)]);
    let measurement: SystemMeasurement | null = null;
    const failed = (reason: string): SystemMeasurement => ({ id, name: id, spanSource: 'n/a', outcome: { status: 'failed', reason } });
    child.on('message', (message: SystemMeasurement) => (measurement = message));
    child.on('error', (error) => settle(failed(error.message)));
    child.on('exit', (code, signal) => settle(measurement ?? failed(`the measuring process ended (${signal ?? `exit code ${code}`}) without a result`)));
  });
}

async function bench(options: BenchOptions): Promise<BenchReport> {
  const datasets = loadBenchDatasets(options.dataDir);
  const corpora = benchCorpora(datasets);
  const loadAtStart = loadavg()[0]!;
  const systems: SystemMeasurement[] = [];
  for (const id of options.systems) {
    log.warn(`bench:deid: measuring ${id} …`);
    systems.push(await measureInChild(id, options.dataDir, options.runs));
  }
  const cpuList = cpus();
  return {
    machine: { cpus: cpuList.length, cpuModel: cpuList[0]?.model.trim() ?? 'unknown', memoryBytes: totalmem(), node: process.version },
    loadAverage: { start: loadAtStart, end: loadavg()[0]! },
    runs: options.runs,
    datasets: datasets.map((d) => ({ name: d.name, records: d.records.length })),
    corpora: {
      copies: corpora.full.texts.length / datasets.reduce((sum, d) => sum + d.records.length, 0),
      full: { records: corpora.full.texts.length, bytes: corpora.full.bytes },
      prefix: { records: corpora.prefix.texts.length, bytes: corpora.prefix.bytes },
    },
    systems,
  };
}

try {
  const options = benchOptions();
  const report = await bench(options);
  console.log(formatBenchReport(report));
  if (options.jsonOut) {
    writeFileSync(options.jsonOut, `${JSON.stringify(report, null, 2)}\n`);
    log.warn(`bench:deid: figures written to ${options.jsonOut}`);
  }
} catch (error) {
  if (!(error instanceof QuarryError || (error as { code?: string }).code?.startsWith('ERR_PARSE_ARGS'))) throw error;
  log.error(`bench:deid: ${(error as Error).message}`);
  process.exitCode = 2;
}
