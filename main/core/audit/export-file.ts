import { closeSync, openSync, readFileSync, writeSync } from 'node:fs';
import { parse } from 'csv-parse/sync';
import { stringify } from 'csv-stringify/sync';
import { QuarryError } from '../errors.js';
import type { Db } from '../store/database.js';
import { fromBundle, toBundle, type R4Bundle } from './audit-fhir.js';
import type { AuditQuery } from './audit-query.js';
import type { AuditRow } from './chain-hash.js';
import { writeCheckpoint } from './checkpoints.js';
import { exportRecords, type ExportRecord } from './export-records.js';

/**
 * Writing an audit export as JSONL, CSV or a FHIR R4 Bundle, and reading any of the three back for
 * verification. The format of a file to read is recognised from its first bytes, not its name.
 */
export type AuditExportFormat = 'jsonl' | 'csv' | 'fhir';

export const CSV_COLUMNS = [
  'record_type',
  'seq',
  'ts',
  'actor',
  'role',
  'workstation',
  'source',
  'action',
  'object_ids',
  'outcome',
  'format',
  'in_filter',
  'content',
  'prev_hash',
  'hash',
  'signature',
  'header',
] as const;

function csvRow(record: ExportRecord): string[] {
  const cells: Record<string, string> = { record_type: record.type };
  if (record.type === 'header') cells.header = JSON.stringify(record);
  else if (record.type === 'entry') {
    for (const field of ['seq', 'ts', 'actor', 'role', 'workstation', 'source', 'action', 'object_ids', 'outcome', 'format', 'prev_hash', 'hash'] as const) {
      cells[field] = String(record[field]);
    }
    cells.in_filter = record.inFilter ? 'true' : 'false';
  } else if (record.type === 'link') Object.assign(cells, { seq: String(record.seq), content: record.content, hash: record.hash });
  else Object.assign(cells, { seq: String(record.seq), ts: record.ts, hash: record.hash, signature: record.signature });
  return CSV_COLUMNS.map((c) => cells[c] ?? '');
}

/** Writes a fresh checkpoint at the head, then the export; returns how many entries matched the filter. */
export function writeAuditExport(db: Db, publicKey: string, query: AuditQuery, format: AuditExportFormat, out: string): number {
  writeCheckpoint(db);
  const records = exportRecords(db, query, publicKey);
  let matching = 0;
  const fd = openSync(out, 'w', 0o600);
  try {
    if (format === 'fhir') {
      const bundle = toBundle(records);
      matching = bundle.entry.length;
      writeSync(fd, `${JSON.stringify(bundle, null, 1)}\n`);
      return matching;
    }
    if (format === 'csv') writeSync(fd, stringify([[...CSV_COLUMNS]]));
    for (const record of records) {
      if (record.type === 'header') matching = record.matching;
      writeSync(fd, format === 'csv' ? stringify([csvRow(record)]) : `${JSON.stringify(record)}\n`);
    }
    return matching;
  } finally {
    closeSync(fd);
  }
}

function fromCsv(text: string, file: string): ExportRecord[] {
  const rows = parse(text, { columns: true, skip_empty_lines: true }) as Record<string, string>[];
  return rows.map((row, i) => {
    const n = (v: string | undefined) => Number(v);
    switch (row.record_type) {
      case 'header':
        return JSON.parse(row.header ?? '') as ExportRecord;
      case 'entry': {
        const entry: AuditRow = {
          seq: n(row.seq),
          ts: row.ts ?? '',
          actor: row.actor ?? '',
          role: row.role ?? '',
          workstation: row.workstation ?? '',
          source: row.source ?? '',
          action: row.action ?? '',
          object_ids: row.object_ids ?? '',
          outcome: row.outcome ?? '',
          format: n(row.format),
          prev_hash: row.prev_hash ?? '',
          hash: row.hash ?? '',
        };
        return { type: 'entry', inFilter: row.in_filter === 'true', ...entry };
      }
      case 'link':
        return { type: 'link', seq: n(row.seq), content: row.content ?? '', hash: row.hash ?? '' };
      case 'checkpoint':
        return { type: 'checkpoint', seq: n(row.seq), ts: row.ts ?? '', hash: row.hash ?? '', signature: row.signature ?? '' };
      default:
        throw new QuarryError('export-unreadable', `${file}: row ${i + 2}: unknown record_type "${String(row.record_type).slice(0, 20)}".`);
    }
  });
}

/** Reads an export back into records (and any disagreement a FHIR Bundle's readable fields show). */
export function readAuditExport(file: string): { format: AuditExportFormat; records: ExportRecord[]; problems: string[] } {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new QuarryError('export-unreadable', `Cannot read ${file}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}.`);
  }
  try {
    if (text.startsWith('record_type,')) return { format: 'csv', records: fromCsv(text, file), problems: [] };
    if (text.startsWith('{"type":"header"')) {
      const records = text
        .split('\n')
        .filter((line) => line.trim())
        .map((line) => JSON.parse(line) as ExportRecord);
      return { format: 'jsonl', records, problems: [] };
    }
    const bundle = JSON.parse(text) as R4Bundle;
    if (bundle.resourceType === 'Bundle') return { format: 'fhir', ...fromBundle(bundle) };
  } catch (error) {
    if (error instanceof QuarryError) throw error;
    throw new QuarryError('export-unreadable', `${file} is not a readable Quarry audit export: ${(error as Error).message}.`);
  }
  throw new QuarryError('export-unreadable', `${file} is not a Quarry audit export (expected JSONL, CSV or a FHIR Bundle).`);
}
