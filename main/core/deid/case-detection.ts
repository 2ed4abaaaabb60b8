/**
 * One case's detection, as the de-identifier runs it on its own thread and as each pattern worker runs it: every
 * pattern recognizer, the NER model's findings (filtered), the deny-list and the allow-list, combined and extended
 * per field, then propagated within the case. Everything here reads only the case and the term lists, so any
 * thread holding the same recognizers and lists gives the same spans.
 */
import type { RawText } from '../text.js';
import { extendBoundaries } from './boundaries.js';
import { filterNerFindings } from './ner-filter.js';
import { propagateWithinCase, type Propagated } from './propagation.js';
import { combineFindings } from './spans.js';
import { applyAllowList, denyListRecognizer, EMPTY_TERM_LISTS, type TermLists } from './term-lists.js';
import type { Finding, Recognizer } from './types.js';
import { KeptScans, MAX_BATCH_CHARS } from './recognizers/word-scan.js';

/**
 * How many texts, and how many chars (`MAX_BATCH_CHARS`, word-scan.ts, which sizes its kept batch buffers by it),
 * `detectCases` and `recognizerFindingsOf` read together, recognizer by recognizer; each text's word scan is kept
 * meanwhile (about 20 bytes a word), so a long batch is read in pieces.
 */
const BATCH_TEXTS = 128;

/**
 * The texts in pieces as `BATCH_TEXTS` and `MAX_BATCH_CHARS` bound them, each piece whole cases: `[from, to)` ranges
 * of `cases`. A case longer than the bounds is a piece alone.
 */
function batchesOf(cases: readonly (readonly RawText[])[]): [number, number][] {
  const batches: [number, number][] = [];
  let from = 0;
  let texts = 0;
  let chars = 0;
  for (let i = 0; i < cases.length; i++) {
    const fields = cases[i]!;
    let caseChars = 0;
    for (const text of fields) caseChars += text.length;
    if (i > from && (texts + fields.length > BATCH_TEXTS || chars + caseChars > MAX_BATCH_CHARS)) {
      batches.push([from, i]);
      from = i;
      texts = 0;
      chars = 0;
    }
    texts += fields.length;
    chars += caseChars;
  }
  if (from < cases.length) batches.push([from, cases.length]);
  return batches;
}

export class CaseDetector {
  private terms: TermLists = EMPTY_TERM_LISTS;
  private denyList: Recognizer = denyListRecognizer(EMPTY_TERM_LISTS);

  constructor(readonly recognizers: readonly Recognizer[]) {}

  /** The workspace's allow- and deny-lists, applied from the next case on. */
  setTermLists(terms: TermLists): void {
    this.terms = terms;
    this.denyList = denyListRecognizer(terms);
  }

  /** One text's recognizer findings, in the recognizers' order. */
  recognizerFindings(text: RawText): Finding[] {
    const raw: Finding[] = [];
    // Indexed loops: no iterator object per recognizer and text.
    for (let r = 0; r < this.recognizers.length; r++) {
      const found = this.recognizers[r]!.detect(text);
      for (let f = 0; f < found.length; f++) raw.push(found[f]!);
    }
    return raw;
  }

  /**
   * Each text's recognizer findings, as `recognizerFindings` gives them, read recognizer by recognizer over the
   * texts (in pieces, see `batchesOf`) rather than text by text.
   */
  recognizerFindingsOf(texts: readonly RawText[]): Finding[][] {
    const raw: Finding[][] = [];
    for (const [from, to] of batchesOf(texts.map((text) => [text]))) {
      const piece = texts.slice(from, to);
      for (const found of this.findingsByRecognizer(piece, new KeptScans(piece))) raw.push(found);
    }
    return raw;
  }

  /**
   * Every recognizer over all of `texts` before the next one, with each text's kept word scan (`scans`): each
   * recognizer's tables, memos and compiled patterns stay in the CPU's caches across the texts, where text by text
   * the twenty recognizers evicted one another's. Measured on the bench corpus (patterns only, batches of 64 texts):
   * about a sixth less CPU than text by text, the recognizers' findings unchanged.
   */
  private findingsByRecognizer(texts: readonly RawText[], scans: KeptScans): Finding[][] {
    const raw = texts.map((): Finding[] => []);
    for (let r = 0; r < this.recognizers.length; r++) {
      const recognizer = this.recognizers[r]!;
      for (let t = 0; t < texts.length; t++) {
        scans.use(t);
        const found = recognizer.detect(texts[t]!);
        const out = raw[t]!;
        for (let f = 0; f < found.length; f++) out.push(found[f]!);
      }
    }
    return raw;
  }

  /**
   * One text's findings: every recognizer's, the NER model's and the deny-list's, combined and extended. `raw`: the
   * text's recognizer findings, if already found (appended to in place).
   */
  findingsIn(text: RawText, nerFindings: readonly Finding[], raw: Finding[] = this.recognizerFindings(text)): Finding[] {
    // Appended in place: recognizers, then NER, then the deny-list.
    if (nerFindings.length > 0) for (const finding of filterNerFindings(text, nerFindings, raw)) raw.push(finding);
    if (this.terms.deny.length > 0) for (const finding of this.denyList.detect(text)) raw.push(finding);
    // Without an allow-list the findings go on as they are, not copied first (combineFindings copies them anyway).
    const allowed = this.terms.allow.length > 0 ? applyAllowList(text, raw, this.terms) : raw;
    return extendBoundaries(text, combineFindings(allowed));
  }

  /**
   * A case's spans: each field's findings, then an identifier found in one field found wherever it recurs in the
   * case. `ner` and `raw`: per field, the model's findings and the recognizers' findings if already found.
   */
  detectCase(fields: readonly RawText[], ner?: readonly (readonly Finding[])[], raw?: readonly (Finding[] | undefined)[]): Propagated {
    // Each case is propagated right after its fields are read, while the word scan of its last field is still kept.
    const spans: Finding[][] = new Array<Finding[]>(fields.length);
    for (let field = 0; field < fields.length; field++) spans[field] = this.findingsIn(fields[field]!, ner?.[field] ?? [], raw?.[field]);
    return propagateWithinCase(fields, spans);
  }

  /**
   * `detectCase` of each case (without model findings), the recognizers read over many cases at once
   * (`findingsByRecognizer`); each field is then combined and extended, and each case propagated, with the field's
   * word scan kept as `detectCase` has it.
   */
  detectCases(cases: readonly (readonly RawText[])[]): Propagated[] {
    const out: Propagated[] = [];
    for (const [from, to] of batchesOf(cases)) {
      const texts = cases.slice(from, to).flat();
      const scans = new KeptScans(texts);
      const raw = this.findingsByRecognizer(texts, scans);
      let t = 0;
      for (let c = from; c < to; c++) {
        const fields = cases[c]!;
        const spans: Finding[][] = new Array<Finding[]>(fields.length);
        for (let field = 0; field < fields.length; field++, t++) {
          scans.use(t);
          spans[field] = this.findingsIn(fields[field]!, [], raw[t]);
        }
        out.push(propagateWithinCase(fields, spans));
      }
    }
    return out;
  }
}
