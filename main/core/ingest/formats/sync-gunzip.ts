/**
 * Reads a gzip file's decompressed bytes synchronously, chunk by chunk, in constant memory: a worker thread streams
 * the file through zlib and hands each chunk over in shared memory, while the caller waits on an Atomics word. The
 * trace readers join the companion logs file from inside their synchronous `read`, so a gzip companion needs a
 * synchronous reader; Node's zlib has no public incremental synchronous API, hence the worker.
 *
 * Where this thread may not block in Atomics.wait (V8 throws on threads that cannot suspend; Chromium-based hosts may
 * set that on their main thread), the caller polls the answer word instead, for as long as the worker takes to
 * inflate one chunk.
 *
 * The worker holds the file open only while it is being read: left without a request for IDLE_MS (an ingest that
 * was cancelled, or stopped reading the companion), it closes the file and exits, and the next `read` starts a new
 * worker that skips the bytes already handed over. Nothing but the chunk in flight is held, whatever the file's size.
 */
import { Worker } from 'node:worker_threads';

/** The largest chunk handed over at once. */
const CHUNK_BYTES = 256 * 1024;
/**
 * How long a worker waits for the next request before it closes the file and exits. Long enough that an ingest's
 * pauses between records (a batch being de-identified) do not restart it (a restart inflates again up to where
 * reading stopped), short enough that a cancelled ingest does not hold the file for long.
 */
const IDLE_MS = 60_000;
/** How long a read waits for the worker before it gives up (a worker that died without answering). */
const ANSWER_MS = 120_000;

/** Control words in the shared buffer. */
const REQUEST = 0; // 0 idle, 1 requested, 2 asked to stop, -1 the worker has exited
const ANSWER = 1; // 0 waiting, 1 answered
const LENGTH = 2; // bytes in the data area
const STATUS = 3; // 0 data, 1 end of file, 2 error (the data area holds its code and message)
const CONTROL_BYTES = 16;

/** The worker: plain CommonJS run by `eval`, so it needs no file of its own in the build. */
const WORKER_SOURCE = `
const { workerData } = require('node:worker_threads');
const { createReadStream } = require('node:fs');
const { createGunzip } = require('node:zlib');
const control = new Int32Array(workerData.shared, 0, 4);
const data = new Uint8Array(workerData.shared, ${CONTROL_BYTES});
function waitRequest() {
  for (;;) {
    if (Atomics.wait(control, ${REQUEST}, 0, workerData.idleMs) !== 'timed-out') break;
    if (Atomics.compareExchange(control, ${REQUEST}, 0, -1) === 0) return false;
  }
  if (Atomics.load(control, ${REQUEST}) !== 1) return false;
  Atomics.store(control, ${REQUEST}, 0);
  return true;
}
function answer(length, status) {
  Atomics.store(control, ${LENGTH}, length);
  Atomics.store(control, ${STATUS}, status);
  Atomics.store(control, ${ANSWER}, 1);
  Atomics.notify(control, ${ANSWER});
}
async function main() {
  const input = createReadStream(workerData.file);
  const gunzip = createGunzip();
  input.on('error', (error) => gunzip.destroy(error));
  input.pipe(gunzip);
  let skip = workerData.skip;
  try {
    for await (const chunk of gunzip) {
      let at = Math.min(skip, chunk.length);
      skip -= at;
      while (at < chunk.length) {
        if (!waitRequest()) return;
        const length = Math.min(data.length, chunk.length - at);
        data.set(chunk.subarray(at, at + length));
        at += length;
        answer(length, 0);
      }
    }
    if (waitRequest()) answer(0, 1);
  } catch (error) {
    if (!waitRequest()) return;
    const text = Buffer.from(JSON.stringify({ code: error.code || '', message: String(error.message) }));
    data.set(text.subarray(0, data.length));
    answer(Math.min(text.length, data.length), 2);
  } finally {
    input.destroy();
    gunzip.destroy();
  }
}
main().then(() => Atomics.store(control, ${REQUEST}, -1));
`;

/** A gzip file that is corrupt or ends early, with zlib's code (Z_DATA_ERROR, Z_BUF_ERROR) when it gave one. */
export class GunzipError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

/** Whether this thread may block in Atomics.wait: probed once, without blocking (the value differs). */
let threadCanBlock: boolean | undefined;
function canBlock(): boolean {
  if (threadCanBlock === undefined) {
    try {
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 1, 0);
      threadCanBlock = true;
    } catch {
      threadCanBlock = false;
    }
  }
  return threadCanBlock;
}

/** Waits until `control[index]` is no longer 0, or `ms` pass; false when they passed. */
function waitNonZero(control: Int32Array, index: number, ms: number, block: boolean): boolean {
  if (block) return Atomics.wait(control, index, 0, ms) !== 'timed-out' || Atomics.load(control, index) !== 0;
  const deadline = performance.now() + ms;
  while (Atomics.load(control, index) === 0) if (performance.now() > deadline) return false;
  return true;
}

export class SyncGunzip {
  private readonly shared = new SharedArrayBuffer(CONTROL_BYTES + CHUNK_BYTES);
  private readonly control = new Int32Array(this.shared, 0, 4);
  private readonly data = new Uint8Array(this.shared, CONTROL_BYTES);
  private worker: Worker | null = null;
  /** Decompressed bytes handed over so far: where a new worker starts. */
  private delivered = 0;
  private done = false;

  private readonly idleMs: number;
  private readonly block: boolean;

  /** `idleMs`: how long the worker waits for a request before it closes the file and exits; `block: false` polls. */
  constructor(
    readonly file: string,
    options: { idleMs?: number; block?: boolean } = {},
  ) {
    this.idleMs = options.idleMs ?? IDLE_MS;
    this.block = options.block ?? canBlock();
  }

  /** The next decompressed chunk (a copy), or null at the end of the file. Throws GunzipError for a damaged file. */
  read(): Buffer | null {
    if (this.done) return null;
    // A worker that exited after IDLE_MS without a request (REQUEST is -1) is replaced by one that skips ahead.
    if (this.worker === null || Atomics.compareExchange(this.control, REQUEST, 0, 1) === -1) {
      // Requested before the worker starts, so it finds the request waiting.
      Atomics.store(this.control, REQUEST, 1);
      this.start();
    }
    Atomics.notify(this.control, REQUEST);
    if (!waitNonZero(this.control, ANSWER, ANSWER_MS, this.block)) {
      this.close();
      throw new GunzipError('', `no answer from the gzip reader within ${ANSWER_MS / 1000} s`);
    }
    Atomics.store(this.control, ANSWER, 0);
    const length = Atomics.load(this.control, LENGTH);
    const status = Atomics.load(this.control, STATUS);
    if (status === 1) {
      // The worker closes the file and exits by itself after its last answer.
      this.worker = null;
      this.done = true;
      return null;
    }
    if (status === 2) {
      const { code, message } = JSON.parse(Buffer.from(this.data.subarray(0, length)).toString('utf8')) as { code: string; message: string };
      this.worker = null;
      this.done = true;
      throw new GunzipError(code, message);
    }
    this.delivered += length;
    return Buffer.from(this.data.subarray(0, length));
  }

  /** Asks the worker (if any) to close the file and exit; further reads answer null. */
  close(): void {
    this.done = true;
    this.stop();
  }

  private start(): void {
    this.stop();
    Atomics.store(this.control, ANSWER, 0);
    this.worker = new Worker(WORKER_SOURCE, { eval: true, workerData: { file: this.file, shared: this.shared, skip: this.delivered, idleMs: this.idleMs } });
    // Never keeps the process alive, and its errors are answered through the shared buffer, not as events.
    this.worker.unref();
    this.worker.on('error', () => undefined);
  }

  /**
   * Stops the worker by asking it (it closes its file on the way out, which terminating it would not), when it is
   * waiting for a request; one that has exited or is exiting needs nothing.
   */
  private stop(): void {
    if (this.worker && Atomics.compareExchange(this.control, REQUEST, 0, 2) === 0) Atomics.notify(this.control, REQUEST);
    this.worker = null;
  }
}
