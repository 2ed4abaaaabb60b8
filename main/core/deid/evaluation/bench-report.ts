/** The de-identification benchmark's figures, and their rendering as one comparison table with notes. */
import { BENCH_BATCHES_IN_FLIGHT, BENCH_BATCH_SIZE, type CorpusName } from './bench-corpus.js';
import type { SystemMeasurement } from './measure-system.js';

export interface BenchReport {
  machine: { cpus: number; cpuModel: string; memoryBytes: number; node: string };
  /** One-minute load average before and after, because other work on the machine slows every figure. */
  loadAverage: { start: number; end: number };
  runs: number;
  datasets: { name: string; records: number }[];
  corpora: Record<CorpusName, { records: number; bytes: number }> & { copies: number };
  systems: SystemMeasurement[];
}

const KB = 1024;
const MB = 1024 * KB;

const count = (n: number) => Math.round(n).toLocaleString('en-US');
const percent = (x: number) => `${(x * 100).toFixed(1)}%`;
const megabytes = (bytes: number) => `${(bytes / MB).toFixed(2)} MB`;
const rate = (bytesPerSecond: number) =>
  bytesPerSecond >= MB ? `${count(bytesPerSecond / MB)} MB/s` : `${count(bytesPerSecond / KB)} KB/s`;

/** A Markdown table, padded so it also reads as plain text; every column but the first is right-aligned. */
function table(header: string[], rows: string[][]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: string[]) =>
    `| ${cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join(' | ')} |`;
  const rule = `|${widths.map((w, i) => (i === 0 ? `:${'-'.repeat(w + 1)}` : `${'-'.repeat(w + 1)}:`)).join('|')}|`;
  return [line(header), rule, ...rows.map(line)].join('\n');
}

const HEADER = ['system', 'corpus', 'records/s', 'KB/s', 'KB/CPU-s', 'target', 'peak RSS MB', 'data set', 'precision', 'recall', 'F2', 'char recall'];

function systemRows(system: SystemMeasurement): string[][] {
  const { outcome } = system;
  if (outcome.status !== 'measured') return [[system.name, outcome.status, '—', '—', '—', '—', '—', '—', '—', '—', '—', '—']];
  const { throughput } = outcome;
  const target = system.targetBytesPerSecond;
  const verdict = target === undefined ? '' : `≥ ${rate(target)}: ${throughput.bytesPerSecond >= target ? 'met' : 'MISSED'}`;
  return outcome.scores.map((s, i) => [
    i === 0 ? system.name : '',
    i === 0 ? throughput.corpus : '',
    i === 0 ? count(throughput.recordsPerSecond) : '',
    i === 0 ? count(throughput.bytesPerSecond / KB) : '',
    i === 0 ? count(throughput.bytesPerCpuSecond / KB) : '',
    i === 0 ? verdict : '',
    i === 0 ? count(outcome.peakRssBytes / MB) : '',
    s.unaligned > 0 ? `${s.dataset} (${s.unaligned} unaligned)` : s.dataset,
    percent(s.overall.precision),
    percent(s.overall.recall),
    percent(s.overall.f2),
    percent(s.overall.char_recall),
  ]);
}

export function formatBenchReport(report: BenchReport): string {
  const { machine, corpora } = report;
  const measured = report.systems.flatMap((s) => (s.outcome.status === 'measured' ? [{ ...s, outcome: s.outcome }] : []));
  const lines = [
    `De-identification benchmark: ${machine.cpus} CPUs (${machine.cpuModel}), ${(machine.memoryBytes / (1024 * MB)).toFixed(1)} GB RAM, Node ${machine.node}.`,
    `Load average (1 min): ${report.loadAverage.start.toFixed(2)} at start, ${report.loadAverage.end.toFixed(2)} at end; above 0 means other processes shared the CPUs.`,
    `Scored on: ${report.datasets.map((d) => `${d.name} (${count(d.records)} records)`).join(', ')}.`,
    'Throughput corpora (UTF-8 text; 1 KB = 1024 bytes, 1 MB = 1024 KB):',
    `  full    every text of the three data sets in that order, repeated ${corpora.copies}×: ${count(corpora.full.records)} records, ${megabytes(corpora.full.bytes)}`,
    `  prefix  the first ${megabytes(corpora.prefix.bytes)} of full: ${count(corpora.prefix.records)} records`,
    `Each system runs in its own process: one warm-up pass, then the median of ${report.runs} timed pass${report.runs === 1 ? '' : 'es'}, over its`,
    `corpus (full, or prefix for the NER and slow libraries); texts go in batches of ${BENCH_BATCH_SIZE}, ${BENCH_BATCHES_IN_FLIGHT} in flight`,
    '(the next batch is handed over before the one before it comes back, as ingest pipelines its batches).',
    '',
    table(HEADER, report.systems.flatMap(systemRows)),
    '',
  ];
  for (const s of report.systems) {
    if (s.outcome.status !== 'measured') lines.push(`${s.name}: ${s.outcome.status}: ${s.outcome.reason}`);
  }
  lines.push(
    'Precision, recall and F2 are overall (any predicted type may match any gold type) from scoreDeid;',
    'char recall is the share of non-space gold characters covered by a prediction.',
    'KB/CPU-s: the corpus over the median CPU time the measuring process (all its threads, NER workers included) used',
    'in a timed pass; other load on the machine moves it far less than KB/s, which the targets are set in.',
    'Peak RSS: the whole measuring process, worker threads included, sampled every 10 ms during warm-up and timed passes;',
    `it includes Node, the TypeScript loader, the data sets and the sampler thread (${measured.length > 0 ? `${count(Math.min(...measured.map((s) => s.outcome.startRssBytes)) / MB)} MB` : 'n/a'} before a system is loaded).`,
    'How spans were obtained:',
    ...report.systems.map((s) => `  ${s.name}: ${s.spanSource}`),
  );
  const unaligned = measured.flatMap((s) => s.outcome.scores.filter((d) => d.unaligned > 0).map((d) => `${s.name} on ${d.dataset}: ${d.unaligned}`));
  if (unaligned.length > 0) lines.push(`Records whose output could not be aligned with the input, scored as predicting nothing: ${unaligned.join('; ')}.`);
  return lines.join('\n');
}
