import { QuarryError } from '../errors.js';
import type { Db } from '../store/database.js';
import { getRelease, releaseHashes } from './release-store.js';
import type { ReleaseCaseKind } from './release-types.js';

/**
 * The difference between two releases of one set, by case id and content hash: added, removed, changed (same case,
 * different sha256) and unchanged. Each case names its kind (in the newer release; in the older one when removed)
 * and whether it is a regression in either, so a regression that was dropped or changed stands out.
 */
export interface DiffCase {
  caseId: number;
  kind: ReleaseCaseKind;
  regression: boolean;
}

export interface ReleaseDiff {
  from: { id: number; version: number };
  to: { id: number; version: number };
  counts: { added: number; removed: number; changed: number; unchanged: number };
  added: DiffCase[];
  removed: DiffCase[];
  changed: DiffCase[];
  unchanged: DiffCase[];
}

export function diffReleases(db: Db, fromId: number, toId: number): ReleaseDiff {
  const from = getRelease(db, fromId);
  const to = getRelease(db, toId);
  if (from.evalSetId !== to.evalSetId) {
    throw new QuarryError('release-diff-sets', `Release ${fromId} is of "${from.evalSet}" and release ${toId} of "${to.evalSet}": compare releases of one set.`);
  }
  const before = new Map(releaseHashes(db, fromId).map((c) => [c.case_id, c]));
  const after = releaseHashes(db, toId);
  const diff: ReleaseDiff = {
    from: { id: from.id, version: from.version },
    to: { id: to.id, version: to.version },
    counts: { added: 0, removed: 0, changed: 0, unchanged: 0 },
    added: [],
    removed: [],
    changed: [],
    unchanged: [],
  };
  const seen = new Set<number>();
  for (const c of after) {
    seen.add(c.case_id);
    const old = before.get(c.case_id);
    const entry = { caseId: c.case_id, kind: c.kind, regression: c.kind === 'regression' || old?.kind === 'regression' };
    if (!old) diff.added.push(entry);
    else if (old.sha256 !== c.sha256) diff.changed.push(entry);
    else diff.unchanged.push(entry);
  }
  for (const c of before.values()) {
    if (!seen.has(c.case_id)) diff.removed.push({ caseId: c.case_id, kind: c.kind, regression: c.kind === 'regression' });
  }
  diff.counts = { added: diff.added.length, removed: diff.removed.length, changed: diff.changed.length, unchanged: diff.unchanged.length };
  return diff;
}
