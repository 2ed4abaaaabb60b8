import { QuarryError } from '../errors.js';
import type { Db } from '../store/database.js';
import { caseSha256 } from './hashing.js';
import type { ReleaseCase, ReleaseCaseKind, ReleaseManifest, ReleaseSnapshot } from './release-types.js';

/**
 * Reading releases back: summaries, one release's manifest (completed by its approval), its frozen cases (each
 * checked against its stored sha256) and pages of them. Nothing here writes.
 */
export type ReleaseState = 'pending' | 'approved' | 'rejected';

export interface ReleaseSummary {
  id: number;
  evalSetId: number;
  evalSet: string;
  version: number;
  parentVersion: number | null;
  state: ReleaseState;
  createdAt: string;
  createdBy: string;
  /** Who approved or rejected it, and when; null while pending. */
  decidedBy: string | null;
  decidedAt: string | null;
  /** The manifest as written at creation, with the approval filled in. */
  manifest: ReleaseManifest;
}

interface ReleaseRow {
  id: number;
  eval_set_id: number;
  eval_set: string;
  version: number;
  parent_version: number | null;
  state: ReleaseState;
  manifest_json: string;
  created_by: string;
  created_at: string;
  approved_by: string | null;
  approved_at: string | null;
  rejected_by: string | null;
  rejected_at: string | null;
}

const SELECT_RELEASE = `SELECT r.*, s.name AS eval_set, p.version AS parent_version
  FROM releases r JOIN eval_sets s ON s.id = r.eval_set_id LEFT JOIN releases p ON p.id = r.parent_id`;

function toSummary(row: ReleaseRow): ReleaseSummary {
  const written = JSON.parse(row.manifest_json) as ReleaseManifest;
  return {
    id: row.id,
    evalSetId: row.eval_set_id,
    evalSet: row.eval_set,
    version: row.version,
    parentVersion: row.parent_version,
    state: row.state,
    createdAt: row.created_at,
    createdBy: row.created_by,
    decidedBy: row.approved_by ?? row.rejected_by,
    decidedAt: row.approved_at ?? row.rejected_at,
    manifest: { ...written, approved_by: row.approved_by, approved_at: row.approved_at },
  };
}

/** Releases of one set (by id), or of every set; newest first. */
export function listReleases(db: Db, evalSetId?: number): ReleaseSummary[] {
  const rows = (
    evalSetId === undefined
      ? db.prepare(`${SELECT_RELEASE} ORDER BY r.created_at DESC, r.id DESC`).all()
      : db.prepare(`${SELECT_RELEASE} WHERE r.eval_set_id = ? ORDER BY r.version DESC`).all(evalSetId)
  ) as ReleaseRow[];
  return rows.map(toSummary);
}

export function getRelease(db: Db, releaseId: number): ReleaseSummary {
  const row = db.prepare(`${SELECT_RELEASE} WHERE r.id = ?`).get(releaseId) as ReleaseRow | undefined;
  if (!row) throw new QuarryError('release-not-found', `Release ${releaseId} does not exist.`);
  return toSummary(row);
}

/** A set's release by version number (v1 is 1). */
export function findReleaseByVersion(db: Db, evalSetId: number, version: number): ReleaseSummary {
  const row = db.prepare(`${SELECT_RELEASE} WHERE r.eval_set_id = ? AND r.version = ?`).get(evalSetId, version) as ReleaseRow | undefined;
  if (!row) throw new QuarryError('release-not-found', `The eval set has no release v${version}.`);
  return toSummary(row);
}

/** The latest approved release of a set: the parent of its next release. */
export function latestApproved(db: Db, evalSetId: number): ReleaseSummary | null {
  const row = db
    .prepare(`${SELECT_RELEASE} WHERE r.eval_set_id = ? AND r.state = 'approved' ORDER BY r.version DESC LIMIT 1`)
    .get(evalSetId) as ReleaseRow | undefined;
  return row ? toSummary(row) : null;
}

interface CaseRow {
  case_id: number;
  kind: ReleaseCaseKind;
  sha256: string;
  record_json: string;
}

function toCase(releaseId: number, row: CaseRow): ReleaseCase {
  const record = JSON.parse(row.record_json) as ReleaseCase;
  if (record.sha256 !== row.sha256 || caseSha256(record) !== row.sha256) {
    throw new QuarryError('release-corrupt', `Release ${releaseId}: the stored record of case ${row.case_id} does not match its sha256.`);
  }
  return record;
}

/** Every frozen case of a release, in case id order, each verified against its sha256. */
export function releaseCases(db: Db, releaseId: number): ReleaseCase[] {
  const rows = db.prepare('SELECT * FROM release_cases WHERE release_id = ? ORDER BY case_id').all(releaseId) as CaseRow[];
  return rows.map((row) => toCase(releaseId, row));
}

/** One page of a release's frozen cases, optionally of one kind. */
export function releaseCasePage(
  db: Db,
  releaseId: number,
  offset: number,
  limit: number,
  kind?: ReleaseCaseKind,
): { total: number; offset: number; cases: ReleaseCase[] } {
  getRelease(db, releaseId);
  const where = kind ? 'release_id = ? AND kind = ?' : 'release_id = ?';
  const params = kind ? [releaseId, kind] : [releaseId];
  const total = db.prepare(`SELECT count(*) FROM release_cases WHERE ${where}`).pluck().get(...params) as number;
  const rows = db.prepare(`SELECT * FROM release_cases WHERE ${where} ORDER BY case_id LIMIT ? OFFSET ?`).all(...params, limit, offset) as CaseRow[];
  return { total, offset, cases: rows.map((row) => toCase(releaseId, row)) };
}

/** Case id, kind and hash of every case of a release: what diffs compare. */
export function releaseHashes(db: Db, releaseId: number): { case_id: number; kind: ReleaseCaseKind; sha256: string }[] {
  return db.prepare('SELECT case_id, kind, sha256 FROM release_cases WHERE release_id = ? ORDER BY case_id').all(releaseId) as {
    case_id: number;
    kind: ReleaseCaseKind;
    sha256: string;
  }[];
}

/** A release as the exporters receive it: the manifest (with its approval) and every case, verified. */
export function releaseSnapshot(db: Db, releaseId: number): ReleaseSnapshot {
  const release = getRelease(db, releaseId);
  return { manifest: release.manifest, cases: releaseCases(db, releaseId) };
}
