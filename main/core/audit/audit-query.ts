import { QuarryError } from '../errors.js';
import type { Db } from '../store/database.js';
import type { AuditRow } from './chain-hash.js';

/**
 * Reading the audit log by time range, actor, event type, outcome and a free-text search over those same
 * fields (the log holds ids and counts only, so there is no case text to search).
 */
export interface AuditQuery {
  from?: string;
  to?: string;
  actor?: string;
  /** An exact event type (`case.view`) or an area (`case`, matching every `case.*`). */
  type?: string;
  outcome?: string;
  search?: string;
}

/**
 * The filter as the audit log and export headers record it: a search term is typed text, so only the fact
 * that there was one is kept.
 */
export function describeQuery(query: AuditQuery): Record<string, string | boolean> {
  const described: Record<string, string | boolean> = {};
  for (const [key, value] of Object.entries(query)) {
    if (value === undefined || value === '') continue;
    described[key] = key === 'search' ? true : String(value);
  }
  return described;
}

function isoOrThrow(value: string, field: 'from' | 'to'): string {
  const time = Date.parse(value);
  if (Number.isNaN(time)) throw new QuarryError('invalid-filter', `--${field} "${value}" is not an ISO 8601 time (e.g. 2026-01-31T00:00:00Z).`);
  return new Date(time).toISOString();
}

/** The SQL condition and parameters for a query; shared by the viewer and the export. */
export function auditWhere(query: AuditQuery): { sql: string; params: Record<string, string> } {
  const clauses: string[] = [];
  const params: Record<string, string> = {};
  if (query.from) {
    clauses.push('ts >= @from');
    params.from = isoOrThrow(query.from, 'from');
  }
  if (query.to) {
    clauses.push('ts <= @to');
    params.to = isoOrThrow(query.to, 'to');
  }
  if (query.from && query.to && params.from! > params.to!) {
    throw new QuarryError('invalid-filter', `The time range is empty: --from ${query.from} is after --to ${query.to}.`);
  }
  if (query.actor) {
    clauses.push('actor = @actor COLLATE NOCASE');
    params.actor = query.actor;
  }
  if (query.type) {
    if (query.type.includes('.')) {
      clauses.push('action = @type');
      params.type = query.type;
    } else {
      clauses.push("action LIKE @type ESCAPE '\\'");
      params.type = `${query.type.replace(/[\\%_]/g, '\\$&')}.%`;
    }
  }
  if (query.outcome) {
    clauses.push('outcome = @outcome');
    params.outcome = query.outcome;
  }
  if (query.search?.trim()) {
    clauses.push(
      "(instr(lower(actor || ' ' || role || ' ' || workstation || ' ' || source || ' ' || action || ' ' || object_ids || ' ' || outcome || ' ' || seq), lower(@search)) > 0)",
    );
    params.search = query.search.trim();
  }
  return { sql: clauses.length ? `WHERE ${clauses.join(' AND ')}` : '', params };
}

export interface AuditListing {
  rows: AuditRow[];
  total: number;
  actors: string[];
  types: string[];
}

/** The newest `limit` matching entries, newest first, with the distinct actors and types for the filters. */
export function listAudit(db: Db, query: AuditQuery, limit = 5000): AuditListing {
  const { sql, params } = auditWhere(query);
  return {
    rows: db.prepare(`SELECT * FROM audit_log ${sql} ORDER BY seq DESC LIMIT ${Math.max(1, Math.floor(limit))}`).all(params) as AuditRow[],
    total: db.prepare(`SELECT count(*) FROM audit_log ${sql}`).pluck().get(params) as number,
    actors: db.prepare('SELECT DISTINCT actor FROM audit_log ORDER BY actor').pluck().all() as string[],
    types: db.prepare('SELECT DISTINCT action FROM audit_log ORDER BY action').pluck().all() as string[],
  };
}
