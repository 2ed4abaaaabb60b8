/**
 * Worker thread that runs the pattern side of de-identification for batches of cases: the recognizers, the
 * deny- and allow-lists, overlap resolution, boundary rules and propagation within each case (CaseDetector), and
 * sends back each case's spans in the compact form of pattern-wire.ts. Several workers get the same batch and share
 * its cases through one counter (see PatternRequest). It reads only the texts it is sent.
 */
import { parentPort } from 'node:worker_threads';
import { CaseDetector } from '../core/deid/case-detection.js';
import { decodeFindings, encodeCases, type WireFindings } from '../core/deid/pattern-wire.js';
import type { PatternRequest, PatternWorkerMessage } from '../core/deid/pattern-protocol.js';
import { patternRecognizers } from '../core/deid/recognizers/index.js';
import type { Propagated } from '../core/deid/propagation.js';
import type { Finding } from '../core/deid/types.js';
import type { RawText } from '../core/text.js';

/**
 * Posts `message`, its arrays copied rather than transferred: a batch's spans take a few kilobytes, and detaching
 * the buffers cost more than copying them (the worker's postMessage took 3 % of its time with them transferred,
 * 1 % copied, on the bench corpus).
 */
function post(message: PatternWorkerMessage): void {
  parentPort!.postMessage(message);
}

/** Where each case's fields start in the batch's texts, and where the last ends. */
function caseStarts(texts: readonly string[], fieldCounts: readonly number[]): Int32Array {
  const starts = new Int32Array(fieldCounts.length + 1);
  for (let c = 0; c < fieldCounts.length; c++) starts[c + 1] = starts[c]! + fieldCounts[c]!;
  if (starts[fieldCounts.length] !== texts.length) {
    throw new Error(`a batch of ${texts.length} texts was sent with field counts adding up to ${starts[fieldCounts.length]}`);
  }
  return starts;
}

/** One run of a batch's cases: their indices in the batch and their fields. */
interface Run {
  indices: number[];
  cases: RawText[][];
}

/** The runs of the batch's cases this worker takes from the shared counter, `request.run` at a time, until none is left. */
function* takeRuns(request: Extract<PatternRequest, { type: 'detect' }>, starts: Int32Array): Generator<Run> {
  const next = new Int32Array(request.next);
  const count = request.fieldCounts.length;
  const size = Math.max(1, Math.floor(request.run));
  for (let first = Atomics.add(next, 0, size); first < count; first = Atomics.add(next, 0, size)) {
    const run: Run = { indices: [], cases: [] };
    for (let c = first; c < Math.min(first + size, count); c++) {
      run.indices.push(c);
      run.cases.push(request.texts.slice(starts[c], starts[c + 1]) as RawText[]);
    }
    yield run;
  }
}

/** A batch's cases this worker read with the recognizers, waiting for the model's findings; or the error it raised. */
type Held = { taken: number[]; cases: RawText[][]; raw: Finding[][][]; starts: Int32Array } | { error: Error };

function main(): void {
  if (!parentPort) throw new Error('pattern-worker must run as a worker thread');
  let detector: CaseDetector;
  try {
    detector = new CaseDetector(patternRecognizers());
  } catch (error) {
    post({ type: 'failed', message: (error as Error).message });
    return;
  }
  const held = new Map<number, Held>();
  const answer = (id: number, run: () => { taken: number[]; cases: Propagated[] }): void => {
    let taken: Int32Array<ArrayBuffer>;
    let cases: WireFindings;
    try {
      const done = run();
      taken = Int32Array.from(done.taken);
      cases = encodeCases(done.cases);
    } catch (error) {
      post({ type: 'error', id, message: (error as Error).message });
      return;
    }
    post({ type: 'cases', id, taken, cases });
  };
  parentPort.on('message', (request: PatternRequest) => {
    switch (request.type) {
      case 'terms':
        detector.setTermLists(request.terms);
        break;
      case 'detect':
        if (!request.withNer) {
          answer(request.id, () => {
            const taken: number[] = [];
            const cases: Propagated[] = [];
            for (const run of takeRuns(request, caseStarts(request.texts, request.fieldCounts))) {
              taken.push(...run.indices);
              cases.push(...detector.detectCases(run.cases));
            }
            return { taken, cases };
          });
          break;
        }
        try {
          const starts = caseStarts(request.texts, request.fieldCounts);
          const piece: Held = { taken: [], cases: [], raw: [], starts };
          for (const run of takeRuns(request, starts)) {
            const raw = detector.recognizerFindingsOf(run.cases.flat());
            let cursor = 0;
            run.cases.forEach((fields, k) => {
              piece.taken.push(run.indices[k]!);
              piece.cases.push(fields);
              piece.raw.push(raw.slice(cursor, (cursor += fields.length)));
            });
          }
          held.set(request.id, piece);
        } catch (error) {
          held.set(request.id, { error: error as Error });
        }
        break;
      case 'ner': {
        const piece = held.get(request.id);
        held.delete(request.id);
        answer(request.id, () => {
          if (!piece) throw new Error(`model findings came for batch ${request.id}, which this worker does not hold`);
          if ('error' in piece) throw piece.error;
          const ner = decodeFindings(request.findings, piece.starts[piece.starts.length - 1]!);
          const cases = piece.cases.map((fields, k) => {
            const from = piece.starts[piece.taken[k]!]!;
            return detector.detectCase(fields, ner.slice(from, from + fields.length), piece.raw[k]);
          });
          return { taken: piece.taken, cases };
        });
        break;
      }
      case 'drop':
        held.delete(request.id);
        break;
    }
  });
  post({ type: 'ready' });
}

main();
