import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { test } from 'node:test';
import {
  approveRelease,
  caseSha256,
  contentSha256,
  createEvalSet,
  createRelease,
  diffReleases,
  exportRelease,
  getRelease,
  listEvalSets,
  listReleases,
  rejectRelease,
  releaseCasePage,
  releaseSnapshot,
} from '../../main/core/releases/index.js';
import { runSampling, parseSamplingPolicy } from '../../main/core/sampling/index.js';
import { tempDir } from '../helpers.js';
import { accept, CANARY_PHONE, reject, releaseWorkspace } from './releases-fixture.js';

test('a release snapshots the accepted cases with kinds, counts, hashes, policies and reviewers; no raw text', async (t) => {
  const { db } = await releaseWorkspace(t);
  runSampling(db, parseSamplingPolicy({ name: 'failures', failureSignals: ['thumbs_down', 'regenerated'] }));
  accept(db, 1, 'ana', { category: 'edge-case' });
  accept(db, 2, 'bo', { category: 'happy-path' });
  accept(db, 3, 'ana');
  accept(db, 5, 'bo');
  reject(db, 4);
  createEvalSet(db, 'triage', 'Front-desk questions', 'ana');

  const release = createRelease(db, 'triage', { createdBy: 'ana' });
  assert.equal(release.state, 'pending');
  assert.equal(release.version, 1);
  const snapshot = releaseSnapshot(db, release.id);
  assert.deepEqual(
    snapshot.cases.map((c) => [c.case_id, c.kind, c.origin]),
    [
      [1, 'regression', 'review'],
      [2, 'golden', 'review'],
      [3, 'regression', 'review'],
      [5, 'golden', 'review'],
    ],
    'thumbs down and regenerated are regressions; low confidence alone is not',
  );
  const m = snapshot.manifest;
  assert.equal(m.schema, 'quarry.release/1');
  assert.equal(m.eval_set, 'triage');
  assert.equal(m.parent_version, null);
  assert.equal(m.deid_profile, 'placeholder');
  assert.deepEqual(
    { total: m.counts.total, golden: m.counts.golden, regressions: m.counts.regressions },
    { total: 4, golden: 2, regressions: 2 },
  );
  assert.deepEqual(m.counts.by_category, { 'edge-case': 1, 'happy-path': 1, '(none)': 2 });
  assert.deepEqual(m.counts.by_slice.tier, { pro: 3, free: 1 });
  assert.deepEqual(m.counts.by_slice.product_area, { '(none)': 4 });
  assert.deepEqual(m.counts.by_source_run, { 1: 4 });
  assert.deepEqual(m.sampling_policies, [{ name: 'failures', version: 1 }]);
  assert.deepEqual(m.reviewers, ['ana', 'bo']);
  for (const c of snapshot.cases) assert.equal(c.sha256, caseSha256(c));
  assert.deepEqual(
    m.content_hashes,
    snapshot.cases.map((c) => ({ case_id: c.case_id, sha256: c.sha256 })),
  );
  assert.equal(m.content_sha256, contentSha256(m.content_hashes));
  const stored = JSON.stringify(db.prepare('SELECT manifest_json FROM releases').pluck().all()) + JSON.stringify(db.prepare('SELECT record_json FROM release_cases').pluck().all());
  assert.ok(!stored.includes(CANARY_PHONE), 'the phone number stays in the vault');
  assert.match(snapshot.cases[0]!.messages[0]!.content, /\[PHONE_1\]/);
  assert.deepEqual(listEvalSets(db).map((s) => [s.name, s.releases, s.latestVersion, s.latestApprovedVersion]), [['triage', 1, 1, null]]);

  const page = releaseCasePage(db, release.id, 1, 2, 'golden');
  assert.deepEqual([page.total, page.cases.map((c) => c.case_id)], [2, [5]]);
});

test('four eyes: the creator cannot approve; another user can; decisions are final', async (t) => {
  const { db } = await releaseWorkspace(t);
  accept(db, 2);
  createEvalSet(db, 'triage', '', 'ana');
  const v1 = createRelease(db, 'triage', { createdBy: 'ana' });
  assert.throws(() => approveRelease(db, v1.id, 'ana'), { code: 'release-four-eyes', message: /created by ana; a different admin must approve it/ });
  assert.throws(() => approveRelease(db, v1.id, ' ANA '), { code: 'release-four-eyes' }, 'the same name in other case is the same person');
  assert.throws(() => exportRelease(db, v1.id, 'csv', tempDir(t)), { code: 'release-not-approved' }, 'a pending release does not export');
  assert.throws(() => createRelease(db, 'triage', { createdBy: 'bo' }), { code: 'release-pending' });

  const approved = approveRelease(db, v1.id, 'bo');
  assert.equal(approved.state, 'approved');
  assert.equal(approved.manifest.approved_by, 'bo');
  assert.ok(approved.manifest.approved_at);
  assert.throws(() => rejectRelease(db, v1.id, 'cy'), { code: 'release-decided' });
  assert.throws(() => approveRelease(db, v1.id, 'cy'), { code: 'release-decided' });

  const v2 = createRelease(db, 'triage', { createdBy: 'bo' });
  const rejected = rejectRelease(db, v2.id, 'bo');
  assert.equal(rejected.state, 'rejected');
  assert.equal(rejected.decidedBy, 'bo');
  assert.throws(() => exportRelease(db, v2.id, 'csv', tempDir(t)), { code: 'release-not-approved' });
  const v3 = createRelease(db, 'triage', { createdBy: 'cy' });
  assert.equal(v3.version, 3);
  assert.equal(v3.parentVersion, 1, 'a rejected release is never a parent');
  assert.deepEqual(listReleases(db).map((r) => r.version), [3, 2, 1]);
});

test('releases are immutable: direct SQL is refused and a later re-review does not change a release', async (t) => {
  const { db } = await releaseWorkspace(t);
  accept(db, 1);
  accept(db, 2);
  createEvalSet(db, 'triage', '', 'ana');
  const v1 = createRelease(db, 'triage', { createdBy: 'ana' });
  approveRelease(db, v1.id, 'bo');
  const before = releaseSnapshot(db, v1.id);

  assert.throws(() => db.prepare("UPDATE release_cases SET record_json = '{}' WHERE release_id = ?").run(v1.id), /immutable/);
  assert.throws(() => db.prepare('DELETE FROM release_cases WHERE release_id = ?').run(v1.id), /immutable/);
  assert.throws(() => db.prepare("UPDATE releases SET manifest_json = '{}' WHERE id = ?").run(v1.id), /immutable/);
  assert.throws(() => db.prepare("UPDATE releases SET approved_by = 'mallory' WHERE id = ?").run(v1.id), /immutable/);
  assert.throws(() => db.prepare('DELETE FROM releases WHERE id = ?').run(v1.id), /immutable/);

  accept(db, 2, 'ana', { expected: 'A rewritten reference answer.', category: 'drift' });
  reject(db, 1);
  assert.deepEqual(releaseSnapshot(db, v1.id), before, 'v1 is what it was');
});

test('regressions are frozen from v1 into v2, even re-reviewed to rejected; golden cases follow the review; diff shows it', async (t) => {
  const { db } = await releaseWorkspace(t);
  accept(db, 1, 'ana', { expected: 'Call back within a day.' }); // regression
  accept(db, 2); // golden
  accept(db, 3); // regression
  accept(db, 4); // golden
  createEvalSet(db, 'triage', '', 'ana');
  const v1 = createRelease(db, 'triage', { createdBy: 'ana' });
  approveRelease(db, v1.id, 'bo');
  const frozen = new Map(releaseSnapshot(db, v1.id).cases.map((c) => [c.case_id, c]));

  reject(db, 1); // a regression re-reviewed to rejected
  accept(db, 3, 'ana', { expected: 'A different reference answer now.' }); // a regression re-reviewed with new content
  reject(db, 2); // a golden case rejected: dropped
  accept(db, 4, 'ana', { expected: 'Level 2, next to the lifts.' }); // a golden case changed: follows the review
  accept(db, 6); // a new regression
  accept(db, 5); // a new golden case

  const v2 = createRelease(db, 'triage', { createdBy: 'bo' });
  assert.equal(v2.parentVersion, 1);
  const cases = new Map(releaseSnapshot(db, v2.id).cases.map((c) => [c.case_id, c]));
  assert.deepEqual([...cases.keys()], [1, 3, 4, 5, 6]);
  assert.deepEqual(cases.get(1), frozen.get(1), 'the rejected regression is carried unchanged');
  assert.deepEqual(cases.get(3), frozen.get(3), 'the re-reviewed regression keeps its frozen record');
  assert.equal(cases.get(1)!.expected_behaviour, 'Call back within a day.');
  assert.notEqual(cases.get(4)!.sha256, frozen.get(4)!.sha256);
  assert.equal(cases.get(4)!.expected_behaviour, 'Level 2, next to the lifts.');

  const diff = diffReleases(db, v1.id, v2.id);
  assert.deepEqual(diff.counts, { added: 2, removed: 1, changed: 1, unchanged: 2 });
  assert.deepEqual(diff.added, [
    { caseId: 5, kind: 'golden', regression: false },
    { caseId: 6, kind: 'regression', regression: true },
  ]);
  assert.deepEqual(diff.removed, [{ caseId: 2, kind: 'golden', regression: false }]);
  assert.deepEqual(diff.changed, [{ caseId: 4, kind: 'golden', regression: false }]);
  assert.deepEqual(
    diff.unchanged.map((c) => [c.caseId, c.regression]),
    [
      [1, true],
      [3, true],
    ],
  );
  assert.equal(diffReleases(db, v1.id, v1.id).counts.unchanged, 4);

  // v3 from the pending v2 is refused; once v2 is approved its regressions (1, 3, 6) carry on.
  approveRelease(db, v2.id, 'ana');
  reject(db, 6);
  const v3 = createRelease(db, 'triage', { createdBy: 'ana' });
  assert.deepEqual(
    releaseSnapshot(db, v3.id).cases.filter((c) => c.kind === 'regression').map((c) => c.case_id),
    [1, 3, 6],
  );
  assert.deepEqual(diffReleases(db, v2.id, v3.id).counts, { added: 0, removed: 0, changed: 0, unchanged: 5 });
});

test('a release keeps its parent profile, names unknown ones, refuses an empty set and diffs only within a set', async (t) => {
  const { db } = await releaseWorkspace(t);
  createEvalSet(db, 'triage', '', 'ana');
  createEvalSet(db, 'billing', '', 'ana');
  assert.throws(() => createRelease(db, 'triage', { createdBy: 'ana' }), { code: 'release-empty' });
  assert.throws(() => createRelease(db, 'nope', { createdBy: 'ana' }), { code: 'evalset-not-found', message: /no eval set named "nope"/ });
  accept(db, 2);
  assert.throws(() => createRelease(db, 'triage', { createdBy: 'ana', profile: 'bogus' }), { code: 'unknown-export-profile' });
  const v1 = createRelease(db, 'triage', { createdBy: 'ana', profile: 'general-pii' });
  approveRelease(db, v1.id, 'bo');
  assert.throws(() => createRelease(db, 'triage', { createdBy: 'ana', profile: 'placeholder' }), { code: 'release-profile' });
  assert.equal(createRelease(db, 'triage', { createdBy: 'ana' }).manifest.deid_profile, 'general-pii');
  const other = createRelease(db, 'billing', { createdBy: 'ana' });
  assert.throws(() => diffReleases(db, v1.id, other.id), { code: 'release-diff-sets' });
  assert.throws(() => createEvalSet(db, 'triage', '', 'bo'), { code: 'evalset-exists' });
  assert.throws(() => createEvalSet(db, '  ', '', 'bo'), { code: 'evalset-name' });
  assert.throws(() => getRelease(db, 999), { code: 'release-not-found' });
});

test('a tampered stored record is detected when the release is read', async (t) => {
  const { db } = await releaseWorkspace(t);
  accept(db, 2);
  createEvalSet(db, 'triage', '', 'ana');
  const v1 = createRelease(db, 'triage', { createdBy: 'ana' });
  // Only by dropping the guard can a record change; reading it then fails loudly instead of exporting it.
  db.exec('DROP TRIGGER release_cases_no_update');
  db.prepare("UPDATE release_cases SET record_json = json_set(record_json, '$.expected_behaviour', 'tampered')").run();
  assert.throws(() => releaseSnapshot(db, v1.id), { code: 'release-corrupt' });
});

test('an export into a folder that cannot be written is a clear error', async (t) => {
  const { db } = await releaseWorkspace(t);
  accept(db, 2);
  createEvalSet(db, 'triage', '', 'ana');
  const v1 = createRelease(db, 'triage', { createdBy: 'ana' });
  approveRelease(db, v1.id, 'bo');
  const file = `${tempDir(t)}/a-file`;
  writeFileSync(file, 'not a folder');
  assert.throws(() => exportRelease(db, v1.id, 'csv', `${file}/out`), { code: /^export-dir/, message: /a-file\/out/ });
  assert.throws(() => exportRelease(db, v1.id, 'csv', 'bad\0dir'), { code: 'export-dir' });
  assert.throws(() => exportRelease(db, v1.id, 'xml', tempDir(t)), { code: 'export-format', message: /Choose one of: golden-jsonl/ });
});
