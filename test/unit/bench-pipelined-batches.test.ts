import assert from 'node:assert/strict';
import { test } from 'node:test';
import { BENCH_BATCHES_IN_FLIGHT, BENCH_BATCH_SIZE } from '../../main/core/deid/evaluation/bench-corpus.js';
import { inBatches } from '../../main/core/deid/evaluation/measure-system.js';

const texts = Array.from({ length: BENCH_BATCH_SIZE * 5 + 3 }, (_, i) => `text ${i}`);

test('the bench hands every text over once, in batches, with at most BENCH_BATCHES_IN_FLIGHT of them running', async () => {
  let running = 0;
  let most = 0;
  const seen: string[] = [];
  const run = async (batch: readonly string[]): Promise<void> => {
    running += 1;
    most = Math.max(most, running);
    await new Promise((resolve) => setTimeout(resolve, 2));
    seen.push(...batch);
    running -= 1;
  };
  await inBatches(texts, run, BENCH_BATCHES_IN_FLIGHT);
  assert.equal(running, 0, 'every batch has settled when the pass does');
  assert.deepEqual(seen, texts);
  assert.equal(most, BENCH_BATCHES_IN_FLIGHT);
  assert.ok(BENCH_BATCHES_IN_FLIGHT >= 2, 'a system with threads of its own gets the next batch before the last comes back');
});

test('a batch that fails fails the pass, and a later failure is not left unhandled', async () => {
  let calls = 0;
  await assert.rejects(
    inBatches(
      texts,
      async (batch) => {
        calls += 1;
        await new Promise((resolve) => setTimeout(resolve, 1));
        if (batch[0] === texts[0] || batch[0] === texts[BENCH_BATCH_SIZE]) throw new Error(`batch at ${batch[0]} failed`);
      },
      BENCH_BATCHES_IN_FLIGHT,
    ),
    /batch at text 0 failed/,
  );
  assert.ok(calls <= BENCH_BATCHES_IN_FLIGHT, 'no batch is started after a failure was seen');
});

test('a system that works on the calling thread runs its batches one after another', async () => {
  const order: string[] = [];
  const run = (batch: readonly string[]): void => void order.push(`start ${batch[0]}`, `end ${batch[0]}`);
  await inBatches(texts.slice(0, BENCH_BATCH_SIZE * 3), run, BENCH_BATCHES_IN_FLIGHT);
  assert.deepEqual(order, [0, 1, 2].flatMap((k) => [`start text ${k * BENCH_BATCH_SIZE}`, `end text ${k * BENCH_BATCH_SIZE}`]));
});
