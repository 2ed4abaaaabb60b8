/** What the de-identification benchmark needs from a system it compares. */
import type { CorpusName } from './bench-corpus.js';
import type { PredictedSpan } from './score.js';

/** Every system the benchmark runs, in table order; the ids name them to the measuring child process. */
export const QUARRY_SYSTEM_IDS = ['quarry-patterns', 'quarry-patterns-workers', 'quarry-full', 'quarry-full-workers'] as const;
export const BENCH_SYSTEM_IDS = [...QUARRY_SYSTEM_IDS, 'redact-pii-light', 'redactpii-node', 'openredaction'] as const;
export type BenchSystemId = (typeof BENCH_SYSTEM_IDS)[number];
export type LibrarySystemId = Exclude<BenchSystemId, (typeof QUARRY_SYSTEM_IDS)[number]>;

export interface BenchSystem {
  readonly name: string;
  /** How the benchmark gets predicted spans from the system, for the report. */
  readonly spanSource: string;
  /** Throughput the system is meant to reach, in bytes per second, if it has a target. */
  readonly targetBytesPerSecond?: number;
  /** The corpus it is timed on: `prefix` for systems too slow to pass over `full` several times. */
  readonly corpus: CorpusName;
  /** Loads the system's code too, so a measuring process holds only the system it measures. */
  start(): Promise<RunningSystem>;
}

export interface RunningSystem {
  /** The system's own work on a batch, as an application would call it; this is what is timed. */
  process(texts: readonly string[]): Promise<void> | void;
  /** Spans for scoring; null for a text whose spans could not be recovered. */
  predict(texts: readonly string[]): Promise<(PredictedSpan[] | null)[]>;
  close(): Promise<void>;
}
