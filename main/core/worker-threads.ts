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
