/**
 * The NER stage as a BatchDetector: verifies the model folder, then runs the model in a small pool of worker
 * threads so inference never blocks the main process.
 */
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Worker } from 'node:worker_threads';
import type { BatchDetector, Finding } from '../types.js';
import type { RawText } from '../../text.js';
import { FROM_SOURCE, RequestWorker, startWorkerThread, type WorkerDialect, type WorkerEntry } from '../../worker-threads.js';
import { isShift, MAX_O_LOGIT_SHIFT, verifyModelFolder, type ModelManifest } from './manifest.js';
import type { NerDecoding } from './decoding.js';
import type { DetectRequest, NerWorkerData, NerWorkerMessage } from './protocol.js';

export interface NerDetectorOptions {
  /** Folder that holds `<modelId>/` (see defaultModelsDir). */
  readonly modelsDir: string;
  readonly modelId: string;
  /** Worker threads; each loads its own copy of the model. Default 1. */
  readonly poolSize?: number;
  /**
   * Overrides the manifest's decoding.o_logit_shift (0 when it has none), for measuring other shifts; the
   * manifest's languages still gate it.
   */
  readonly oLogitShift?: number;
}

// Relative URLs are kept in variables, not literals, so the bundler does not try to resolve them as assets.
const BUNDLED_WORKER_FILE = './ner-worker.js';
const SOURCE_WORKER_FILE = '../../../workers/ner-worker.ts';
const WORKER: WorkerEntry = { bundled: new URL(BUNDLED_WORKER_FILE, import.meta.url), source: new URL(SOURCE_WORKER_FILE, import.meta.url) };
const MODELS_FROM_SOURCE = '../../../../models/';
const MODELS_FROM_BUNDLE = '../../models/';

/**
 * The repo's `models/` folder. From source this module is main/core/deid/ner/detector.ts; bundled, it is part
 * of out/main/index.js. Both resolve to `<repo>/models/`, which is right for development; a packaged app
 * should pass its own resources folder instead.
 */
export function defaultModelsDir(): string {
  return fileURLToPath(new URL(FROM_SOURCE ? MODELS_FROM_SOURCE : MODELS_FROM_BUNDLE, import.meta.url));
}

const spawnWorker = (workerData: NerWorkerData): Worker => startWorkerThread(WORKER, { workerData });

/** The int8 graph's file name, as transformers.js resolves dtype 'q8'. */
export const QUANTIZED_GRAPH = 'onnx/model_quantized.onnx';

/**
 * The graph to run: the int8 one when the manifest lists it (so it was checked with the rest of the folder),
 * otherwise the fp32 onnx/model.onnx.
 */
export function modelDtype(manifest: ModelManifest): NerWorkerData['dtype'] {
  return Object.hasOwn(manifest.files, QUANTIZED_GRAPH) ? 'q8' : 'fp32';
}

/** How the NER worker speaks (protocol.ts), for the model `modelId`. */
function nerDialect(modelId: string): WorkerDialect<Finding[][]> {
  return {
    read(message) {
      const m = message as NerWorkerMessage;
      if (m.type === 'findings') return { kind: 'answer', id: m.requestId, answer: m.findings };
      if (m.type === 'error') return { kind: 'error', id: m.requestId, message: m.message };
      return m.type === 'ready' ? { kind: 'ready' } : { kind: 'failed', message: m.message };
    },
    failedToStart: (message) => `The NER model "${modelId}" could not be loaded: ${message}`,
    crashed: (message) => `The NER worker crashed: ${message}`,
    stopped: (code) => `The NER worker stopped (exit code ${code}).`,
    requestFailed: (message) => `NER failed on a batch: ${message}`,
  };
}

type PooledWorker = RequestWorker<DetectRequest, Finding[][]>;

const startWorker = (data: NerWorkerData): PooledWorker => new RequestWorker(spawnWorker(data), nerDialect(data.modelId));

/** Asks `worker` for the findings of `texts`. */
const detectIn = (worker: PooledWorker, requestId: number, texts: readonly string[]): Promise<Finding[][]> =>
  worker.request(requestId, { type: 'detect', requestId, texts } satisfies DetectRequest);

/** Chars of text per request to a worker: a few of the model's windows (NER_WINDOW_PLAN), some milliseconds of work. */
const PIECE_CHARS = 2000;

/** Consecutive runs of `texts` (as [from, to) indices) of about `PIECE_CHARS` chars each, one text at least. */
function piecesOf(texts: readonly string[]): [number, number][] {
  const pieces: [number, number][] = [];
  let from = 0;
  let chars = 0;
  texts.forEach((text, i) => {
    chars += text.length;
    if (chars >= PIECE_CHARS) {
      pieces.push([from, i + 1]);
      from = i + 1;
      chars = 0;
    }
  });
  if (from < texts.length) pieces.push([from, texts.length]);
  return pieces;
}

/**
 * Chars of text whose findings a detector keeps. Production logs repeat their texts: the same system prompt heads
 * every request, and a chat log sends a conversation's earlier turns again with each new one. The model's findings
 * for a text depend on that text alone (the worker reads each window apart, and the decoding gate reads the text),
 * so a text seen before is answered from memory rather than read again. Bounded by its texts' length, oldest use
 * out first: 4 MB of text (with their findings, some 10 MB) beside a model that takes some 200 MB per worker.
 */
const MEMO_CHARS = 4 * 1024 * 1024;

/** The model's findings of recently read texts, by text, least recently used first out (see MEMO_CHARS). */
export class FindingsMemo {
  private readonly byText = new Map<string, readonly Finding[]>();
  private chars = 0;

  constructor(private readonly maxChars = MEMO_CHARS) {}

  /** The findings kept for `text` (a fresh array each time), marked as just used; undefined when not kept. */
  get(text: string): Finding[] | undefined {
    const findings = this.byText.get(text);
    if (!findings) return undefined;
    this.byText.delete(text);
    this.byText.set(text, findings);
    return [...findings];
  }

  set(text: string, findings: readonly Finding[]): void {
    // A text over a sixteenth of the bound is never kept: one pasted document would push out everything that repeats.
    if (text.length > this.maxChars / 16 || this.byText.has(text)) return;
    this.byText.set(text, [...findings]);
    this.chars += text.length;
    for (const oldest of this.byText.keys()) {
      if (this.chars <= this.maxChars) break;
      this.byText.delete(oldest);
      this.chars -= oldest.length;
    }
  }

  get size(): number {
    return this.byText.size;
  }

  /** Drops every text kept (a locked workspace leaves no raw text in memory). */
  clear(): void {
    this.byText.clear();
    this.chars = 0;
  }
}

export async function createNerDetector(options: NerDetectorOptions): Promise<BatchDetector> {
  const { modelsDir, modelId } = options;
  const poolSize = Math.max(1, Math.floor(options.poolSize ?? 1));
  const manifest = await verifyModelFolder(join(modelsDir, modelId));
  if (manifest.id !== modelId) {
    throw new Error(`The model folder "${modelId}" holds a manifest for "${manifest.id}"; restore the folder.`);
  }
  const threads = Math.max(1, Math.floor(availableParallelism() / poolSize));
  const dtype = modelDtype(manifest);
  const oLogitShift = options.oLogitShift ?? manifest.decoding?.o_logit_shift ?? 0;
  if (!isShift(oLogitShift)) throw new Error(`The O-logit shift must be a number from -${MAX_O_LOGIT_SHIFT} to ${MAX_O_LOGIT_SHIFT}, not ${String(oLogitShift)}.`);
  const decoding: NerDecoding = { oLogitShift, languages: manifest.decoding?.languages ?? null };
  const pool = Array.from({ length: poolSize }, () => startWorker({ modelsDir, modelId, threads, dtype, decoding }));
  try {
    await Promise.all(pool.map((w) => w.ready));
  } catch (error) {
    await Promise.all(pool.map((w) => w.worker.terminate()));
    throw error;
  }

  let nextRequestId = 0;
  let nextWorker = 0;
  let closed = false;
  const name = `ner:${modelId}`;
  const memo = new FindingsMemo();

  return {
    name,
    async detectBatch(texts: readonly RawText[]): Promise<Finding[][]> {
      if (closed) throw new Error(`${name} is closed; create a new detector.`);
      if (texts.length === 0) return [];
      // Only the texts neither kept from an earlier batch nor repeated within this one go to the model.
      const found = texts.map((text) => memo.get(text));
      const toRead: RawText[] = [];
      const readIndex = new Map<string, number>();
      texts.forEach((text, i) => {
        if (found[i] === undefined && !readIndex.has(text)) {
          readIndex.set(text, toRead.length);
          toRead.push(text);
        }
      });
      const read = await readWithModel(toRead);
      toRead.forEach((text, i) => memo.set(text, read[i]!));
      return texts.map((text, i) => found[i] ?? [...read[readIndex.get(text)!]!]);
    },
    forget(): void {
      memo.clear();
    },
    async close(): Promise<void> {
      memo.clear();
      if (closed) return;
      closed = true;
      for (const w of pool) w.fail(new Error(`${name} was closed while a batch was running.`));
      await Promise.all(pool.map((w) => w.worker.terminate()));
    },
  };

  /** Reads `texts` with the model in the pool's workers. */
  async function readWithModel(texts: readonly RawText[]): Promise<Finding[][]> {
    if (texts.length === 0) return [];
    // The batch in pieces of a few windows each, dealt to the workers in turn (continuing from the last batch) and
    // all posted at once, so no worker waits on this thread between pieces while it runs the pattern recognizers.
    // One slice per worker left one idle while the other still read the batch's long texts. Results keep input order.
    const slices = piecesOf(texts).map(([from, to]) => {
      const worker = pool[nextWorker] as PooledWorker;
      nextWorker = (nextWorker + 1) % pool.length;
      return detectIn(worker, nextRequestId++, texts.slice(from, to));
    });
    return (await Promise.all(slices)).flat();
  }
}
