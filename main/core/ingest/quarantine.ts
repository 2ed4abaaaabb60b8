/**
 * The quarantine: records an ingest could not read, with their run, file, line, field and reason. Reasons name
 * fields and positions, never record text, so the list can be shown and exported as it is.
 */
import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import { stringify } from 'csv-stringify';
import { QuarryError } from '../errors.js';
import type { Db } from '../store/database.js';

export interface QuarantineEntry {
  runId: number;
  file: string;
  line: number;
  field: string | null;
  reason: string;
}

const SELECT = `SELECT q.run_id AS runId, r.source_file AS file, q.line, q.field, q.reason
  FROM quarantine q JOIN ingest_runs r ON r.id = q.run_id`;

function checkRun(db: Db, runId: number): void {
  if (!db.prepare('SELECT 1 FROM ingest_runs WHERE id = ?').get(runId)) {
    throw new QuarryError('ingest-run-unknown', `There is no ingest run ${runId} in this workspace.`);
  }
}

/** One page of a run's quarantine (or every run's), in line order, and the total count. */
export function listQuarantine(db: Db, options: { runId?: number; offset?: number; limit?: number } = {}): { total: number; entries: QuarantineEntry[] } {
  if (options.runId !== undefined) checkRun(db, options.runId);
  const where = options.runId === undefined ? '' : ' WHERE q.run_id = @runId';
  const total = db.prepare(`SELECT count(*) FROM quarantine q${where}`).pluck().get({ runId: options.runId }) as number;
  const entries = db
    .prepare(`${SELECT}${where} ORDER BY q.run_id, q.line, q.id LIMIT @limit OFFSET @offset`)
    .all({ runId: options.runId, limit: options.limit ?? 500, offset: options.offset ?? 0 }) as QuarantineEntry[];
  return { total, entries };
}

/** Writes a run's quarantine (or every run's) as CSV with a header; streams, so its size does not matter. */
export async function exportQuarantine(db: Db, out: string, runId?: number): Promise<number> {
  if (runId !== undefined) checkRun(db, runId);
  const file = createWriteStream(out, { flags: 'wx' });
  const failed = once(file, 'error').then(([error]) => {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EEXIST') throw new QuarryError('quarantine-export-exists', `${out} already exists; choose another file.`);
    throw new QuarryError('quarantine-export-failed', `Cannot write ${out}: ${code ?? (error as Error).message}.`);
  });
  failed.catch(() => undefined);
  const csv = stringify({ header: true, columns: ['run_id', 'file', 'line', 'field', 'reason'] });
  csv.pipe(file);
  // Pages by (run, line, id), so the database is free between pages and the export's size does not matter.
  const page = db.prepare(
    `${SELECT.replace('SELECT ', 'SELECT q.id, ')} WHERE (q.run_id, q.line, q.id) > (@r, @l, @i)${runId === undefined ? '' : ' AND q.run_id = @runId'}
     ORDER BY q.run_id, q.line, q.id LIMIT 1000`,
  );
  let count = 0;
  let after = { r: -1, l: -1, i: -1 };
  for (;;) {
    const rows = page.all({ ...after, runId }) as (QuarantineEntry & { id: number })[];
    if (rows.length === 0) break;
    for (const row of rows) {
      if (!csv.write([row.runId, row.file, row.line, row.field ?? '', row.reason])) await Promise.race([once(csv, 'drain'), failed]);
      count += 1;
    }
    const last = rows.at(-1)!;
    after = { r: last.runId, l: last.line, i: last.id };
  }
  csv.end();
  await Promise.race([once(file, 'finish'), failed]);
  return count;
}
