/**
 * The systems the de-identification benchmark compares: Quarry's pattern recognizers alone, Quarry's full
 * pipeline, and the offline PII libraries of library-adapters.ts.
 */
import { LIBRARY_SYSTEMS } from './library-adapters.js';
import type { BenchSystem, BenchSystemId, RunningSystem } from './bench-system.js';

const KB = 1024;
const MB = 1024 * KB;
/** Pattern worker threads of the `-workers` rows: one per core of the 2-core stations Quarry is sized for. */
const BENCH_PATTERN_WORKERS = 2;

async function quarrySystem(patternsOnly: boolean, patternWorkers = 0): Promise<RunningSystem> {
  const [{ createDeidentifier }, { defaultModelsDir }, { asRaw }] = await Promise.all([
    import('../create-deidentifier.js'),
    import('../ner/detector.js'),
    import('../../text.js'),
  ]);
  const deidentifier = await createDeidentifier({ modelsDir: defaultModelsDir(), patternsOnly, patternWorkers });
  // Each text as a one-field case, so the bench times and scores what ingest and eval-deid run, propagation included.
  const detect = async (texts: readonly string[]) =>
    (await deidentifier.detectCases(texts.map((text) => [asRaw(text)]))).map((detected) => detected.spans[0] ?? []);
  return {
    async process(texts) {
      // The NER detector keeps the findings of texts it has read (ner/detector.ts FindingsMemo), and the corpus
      // repeats its texts: each batch is read anew, so the figures are those of text never seen before.
      deidentifier.forget();
      await detect(texts);
    },
    predict: detect,
    close: () => deidentifier.close(),
  };
}

async function fullSystem(patternWorkers: number): Promise<RunningSystem> {
  try {
    return await quarrySystem(false, patternWorkers);
  } catch (error) {
    const message = (error as Error).message;
    // A pattern worker's failure names itself; any other is the model's.
    throw new Error(message.startsWith('A pattern worker') ? message : `NER model not available: ${message}`);
  }
}

export const BENCH_SYSTEMS: Record<BenchSystemId, BenchSystem> = {
  'quarry-patterns': {
    name: 'Quarry patterns',
    spanSource: 'findings from Deidentifier.detectCases, one case per text (pattern recognizers only)',
    targetBytesPerSecond: 10 * MB,
    corpus: 'full',
    start: () => quarrySystem(true),
  },
  'quarry-patterns-workers': {
    name: `Quarry patterns, ${BENCH_PATTERN_WORKERS} workers`,
    spanSource: `as Quarry patterns, with the pattern side of detection in ${BENCH_PATTERN_WORKERS} worker threads (patternWorkers)`,
    targetBytesPerSecond: 10 * MB,
    corpus: 'full',
    start: () => quarrySystem(true, BENCH_PATTERN_WORKERS),
  },
  'quarry-full': {
    name: 'Quarry patterns + NER',
    spanSource: 'findings from Deidentifier.detectCases, one case per text (pattern recognizers and the NER model in worker threads)',
    targetBytesPerSecond: 200 * KB,
    corpus: 'prefix',
    start: () => fullSystem(0),
  },
  'quarry-full-workers': {
    name: `Quarry patterns + NER, ${BENCH_PATTERN_WORKERS} pattern workers`,
    spanSource: `as Quarry patterns + NER, with the pattern side of detection in ${BENCH_PATTERN_WORKERS} worker threads (patternWorkers)`,
    targetBytesPerSecond: 200 * KB,
    corpus: 'prefix',
    start: () => fullSystem(BENCH_PATTERN_WORKERS),
  },
  ...LIBRARY_SYSTEMS,
};
