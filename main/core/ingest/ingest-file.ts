import { createHash } from 'node:crypto';
import { createReadStream, readFileSync, statSync } from 'node:fs';
import { basename } from 'node:path';
import { createInterface } from 'node:readline';
import type { Deidentifier } from '../deid/deidentifier.js';
import { QuarryError } from '../errors.js';
import type { Db } from '../store/database.js';
import type { RawText } from '../text.js';
import { RecordError, type LocatedInteraction, type LogFormat } from './formats/format.js';
import { parseJsonLine } from './formats/json-record.js';
import { detectLogFormat, logFormat } from './formats/registry.js';
import type { QuarantinedRecord, RawInteraction } from './interaction.js';

export interface IngestSummary {
  runId: number;
  file: string;
  /** The format the file was read as: the one asked for, or the one detected. */
  format: string;
  ingested: number;
  duplicates: number;
  quarantined: number;
  quarantine: QuarantinedRecord[];
}

interface PendingRecord {
  line: number;
  hash: string;
  interaction: RawInteraction;
}

const BATCH = 32;
/** Records looked at to detect a file's format, and how many lines may be skipped looking for them. */
const SAMPLE_RECORDS = 8;
const SAMPLE_LINES = 64;
/** A file whose first line is not JSON on its own may be one pretty-printed document, if it is not huge. */
const WHOLE_DOCUMENT_LIMIT = 64 * 1024 * 1024;

interface SourceLine {
  line: number;
  record?: Record<string, unknown>;
  error?: RecordError;
}

function wholeDocument(file: string): Record<string, unknown> | null {
  if (statSync(file).size > WHOLE_DOCUMENT_LIMIT) return null;
  try {
    const json: unknown = JSON.parse(readFileSync(file, 'utf8'));
    return typeof json === 'object' && json !== null && !Array.isArray(json) ? (json as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}

function contentHash(interaction: RawInteraction): string {
  return createHash('sha256').update(JSON.stringify(interaction)).digest('hex');
}

/** A case's text fields in a fixed order: every request message, then the response. */
function caseFields(interaction: RawInteraction): RawText[] {
  return [...interaction.messages.map((m) => m.content), ...(interaction.response ? [interaction.response.content] : [])];
}

function firstUserPreview(texts: string[], interaction: RawInteraction): string {
  const index = interaction.messages.findIndex((m) => m.role === 'user');
  const text = texts[index >= 0 ? index : 0] ?? '';
  return text.replace(/\s+/g, ' ').trim().slice(0, 200);
}

/** The file's records, one per non-empty line, or the whole file as one record when it is a single document. */
async function* sourceLines(file: string): AsyncGenerator<SourceLine> {
  const lines = createInterface({ input: createReadStream(file, { encoding: 'utf8' }), crlfDelay: Infinity });
  let lineNumber = 0;
  let first = true;
  for await (const line of lines) {
    lineNumber += 1;
    if (line.trim() === '') continue;
    let parsed: SourceLine;
    try {
      parsed = { line: lineNumber, record: parseJsonLine(line) };
    } catch (error) {
      if (!(error instanceof RecordError)) throw error;
      const document = first ? wholeDocument(file) : null;
      if (document) {
        yield { line: lineNumber, record: document };
        return;
      }
      parsed = { line: lineNumber, error };
    }
    first = false;
    yield parsed;
  }
}

async function* concat<T>(head: readonly T[], rest: AsyncIterator<T>): AsyncGenerator<T> {
  yield* head;
  for (let next = await rest.next(); !next.done; next = await rest.next()) yield next.value;
}

export interface IngestOptions {
  /** A format id from the registry; detected from the first records when absent. */
  format?: string;
}

/**
 * Streams a log file into the workspace, read as the format asked for or the one detected from its first records:
 * malformed records are quarantined with their line number and reason, exact duplicates (same content hash) are
 * skipped, and every stored interaction is de-identified in the same transaction that stores its raw form in the
 * vault. Batches commit one by one, so a crash loses at most the batch in flight and a re-run skips what was stored.
 * Trace and Langfuse files are the exception: their interactions are assembled once the whole file is read.
 */
export async function ingestLogFile(db: Db, deidentifier: Deidentifier, file: string, options: IngestOptions = {}): Promise<IngestSummary> {
  try {
    if (!statSync(file).isFile()) throw new Error('not a regular file');
  } catch (error) {
    throw new QuarryError('ingest-file-unreadable', `Cannot read ${file}: ${(error as Error).message}.`);
  }
  const source = sourceLines(file);
  const head: SourceLine[] = [];
  let format: LogFormat;
  try {
    while (head.filter((l) => l.record).length < SAMPLE_RECORDS && head.length < SAMPLE_LINES) {
      const next = await source.next();
      if (next.done) break;
      head.push(next.value);
    }
    const sample = head.flatMap((l) => (l.record ? [l.record] : []));
    format = options.format ? logFormat(options.format) : detectLogFormat(sample, basename(file));
  } catch (error) {
    await source.return(undefined);
    throw error;
  }
  const reader = format.open();

  const now = new Date().toISOString();
  const runId = Number(
    db.prepare('INSERT INTO ingest_runs (source_file, format, started_at) VALUES (?, ?, ?)').run(basename(file), format.id, now)
      .lastInsertRowid,
  );
  const known = db.prepare('SELECT 1 FROM vault_interactions WHERE content_hash = ?').pluck();
  const insertVault = db.prepare('INSERT INTO vault_interactions (content_hash, run_id, line, raw_json) VALUES (?, ?, ?, ?)');
  const insertCase = db.prepare(
    `INSERT INTO cases (id, run_id, line, record_id, content_hash, redacted_json, signals_json, slices_json, placeholders_json, ingested_at)
     VALUES (@id, @run_id, @line, @record_id, @content_hash, @redacted_json, @signals_json, @slices_json, @placeholders_json, @ingested_at)`,
  );
  const insertFinding = db.prepare(
    'INSERT INTO vault_findings (case_id, field, start, end, label, placeholder, source, score, original) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)',
  );
  const insertQuarantine = db.prepare('INSERT INTO quarantine (run_id, line, reason) VALUES (?, ?, ?)');

  const summary: IngestSummary = { runId, file: basename(file), format: format.id, ingested: 0, duplicates: 0, quarantined: 0, quarantine: [] };
  const seenInRun = new Set<string>();
  let pending: PendingRecord[] = [];

  const flush = async (): Promise<void> => {
    if (pending.length === 0) return;
    const batch = pending;
    pending = [];
    const results = await deidentifier.deidentifyCases(batch.map((r) => caseFields(r.interaction)));
    db.transaction(() => {
      batch.forEach((record, i) => {
        const result = results[i]!;
        const { interaction } = record;
        const caseId = Number(insertVault.run(record.hash, runId, record.line, JSON.stringify(interaction)).lastInsertRowid);
        const texts = result.texts;
        const messageCount = interaction.messages.length;
        const redacted = {
          messages: interaction.messages.map((m, j) => ({ role: m.role, content: texts[j] })),
          response: interaction.response ? { role: interaction.response.role, content: texts[messageCount] } : null,
          preview: firstUserPreview(texts, interaction),
        };
        const placeholders = [...new Map(result.replacements.map((r) => [r.placeholder, r.label])).entries()].map(
          ([placeholder, label]) => ({ placeholder, label }),
        );
        insertCase.run({
          id: caseId,
          run_id: runId,
          line: record.line,
          record_id: interaction.recordId,
          content_hash: record.hash,
          redacted_json: JSON.stringify(redacted),
          signals_json: JSON.stringify(interaction.signals),
          slices_json: JSON.stringify(interaction.slices),
          placeholders_json: JSON.stringify(placeholders),
          ingested_at: now,
        });
        for (const r of result.replacements) {
          insertFinding.run(caseId, r.field, r.start, r.end, r.label, r.placeholder, r.source, r.score, r.original);
        }
      });
      db.prepare('UPDATE ingest_runs SET ingested = ingested + ? WHERE id = ?').run(batch.length, runId);
    })();
    summary.ingested += batch.length;
  };

  const quarantine = (line: number, error: RecordError): void => {
    insertQuarantine.run(runId, line, error.message);
    summary.quarantined += 1;
    summary.quarantine.push({ line, reason: error.message });
  };
  const accept = async ({ line, interaction }: LocatedInteraction): Promise<void> => {
    const hash = contentHash(interaction);
    if (seenInRun.has(hash) || known.get(hash)) {
      summary.duplicates += 1;
      return;
    }
    seenInRun.add(hash);
    pending.push({ line, hash, interaction });
    if (pending.length >= BATCH) await flush();
  };

  try {
    for await (const { line, record, error } of concat(head, source)) {
      if (!record) {
        quarantine(line, error!);
        continue;
      }
      let read: LocatedInteraction[];
      try {
        read = reader.read(record, line);
      } catch (readError) {
        if (!(readError instanceof RecordError)) throw readError;
        quarantine(line, readError);
        continue;
      }
      for (const located of read) await accept(located);
    }
  } finally {
    // Closes the file when de-identifying or storing failed part way.
    await source.return(undefined);
  }
  for (const held of reader.end()) {
    if ('error' in held) quarantine(held.line, held.error);
    else await accept(held);
  }
  await flush();
  db.prepare('UPDATE ingest_runs SET finished_at = ?, duplicates = ?, quarantined = ? WHERE id = ?').run(
    new Date().toISOString(),
    summary.duplicates,
    summary.quarantined,
    runId,
  );
  return summary;
}
