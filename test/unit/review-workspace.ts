/** A real encrypted workspace with a few ingested cases, for the review tests (pattern recognizers only). */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { TestContext } from 'node:test';
import { createDeidentifier } from '../../main/core/deid/create-deidentifier.js';
import { ingestLogFile } from '../../main/core/ingest/ingest-file.js';
import { createWorkspace, type Workspace } from '../../main/core/store/workspace.js';
import { MODELS_DIR, tempDir } from '../helpers.js';

/** A name the pattern recognizers do not know: the reviewer reports it as a miss. */
export const MISSED_NAME = 'Brisella';

export const RECORDS = [
  {
    id: 'r-1',
    messages: [{ role: 'user', content: `My daughter ${MISSED_NAME} needs her inhaler refilled, call 617-555-0143.` }],
    choices: [{ message: { role: 'assistant', content: `I will ask ${MISSED_NAME} about the refill; call 617-555-0143 if it is late.` } }],
  },
  {
    id: 'r-2',
    messages: [
      { role: 'system', content: 'You are a pharmacy assistant.' },
      { role: 'user', content: 'Which of my prescriptions expire this month?' },
    ],
    choices: [{ message: { role: 'assistant', content: 'Two of them expire this month.' } }],
  },
  { id: 'r-3', messages: [{ role: 'user', content: 'Can I take ibuprofen with my blood pressure medicine?' }], choices: [{ message: { role: 'assistant', content: 'Ask your pharmacist.' } }] },
  { id: 'r-4', messages: [{ role: 'user', content: 'Is the clinic open on Sunday?' }], choices: [{ message: { role: 'assistant', content: 'No.' } }] },
];

export async function reviewWorkspace(t: TestContext): Promise<Workspace> {
  const dir = tempDir(t, 'quarry-review-');
  const log = join(dir, 'log.jsonl');
  writeFileSync(log, RECORDS.map((r) => JSON.stringify(r)).join('\n'));
  const workspace = createWorkspace(join(dir, 'ws'), 'review passphrase');
  t.after(() => workspace.close());
  const deidentifier = await createDeidentifier({ modelsDir: MODELS_DIR, patternsOnly: true });
  try {
    await ingestLogFile(workspace.db, deidentifier, log);
  } finally {
    await deidentifier.close();
  }
  return workspace;
}
