/**
 * The systems the de-identification benchmark compares: Quarry's pattern recognizers alone, Quarry's full
 * pipeline, and the offline PII libraries of library-adapters.ts.
 */
import { LIBRARY_SYSTEMS } from './library-adapters.js';
import type { BenchSystem, BenchSystemId, RunningSystem } from './bench-system.js';

const KB = 1024;
const MB = 1024 * KB;

async function quarrySystem(patternsOnly: boolean): Promise<RunningSystem> {
  const [{ createDeidentifier }, { defaultModelsDir }, { asRaw }] = await Promise.all([
    import('../create-deidentifier.js'),
    import('../ner/detector.js'),
    import('../../text.js'),
  ]);
  const deidentifier = await createDeidentifier({ modelsDir: defaultModelsDir(), patternsOnly });
  // Each text as a one-field case, so the bench times and scores what ingest and eval-deid run, propagation included.
  const detect = async (texts: readonly string[]) =>
    (await deidentifier.detectCases(texts.map((text) => [asRaw(text)]))).map((detected) => detected.spans[0] ?? []);
  return {
    async process(texts) {
      await detect(texts);
    },
    predict: detect,
    close: () => deidentifier.close(),
  };
}

export const BENCH_SYSTEMS: Record<BenchSystemId, BenchSystem> = {
  'quarry-patterns': {
    name: 'Quarry patterns',
    spanSource: 'findings from Deidentifier.detectCases, one case per text (pattern recognizers only)',
    targetBytesPerSecond: 10 * MB,
    corpus: 'full',
    start: () => quarrySystem(true),
  },
  'quarry-full': {
    name: 'Quarry patterns + NER',
    spanSource: 'findings from Deidentifier.detectCases, one case per text (pattern recognizers and the NER model in worker threads)',
    targetBytesPerSecond: 200 * KB,
    corpus: 'prefix',
    async start() {
      try {
        return await quarrySystem(false);
      } catch (error) {
        throw new Error(`NER model not available: ${(error as Error).message}`);
      }
    },
  },
  ...LIBRARY_SYSTEMS,
};
