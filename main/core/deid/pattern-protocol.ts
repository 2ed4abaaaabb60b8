/** Messages between the de-identifier's pattern pool (calling thread) and its pattern workers. */
import type { WireFindings } from './pattern-wire.js';
import type { TermLists } from './term-lists.js';

export type PatternRequest =
  /** The workspace's allow- and deny-lists, for every request posted after it. */
  | { readonly type: 'terms'; readonly terms: TermLists }
  /**
   * A batch, posted to several workers at once: its cases' fields in order (`fieldCounts` says how many each case
   * has). The workers share `next`, one Int32 counter: each takes the next case with Atomics.add until none is left,
   * so a worker that runs slower or starts later simply takes fewer. With `withNer` a worker reads the
   * recognizers' findings for its cases and keeps them until the model's findings arrive. A worker takes `run`
   * cases at a time and reads them together, recognizer by recognizer (CaseDetector.detectCases).
   */
  | {
      readonly type: 'detect';
      readonly id: number;
      readonly texts: readonly string[];
      readonly fieldCounts: readonly number[];
      readonly next: SharedArrayBuffer;
      readonly run: number;
      readonly withNer: boolean;
    }
  /** The model's findings for every text of a batch posted `withNer`, in the batch's order. */
  | { readonly type: 'ner'; readonly id: number; readonly findings: WireFindings }
  /** A batch posted `withNer` whose model findings will not come (the model failed): forget it. */
  | { readonly type: 'drop'; readonly id: number };

export type PatternWorkerMessage =
  | { readonly type: 'ready' }
  | { readonly type: 'failed'; readonly message: string }
  /** The cases this worker took (`taken`, batch indices ascending), encoded with `encodeCases` in that order. */
  | { readonly type: 'cases'; readonly id: number; readonly taken: Int32Array<ArrayBuffer>; readonly cases: WireFindings }
  | { readonly type: 'error'; readonly id: number; readonly message: string };
