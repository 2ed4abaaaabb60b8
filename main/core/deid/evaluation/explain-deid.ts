/**
 * Developer script: where the de-identifier loses precision and where characters leak, on public labelled data.
 *
 *   npx tsx main/core/deid/evaluation/explain-deid.ts --data ../shared/datasets/deid/meddocan-dev.jsonl
 *     [--patterns-only] [--ner-cache FILE] [--show fp,fp-final,leaked,partial] [--label PERSON] [--detector pattern:person]
 *     [--limit N]
 *
 * Prints per-detector precision (each detector's own findings, before spans are combined), per-label precision of
 * the combined output, and the gold spans missed outright or only partly covered, with record ids and offsets.
 * `--show` also prints the texts of those spans: this reads public labelled data only and is never part of the app.
 * `--ner-cache FILE` stores the NER model's findings on first use and reads them back afterwards, so that
 * pattern changes can be checked against the full pipeline in seconds (delete the file after a model change).
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { asRaw, type RawText } from '../../text.js';
import { DEFAULT_NER_MODEL } from '../create-deidentifier.js';
import { Deidentifier } from '../deidentifier.js';
import { createNerDetector, defaultModelsDir } from '../ner/detector.js';
import { patternRecognizers } from '../recognizers/index.js';
import type { BatchDetector, Finding } from '../types.js';
import { readLabelledData, type GoldSpan, type LabelledRecord } from './labelled-data.js';
import { scoreDeid, type PredictedSpan } from './score.js';

interface Options {
  data: string;
  patternsOnly: boolean;
  nerCache: string | null;
  show: Set<string>;
  label: string | null;
  detector: string | null;
  limit: number;
  model: string;
}

function options(): Options {
  const { values } = parseArgs({
    options: {
      data: { type: 'string' },
      'patterns-only': { type: 'boolean', default: false },
      'ner-cache': { type: 'string' },
      show: { type: 'string', default: '' },
      label: { type: 'string' },
      detector: { type: 'string' },
      limit: { type: 'string', default: '40' },
      model: { type: 'string', default: DEFAULT_NER_MODEL },
    },
  });
  if (!values.data) throw new Error('--data <file.jsonl> is required');
  const limit = Number(values.limit);
  if (!Number.isInteger(limit) || limit < 0) throw new Error('--limit takes a whole number');
  return {
    data: resolve(values.data),
    patternsOnly: values['patterns-only'],
    nerCache: values['ner-cache'] ? resolve(values['ner-cache']) : null,
    show: new Set(values.show.split(',').filter(Boolean)),
    label: values.label ?? null,
    detector: values.detector ?? null,
    limit,
    model: values.model,
  };
}

/** The NER model's findings for every record, from the cache file when there is one. */
async function nerFindings(opts: Options, texts: readonly RawText[]): Promise<Finding[][] | null> {
  if (opts.patternsOnly) return null;
  if (opts.nerCache && existsSync(opts.nerCache)) {
    const cached = JSON.parse(readFileSync(opts.nerCache, 'utf8')) as { count: number; findings: Finding[][] };
    if (cached.count === texts.length) return cached.findings;
  }
  const ner = await createNerDetector({ modelsDir: defaultModelsDir(), modelId: opts.model });
  try {
    const findings: Finding[][] = [];
    for (let i = 0; i < texts.length; i += 64) findings.push(...(await ner.detectBatch(texts.slice(i, i + 64))));
    if (opts.nerCache) writeFileSync(opts.nerCache, JSON.stringify({ count: texts.length, findings }));
    return findings;
  } finally {
    await ner.close();
  }
}

/** A BatchDetector that replays findings already computed, text by text. */
function replay(name: string, texts: readonly RawText[], findings: readonly Finding[][]): BatchDetector {
  const byText = new Map<string, Finding[]>();
  texts.forEach((text, i) => byText.set(text, findings[i] ?? []));
  return { name, detectBatch: async (batch) => batch.map((text) => byText.get(text) ?? []), close: async () => {} };
}

const overlaps = (a: { start: number; end: number }, b: { start: number; end: number }) => a.start < b.end && b.start < a.end;
const pct = (n: number, d: number) => (d === 0 ? '   -  ' : `${((100 * n) / d).toFixed(1).padStart(5)}%`);
const quote = (text: string) => JSON.stringify(text.length > 90 ? `${text.slice(0, 87)}...` : text);

function context(text: string, start: number, end: number): string {
  const before = text.slice(Math.max(0, start - 30), start).replace(/\s+/g, ' ');
  const after = text.slice(end, end + 30).replace(/\s+/g, ' ');
  return `${before}⟦${text.slice(start, end)}⟧${after}`;
}

/** Tally of one detector's (or label's) findings against gold: hits of any identifier, and of the same label. */
interface Tally {
  predicted: number;
  hitsAny: number;
  hitsSame: number;
}

function tallyFindings(records: readonly LabelledRecord[], findings: readonly (readonly PredictedSpan[])[], key: (p: PredictedSpan) => string) {
  const tallies = new Map<string, Tally>();
  const misses: { key: string; id: string; text: string; span: PredictedSpan; gold: string }[] = [];
  records.forEach((record, i) => {
    const identifiers = record.spans.filter((s) => s.label !== 'OTHER');
    const others = record.spans.filter((s) => s.label === 'OTHER');
    for (const p of findings[i] ?? []) {
      const hits = identifiers.filter((g) => overlaps(p, g));
      if (hits.length === 0 && others.some((g) => overlaps(p, g))) continue;
      const k = key(p);
      let t = tallies.get(k);
      if (!t) tallies.set(k, (t = { predicted: 0, hitsAny: 0, hitsSame: 0 }));
      t.predicted++;
      if (hits.length > 0) t.hitsAny++;
      if (hits.some((g) => g.label === p.label)) t.hitsSame++;
      if (hits.length === 0) misses.push({ key: k, id: record.id, text: record.text, span: p, gold: '' });
    }
  });
  return { tallies, misses };
}

function printTallies(title: string, tallies: Map<string, Tally>): void {
  console.log(`\n${title}`);
  console.log(`${'detector / label'.padEnd(44)}${'found'.padStart(7)}${'false'.padStart(7)}  ${'precision'.padStart(9)}  ${'same-label'.padStart(10)}`);
  for (const [key, t] of [...tallies.entries()].sort(([, a], [, b]) => b.predicted - b.hitsAny - (a.predicted - a.hitsAny))) {
    console.log(`${key.padEnd(44)}${String(t.predicted).padStart(7)}${String(t.predicted - t.hitsAny).padStart(7)}  ${pct(t.hitsAny, t.predicted).padStart(9)}  ${pct(t.hitsSame, t.predicted).padStart(10)}`);
  }
}

/** Gold spans with their uncovered characters (whitespace aside), and whether any prediction touched them. */
function coverage(records: readonly LabelledRecord[], predictions: readonly (readonly PredictedSpan[])[]) {
  const rows: { id: string; text: string; gold: GoldSpan; missing: number; chars: number; touched: boolean; covered: Uint8Array }[] = [];
  records.forEach((record, i) => {
    const covered = new Uint8Array(record.text.length);
    for (const p of predictions[i] ?? []) covered.fill(1, p.start, p.end);
    for (const gold of record.spans) {
      if (gold.label === 'OTHER') continue;
      let chars = 0;
      let missing = 0;
      for (let c = gold.start; c < gold.end; c++) {
        if (/\s/.test(record.text[c]!)) continue;
        chars++;
        if (!covered[c]) missing++;
      }
      rows.push({ id: record.id, text: record.text, gold, missing, chars, touched: missing < chars, covered });
    }
  });
  return rows;
}

/** The gold text with its uncovered characters in brackets: "Calle Mayor 5, [3º B]". */
function markUncovered(text: string, gold: GoldSpan, covered: Uint8Array): string {
  let out = '';
  let open = false;
  for (let c = gold.start; c < gold.end; c++) {
    const miss = !covered[c] && !/\s/.test(text[c]!);
    if (miss && !open) {
      out += '[';
      open = true;
    }
    if (!miss && open && !/\s/.test(text[c]!)) {
      out += ']';
      open = false;
    }
    out += text[c];
  }
  return open ? `${out}]` : out;
}

async function main(): Promise<void> {
  const opts = options();
  const records = readLabelledData(opts.data);
  const texts = records.map((r) => asRaw(r.text));
  const recognizers = patternRecognizers();
  const ner = await nerFindings(opts, texts);

  // Each detector's own findings, before any combination.
  const perDetector: PredictedSpan[][] = texts.map((text, i) => [
    ...recognizers.flatMap((r) => r.detect(text).map((f) => ({ ...f, source: r.name }))),
    ...(ner?.[i] ?? []).map((f) => ({ ...f, source: 'ner' })),
  ]);
  const raw = tallyFindings(records, perDetector, (p) => `${(p as Finding).source} ${p.label}`);
  printTallies('Each detector alone (before combination): false = overlaps no gold identifier', raw.tallies);

  const deidentifier = new Deidentifier(recognizers, ner ? replay('ner', texts, ner) : null);
  const detected = await deidentifier.detectCases(texts.map((t) => [t]));
  const final = detected.map((d) => d.spans[0] ?? []);
  const combined = tallyFindings(records, final, (p) => `${p.label} ← ${(p as Finding).source}`);
  printTallies('Combined output, by label and contributing detectors', combined.tallies);

  const score = scoreDeid(records, final);
  const o = score.overall;
  console.log(`\noverall  P ${pct(o.precision, 1)}  R ${pct(o.recall, 1)}  F2 ${pct(o.f2, 1)}  char ${pct(o.char_recall, 1)}  leaked ${o.leaked_spans}`);
  for (const [label, s] of Object.entries(score.by_label)) {
    console.log(`  ${label.padEnd(14)} P ${pct(s.precision, 1)}  R ${pct(s.recall, 1)}  support ${s.support}`);
  }

  const rows = coverage(records, final);
  const byLabel = new Map<string, { spans: number; chars: number; leakedSpans: number; leakedChars: number; partialSpans: number; partialChars: number }>();
  for (const row of rows) {
    let t = byLabel.get(row.gold.label);
    if (!t) byLabel.set(row.gold.label, (t = { spans: 0, chars: 0, leakedSpans: 0, leakedChars: 0, partialSpans: 0, partialChars: 0 }));
    t.spans++;
    t.chars += row.chars;
    if (!row.touched) {
      t.leakedSpans++;
      t.leakedChars += row.missing;
    } else if (row.missing > 0) {
      t.partialSpans++;
      t.partialChars += row.missing;
    }
  }
  console.log('\nUncovered characters by gold label (whitespace not counted)');
  console.log(`${'label'.padEnd(14)}${'spans'.padStart(7)}${'chars'.padStart(8)}${'missed'.padStart(8)}${'chars'.padStart(8)}${'partial'.padStart(9)}${'chars'.padStart(8)}`);
  for (const [label, t] of [...byLabel.entries()].sort(([a], [b]) => a.localeCompare(b))) {
    console.log(`${label.padEnd(14)}${String(t.spans).padStart(7)}${String(t.chars).padStart(8)}${String(t.leakedSpans).padStart(8)}${String(t.leakedChars).padStart(8)}${String(t.partialSpans).padStart(9)}${String(t.partialChars).padStart(8)}`);
  }

  const wantLabel = (label: string) => !opts.label || opts.label === label;
  if (opts.show.has('leaked') || opts.show.has('partial')) {
    for (const kind of ['leaked', 'partial'] as const) {
      if (!opts.show.has(kind)) continue;
      const chosen = rows.filter((r) => wantLabel(r.gold.label) && (kind === 'leaked' ? !r.touched : r.touched && r.missing > 0));
      console.log(`\n${kind === 'leaked' ? 'Missed' : 'Partly covered'} gold spans${opts.label ? ` (${opts.label})` : ''}: ${chosen.length}`);
      for (const r of chosen.slice(0, opts.limit)) {
        const shown = kind === 'leaked' ? context(r.text, r.gold.start, r.gold.end) : markUncovered(r.text, r.gold, r.covered);
        console.log(`  ${r.id} ${r.gold.label} ${r.gold.start}-${r.gold.end}  ${quote(shown)}`);
      }
    }
  }
  if (opts.show.has('fp-final')) {
    const chosen = combined.misses.filter((m) => wantLabel(m.span.label) && (!opts.detector || m.key.includes(opts.detector)));
    console.log(`\nFalse findings in the combined output: ${chosen.length}`);
    for (const m of chosen.slice(0, opts.limit)) {
      console.log(`  ${m.key.padEnd(28)} ${m.id} ${m.span.start}-${m.span.end}  ${quote(context(m.text, m.span.start, m.span.end))}`);
    }
  }
  if (opts.show.has('fp')) {
    const chosen = raw.misses.filter((m) => wantLabel(m.span.label) && (!opts.detector || m.key.startsWith(opts.detector)));
    console.log(`\nFalse findings by detector${opts.detector ? ` (${opts.detector})` : ''}${opts.label ? ` (${opts.label})` : ''}: ${chosen.length}`);
    for (const m of chosen.slice(0, opts.limit)) {
      console.log(`  ${m.key.padEnd(28)} ${m.id} ${m.span.start}-${m.span.end}  ${quote(context(m.text, m.span.start, m.span.end))}`);
    }
  }
}

await main();
