import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { QuarryService } from '../../main/api/quarry-service.js';
import { createDeidentifier } from '../../main/core/deid/create-deidentifier.js';
import type { Deidentifier } from '../../main/core/deid/deidentifier.js';
import { unlockWorkspace } from '../../main/core/store/workspace.js';
import { EXAMPLE_LOG, MODELS_DIR, tempDir } from '../helpers.js';

const PASSPHRASE = 'integration passphrase';
/** Identities in examples/chat-log.jsonl that must never reach the de-identified tables. */
const IDENTITIES = [
  'Margaret Ellison',
  'margaret.ellison@examplemail.com',
  '415-555-0132',
  '536-22-8841',
  '4111 1111 1111 1111',
  'Raymond Okafor',
  'priya.natarajan@lawmail.example',
  'Priya Natarajan',
  'Daniel Whitcombe',
  'Lucía Fernández Ortega',
  '+34 612 345 678',
  '192.168.14.27',
  't.nakamura@corp-example.net',
  'Takeshi Nakamura',
  'March 14, 2025',
  '2025-06-02',
];

let deidentifier: Deidentifier;
before(async () => {
  deidentifier = await createDeidentifier({ modelsDir: MODELS_DIR });
});
after(async () => {
  await deidentifier.close();
});

function service(workspaceDir: string): QuarryService {
  return new QuarryService({ workspaceDir, modelsDir: MODELS_DIR, createDeidentifier: async () => deidentifier });
}

test('the example log ingests with counts, quarantine reasons and de-identified cases', async (t) => {
  const dir = join(tempDir(t), 'ws');
  const quarry = service(dir);
  quarry.unlock(PASSPHRASE, 'ana', 'reviewer:ana');
  const result = await quarry.handlers['ingest:run']({ path: EXAMPLE_LOG });
  assert.equal(result.ingested, 8);
  assert.equal(result.duplicates, 1);
  assert.equal(result.quarantined, 2);
  assert.deepEqual(
    result.quarantine.map((q) => q.line),
    [5, 8],
  );
  assert.match(result.quarantine[0]!.reason, /not valid JSON/);
  assert.match(result.quarantine[1]!.reason, /field messages: missing/);

  const again = await quarry.handlers['ingest:run']({ path: EXAMPLE_LOG });
  assert.equal(again.ingested, 0);
  assert.equal(again.duplicates, 9);

  const cases = await quarry.handlers['cases:list']({});
  assert.equal(cases.length, 8);
  const everything = JSON.stringify(await Promise.all(cases.map((c) => quarry.handlers['cases:get']({ id: c.id }))));
  for (const identity of IDENTITIES) assert.equal(everything.includes(identity), false, `${identity} reached a case`);

  const first = await quarry.handlers['cases:get']({ id: cases[0]!.id });
  const user = first.messages.find((m) => m.role === 'user')!.content;
  assert.match(user, /my name is \[PERSON_1\]/);
  assert.match(user, /\[EMAIL_1\]/);
  assert.match(user, /\[PHONE_1\]/);
  // The same phone number in the answer gets the same placeholder.
  assert.match(first.response!.content, /\[PHONE_1\]/);
  assert.deepEqual(first.signals, { thumbs: 'up', latency_ms: 840, cost_usd: 0.0021, confidence: 0.91 });
  assert.deepEqual(first.slices, { tier: 'pro', intent: 'scheduling', language: 'en' });
  await quarry.close();

  const workspace = unlockWorkspace(dir, PASSPHRASE);
  const originals = workspace.db.prepare('SELECT original FROM vault_findings').pluck().all() as string[];
  assert.ok(originals.includes('margaret.ellison@examplemail.com'), 'the vault keeps the mapping back to the real value');
  const redactedTables = JSON.stringify(workspace.db.prepare('SELECT redacted_json, placeholders_json FROM cases').all());
  for (const identity of IDENTITIES) assert.equal(redactedTables.includes(identity), false, identity);
  workspace.close();
});
