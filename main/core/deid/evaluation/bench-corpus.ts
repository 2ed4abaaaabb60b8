/**
 * The benchmark's fixed data: three labelled data sets for scoring, and a throughput corpus built from their
 * texts so every system is timed on the same records in the same order.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { QuarryError } from '../../errors.js';
import { readLabelledData, type LabelledRecord } from './labelled-data.js';

const BENCH_DATASETS = ['presidio-synth-v2', 'meddocan-dev', 'wnut17-dev'] as const;

export interface BenchDataset {
  name: string;
  records: LabelledRecord[];
}

export interface Corpus {
  texts: string[];
  bytes: number;
}

export type CorpusName = 'full' | 'prefix';

/**
 * Texts per call, the same calls for every system: about what ingest hands the de-identifier at once (32 cases,
 * each a system prompt, the user's turns and the answer: some 100 to 160 texts; see prepare-cases.ts DEID_CHUNK).
 * The pattern recognizers read a call's texts together, recognizer by recognizer, so larger calls cost less per
 * byte: on the idle 2-core machine, batches of 64 measured 9.0-9.4 MB/s with two pattern workers, 128 measured
 * 10.0-11.0, and the single-thread row 6.4 and 6.9 MB/s.
 */
export const BENCH_BATCH_SIZE = 128;
/**
 * Batches a timed pass keeps in flight: the next batch is handed over before the one before it has come back, as
 * ingest does (it prepares one batch while it stores the one before). A system that works on threads of its own
 * (the pattern workers, the NER model) then does not wait idle between two batches; one that works on the calling
 * thread runs the calls one after another as before. Measured on the idle 2-core machine, the 2-worker pattern row
 * went from 6.9-7.2 to 8.7-9.2 MB/s with two in flight; the single-thread row did not move.
 */
export const BENCH_BATCHES_IN_FLIGHT = 2;

const MiB = 1024 * 1024;
/** Big enough that a pattern pass takes a measurable fraction of a second even at the 10 MB/s target. */
const FULL_CORPUS_MIN_BYTES = 5 * MiB;
/** For the NER stage and slow libraries, which would take minutes over the full corpus. */
const PREFIX_CORPUS_BYTES = 1 * MiB;

export function loadBenchDatasets(dataDir: string): BenchDataset[] {
  const missing = BENCH_DATASETS.map((name) => join(dataDir, `${name}.jsonl`)).filter((file) => !existsSync(file));
  if (missing.length > 0) {
    throw new QuarryError(
      'bench-data-missing',
      `Benchmark data not found: ${missing.join(', ')}. Put the data sets there or pass --data-dir <folder>.`,
    );
  }
  return BENCH_DATASETS.map((name) => ({ name, records: readLabelledData(join(dataDir, `${name}.jsonl`)) }));
}

const utf8Bytes = (text: string) => Buffer.byteLength(text, 'utf8');

/** The data sets' texts in order, repeated whole until the corpus holds at least `minBytes` of UTF-8. */
function repeatedCorpus(datasets: readonly BenchDataset[], minBytes: number): Corpus {
  const once = datasets.flatMap((d) => d.records.map((r) => r.text));
  const onceBytes = once.reduce((sum, text) => sum + utf8Bytes(text), 0);
  const copies = Math.max(1, Math.ceil(minBytes / onceBytes));
  return { texts: Array.from({ length: copies }, () => once).flat(), bytes: onceBytes * copies };
}

/** The corpus's leading records up to the first that reaches `maxBytes`. */
function corpusPrefix(corpus: Corpus, maxBytes: number): Corpus {
  const texts: string[] = [];
  let bytes = 0;
  for (const text of corpus.texts) {
    if (bytes >= maxBytes) break;
    texts.push(text);
    bytes += utf8Bytes(text);
  }
  return { texts, bytes };
}

export function benchCorpora(datasets: readonly BenchDataset[]): Record<CorpusName, Corpus> {
  const full = repeatedCorpus(datasets, FULL_CORPUS_MIN_BYTES);
  return { full, prefix: corpusPrefix(full, PREFIX_CORPUS_BYTES) };
}
