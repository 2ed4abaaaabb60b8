/**
 * Measures the shipped NER model through the Node path the app uses (manifest check, worker thread,
 * transformers.js, alignment, windowing), on the held-out sets, and reports throughput.
 *
 *   node --import tsx models/training/eval_node.ts [modelId] [poolSize]
 *
 * modelId defaults to quarry-ner-0.2.0; pass quarry-ner-0.1.0 to re-measure the previous model.
 * QUARRY_MODELS_DIR names another folder of model folders (for candidates not yet under models/).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createNerDetector, defaultModelsDir } from '../../main/core/deid/ner/detector.js';
import type { Finding } from '../../main/core/deid/types.js';
import { asRaw } from '../../main/core/text.js';

interface GoldRecord {
  text: string;
  spans: { start: number; end: number; label: string }[];
}

const DATA = process.env.QUARRY_DEID_DATA ?? '/work/shared/datasets/deid';
const LABELS = ['PERSON', 'LOCATION', 'ORGANIZATION'] as const;
const BATCH = 32;

function read(name: string): GoldRecord[] {
  return readFileSync(join(DATA, `${name}.jsonl`), 'utf8')
    .split('\n')
    .filter((line) => line.trim())
    .map((line) => JSON.parse(line) as GoldRecord);
}

const overlaps = (a: { start: number; end: number }, b: { start: number; end: number }): boolean =>
  a.start < b.end && b.start < a.end;

function score(records: readonly GoldRecord[], predictions: readonly Finding[][]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const label of LABELS) {
    let hitPredicted = 0;
    let predicted = 0;
    let hitGold = 0;
    let gold = 0;
    records.forEach((record, i) => {
      const g = record.spans.filter((s) => s.label === label);
      const p = (predictions[i] ?? []).filter((s) => s.label === label);
      predicted += p.length;
      gold += g.length;
      hitPredicted += p.filter((s) => g.some((t) => overlaps(s, t))).length;
      hitGold += g.filter((t) => p.some((s) => overlaps(s, t))).length;
    });
    const precision = predicted ? hitPredicted / predicted : 0;
    const recall = gold ? hitGold / gold : 0;
    out[label] = { precision: +precision.toFixed(3), recall: +recall.toFixed(3), gold, predicted };
  }
  return out;
}

async function run(): Promise<void> {
  const modelId = process.argv[2] ?? 'quarry-ner-0.2.0';
  const poolSize = Number(process.argv[3] ?? 1);
  const detector = await createNerDetector({ modelsDir: process.env.QUARRY_MODELS_DIR ?? defaultModelsDir(), modelId, poolSize });
  try {
    for (const name of ['wnut17-dev', 'meddocan-dev', 'presidio-holdout']) {
      // presidio-holdout: the fifth of presidio-synth-v2 that train_ner.py holds out (index multiple of 5).
      const records =
        name === 'presidio-holdout' ? read('presidio-synth-v2').filter((_, i) => i % 5 === 0) : read(name);
      const started = performance.now();
      const predictions: Finding[][] = [];
      for (let i = 0; i < records.length; i += BATCH) {
        predictions.push(...(await detector.detectBatch(records.slice(i, i + BATCH).map((r) => asRaw(r.text)))));
      }
      const seconds = (performance.now() - started) / 1000;
      const kb = records.reduce((n, r) => n + Buffer.byteLength(r.text), 0) / 1024;
      console.log(
        JSON.stringify({
          set: name,
          texts: records.length,
          seconds: +seconds.toFixed(2),
          textsPerSecond: +(records.length / seconds).toFixed(1),
          kbPerSecond: +(kb / seconds).toFixed(1),
          scores: score(records, predictions),
        }),
      );
    }
  } finally {
    await detector.close();
  }
}

await run();
