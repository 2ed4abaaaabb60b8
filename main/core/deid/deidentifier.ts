import { markRedacted, type RawText, type RedactedText } from '../text.js';
import { PlaceholderAllocator } from './operators/placeholder.js';
import { CaseDetector } from './case-detection.js';
import type { PatternPool } from './pattern-pool.js';
import type { Propagated } from './propagation.js';
import type { TermLists } from './term-lists.js';
import type { BatchDetector, Finding, PiiLabel, Recognizer } from './types.js';

/** One replaced span, kept in the vault so the mapping back to the real value never leaves it. */
export interface Replacement {
  field: number;
  start: number;
  end: number;
  label: PiiLabel;
  placeholder: string;
  source: string;
  score: number;
  original: RawText;
}

export interface DeidentifiedCase {
  texts: RedactedText[];
  replacements: Replacement[];
}

/**
 * Runs every detector over every text field of a case, resolves overlaps, and replaces each span with a typed
 * placeholder numbered consistently across the case's fields. This is the only place raw text becomes
 * redacted text.
 */
export class Deidentifier {
  private readonly cases: CaseDetector;

  /** `patterns`: worker threads that detect whole cases; without it the recognizers run on this thread. */
  constructor(
    private readonly recognizers: readonly Recognizer[],
    private readonly ner: BatchDetector | null,
    private readonly patterns: PatternPool | null = null,
  ) {
    this.cases = new CaseDetector(recognizers);
  }

  /** The workspace's allow- and deny-lists, applied from the next call on. */
  setTermLists(terms: TermLists): void {
    this.cases.setTermLists(terms);
    this.patterns?.setTermLists(terms);
  }

  get detectorNames(): string[] {
    return [...this.recognizers.map((r) => r.name), ...(this.ner ? [this.ner.name] : [])];
  }

  /** Finds PII spans in many texts at once, without propagation; NER runs batched, the patterns on this thread. */
  async detect(texts: readonly RawText[]): Promise<Finding[][]> {
    const { nerFindings, raw } = await this.modelAndRecognizers(texts);
    return texts.map((text, i) => this.cases.findingsIn(text, nerFindings[i] ?? [], raw?.[i]));
  }

  /**
   * The model's findings for the texts and, with a model, their recognizer findings: the model runs in its worker
   * threads while the recognizers read the texts on this thread, rather than after it.
   */
  private async modelAndRecognizers(texts: readonly RawText[]): Promise<{ nerFindings: Finding[][]; raw: Finding[][] | undefined }> {
    const modelFindings = this.nerFindings(texts);
    // Should reading the texts throw, the model's answer is not awaited: its failure must not go unhandled.
    modelFindings.catch(() => undefined);
    const raw = this.ner ? this.cases.recognizerFindingsOf(texts) : undefined;
    return { nerFindings: await modelFindings, raw };
  }

  private async nerFindings(texts: readonly RawText[]): Promise<Finding[][]> {
    return this.ner && texts.length > 0 ? await this.ner.detectBatch(texts) : texts.map(() => []);
  }

  /**
   * Finds the spans of a batch of cases, each a list of text fields; an identifier found in one field of a
   * case is also found wherever it recurs in that case.
   */
  async detectCases(cases: readonly (readonly RawText[])[]): Promise<Propagated[]> {
    // With pattern workers the batch goes to the model (if any) and to the workers at once; the workers read the
    // recognizers while the model runs and finish each case when its findings arrive.
    if (this.patterns) return this.patterns.detectCases(cases, this.ner ? this.nerFindings(cases.flat()) : undefined);
    if (this.ner) return this.detectCasesWithNer(cases);
    return this.cases.detectCases(cases);
  }

  /**
   * `detectCases` with the NER stage: the batch goes to the model's worker threads first, and the pattern
   * recognizers read the texts on this thread while the model runs, rather than after it.
   */
  private async detectCasesWithNer(cases: readonly (readonly RawText[])[]): Promise<Propagated[]> {
    const { nerFindings, raw } = await this.modelAndRecognizers(cases.flat());
    let cursor = 0;
    return cases.map((fields) => {
      const from = cursor;
      cursor += fields.length;
      return this.cases.detectCase(fields, nerFindings.slice(from, cursor), raw?.slice(from, cursor));
    });
  }

  /** De-identifies a batch of cases; each case's fields share one placeholder numbering. */
  async deidentifyCases(cases: readonly (readonly RawText[])[]): Promise<DeidentifiedCase[]> {
    const detected = await this.detectCases(cases);
    return cases.map((fields, i) => {
      const { spans: caseSpans, aliases } = detected[i]!;
      const allocator = new PlaceholderAllocator();
      for (const { label, part, full } of aliases) allocator.alias(label, part, full);
      const replacements: Replacement[] = [];
      const texts = fields.map((text, field) => {
        const spans = caseSpans[field] ?? [];
        let out = '';
        let last = 0;
        for (const span of spans) {
          const original = text.slice(span.start, span.end) as RawText;
          const placeholder = allocator.placeholderFor(span.label, original);
          replacements.push({ field, start: span.start, end: span.end, label: span.label, placeholder, source: span.source, score: span.score, original });
          out += text.slice(last, span.start) + placeholder;
          last = span.end;
        }
        return markRedacted(out + text.slice(last));
      });
      return { texts, replacements };
    });
  }

  /** Drops the raw texts a detector keeps between calls (the NER model's findings memo): called when a session ends. */
  forget(): void {
    this.ner?.forget?.();
  }

  async close(): Promise<void> {
    await Promise.all([this.ner?.close(), this.patterns?.close()]);
  }
}
