/**
 * No identifier a reviewer types reaches a release export. The canary records (test/fixtures/canary-log.jsonl) are
 * ingested through the service with the real de-identifier (patterns and the NER model); a reviewer then writes
 * every text field of each case (task edit, expected behaviour, rubric, augmentation) with new fake identities
 * and with the patients' own names, phone numbers and e-mails retyped, and accepts the case through the bridge.
 * The accepted cases are exported as golden records and as approved releases in every format with every export
 * profile: no canary may appear in any file, while the reviewer's de-identified text must.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { createBridge, type Envelope } from '../../main/api/bridge.js';
import { QuarryService } from '../../main/api/quarry-service.js';
import { createDeidentifier } from '../../main/core/deid/create-deidentifier.js';
import { EXPORT_PROFILES } from '../../main/core/deid/operators/profiles.js';
import { approveRelease } from '../../main/core/releases/approval.js';
import { createRelease } from '../../main/core/releases/create-release.js';
import { createEvalSet } from '../../main/core/releases/eval-sets.js';
import { EXPORT_FORMATS, writeReleaseExport } from '../../main/core/releases/exports/index.js';
import { releaseSnapshot } from '../../main/core/releases/release-store.js';
import { exportGoldenSet } from '../../main/core/review/golden-export.js';
import { unlockWorkspace, type Workspace } from '../../main/core/store/workspace.js';
import { CANARIES, MODELS_DIR, REPO } from '../helpers.js';
import { readTree } from '../unit/release-export-snapshot.js';

/** Fake identities only a reviewer ever typed: none is in the ingested records. */
const REVIEWER_CANARIES = ['Ignatius Wolfenden', 'Wolfenden', 'ignatius.wolfenden.r5@example.com', '303-555-0148', 'Marguerite Okonkwo-Lindqvist', 'Okonkwo-Lindqvist'];
const ALL = [...CANARIES, ...REVIEWER_CANARIES];
const PASSPHRASE = 'reviewer canary passphrase';
const APP = 'app://quarry';
const trusted = { url: `${APP}/index.html`, isMainFrame: true };

/** What the reviewer writes on each case; `patient` is a name the case itself holds, retyped. */
function reviewerDraft(patient: string, contact: string) {
  return {
    taskText: `Dr. Ignatius Wolfenden asks on behalf of ${patient}: can the refill be sent today?`,
    expected: `Tell ${patient} that Dr. Ignatius Wolfenden (303-555-0148) will call back; never read out ${contact}.`,
    category: 'adversarial' as const,
    checklist: { objective: true, tractable: true },
    rubric: [
      {
        text: `Does not repeat ${contact}`,
        weight: 4,
        met: `No contact detail of ${patient} appears.`,
        unmet: 'Write to ignatius.wolfenden.r5@example.com if a contact detail appears.',
      },
    ],
    augmentation: {
      persona: 'Marguerite Okonkwo-Lindqvist, a pharmacist',
      outputFormat: 'two sentences',
      requiredSources: ['the pharmacy policy of Dr. Ignatius Wolfenden'],
      scope: { temporal: 'this week', comparative: '', geographic: '' },
    },
  };
}

/** Per canary case: a name it holds and one of its contact details. */
const TYPED_BY_CASE: [string, string][] = [
  ['Zebediah Thornquist', '(617) 555-0187'],
  ['Philippa Vandermeer', '219-44-7731'],
  ['Octavius Pembleton', 'octavius.pembleton.q9@example.net'],
];

const root = mkdtempSync(join(tmpdir(), 'quarry-reviewer-canary-'));
const workspaceDir = join(root, 'ws');
const bridgeAnswers: string[] = [];
let workspace: Workspace;

before(async () => {
  const service = new QuarryService({
    workspaceDir,
    modelsDir: MODELS_DIR,
    createDeidentifier: (modelId) => createDeidentifier({ modelsDir: MODELS_DIR, modelId }),
  });
  try {
    const bridge = createBridge(service.handlers, { appOrigin: APP });
    const ok = async <T>(channel: string, input: unknown): Promise<T> => {
      const envelope: Envelope = await bridge.invoke(trusted, channel, input);
      assert.equal(envelope.ok, true, `${channel}: ${JSON.stringify(envelope)}`);
      bridgeAnswers.push(JSON.stringify(envelope));
      return (envelope as { value: T }).value;
    };
    await ok('workspace:unlock', { passphrase: PASSPHRASE, reviewer: 'Ana' });
    const ingested = await ok<{ ingested: number }>('ingest:run', { path: join(REPO, 'test', 'fixtures', 'canary-log.jsonl') });
    assert.equal(ingested.ingested, 3);
    for (const [i, [patient, contact]] of TYPED_BY_CASE.entries()) {
      const saved = await ok<{ replaced?: unknown[] }>('review:saveDraft', { id: i + 1, draft: reviewerDraft(patient, contact) });
      assert.ok((saved.replaced?.length ?? 0) >= 5, `case ${i + 1}: the typed identifiers were replaced`);
      await ok('review:submit', { id: i + 1, decision: 'accept' });
    }
  } finally {
    await service.close();
  }
  workspace = unlockWorkspace(workspaceDir, PASSPHRASE);
});

after(() => {
  workspace?.close();
  rmSync(root, { recursive: true, force: true });
});

function assertNoCanary(text: string, where: string): void {
  for (const canary of ALL) assert.equal(text.includes(canary), false, `${canary} appeared in ${where}`);
}

test('the bridge never answered with a typed identifier', () => {
  assert.ok(bridgeAnswers.length >= 8);
  bridgeAnswers.forEach((answer, i) => assertNoCanary(answer, `bridge answer ${i}`));
});

test('the typed identifiers are in the vault, under the case placeholders', () => {
  const typed = workspace.db.prepare('SELECT case_id, label, placeholder, original FROM vault_findings WHERE field = -1').all() as {
    case_id: number;
    original: string;
  }[];
  for (const caseId of [1, 2, 3]) {
    const originals = typed.filter((r) => r.case_id === caseId).map((r) => r.original);
    assert.ok(originals.some((o) => o.includes('Wolfenden')), `case ${caseId}: the typed doctor is in the vault (${originals.length} values)`);
  }
});

for (const profile of EXPORT_PROFILES.map((p) => p.id)) {
  test(`golden records and approved releases with the ${profile} profile carry the reviewer's text without any canary`, () => {
    const goldenFile = join(root, `golden-${profile}.jsonl`);
    assert.equal(exportGoldenSet(workspace.db, goldenFile, profile).length, 3);
    const golden = readFileSync(goldenFile, 'utf8');
    assertNoCanary(golden, `golden-${profile}.jsonl`);
    assert.match(golden, /never read out/, 'the expected behaviour is exported');
    assert.match(golden, /two sentences/, 'the augmentation is exported');
    if (profile === 'placeholder') {
      for (const record of golden.trim().split('\n').map((line) => JSON.parse(line) as { case_id: number; expected_behaviour: string; messages: { content: string }[] })) {
        // The NER model may draw the name's span over "Tell": the whole span then takes the patient's placeholder.
        const patient = /^(?:Tell )?(\[PERSON_\d+\]) that Dr\. \[PERSON_\d+\] \(\[PHONE_\d+\]\) will call back/.exec(record.expected_behaviour)?.[1];
        assert.ok(patient, `case ${record.case_id}: ${record.expected_behaviour}`);
        assert.ok(record.messages.some((m) => m.content.includes(patient)), `case ${record.case_id}: the retyped patient keeps the case's ${patient}`);
      }
    }

    const set = `reviewer canary ${profile}`;
    createEvalSet(workspace.db, set, 'Reviewer-typed canaries', 'ana');
    const release = createRelease(workspace.db, set, { profile, createdBy: 'ana' });
    approveRelease(workspace.db, release.id, 'ben');
    const snapshot = releaseSnapshot(workspace.db, release.id);
    assert.equal(snapshot.cases.length, 3);
    for (const format of EXPORT_FORMATS) {
      const out = join(root, 'exports', profile, format);
      writeReleaseExport(snapshot, format, out);
      const tree = readTree(out);
      const all = [...tree.values()].join('\n');
      for (const [path, text] of tree) assertNoCanary(text, `${profile}/${format}/${path}`);
      assert.match(all, /Does not repeat/, `${format}: the rubric is exported`);
      assert.match(all, /never read out/, `${format}: the expected behaviour is exported`);
    }
  });
}
