/**
 * The compact form findings travel in between the de-identifier and its pattern workers: integers in one
 * Int32Array, scores in one Float64Array and the few strings (detector sources, name parts) in a table, rather
 * than an object per finding for the structured clone to walk.
 *
 * Findings: per text, a count then (start, end, label, source) per finding; scores in the same order.
 * Cases (`Propagated`): per case, an alias count then (label, part, full) per alias, then per field a span count
 * and (start, end, label, source) per span. Labels are indices into PII_LABELS; sources and alias words are
 * indices into `strings`.
 */
import type { Propagated } from './propagation.js';
import { PII_LABELS, type Finding, type PiiLabel } from './types.js';

export interface WireFindings {
  ints: Int32Array<ArrayBuffer>;
  scores: Float64Array<ArrayBuffer>;
  strings: string[];
}

const LABEL_INDEX = new Map<PiiLabel, number>(PII_LABELS.map((label, i) => [label, i]));

class WireWriter {
  private ints = new Int32Array(256);
  private intCount = 0;
  private scores = new Float64Array(64);
  private scoreCount = 0;
  private readonly strings: string[] = [];
  private readonly stringIndex = new Map<string, number>();

  int(value: number): void {
    if (this.intCount === this.ints.length) {
      const bigger = new Int32Array(this.ints.length * 2);
      bigger.set(this.ints);
      this.ints = bigger;
    }
    this.ints[this.intCount++] = value;
  }

  string(value: string): void {
    let index = this.stringIndex.get(value);
    if (index === undefined) {
      index = this.strings.length;
      this.strings.push(value);
      this.stringIndex.set(value, index);
    }
    this.int(index);
  }

  label(label: PiiLabel): void {
    this.int(LABEL_INDEX.get(label) ?? -1);
  }

  finding(finding: Finding): void {
    this.int(finding.start);
    this.int(finding.end);
    this.label(finding.label);
    this.string(finding.source);
    if (this.scoreCount === this.scores.length) {
      const bigger = new Float64Array(this.scores.length * 2);
      bigger.set(this.scores);
      this.scores = bigger;
    }
    this.scores[this.scoreCount++] = finding.score;
  }

  done(): WireFindings {
    return { ints: this.ints.slice(0, this.intCount), scores: this.scores.slice(0, this.scoreCount), strings: this.strings };
  }
}

class WireReader {
  private at = 0;
  private scoreAt = 0;

  constructor(private readonly wire: WireFindings) {}

  int(): number {
    const value = this.wire.ints[this.at++];
    if (value === undefined) throw new Error('Pattern worker message ended early.');
    return value;
  }

  string(): string {
    const value = this.wire.strings[this.int()];
    if (value === undefined) throw new Error('Pattern worker message names a string it does not hold.');
    return value;
  }

  label(): PiiLabel {
    const label = PII_LABELS[this.int()];
    if (label === undefined) throw new Error('Pattern worker message holds an unknown label.');
    return label;
  }

  finding(): Finding {
    const start = this.int();
    const end = this.int();
    const label = this.label();
    const source = this.string();
    const score = this.wire.scores[this.scoreAt++]!;
    return { start, end, label, score, source };
  }

  findings(): Finding[] {
    const count = this.int();
    const out = new Array<Finding>(count);
    for (let i = 0; i < count; i++) out[i] = this.finding();
    return out;
  }

  /** Every int and score read: a message of the expected shape. */
  end(): void {
    if (this.at !== this.wire.ints.length || this.scoreAt !== this.wire.scores.length) throw new Error('Pattern worker message is longer than expected.');
  }
}

/** Each text's findings, e.g. the NER model's for a piece of a batch. */
export function encodeFindings(perText: readonly (readonly Finding[])[]): WireFindings {
  const writer = new WireWriter();
  for (const findings of perText) {
    writer.int(findings.length);
    for (const finding of findings) writer.finding(finding);
  }
  return writer.done();
}

export function decodeFindings(wire: WireFindings, texts: number): Finding[][] {
  const reader = new WireReader(wire);
  const out: Finding[][] = [];
  for (let i = 0; i < texts; i++) out.push(reader.findings());
  reader.end();
  return out;
}

export function encodeCases(cases: readonly Propagated[]): WireFindings {
  const writer = new WireWriter();
  for (const { spans, aliases } of cases) {
    writer.int(aliases.length);
    for (const alias of aliases) {
      writer.label(alias.label);
      writer.string(alias.part);
      writer.string(alias.full);
    }
    for (const field of spans) {
      writer.int(field.length);
      for (const span of field) writer.finding(span);
    }
  }
  return writer.done();
}

/** `fieldCounts`: each case's number of fields, as sent. */
export function decodeCases(wire: WireFindings, fieldCounts: readonly number[]): Propagated[] {
  const reader = new WireReader(wire);
  const out: Propagated[] = [];
  for (const fields of fieldCounts) {
    const aliasCount = reader.int();
    const aliases: Propagated['aliases'] = [];
    for (let a = 0; a < aliasCount; a++) aliases.push({ label: reader.label(), part: reader.string(), full: reader.string() });
    const spans: Finding[][] = [];
    for (let f = 0; f < fields; f++) spans.push(reader.findings());
    out.push({ spans, aliases });
  }
  reader.end();
  return out;
}
