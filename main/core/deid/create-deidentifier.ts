import { availableParallelism } from 'node:os';
import { Deidentifier } from './deidentifier.js';
import { createNerDetector } from './ner/detector.js';
import { PatternPool } from './pattern-pool.js';
import { patternRecognizers } from './recognizers/index.js';

/** The NER model Quarry ships; a station may side-load another into the models folder. */
export const DEFAULT_NER_MODEL = 'quarry-ner-0.2.0';

/**
 * NER worker threads: one per core (each then runs ONNX Runtime on one thread), at most four. The int8 graph
 * runs one window per pass, and for passes that small one thread per worker measured half the CPU time of one
 * worker with two threads (models/quarry-ner-0.2.0/MODEL_CARD.md).
 */
export const NER_POOL_SIZE = Math.min(4, availableParallelism());

export interface DeidentifierOptions {
  modelsDir: string;
  modelId?: string;
  /** Overrides the model manifest's O-logit shift (its decoding): for measuring other shifts. */
  nerOLogitShift?: number;
  /** Pattern recognizers only; for measuring them alone. */
  patternsOnly?: boolean;
  /**
   * Worker threads that run the pattern side of detection (recognizers, term lists, overlaps, boundaries,
   * propagation) for whole cases; 0 or absent: it runs on the calling thread.
   */
  patternWorkers?: number;
}

export async function createDeidentifier(options: DeidentifierOptions): Promise<Deidentifier> {
  const workers = options.patternWorkers ?? 0;
  if (!Number.isInteger(workers) || workers < 0) {
    throw new Error(`patternWorkers takes a whole number of worker threads, 0 or more (got ${workers}).`);
  }
  const ner = options.patternsOnly
    ? null
    : await createNerDetector({
        modelsDir: options.modelsDir,
        modelId: options.modelId ?? DEFAULT_NER_MODEL,
        poolSize: NER_POOL_SIZE,
        ...(options.nerOLogitShift === undefined ? {} : { oLogitShift: options.nerOLogitShift }),
      });
  let patterns: PatternPool | null = null;
  try {
    patterns = workers > 0 ? await PatternPool.start({ size: workers }) : null;
  } catch (error) {
    await ner?.close();
    throw error;
  }
  return new Deidentifier(patternRecognizers(), ner, patterns);
}
