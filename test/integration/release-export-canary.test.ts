/**
 * No raw text in any release export. Records carrying unique fake identities (test/fixtures/canary-log.jsonl) are
 * ingested through the real de-identifier (patterns and the NER model), reviewed and accepted; their golden
 * records become a release snapshot, which is exported in every format with every export profile. No canary may
 * appear in any written file, while the de-identified text around them must. The snapshot is built twice: from
 * the golden records directly, and through the release store (create, approve, read back).
 */
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { createDeidentifier } from '../../main/core/deid/create-deidentifier.js';
import { EXPORT_PROFILES } from '../../main/core/deid/operators/profiles.js';
import { ingestLogFile } from '../../main/core/ingest/ingest-file.js';
import { approveRelease } from '../../main/core/releases/approval.js';
import { createRelease } from '../../main/core/releases/create-release.js';
import { createEvalSet } from '../../main/core/releases/eval-sets.js';
import { EXPORT_FORMATS, writeReleaseExport } from '../../main/core/releases/exports/index.js';
import { GOLDEN_SCHEMA } from '../../main/core/releases/exports/golden-schema.js';
import { releaseSnapshot } from '../../main/core/releases/release-store.js';
import type { ReleaseCase, ReleaseManifest, ReleaseSnapshot } from '../../main/core/releases/release-types.js';
import { EMPTY_DRAFT, submitReview } from '../../main/core/review/case-reviews.js';
import { exportGoldenSet, type GoldenCase } from '../../main/core/review/golden-export.js';
import { listCases } from '../../main/core/review/review-queue.js';
import { DEFAULT_RUBRIC_TEMPLATES } from '../../main/core/review/rubric.js';
import { createWorkspace, type Workspace } from '../../main/core/store/workspace.js';
import { CANARIES, MODELS_DIR, REPO } from '../helpers.js';
import { parseJsonl, readTree } from '../unit/release-export-snapshot.js';


const root = mkdtempSync(join(tmpdir(), 'quarry-release-canary-'));
let workspace: Workspace;

before(async () => {
  workspace = createWorkspace(join(root, 'ws'), 'canary passphrase');
  const deidentifier = await createDeidentifier({ modelsDir: MODELS_DIR });
  try {
    const summary = await ingestLogFile(workspace.db, deidentifier, join(REPO, 'test', 'fixtures', 'canary-log.jsonl'));
    assert.equal(summary.ingested, 3);
  } finally {
    await deidentifier.close();
  }
  for (const c of listCases(workspace.db)) {
    submitReview(workspace.db, {
      caseId: c.id,
      reviewer: 'ana',
      decision: 'accept',
      draft: {
        ...EMPTY_DRAFT,
        expected: 'Apologise, confirm the request, and do not repeat contact details.',
        category: 'adversarial',
        checklist: { objective: true, tractable: true },
        rubric: DEFAULT_RUBRIC_TEMPLATES.adversarial,
      },
    });
  }
});

after(() => {
  workspace?.close();
  rmSync(root, { recursive: true, force: true });
});

/** A release snapshot of the accepted cases' golden records; thumbs-down cases become regressions. */
function snapshotFromGolden(records: GoldenCase[], profile: string): ReleaseSnapshot {
  const cases: ReleaseCase[] = records.map((g) => {
    const frozen = { ...g, kind: g.signals.thumbs === 'down' ? ('regression' as const) : ('golden' as const), origin: 'review' as const };
    return { ...frozen, sha256: createHash('sha256').update(JSON.stringify(frozen)).digest('hex') };
  });
  const hashes = cases.map((c) => ({ case_id: c.case_id, sha256: c.sha256 }));
  const manifest: ReleaseManifest = {
    schema: 'quarry.release/1',
    eval_set: 'canary-set',
    version: 1,
    parent_version: null,
    deid_profile: profile,
    created_at: new Date().toISOString(),
    created_by: 'ana',
    approved_by: 'ben',
    approved_at: new Date().toISOString(),
    counts: {
      total: cases.length,
      golden: cases.filter((c) => c.kind === 'golden').length,
      regressions: cases.filter((c) => c.kind === 'regression').length,
      by_category: { adversarial: cases.length },
      by_slice: {},
      by_source_run: {},
    },
    content_hashes: hashes,
    content_sha256: createHash('sha256').update(hashes.map((h) => `${h.case_id} ${h.sha256}\n`).join('')).digest('hex'),
    sampling_policies: [],
    reviewers: ['ana'],
  };
  return { manifest, cases };
}

/** Exports the snapshot in every format and proves no canary is in any file, while the de-identified text is. */
function assertNoCanaryInExports(snapshot: ReleaseSnapshot, profile: string, label: string): void {
  let scanned = 0;
  for (const format of EXPORT_FORMATS) {
    const out = join(root, 'exports', label, profile, format);
    const result = writeReleaseExport(snapshot, format, out);
    const tree = readTree(out);
    assert.equal(tree.size, result.files.length);
    const all = [...tree.values()].join('\n');
    for (const [path, text] of tree) {
      for (const canary of CANARIES) assert.equal(text.includes(canary), false, `${canary} appeared in ${label}/${profile}/${format}/${path}`);
      scanned += text.length;
    }
    // The exports are not empty shells: the de-identified requests are in every format.
    assert.match(all, /refill/, `${format} carries the de-identified text`);
    assert.match(all, /charged twice/, `${format} carries the de-identified text`);
    if (profile === 'placeholder') assert.match(all, /\[PERSON_1\]/, `${format} keeps the placeholders`);
  }
  assert.ok(scanned > 10_000, `scanned ${scanned} characters`);
}

const PROFILES = EXPORT_PROFILES.map((p) => p.id);

for (const profile of PROFILES) {
  test(`a snapshot built from the golden records, rendered with the ${profile} profile, exports no canary`, () => {
    const goldenFile = join(root, `golden-${profile}.jsonl`);
    exportGoldenSet(workspace.db, goldenFile, profile);
    const records = readFileSync(goldenFile, 'utf8').trim().split('\n').map((line) => JSON.parse(line) as GoldenCase);
    assert.equal(records.length, 3);
    const snapshot = snapshotFromGolden(records, profile);
    assert.equal(snapshot.manifest.counts.regressions, 2, 'the two thumbs-down cases are regressions');
    assertNoCanaryInExports(snapshot, profile, 'golden-records');
  });
}

test('releases created, approved and read back by the release store export no canary, and match the schema', () => {
  const validate = new Ajv2020({ allErrors: true, strict: true }).compile(GOLDEN_SCHEMA);
  for (const profile of PROFILES) {
    const set = `canary ${profile}`;
    createEvalSet(workspace.db, set, 'Canary records', 'ana');
    const release = createRelease(workspace.db, set, { profile, createdBy: 'ana' });
    approveRelease(workspace.db, release.id, 'ben');
    const snapshot = releaseSnapshot(workspace.db, release.id);
    assert.equal(snapshot.cases.length, 3);
    assertNoCanaryInExports(snapshot, profile, 'release-store');
    const out = join(root, 'exports', 'release-store', profile, 'golden-jsonl');
    const lines = [...parseJsonl(readFileSync(join(out, 'golden.jsonl'), 'utf8')), ...parseJsonl(readFileSync(join(out, 'regressions.jsonl'), 'utf8'))];
    assert.equal(lines.length, 3);
    for (const line of lines) assert.ok(validate(line), `${profile}: ${JSON.stringify(validate.errors)}`);
  }
});
