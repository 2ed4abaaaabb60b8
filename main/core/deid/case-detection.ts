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
   * One text's findings: every recognizer's, the NER model's and the deny-list's, combined and extended. `raw`: the
   * text's recognizer findings, if already found (appended to in place).
   */
  findingsIn(text: RawText, nerFindings: readonly Finding[], raw: Finding[] = this.recognizerFindings(text)): Finding[] {
    // Appended in place: recognizers, then NER, then the deny-list.
    if (nerFindings.length > 0) for (const finding of filterNerFindings(text, nerFindings, raw)) raw.push(finding);
    if (this.terms.deny.length > 0) for (const finding of this.denyList.detect(text)) raw.push(finding);
    return extendBoundaries(text, combineFindings(applyAllowList(text, raw, this.terms)));
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
}
