/**
 * Where ingest prepares its batches (prepare-cases.ts): on this thread with the caller's de-identifier, or in a
 * worker thread of this process with a patterns-only de-identifier of its own, so that a batch is prepared on the
 * second core while the batch before it is stored on this one. Raw text goes to the worker and back within the
 * process; nothing is written by the worker.
 */
import type { Worker } from 'node:worker_threads';
import type { Deidentifier } from '../deid/deidentifier.js';
import type { TermLists } from '../deid/term-lists.js';
import type { RawInteraction } from './interaction.js';
import { prepareCases, type PreparedCase } from './prepare-cases.js';
import { RequestWorker, startWorkerThread, type WorkerDialect, type WorkerEntry } from '../worker-threads.js';

/** A record to prepare: its interaction (null: read it from the JSON), and the same as JSON (what the worker is sent). */
export interface RecordToPrepare {
  interaction: RawInteraction | null;
  json: string;
}

export interface CasePreparer {
  /** Prepares the batch, in order; batches are prepared one after another, in the order asked. */
  prepare(batch: readonly RecordToPrepare[]): Promise<PreparedCase[]>;
  /** Ends the worker, if any: a batch still being prepared is rejected. */
  close(): Promise<void>;
  /** Whether batches are prepared in a worker thread. */
  readonly inWorker: boolean;
}

/** Prepares on this thread with the caller's de-identifier (its NER model, if any, runs in its own threads). */
export function inThreadPreparer(deidentifier: Deidentifier): CasePreparer {
  return {
    inWorker: false,
    prepare: (batch) => prepareCases(deidentifier, batch.map((r) => r.interaction ?? (JSON.parse(r.json) as RawInteraction))),
    close: async () => undefined,
  };
}

/** What the worker is started with. */
export interface PrepareWorkerData {
  termLists: TermLists;
}

export interface PrepareRequest {
  id: number;
  /** The interactions as JSON (JSON.stringify of the RawInteraction). */
  records: string[];
}

export type PrepareResponse = { id: number; prepared: PreparedCase[] } | { id: number; error: string };

// Relative URLs are kept in variables, not literals, so the bundler does not try to resolve them as assets.
const BUNDLED_WORKER_FILE = './ingest-worker.js';
const SOURCE_WORKER_FILE = '../../workers/ingest-worker.ts';
const WORKER: WorkerEntry = { bundled: new URL(BUNDLED_WORKER_FILE, import.meta.url), source: new URL(SOURCE_WORKER_FILE, import.meta.url) };

/**
 * The worker's heap, in MiB, kept small: it holds at most two batches of about a MB of JSON each (ingest-file.ts
 * MAX_BATCH_CHARS), and every MB here is resident memory the ingest's 400 MB bound can hardly spare (a young
 * generation of V8's default size, or an old one allowed 256 MiB, measured 10-30 MB more peak RSS). A single record
 * too large for it runs the worker out of memory; ingest then prepares that batch, and the rest, on its own thread.
 */
const RESOURCE_LIMITS = { maxYoungGenerationSizeMb: 4, maxOldGenerationSizeMb: 64 };

const spawnWorker = (workerData: PrepareWorkerData): Worker => startWorkerThread(WORKER, { workerData, resourceLimits: RESOURCE_LIMITS });

/** How the ingest worker speaks: it answers each request with its prepared cases or an error (it sends no "ready"). */
const INGEST_DIALECT: WorkerDialect<PreparedCase[]> = {
  read(message) {
    const m = message as PrepareResponse;
    return 'error' in m ? { kind: 'error', id: m.id, message: m.error } : { kind: 'answer', id: m.id, answer: m.prepared };
  },
  failedToStart: (message) => `The ingest worker could not start: ${message}`,
  crashed: (message) => `The ingest worker failed: ${message}`,
  stopped: (code) => `The ingest worker stopped (exit ${code}).`,
  requestFailed: (message) => `De-identifying a batch failed: ${message}`,
};

/**
 * Prepares in a worker thread with a patterns-only de-identifier holding `termLists`: the caller's de-identifier
 * must be that same one (ingest checks it has no NER stage). Requests are answered in order; a worker that fails
 * or exits rejects every request outstanding.
 */
export function workerPreparer(termLists: TermLists): CasePreparer {
  const worker = new RequestWorker<PrepareRequest, PreparedCase[]>(spawnWorker({ termLists }), INGEST_DIALECT);
  let nextId = 1;
  return {
    inWorker: true,
    prepare(batch) {
      const id = nextId++;
      return worker.request(id, { id, records: batch.map((r) => r.json) });
    },
    async close() {
      worker.fail(new Error('The ingest worker was closed.'));
      await worker.worker.terminate();
    },
  };
}
