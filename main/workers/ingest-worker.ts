/**
 * Worker thread that prepares ingest batches (main/core/ingest/prepare-cases.ts) with a patterns-only
 * de-identifier of its own, while the main thread stores the batch before. It reads nothing and writes nothing:
 * interactions come in as JSON, prepared cases go back, in the order asked.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { Deidentifier } from '../core/deid/deidentifier.js';
import { patternRecognizers } from '../core/deid/recognizers/index.js';
import type { PrepareRequest, PrepareResponse, PrepareWorkerData } from '../core/ingest/case-preparer.js';
import type { RawInteraction } from '../core/ingest/interaction.js';
import { prepareCases } from '../core/ingest/prepare-cases.js';

const port = parentPort;
if (!port) throw new Error('ingest-worker must run as a worker thread');

/**
 * The patterns-only de-identifier, as createDeidentifier builds it (and as ingest checks the caller's is: the same
 * detectors, no NER stage). Not through createDeidentifier: that module starts the NER model's workers from a path
 * relative to its own, which holds only while the bundler keeps it in the main bundle, not in a chunk shared with
 * this worker.
 */
function patternsOnlyDeidentifier(): Deidentifier {
  const deidentifier = new Deidentifier(patternRecognizers(), null);
  deidentifier.setTermLists((workerData as PrepareWorkerData).termLists);
  return deidentifier;
}

// Built on the first request, so a failure is that request's error.
let deidentifier: Deidentifier | null = null;

// Requests are served one at a time, in order.
let queue = Promise.resolve();
port.on('message', (request: PrepareRequest) => {
  queue = queue.then(async () => {
    let response: PrepareResponse;
    let transfer: ArrayBuffer[] = [];
    try {
      const interactions = request.records.map((json) => JSON.parse(json) as RawInteraction);
      deidentifier ??= patternsOnlyDeidentifier();
      const prepared = await prepareCases(deidentifier, interactions);
      response = { id: request.id, prepared };
      transfer = prepared.flatMap((p) => (p.signature ? [p.signature.buffer as ArrayBuffer] : []));
    } catch (error) {
      response = { id: request.id, error: (error as Error).message };
    }
    port.postMessage(response, transfer);
  });
});
