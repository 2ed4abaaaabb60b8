import { createHash } from 'node:crypto';
import { createReadStream, statSync } from 'node:fs';
import { basename } from 'node:path';
import { createInterface } from 'node:readline';
import type { Deidentifier } from '../deid/deidentifier.js';
import { QuarryError } from '../errors.js';
import type { Db } from '../store/database.js';
import type { RawText } from '../text.js';
import type { QuarantinedRecord, RawInteraction } from './interaction.js';
import { parseOpenAiChatRecord, RecordError } from './openai-chat.js';

export interface IngestSummary {
  runId: number;
  file: string;
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

/**
 * Streams an OpenAI chat-completions JSONL file into the workspace: malformed lines are quarantined with their
 * line number and reason, exact duplicates (same content hash) are skipped, and every stored interaction is
 * de-identified in the same transaction that stores its raw form in the vault. Batches commit one by one, so a
 * crash loses at most the batch in flight and a re-run skips what was stored.
 */
export async function ingestOpenAiChatFile(db: Db, deidentifier: Deidentifier, file: string): Promise<IngestSummary> {
  try {
    if (!statSync(file).isFile()) throw new Error('not a regular file');
  } catch (error) {
    throw new QuarryError('ingest-file-unreadable', `Cannot read ${file}: ${(error as Error).message}.`);
  }
  const now = new Date().toISOString();
  const runId = Number(
    db.prepare('INSERT INTO ingest_runs (source_file, format, started_at) VALUES (?, ?, ?)').run(basename(file), 'openai-chat', now)
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

  const summary: IngestSummary = { runId, file: basename(file), ingested: 0, duplicates: 0, quarantined: 0, quarantine: [] };
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

  const lines = createInterface({ input: createReadStream(file, { encoding: 'utf8' }), crlfDelay: Infinity });
  let lineNumber = 0;
  for await (const line of lines) {
    lineNumber += 1;
    if (line.trim() === '') continue;
    let interaction: RawInteraction;
    try {
      interaction = parseOpenAiChatRecord(line);
    } catch (error) {
      if (!(error instanceof RecordError)) throw error;
      const record = { line: lineNumber, reason: error.message };
      insertQuarantine.run(runId, record.line, record.reason);
      summary.quarantined += 1;
      summary.quarantine.push(record);
      continue;
    }
    const hash = contentHash(interaction);
    if (seenInRun.has(hash) || known.get(hash)) {
      summary.duplicates += 1;
      continue;
    }
    seenInRun.add(hash);
    pending.push({ line: lineNumber, hash, interaction });
    if (pending.length >= BATCH) await flush();
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
