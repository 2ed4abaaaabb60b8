/**
 * What de-identifying reviewer text costs on each draft save: a draft of 21 text fields (about 1,200 characters,
 * three identifiers typed, two of them the case's own) scanned and sealed ten times against a case ingested from
 * test/fixtures/canary-log.jsonl, with the pattern recognizers alone and with the NER model.
 * Run: `npx tsx main/core/review/bench-reviewer-text.ts`.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createDeidentifier } from '../deid/create-deidentifier.js';
import { defaultModelsDir } from '../deid/ner/detector.js';
import { ingestLogFile } from '../ingest/ingest-file.js';
import { createWorkspace } from '../store/workspace.js';
import { EMPTY_DRAFT, type ReviewDraft } from './case-reviews.js';
import { draftTexts, scanReviewerText, sealDraft } from './reviewer-text.js';

const RUNS = 10;
const FIXTURE = join(import.meta.dirname, '..', '..', '..', 'test', 'fixtures', 'canary-log.jsonl');

const DRAFT: ReviewDraft = {
  ...EMPTY_DRAFT,
  taskText: 'Dr. Ignatius Wolfenden asks on behalf of Zebediah Thornquist: can the refill be sent today? '.repeat(3),
  expected: 'Tell Zebediah Thornquist that Dr. Ignatius Wolfenden (303-555-0148) will call back; never read out (617) 555-0187. '.repeat(4),
  rubric: Array.from({ length: 5 }, () => ({ text: 'Does not repeat the phone number', weight: 2, met: 'No contact detail appears.', unmet: 'A contact detail appears.' })),
  augmentation: { persona: 'a pharmacist', outputFormat: 'two sentences', requiredSources: ['the pharmacy policy'], scope: { temporal: 'this week', comparative: '', geographic: '' } },
};

const root = mkdtempSync(join(tmpdir(), 'quarry-bench-reviewer-text-'));
const workspace = createWorkspace(join(root, 'ws'), 'bench passphrase');
try {
  const texts = draftTexts(DRAFT).filter((t) => t.text.trim());
  for (const patternsOnly of [true, false]) {
    const deidentifier = await createDeidentifier({ modelsDir: defaultModelsDir(), patternsOnly });
    try {
      if (patternsOnly) await ingestLogFile(workspace.db, deidentifier, FIXTURE);
      await scanReviewerText(workspace.db, deidentifier, 1, texts);
      const times: number[] = [];
      for (let i = 0; i < RUNS; i += 1) {
        const started = performance.now();
        const scan = await scanReviewerText(workspace.db, deidentifier, 1, texts);
        workspace.db.transaction(() => sealDraft(workspace.db, scan, 'bench', DRAFT))();
        times.push(performance.now() - started);
      }
      times.sort((a, b) => a - b);
      const chars = texts.reduce((n, t) => n + t.text.length, 0);
      console.log(
        `${patternsOnly ? 'patterns only ' : 'patterns + NER'}: ${texts.length} fields, ${chars} characters; ` +
          `scan + seal median ${times[RUNS / 2]!.toFixed(1)} ms, slowest ${times[RUNS - 1]!.toFixed(1)} ms (${RUNS} runs)`,
      );
    } finally {
      await deidentifier.close();
    }
  }
} finally {
  workspace.close();
  rmSync(root, { recursive: true, force: true });
}
