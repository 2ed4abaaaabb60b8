/**
 * Peak resident memory of the whole process while a workload runs. The sampler lives in its own thread because
 * the pattern recognizers and the redaction libraries run synchronously and would starve a timer on the main
 * thread; `rss` is a process figure, so it also covers the NER worker threads.
 */
import { Worker } from 'node:worker_threads';

/** Plain JavaScript so the thread starts without the TypeScript loader. */
const SAMPLER_SOURCE = `
const { workerData } = require('node:worker_threads');
const peak = new BigInt64Array(workerData.peak);
const sample = () => {
  const rss = BigInt(process.memoryUsage.rss());
  if (rss > Atomics.load(peak, 0)) Atomics.store(peak, 0, rss);
};
sample();
setInterval(sample, workerData.intervalMs);
`;

export interface PeakRssSampler {
  /** Ends sampling and gives the highest RSS seen, in bytes; idempotent. */
  stop(): Promise<number>;
}

export function startPeakRssSampler(intervalMs = 10): PeakRssSampler {
  const peak = new BigInt64Array(new SharedArrayBuffer(BigInt64Array.BYTES_PER_ELEMENT));
  Atomics.store(peak, 0, BigInt(process.memoryUsage.rss()));
  const worker = new Worker(SAMPLER_SOURCE, { eval: true, workerData: { peak: peak.buffer, intervalMs } });
  // The sampler must not keep a finished benchmark alive.
  worker.unref();
  const peakBytes = () => Math.max(Number(Atomics.load(peak, 0)), process.memoryUsage.rss());
  let stopped: Promise<number> | null = null;
  return {
    stop() {
      // The first stop fixes the figure; later calls only wait for the thread to end.
      stopped ??= (async () => {
        const bytes = peakBytes();
        await worker.terminate();
        return bytes;
      })();
      return stopped;
    },
  };
}
