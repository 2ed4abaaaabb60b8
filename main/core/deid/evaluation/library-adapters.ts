/**
 * Offline JavaScript PII libraries Quarry is compared with, in their regex modes only. Libraries that return
 * nothing but redacted text are told to redact with a marker character, and their spans are recovered by
 * aligning the output with the input (redaction-alignment.ts); those spans carry no entity type.
 */
import type { BenchSystem, LibrarySystemId, RunningSystem } from './bench-system.js';
import { replacedRegions } from './redaction-alignment.js';

/** A private-use character: absent from real text, so every occurrence in the output is a replacement. */
const MARKER = '\uE000';

/** Label for recovered spans; the scorer files unknown labels under OTHER, which counts in the overall figures. */
const UNTYPED = 'PII';

function redactOnly(redact: (text: string) => string): RunningSystem {
  return {
    process(texts) {
      for (const text of texts) redact(text);
    },
    async predict(texts) {
      return texts.map((text) => replacedRegions(text, redact(text), MARKER)?.map((r) => ({ ...r, label: UNTYPED })) ?? null);
    },
    async close() {},
  };
}

const ALIGNED = 'aligned: redacted with a marker character, output aligned with the input; replaced regions are spans, untyped';

export const LIBRARY_SYSTEMS: Record<LibrarySystemId, BenchSystem> = {
  'redact-pii-light': {
    name: '@libretto/redact-pii-light',
    spanSource: `${ALIGNED} (SyncRedactor, all built-in regex rules; Google DLP not used)`,
    corpus: 'full',
    async start() {
      const { SyncRedactor } = await import('@libretto/redact-pii-light');
      const redactor = new SyncRedactor({ globalReplaceWith: MARKER });
      return redactOnly((text) => redactor.redact(text));
    },
  },
  'redactpii-node': {
    name: '@redactpii/node',
    spanSource: `${ALIGNED} (Redactor, default rules; no apiKey, so no dashboard calls)`,
    corpus: 'full',
    async start() {
      const { Redactor } = await import('@redactpii/node');
      const redactor = new Redactor({ globalReplaceWith: MARKER });
      return redactOnly((text) => redactor.redact(text));
    },
  },
  openredaction: {
    name: '@openredaction/openredaction',
    spanSource: 'native: detect() positions, typed (default patterns and context analysis; learning store off)',
    // About 0.3 MB/s: a few passes over full would take over a minute.
    corpus: 'prefix',
    async start() {
      const { OpenRedaction } = await import('@openredaction/openredaction');
      // The learning store would otherwise read and write .openredaction/learnings.json in the working folder.
      const redaction = new OpenRedaction({ enableLearning: false });
      return {
        process(texts) {
          for (const text of texts) redaction.detect(text);
        },
        async predict(texts) {
          return texts.map((text) =>
            redaction.detect(text).detections.map((d) => ({ start: d.position[0], end: d.position[1], label: d.type })),
          );
        },
        async close() {},
      };
    },
  },
};
