import { Deidentifier } from './deidentifier.js';
import { createNerDetector } from './ner/detector.js';
import { patternRecognizers } from './recognizers/index.js';

/** The NER model Quarry ships; a station may side-load another into the models folder. */
export const DEFAULT_NER_MODEL = 'quarry-ner-0.2.0';

export interface DeidentifierOptions {
  modelsDir: string;
  modelId?: string;
  /** Pattern recognizers only; for measuring them alone. */
  patternsOnly?: boolean;
}

export async function createDeidentifier(options: DeidentifierOptions): Promise<Deidentifier> {
  const ner = options.patternsOnly
    ? null
    : await createNerDetector({ modelsDir: options.modelsDir, modelId: options.modelId ?? DEFAULT_NER_MODEL });
  return new Deidentifier(patternRecognizers(), ner);
}
