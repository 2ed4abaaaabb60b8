/**
 * Starting Quarry's worker threads (the NER model, the pattern recognizers, ingest's case preparation) the same way
 * from the electron-vite bundle and from TypeScript source.
 *
 * Bundled, electron-vite emits each worker entry beside the main bundle (out/main/<name>.js). From source the worker
 * is its .ts file, and Node 20 does not run the parent's tsx loader for a worker's entry even when the parent has it
 * in execArgv ("Unknown file extension .ts"), so a two-line bootstrap registers tsx in the worker first.
 *
 * Callers resolve both URLs against their own `import.meta.url`, so a module the bundler moves into a shared chunk
 * resolves nothing here against the wrong folder.
 */
import { Worker, type WorkerOptions } from 'node:worker_threads';

/** Running from TypeScript source (tsx) rather than from the electron-vite bundle in out/main/. */
export const FROM_SOURCE = import.meta.url.endsWith('.ts');

export interface WorkerEntry {
  /** The built worker beside the main bundle, e.g. new URL('./ner-worker.js', import.meta.url). */
  readonly bundled: URL;
  /** Its TypeScript source, e.g. new URL('../../workers/ner-worker.ts', import.meta.url). */
  readonly source: URL;
}

export function startWorkerThread(entry: WorkerEntry, options: Pick<WorkerOptions, 'workerData' | 'resourceLimits'> = {}): Worker {
  if (!FROM_SOURCE) return new Worker(entry.bundled, options);
  const tsx = import.meta.resolve('tsx/esm/api');
  const bootstrap = `import(${JSON.stringify(tsx)}).then(({ register }) => { register(); return import(${JSON.stringify(entry.source.href)}); })`;
  return new Worker(bootstrap, { ...options, eval: true });
}

/** What a worker's message means to the thread that asked it: it started, it could not, or it answered request `id`. */
export type WorkerReply<A> =
  | { readonly kind: 'ready' }
  | { readonly kind: 'failed'; readonly message: string }
  | { readonly kind: 'answer'; readonly id: number; readonly answer: A }
  | { readonly kind: 'error'; readonly id: number; readonly message: string }
  | { readonly kind: 'other' };

/** How a kind of worker speaks: its messages read as replies, and the words its errors are told in. */
export interface WorkerDialect<A> {
  read(message: unknown): WorkerReply<A>;
  /** The error for a worker that could not start, crashed, stopped, or failed one request. */
  failedToStart(message: string): string;
  crashed(message: string): string;
  stopped(exitCode: number): string;
  requestFailed(message: string): string;
}

/**
 * A worker thread that answers requests (messages of type Q) by id with answers of type A: `ready` settles once it
 * has started (or could not), `request` posts a message and waits for its answer. A worker that fails to start,
 * crashes or exits rejects every request in flight and every later one with an error that says so.
 */
export class RequestWorker<Q, A> {
  readonly ready: Promise<void>;
  private readonly pending = new Map<number, { resolve(answer: A): void; reject(error: Error): void }>();
  private failure: Error | null = null;

  constructor(
    readonly worker: Worker,
    dialect: WorkerDialect<A>,
  ) {
    let settle: { resolve(): void; reject(error: Error): void } | null = null;
    this.ready = new Promise<void>((resolve, reject) => (settle = { resolve, reject }));
    // A failure before anyone awaits `ready` (a crash while running) must not go unhandled.
    this.ready.catch(() => undefined);
    const fail = (error: Error): void => {
      settle?.reject(error);
      settle = null;
      this.fail(error);
    };
    worker.on('message', (message: unknown) => {
      const reply = dialect.read(message);
      if (reply.kind === 'ready') {
        settle?.resolve();
        settle = null;
      } else if (reply.kind === 'failed') fail(new Error(dialect.failedToStart(reply.message)));
      else if (reply.kind === 'answer' || reply.kind === 'error') {
        const pending = this.pending.get(reply.id);
        this.pending.delete(reply.id);
        if (reply.kind === 'answer') pending?.resolve(reply.answer);
        else pending?.reject(new Error(dialect.requestFailed(reply.message)));
      }
    });
    worker.on('error', (error) => fail(new Error(dialect.crashed(error.message))));
    worker.on('exit', (code) => fail(new Error(dialect.stopped(code))));
  }

  /** Rejects every request in flight and every later one with `error` (the first failure wins). */
  fail(error: Error): void {
    this.failure ??= error;
    for (const pending of this.pending.values()) pending.reject(this.failure);
    this.pending.clear();
  }

  /** Posts a message that gets no answer; nothing once the worker has failed. */
  post(message: Q): void {
    if (!this.failure) this.worker.postMessage(message);
  }

  /** Posts `message` and waits for the answer to request `id`. */
  request(id: number, message: Q): Promise<A> {
    if (this.failure) return Promise.reject(this.failure);
    return new Promise<A>((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      this.worker.postMessage(message);
    });
  }
}
