import assert from 'node:assert/strict';
import type { Recognizer } from '../main/core/deid/types.js';
import { asRaw } from '../main/core/text.js';

/**
 * The texts a recognizer flags in `text` (only those of `label`, when given), in the order it reports them.
 * A span reported twice (by two of a recognizer's rules) counts once; the same text at two places counts twice.
 */
export function flagged(recognizer: Recognizer, text: string, label?: string): string[] {
  const spans = new Map<string, string>();
  for (const f of recognizer.detect(asRaw(text))) {
    if (label === undefined || f.label === label) spans.set(`${f.start}:${f.end}`, text.slice(f.start, f.end));
  }
  return [...spans.values()];
}

/** Asserts a recognizer flags exactly `expected` in `text`, order aside. */
export function assertFlags(recognizer: Recognizer, text: string, expected: string[], label?: string): void {
  assert.deepEqual(flagged(recognizer, text, label).sort(), [...expected].sort(), text);
}
