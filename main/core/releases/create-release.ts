import { exportProfile } from '../deid/operators/profiles.js';
import { QuarryError } from '../errors.js';
import type { GoldenCase } from '../review/golden-export.js';
import { toGolden } from '../review/golden-export.js';
import { acceptedCases } from '../review/review-queue.js';
import { readReviewSettings } from '../review/review-settings.js';
import { SLICE_FIELDS } from '../sampling/index.js';
import type { Db } from '../store/database.js';
import { getEvalSet } from './eval-sets.js';
import { caseSha256, contentSha256 } from './hashing.js';
import { importedRecords } from './import-golden.js';
import { releaseKindOf } from './regression.js';
import { getRelease, latestApproved, releaseCases, type ReleaseSummary } from './release-store.js';
import type { ReleaseCase, ReleaseCounts, ReleaseManifest } from './release-types.js';

/**
 * Creating a release: the set's next version, pending until a second user approves it (./approval.ts). It
 * snapshots every accepted case (rendered by the export profile) and the set's imported cases, and carries over
 * every regression of the parent (the latest approved release) exactly as frozen there — same record, same
 * sha256 — even if that case was re-reviewed, rejected or purged since. Golden cases follow the current review.
 * One transaction: a release is either stored whole or not at all.
 */

const NONE = '(none)';

function count(into: Record<string, number>, key: string): void {
  into[key] = (into[key] ?? 0) + 1;
}

export function releaseCounts(cases: readonly ReleaseCase[]): ReleaseCounts {
  const counts: ReleaseCounts = {
    total: cases.length,
    golden: 0,
    regressions: 0,
    by_category: {},
    by_slice: Object.fromEntries(SLICE_FIELDS.map((f) => [f, {}])),
    by_source_run: {},
  };
  for (const c of cases) {
    if (c.kind === 'regression') counts.regressions += 1;
    else counts.golden += 1;
    count(counts.by_category, c.category ?? NONE);
    for (const field of SLICE_FIELDS) count(counts.by_slice[field]!, c.slices[field] ?? NONE);
    count(counts.by_source_run, c.origin === 'import' ? 'import' : String(c.provenance.run_id));
  }
  return counts;
}

function freeze(golden: GoldenCase, origin: ReleaseCase['origin'], declared?: 'regression'): ReleaseCase {
  const record: Omit<ReleaseCase, 'sha256'> = { ...golden, kind: declared ?? releaseKindOf(golden.signals), origin };
  return { ...record, sha256: caseSha256(record) };
}

/** Sampling policies (name, version) whose mining runs picked any of the cases. */
function samplingPoliciesOf(db: Db, caseIds: readonly number[]): { name: string; version: number }[] {
  if (caseIds.length === 0) return [];
  return db
    .prepare(
      `SELECT DISTINCT r.policy_name AS name, r.policy_version AS version
       FROM sampling_picks p JOIN sampling_runs r ON r.id = p.run_id
       WHERE p.case_id IN (SELECT value FROM json_each(?)) ORDER BY name, version`,
    )
    .all(JSON.stringify(caseIds)) as { name: string; version: number }[];
}

/** Reviewer account names in the frozen records (a case decided by two reviewers names both). */
function reviewersOf(cases: readonly ReleaseCase[]): string[] {
  const names = new Set<string>();
  for (const c of cases) {
    for (const name of (c.review.reviewer ?? '').split(',')) if (name.trim()) names.add(name.trim());
  }
  return [...names].sort();
}

export interface CreateReleaseOptions {
  /** The export profile that renders placeholders; default: the parent's, else `placeholder`. */
  profile?: string;
  createdBy: string;
}

/** Builds and stores the set's next release in one transaction; returns it (pending). */
export function createRelease(db: Db, setName: string, options: CreateReleaseOptions): ReleaseSummary {
  return db.transaction(() => {
    const set = getEvalSet(db, setName);
    const pending = db.prepare("SELECT version FROM releases WHERE eval_set_id = ? AND state = 'pending'").pluck().get(set.id) as number | undefined;
    if (pending !== undefined) {
      throw new QuarryError('release-pending', `v${pending} of "${set.name}" is still waiting for approval: approve or reject it before creating another release.`);
    }
    const parent = latestApproved(db, set.id);
    const profile = options.profile ?? parent?.manifest.deid_profile ?? 'placeholder';
    exportProfile(profile);
    if (parent && parent.manifest.deid_profile !== profile) {
      throw new QuarryError(
        'release-profile',
        `v${parent.version} of "${set.name}" was rendered with the "${parent.manifest.deid_profile}" profile and its regressions are frozen in that rendering; release with that profile too.`,
      );
    }

    const settings = readReviewSettings(db);
    const byId = new Map<number, ReleaseCase>();
    for (const c of acceptedCases(db)) byId.set(c.id, freeze(toGolden(db, c, profile, settings), 'review'));
    for (const { declared_kind, ...record } of importedRecords(db, set.id)) byId.set(record.case_id, freeze(record, 'import', declared_kind));
    // Frozen regressions win over whatever the case looks like now.
    if (parent) for (const frozen of releaseCases(db, parent.id)) if (frozen.kind === 'regression') byId.set(frozen.case_id, frozen);
    const cases = [...byId.values()].sort((a, b) => a.case_id - b.case_id);
    if (cases.length === 0) {
      throw new QuarryError('release-empty', `"${set.name}" has nothing to release: accept some cases in review or import a golden set first.`);
    }

    const version = (set.latestVersion ?? 0) + 1;
    const createdAt = new Date().toISOString();
    const hashes = cases.map((c) => ({ case_id: c.case_id, sha256: c.sha256 }));
    const manifest: ReleaseManifest = {
      schema: 'quarry.release/1',
      eval_set: set.name,
      version,
      parent_version: parent?.version ?? null,
      deid_profile: profile,
      created_at: createdAt,
      created_by: options.createdBy,
      approved_by: null,
      approved_at: null,
      counts: releaseCounts(cases),
      content_hashes: hashes,
      content_sha256: contentSha256(hashes),
      sampling_policies: samplingPoliciesOf(
        db,
        cases.filter((c) => c.origin === 'review').map((c) => c.case_id),
      ),
      reviewers: reviewersOf(cases),
    };
    const releaseId = Number(
      db
        .prepare('INSERT INTO releases (eval_set_id, version, parent_id, manifest_json, created_by, created_at) VALUES (?, ?, ?, ?, ?, ?)')
        .run(set.id, version, parent?.id ?? null, JSON.stringify(manifest), options.createdBy, createdAt).lastInsertRowid,
    );
    const insert = db.prepare('INSERT INTO release_cases (release_id, case_id, kind, origin, sha256, record_json) VALUES (?, ?, ?, ?, ?, ?)');
    for (const c of cases) insert.run(releaseId, c.case_id, c.kind, c.origin, c.sha256, JSON.stringify(c));
    return getRelease(db, releaseId);
  })();
}

