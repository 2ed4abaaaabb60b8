import { QuarryError } from '../errors.js';
import type { Db } from '../store/database.js';

/** Named eval sets: each is released as numbered, immutable snapshots (./create-release.ts). */
export interface EvalSet {
  id: number;
  name: string;
  description: string;
  createdAt: string;
  createdBy: string;
  /** Releases of the set in any state. */
  releases: number;
  latestVersion: number | null;
  /** The latest approved version: the parent of the next release. */
  latestApprovedVersion: number | null;
  /** Imported cases waiting in the set (they join every later release). */
  importedCases: number;
}

const SELECT_SET = `SELECT s.id, s.name, s.description, s.created_at AS createdAt, s.created_by AS createdBy,
    (SELECT count(*) FROM releases r WHERE r.eval_set_id = s.id) AS releases,
    (SELECT max(version) FROM releases r WHERE r.eval_set_id = s.id) AS latestVersion,
    (SELECT max(version) FROM releases r WHERE r.eval_set_id = s.id AND r.state = 'approved') AS latestApprovedVersion,
    (SELECT count(*) FROM imported_cases i WHERE i.eval_set_id = s.id) AS importedCases
  FROM eval_sets s`;

const NAME = /^[\p{L}\p{N}][\p{L}\p{N} ._-]{0,79}$/u;

export function listEvalSets(db: Db): EvalSet[] {
  return db.prepare(`${SELECT_SET} ORDER BY s.name`).all() as EvalSet[];
}

export function findEvalSet(db: Db, name: string): EvalSet | null {
  return (db.prepare(`${SELECT_SET} WHERE s.name = ?`).get(name.trim()) as EvalSet | undefined) ?? null;
}

/** The set by name; a clear error naming it when it does not exist. */
export function getEvalSet(db: Db, name: string): EvalSet {
  const found = findEvalSet(db, name);
  if (!found) throw new QuarryError('evalset-not-found', `There is no eval set named "${name.trim()}". Create it first (quarry evalset create).`);
  return found;
}

export function getEvalSetById(db: Db, id: number): EvalSet {
  const found = db.prepare(`${SELECT_SET} WHERE s.id = ?`).get(id) as EvalSet | undefined;
  if (!found) throw new QuarryError('evalset-not-found', `Eval set ${id} does not exist.`);
  return found;
}

/** Creates a named set; names are unique, 1–80 letters, digits, spaces, dots, dashes or underscores. */
export function createEvalSet(db: Db, name: string, description: string, createdBy: string): EvalSet {
  const trimmed = name.trim();
  if (!NAME.test(trimmed)) {
    throw new QuarryError(
      'evalset-name',
      'An eval set name is 1–80 characters: letters, digits, spaces, dots, dashes or underscores, starting with a letter or digit.',
    );
  }
  if (description.length > 2000) throw new QuarryError('evalset-description', 'The description is longer than 2,000 characters.');
  if (findEvalSet(db, trimmed)) throw new QuarryError('evalset-exists', `An eval set named "${trimmed}" already exists.`);
  db.prepare('INSERT INTO eval_sets (name, description, created_at, created_by) VALUES (?, ?, ?, ?)').run(
    trimmed,
    description.trim(),
    new Date().toISOString(),
    createdBy,
  );
  return getEvalSet(db, trimmed);
}
