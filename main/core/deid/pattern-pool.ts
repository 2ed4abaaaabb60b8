/**
 * Pattern workers: a pool of threads, each with its own pattern recognizers, that detect whole cases (recognizers,
 * term lists, overlap resolution, boundary rules, propagation within the case) so the calling thread only posts
 * batches and reads back compact spans. A batch goes to as many workers as its size is worth, and they share its
 * cases through one atomic counter, each taking the next case when done with the last: a worker that is slower,
 * busier or later to wake takes fewer, and no split is guessed in advance. Results keep input order. Placeholder
 * numbering stays with the caller.
 */
import { Worker } from 'node:worker_threads';
import type { RawText } from '../text.js';
import { RequestWorker, startWorkerThread, type WorkerDialect, type WorkerEntry } from '../worker-threads.js';
import type { PatternRequest, PatternWorkerMessage } from './pattern-protocol.js';
import { decodeCases, encodeFindings } from './pattern-wire.js';
import type { Propagated } from './propagation.js';
import type { TermLists } from './term-lists.js';
import type { Finding } from './types.js';

// Relative URLs are kept in variables, not literals, so the bundler does not try to resolve them as assets.
const BUNDLED_WORKER_FILE = './pattern-worker.js';
const SOURCE_WORKER_FILE = '../../workers/pattern-worker.ts';
const WORKER: WorkerEntry = { bundled: new URL(BUNDLED_WORKER_FILE, import.meta.url), source: new URL(SOURCE_WORKER_FILE, import.meta.url) };

/** The pattern worker (see worker-threads.ts), or `entry`: another worker module, plain JavaScript (tests). */
const spawnWorker = (entry: URL | undefined): Worker => (entry ? new Worker(entry) : startWorkerThread(WORKER));

/** A worker's answer for one batch: the cases it took and their spans. */
type Answer = Extract<PatternWorkerMessage, { type: 'cases' }>;

/** How a pattern worker speaks (pattern-protocol.ts). */
const PATTERN_DIALECT: WorkerDialect<Answer> = {
  read(message) {
    const m = message as PatternWorkerMessage;
    if (m.type === 'cases') return { kind: 'answer', id: m.id, answer: m };
    if (m.type === 'error') return { kind: 'error', id: m.id, message: m.message };
    return m.type === 'ready' ? { kind: 'ready' } : { kind: 'failed', message: m.message };
  },
  failedToStart: (message) => `A pattern worker could not start: ${message}`,
  crashed: (message) => `A pattern worker crashed: ${message}`,
  stopped: (code) => `A pattern worker stopped (exit code ${code}); create a new de-identifier.`,
  requestFailed: (message) => `Pattern de-identification failed in a worker: ${message}`,
};

/** One pattern worker thread and its requests in flight. */
type PatternWorker = RequestWorker<PatternRequest, Answer>;

/**
 * Text per worker a batch must hold for one more worker to join it: about 0.2 ms of reading, several times what
 * waking a worker, copying the batch to it and reading its answer cost. A worker that wakes late takes fewer cases,
 * so joining costs little even when it is not needed.
 */
const CHARS_PER_WORKER = 1024;

/**
 * How many cases a worker takes at a time from a batch. A worker reads the cases it takes together, recognizer by
 * recognizer, which keeps each recognizer's tables in the CPU caches (CaseDetector.detectCases): the more at once,
 * the less each costs. So a batch that comes while another is still being read, as from a caller that keeps two in
 * flight (ingest's pipeline, bench:deid), is taken whole by whichever worker is free first, while the other finishes
 * the batch before; a batch that comes alone is shared, one run per worker, so that a caller that waits for each
 * still has every worker on it. Measured with two workers, batches of 128 texts, two in flight, on the idle 2-core
 * machine (bench:deid): one run per worker for every batch 8.8-10.1 MB/s and 4,700-5,430 KB per CPU-second (four
 * runs); so, 9.5-10.1 MB/s and 5,330-5,530 KB per CPU-second (three runs): the same rate within the noise, for
 * some 5 % less CPU.
 */
function runSize(cases: number, workers: number, busy: boolean): number {
  return busy ? cases : Math.max(1, Math.ceil(cases / workers));
}

export interface PatternPoolOptions {
  /** Worker threads, at least 1. */
  size: number;
  /** A worker module other than main/workers/pattern-worker.ts, in plain JavaScript (tests). */
  entry?: URL;
}

export class PatternPool {
  private nextId = 0;
  /** Batches handed to the workers and not answered yet. */
  private inFlight = 0;
  private nextWorker = 0;
  private closed = false;

  private constructor(private readonly workers: readonly PatternWorker[]) {}

  /** Starts the workers and waits until each has loaded its recognizers. */
  static async start(options: PatternPoolOptions): Promise<PatternPool> {
    const size = Math.floor(options.size);
    if (!(size >= 1)) throw new Error(`A pattern pool needs at least one worker (got ${options.size}).`);
    const workers = Array.from({ length: size }, () => new RequestWorker(spawnWorker(options.entry), PATTERN_DIALECT));
    try {
      await Promise.all(workers.map((w) => w.ready));
    } catch (error) {
      await Promise.all(workers.map((w) => w.worker.terminate()));
      throw error;
    }
    return new PatternPool(workers);
  }

  get size(): number {
    return this.workers.length;
  }

  /** The workspace's allow- and deny-lists, for every batch posted after this call. */
  setTermLists(terms: TermLists): void {
    for (const worker of this.workers) worker.post({ type: 'terms', terms });
  }

  /** The workers a batch of `chars` characters and `cases` cases goes to; the first of them in turn round the pool. */
  private workersFor(chars: number, cases: number): PatternWorker[] {
    const count = Math.max(1, Math.min(this.workers.length, cases, Math.floor(chars / CHARS_PER_WORKER)));
    const first = this.nextWorker++ % this.workers.length;
    return Array.from({ length: count }, (_, k) => this.workers[(first + k) % this.workers.length]!);
  }

  /**
   * Each case's spans, as CaseDetector.detectCase gives them. With `ner` (each text's model findings, in the order
   * of the batch's fields flattened), the workers read the recognizers while the model runs and finish each case
   * once its findings arrive.
   */
  async detectCases(cases: readonly (readonly RawText[])[], ner?: Promise<Finding[][]>): Promise<Propagated[]> {
    // The model's failure is reported through the await below, or not at all if this call fails first.
    ner?.catch(() => undefined);
    if (this.closed) throw new Error('The pattern workers are closed; create a new de-identifier.');
    if (cases.length === 0) {
      await ner;
      return [];
    }
    const texts: RawText[] = [];
    const fieldCounts: number[] = [];
    let chars = 0;
    cases.forEach((fields, c) => {
      fields.forEach((text, f) => {
        if (typeof text !== 'string') throw new TypeError(`Case ${c} of the batch, field ${f}: expected text, got ${typeof text}.`);
        texts.push(text);
        chars += text.length;
      });
      fieldCounts.push(fields.length);
    });
    const id = this.nextId++;
    const next = new SharedArrayBuffer(Int32Array.BYTES_PER_ELEMENT);
    const workers = this.workersFor(chars, cases.length);
    const run = runSize(cases.length, workers.length, this.inFlight > 0);
    this.inFlight++;
    try {
      const answers = workers.map((worker) => worker.request(id, { type: 'detect', id, texts, fieldCounts, next, run, withNer: ner !== undefined }));
      // Awaited below, after the model; a failure meanwhile must not count as unhandled.
      for (const answer of answers) answer.catch(() => undefined);
      if (ner) {
        let findings: Finding[][];
        try {
          findings = await ner;
        } catch (error) {
          for (const worker of workers) worker.post({ type: 'drop', id });
          throw error;
        }
        const wire = encodeFindings(texts.map((_, i) => findings[i] ?? []));
        for (const worker of workers) worker.post({ type: 'ner', id, findings: wire });
      }
      const out = new Array<Propagated | undefined>(cases.length);
      for (const answer of await Promise.all(answers)) {
        const detected = decodeCases(answer.cases, Array.from(answer.taken, (index) => fieldCounts[index]!));
        answer.taken.forEach((index, k) => (out[index] = detected[k]));
      }
      const missing = out.findIndex((detected) => detected === undefined);
      if (missing !== -1) throw new Error(`No pattern worker answered for case ${missing} of the batch.`);
      return out as Propagated[];
    } finally {
      this.inFlight--;
    }
  }

  /** Stops every worker; a batch still running fails with an error that says so. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    for (const worker of this.workers) worker.fail(new Error('The pattern workers were closed while a batch was running.'));
    await Promise.all(this.workers.map((w) => w.worker.terminate()));
  }
}
