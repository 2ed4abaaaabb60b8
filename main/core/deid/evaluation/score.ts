import { canonicalLabel, type GoldSpan, type LabelledRecord } from './labelled-data.js';

export interface PredictedSpan {
  start: number;
  end: number;
  label: string;
}

export interface LabelScore {
  precision: number;
  recall: number;
  f1: number;
  f2: number;
  support: number;
}

export interface DeidScore {
  records: number;
  overall: { precision: number; recall: number; f1: number; f2: number; char_recall: number; leaked_spans: number };
  by_label: Record<string, LabelScore>;
  leaked: { id: string; label: string; start: number; end: number }[];
}

const overlaps = (a: { start: number; end: number }, b: { start: number; end: number }) => a.start < b.end && b.start < a.end;
const ratio = (n: number, d: number) => (d === 0 ? 1 : n / d);
function fBeta(precision: number, recall: number, beta: number): number {
  const b2 = beta * beta;
  return precision + recall === 0 ? 0 : ((1 + b2) * precision * recall) / (b2 * precision + recall);
}

/**
 * Scores predictions against gold spans. A prediction hits when it overlaps a gold span (any type for
 * `overall`, the same type for `by_label`). Gold OTHER spans (professions, sex, nationality) are not
 * identifiers in this scheme: they are not counted as misses, and a prediction that overlaps only OTHER
 * gold is counted neither as a hit nor as a false alarm.
 */
export function scoreDeid(records: readonly LabelledRecord[], predictions: readonly (readonly PredictedSpan[])[]): DeidScore {
  let predicted = 0;
  let predictedHits = 0;
  let gold = 0;
  let goldHits = 0;
  let goldChars = 0;
  let coveredChars = 0;
  const perLabel = new Map<string, { predicted: number; predictedHits: number; gold: number; goldHits: number }>();
  const tally = (label: string) => {
    let entry = perLabel.get(label);
    if (!entry) perLabel.set(label, (entry = { predicted: 0, predictedHits: 0, gold: 0, goldHits: 0 }));
    return entry;
  };
  const leaked: DeidScore['leaked'] = [];

  records.forEach((record, i) => {
    const preds = (predictions[i] ?? []).map((p) => ({ ...p, label: canonicalLabel(p.label) }));
    const identifiers: GoldSpan[] = record.spans.filter((s) => s.label !== 'OTHER');
    const others = record.spans.filter((s) => s.label === 'OTHER');
    for (const p of preds) {
      const hitsAny = identifiers.some((g) => overlaps(p, g));
      if (!hitsAny && others.some((g) => overlaps(p, g))) continue;
      predicted += 1;
      if (hitsAny) predictedHits += 1;
      const byType = tally(p.label);
      byType.predicted += 1;
      if (identifiers.some((g) => g.label === p.label && overlaps(p, g))) byType.predictedHits += 1;
    }
    const covered = new Uint8Array(record.text.length);
    for (const p of preds) covered.fill(1, p.start, p.end);
    for (const g of identifiers) {
      gold += 1;
      const byType = tally(g.label);
      byType.gold += 1;
      if (preds.some((p) => overlaps(p, g))) goldHits += 1;
      else leaked.push({ id: record.id, label: g.label, start: g.start, end: g.end });
      if (preds.some((p) => p.label === g.label && overlaps(p, g))) byType.goldHits += 1;
      for (let c = g.start; c < g.end; c++) {
        if (/\s/.test(record.text[c]!)) continue;
        goldChars += 1;
        coveredChars += covered[c]!;
      }
    }
  });

  const precision = ratio(predictedHits, predicted);
  const recall = ratio(goldHits, gold);
  const by_label: Record<string, LabelScore> = {};
  for (const [label, t] of [...perLabel.entries()].sort(([a], [b]) => a.localeCompare(b))) {
    const p = ratio(t.predictedHits, t.predicted);
    const r = ratio(t.goldHits, t.gold);
    by_label[label] = { precision: p, recall: r, f1: fBeta(p, r, 1), f2: fBeta(p, r, 2), support: t.gold };
  }
  return {
    records: records.length,
    overall: { precision, recall, f1: fBeta(precision, recall, 1), f2: fBeta(precision, recall, 2), char_recall: ratio(coveredChars, goldChars), leaked_spans: leaked.length },
    by_label,
    leaked,
  };
}

export function formatDeidScore(score: DeidScore): string {
  const pct = (x: number) => `${(x * 100).toFixed(1)}%`.padStart(7);
  const o = score.overall;
  const lines = [
    `records ${score.records}   precision ${pct(o.precision)}   recall ${pct(o.recall)}   F1 ${pct(o.f1)}   F2 ${pct(o.f2)}   char recall ${pct(o.char_recall)}   leaked spans ${o.leaked_spans}`,
    '',
    `${'label'.padEnd(14)}${'precision'.padStart(10)}${'recall'.padStart(10)}${'F1'.padStart(10)}${'F2'.padStart(10)}${'support'.padStart(10)}`,
  ];
  for (const [label, s] of Object.entries(score.by_label)) {
    lines.push(`${label.padEnd(14)}${pct(s.precision).padStart(10)}${pct(s.recall).padStart(10)}${pct(s.f1).padStart(10)}${pct(s.f2).padStart(10)}${String(s.support).padStart(10)}`);
  }
  return lines.join('\n');
}
