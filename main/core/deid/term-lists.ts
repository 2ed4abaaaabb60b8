import { QuarryError } from '../errors.js';
import type { Db } from '../store/database.js';
import type { RawText } from '../text.js';
import { DENY_LIST_SOURCE } from './spans.js';
import { isPiiLabel, PII_LABELS, type Finding, type PiiLabel, type Recognizer } from './types.js';
import { findWholeWords } from './word-search.js';

/**
 * A workspace's own words: deny-listed terms are always redacted (as the type the user chose), allow-listed
 * terms never are (product names, the clinic's own name, fictional characters). Deny wins over allow.
 */
export interface TermLists {
  allow: readonly string[];
  deny: readonly { term: string; label: PiiLabel }[];
}

export interface StoredTerm {
  id: number;
  kind: 'allow' | 'deny';
  term: string;
  label: PiiLabel | null;
}

export const EMPTY_TERM_LISTS: TermLists = { allow: [], deny: [] };

export function denyListRecognizer(lists: TermLists): Recognizer {
  return {
    name: DENY_LIST_SOURCE,
    labels: [...new Set(lists.deny.map((d) => d.label))],
    detect(text: RawText): Finding[] {
      return lists.deny.flatMap(({ term, label }) =>
        findWholeWords(text, term).map((o) => ({ ...o, label, score: 1, source: DENY_LIST_SOURCE })),
      );
    },
  };
}

/** Drops findings that lie inside an occurrence of an allow-listed term; deny-list findings always stay. */
export function applyAllowList(text: RawText, findings: readonly Finding[], lists: TermLists): Finding[] {
  if (lists.allow.length === 0) return [...findings];
  const allowed = lists.allow.flatMap((term) => findWholeWords(text, term));
  return findings.filter(
    (f) => f.source === DENY_LIST_SOURCE || !allowed.some((a) => a.start <= f.start && f.end <= a.end),
  );
}

export function readTermLists(db: Db): TermLists {
  const rows = listTerms(db);
  return {
    allow: rows.filter((r) => r.kind === 'allow').map((r) => r.term),
    deny: rows.filter((r) => r.kind === 'deny').map((r) => ({ term: r.term, label: r.label ?? 'ID' })),
  };
}

export function listTerms(db: Db): StoredTerm[] {
  return db.prepare('SELECT id, kind, term, label FROM deid_terms ORDER BY kind, term COLLATE NOCASE').all() as StoredTerm[];
}

export function addTerm(db: Db, kind: 'allow' | 'deny', term: string, label: string | null, actor: string): StoredTerm {
  const trimmed = term.trim().replace(/\s+/g, ' ');
  if (trimmed.length < 2) throw new QuarryError('term-too-short', 'A term needs at least 2 characters.');
  if (kind === 'deny' && !isPiiLabel(label)) {
    throw new QuarryError('term-label', `Choose the type a deny-listed term is redacted as (${PII_LABELS.join(', ')}).`);
  }
  const existing = db.prepare('SELECT id FROM deid_terms WHERE kind = ? AND term = ? COLLATE NOCASE').pluck().get(kind, trimmed);
  if (existing !== undefined) throw new QuarryError('term-exists', `That term is already on the ${kind} list.`);
  const id = Number(
    db
      .prepare('INSERT INTO deid_terms (kind, term, label, added_by, added_at) VALUES (?, ?, ?, ?, ?)')
      .run(kind, trimmed, kind === 'deny' ? label : null, actor, new Date().toISOString()).lastInsertRowid,
  );
  return { id, kind, term: trimmed, label: kind === 'deny' ? (label as PiiLabel) : null };
}

export function removeTerm(db: Db, id: number): void {
  if (db.prepare('DELETE FROM deid_terms WHERE id = ?').run(id).changes === 0) {
    throw new QuarryError('term-not-found', `Term ${id} is not on either list.`);
  }
}
