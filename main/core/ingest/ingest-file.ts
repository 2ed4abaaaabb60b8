import { createHash } from 'node:crypto';
import { basename, resolve } from 'node:path';
import type { Readable } from 'node:stream';
import type { Deidentifier } from '../deid/deidentifier.js';
import { caseToCluster, enrichNewCases, languageToDetect, userTextOf } from '../enrich/enrich-cases.js';
import type { CaseToCluster } from '../enrich/near-duplicates.js';
import { QuarryError } from '../errors.js';
import type { Db } from '../store/database.js';
import type { RawText } from '../text.js';
import { RecordError, type LateProblem, type LocatedInteraction, type LogFormat, type RecordReader } from './formats/format.js';
import { detectLogFormat, logFormat } from './formats/registry.js';
import { occurredAt } from './formats/timestamp.js';
import type { QuarantinedRecord, RawInteraction } from './interaction.js';
import { profileReader } from './profiles/profile-reader.js';
import type { SourceProfile } from './profiles/source-profile.js';
import { ProgressClock, type IngestProgress, type IngestState } from './progress.js';
import { csvRecords, jsonRecords, type SourceRecord } from './record-source.js';
import { bulkCaseInserts } from './bulk-derived.js';
import { claimRun, releaseRun } from './runs.js';
import { openSource, sourceError } from './source-stream.js';

export interface IngestSummary {
  runId: number;
  file: string;
  /** The format the file was read as: the one asked for, the one detected, or `csv` / `jsonl` with a profile. */
  format: string;
  /** The source profile used, when there was one. */
  profile: { name: string; version: number } | null;
  /** `finished`, or `cancelled` when the signal aborted it: what was stored stays, and a re-run adds the rest. */
  state: Extract<IngestState, 'finished' | 'cancelled'>;
  records: number;
  ingested: number;
  duplicates: number;
  quarantined: number;
  /** The first quarantined records (at most QUARANTINE_KEPT); the quarantine table holds them all. */
  quarantine: QuarantinedRecord[];
}

interface PendingRecord {
  line: number;
  hash: string;
  interaction: RawInteraction;
  /** The interaction as JSON: hashed, then stored in the vault as it is (serialised once). */
  json: string;
}

/** A duplicate seen in the batch in flight: counted against the stored interaction when the batch commits. */
interface DuplicateArrival {
  line: number;
  hash: string;
}

/**
 * When a batch commits: once it holds MAX_BATCH records, or MIN_BATCH records when COMMIT_MS have passed since the
 * last commit. A commit writes every page the batch dirtied through the cipher, and the random-keyed indexes (the
 * vault's hash, the LSH buckets) dirty pages all over the file, so a commit costs about the same for 100 records as
 * for 1,000: a fast ingest commits MAX_BATCH records at a time, a slow one (the NER model) about once a second,
 * which bounds what a crash can lose (a re-run adds it again). MAX_BATCH also bounds memory: 2,048 measured some
 * 50 MB more peak RSS than 1,024 for little gain.
 */
const MIN_BATCH = 32;
const MAX_BATCH = 1024;
const COMMIT_MS = 1000;
/** Records handed to the de-identifier at once (its NER model batches inputs; larger calls only cost memory). */
const DEID_CHUNK = 32;
/**
 * Page cache for the ingest's connection, in KiB (SQLite's negative cache_size), restored afterwards. The vault's
 * hash index takes random keys; with SQLite's 2 MiB default, every insert into it past a few thousand cases read
 * and decrypted pages from disk again; 12 MiB holds it up to some 100,000 cases (85 bytes a case). The LSH buckets
 * no longer need the cache: their recent tier is held in memory and appended to a log, the large tier is asked
 * only for the keys its filter may hold, and merged into in key order (see near-duplicates.ts). 48 MiB held the
 * recent tier when it was a keyed table; the memory now goes to the tier (up to some 30 MB) and the filter (some
 * 25 MB at 1,000,000 cases), within the 400 MB bound. The cache is a bound, so a larger file costs no more.
 */
const INGEST_CACHE_KIB = 12 * 1024;
/**
 * WAL settings for the ingest's batches. synchronous = NORMAL, set around each batch's commit only (the app's other
 * writes on this connection between batches keep the store's FULL): the commit appends to the WAL without an fsync
 * (checkpoints still sync). In WAL mode that keeps the database consistent through a crash or a kill; a power cut
 * can lose the last batches, which are whole batches, and a re-run adds them again. A larger auto-checkpoint
 * interval during the ingest, restored afterwards, lets pages that several batches rewrite be copied to the
 * database once rather than once per batch (the WAL grows to about that size, 32 MiB, meanwhile).
 */
const INGEST_SYNCHRONOUS = 'NORMAL';
const INGEST_CHECKPOINT_PAGES = 8192;
/** Duplicates held before their arrivals are written (a file of repeats still commits in bounded batches). */
const DUPLICATE_BATCH = 512;
/** Records looked at to detect a file's format, and how many lines may be skipped looking for them. */
const SAMPLE_RECORDS = 8;
const SAMPLE_LINES = 64;
/** Quarantined records listed in the summary; the rest are in the quarantine table (quarantine:list, export). */
export const QUARANTINE_KEPT = 200;

export function contentHash(interaction: RawInteraction): string {
  return hashOfJson(JSON.stringify(interaction));
}

/** contentHash of an interaction already serialised with JSON.stringify. */
function hashOfJson(json: string): string {
  return createHash('sha256').update(json).digest('hex');
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

async function* concat<T>(head: readonly T[], rest: AsyncIterator<T>): AsyncGenerator<T> {
  yield* head;
  for (let next = await rest.next(); !next.done; next = await rest.next()) yield next.value;
}

export interface IngestOptions {
  /** A format id from the registry; detected from the first records when absent. */
  format?: string;
  /** Read the file through this saved source profile (generic JSONL or CSV) instead of a known format. */
  profile?: { name: string; version: number; profile: SourceProfile };
  /** Aborting stops reading: what was stored stays, the run is recorded as cancelled, a re-run adds the rest. */
  signal?: AbortSignal;
  /** Called at most every `progressEveryMs` while reading, and once at the end. */
  onProgress?: (progress: IngestProgress) => void;
  progressEveryMs?: number;
  /** The run this one resumes (a cancelled or interrupted run of the same file). */
  resumesRun?: number;
  /** Called with the run's id once it is recorded, before any record is read. */
  onStart?: (runId: number) => void;
}

/** The reader and the record stream for a file: through a profile, or as a known format detected from its head. */
async function openReader(
  file: string,
  options: IngestOptions,
  stream: Readable,
): Promise<{ format: string; reader: RecordReader; records: AsyncGenerator<SourceRecord> }> {
  if (options.profile) {
    const { profile } = options.profile;
    const records = profile.kind === 'csv' ? csvRecords(stream, { delimiter: ',', header: true, quote: '"', ...profile.csv }) : jsonRecords(stream, file);
    return { format: profile.kind, reader: profileReader(profile.mapping), records };
  }
  const source = jsonRecords(stream, file);
  const head: SourceRecord[] = [];
  let format: LogFormat;
  try {
    while (head.filter((l) => l.record).length < SAMPLE_RECORDS && head.length < SAMPLE_LINES) {
      const next = await source.next();
      if (next.done) break;
      head.push(next.value);
    }
    const sample = head.flatMap((l) => (l.record ? [l.record] : []));
    if (options.format) format = logFormat(options.format);
    else {
      // Nothing to detect a format from: say so, rather than that the format is unknown.
      if (head.length === 0) throw new QuarryError('ingest-file-empty', `${basename(file)} is empty: it holds no records to ingest (was it exported completely?).`);
      // Nothing but unreadable records (a JSON array that stops at a bad token, a file of broken JSON lines): the
      // reason of the first one says what is wrong and where, which "not a known format" would hide. A CSV file is
      // no JSON at all: it gets the advice to map it below.
      if (sample.length === 0 && head[0]?.error && !/\.csv(\.gz)?$/i.test(file)) throw new QuarryError('ingest-file-unreadable', `${basename(file)} line ${head[0].line}: ${head[0].error.message}`);
      try {
        format = detectLogFormat(sample, basename(file));
      } catch (error) {
        if (/\.csv(\.gz)?$/i.test(file) || sample.length === 0) {
          throw new QuarryError(
            'ingest-format-unknown',
            `${basename(file)} is not a known JSON log format. Map its fields once with a source profile (Map fields… in the app, or quarry profiles save FILE.json) and ingest it with that profile.`,
          );
        }
        throw error;
      }
    }
  } catch (error) {
    await source.return(undefined);
    throw error;
  }
  const reader = format.open({ file });
  try {
    await reader.prepare?.();
  } catch (error) {
    await source.return(undefined);
    throw error;
  }
  return { format: format.id, reader, records: concat(head, source) };
}

/**
 * Streams a log file (plain or gzip) into the workspace, read as the format asked for, the one detected from its
 * first records, or through a source profile: malformed records are quarantined with their line, field and
 * reason, exact duplicates (same content hash) are skipped, and every stored interaction is de-identified in the
 * same transaction that stores its raw form in the vault. Batches commit one by one, so a crash loses at most the
 * batch in flight (MAX_BATCH records), a cancel stores what was read before it, and a re-run skips what was stored.
 * Memory stays bounded by a batch (plus, for trace formats, the open traces: see trace-assembly.ts), whatever the
 * file's size.
 */
export async function ingestLogFile(db: Db, deidentifier: Deidentifier, file: string, options: IngestOptions = {}): Promise<IngestSummary> {
  const input = openSource(file);
  let opened: Awaited<ReturnType<typeof openReader>>;
  try {
    opened = await openReader(file, options, input.stream);
  } catch (error) {
    input.close();
    throw error instanceof QuarryError || error instanceof RecordError ? error : sourceError(file, error);
  }

  const now = new Date().toISOString();
  const runId = Number(
    db
      .prepare(
        `INSERT INTO ingest_runs (source_file, source_path, format, started_at, state, profile_name, profile_version, bytes_total, bytes_read, owner_pid, resumes_run)
         VALUES (?, ?, ?, ?, 'running', ?, ?, ?, 0, ?, ?)`,
      )
      .run(basename(file), resolve(file), opened.format, now, options.profile?.name ?? null, options.profile?.version ?? null, input.totalBytes, process.pid, options.resumesRun ?? null)
      .lastInsertRowid,
  );
  claimRun(runId);
  const cacheSize = db.pragma('cache_size', { simple: true }) as number;
  const checkpoint = db.pragma('wal_autocheckpoint', { simple: true }) as number;
  try {
    db.pragma(`cache_size = ${-INGEST_CACHE_KIB}`);
    db.pragma(`wal_autocheckpoint = ${INGEST_CHECKPOINT_PAGES}`);
    options.onStart?.(runId);
    return await readIntoRun(db, deidentifier, file, options, input, opened, runId, now);
  } finally {
    db.pragma(`cache_size = ${cacheSize}`);
    db.pragma(`wal_autocheckpoint = ${checkpoint}`);
    releaseRun(runId);
  }
}

/** The body of an ingest once its run is recorded: reads, de-identifies and stores, and records the outcome. */
async function readIntoRun(
  db: Db,
  deidentifier: Deidentifier,
  file: string,
  options: IngestOptions,
  input: ReturnType<typeof openSource>,
  opened: Awaited<ReturnType<typeof openReader>>,
  runId: number,
  now: string,
): Promise<IngestSummary> {
  const { reader, records } = opened;
  const known = db.prepare('SELECT 1 FROM vault_interactions WHERE content_hash = ?').pluck();
  const storedId = db.prepare('SELECT id FROM vault_interactions WHERE content_hash = ?').pluck();
  const insertArrival = db.prepare('INSERT OR IGNORE INTO ingest_arrivals (interaction_id, source_file, line, run_id) VALUES (?, ?, ?, ?)');
  const countSeen = db.prepare('UPDATE cases SET seen_count = seen_count + 1 WHERE id = ?');
  const insertVault = db.prepare('INSERT INTO vault_interactions (content_hash, run_id, line, raw_json) VALUES (?, ?, ?, ?)');
  const insertCase = db.prepare(
    `INSERT INTO cases (id, run_id, line, record_id, content_hash, redacted_json, signals_json, slices_json, placeholders_json, ingested_at, occurred_at)
     VALUES (@id, @run_id, @line, @record_id, @content_hash, @redacted_json, @signals_json, @slices_json, @placeholders_json, @ingested_at, @occurred_at)`,
  );
  const insertFinding = db.prepare(
    'INSERT INTO vault_findings (case_id, field, start, end, label, placeholder, source, score, original) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)',
  );
  const insertQuarantine = db.prepare('INSERT INTO quarantine (run_id, line, field, reason) VALUES (?, ?, ?, ?)');
  const bulk = bulkCaseInserts(db);
  const updateRun = db.prepare(
    'UPDATE ingest_runs SET state = ?, ingested = ?, duplicates = ?, quarantined = ?, records = ?, bytes_read = ?, finished_at = ? WHERE id = ?',
  );

  const summary: IngestSummary = {
    runId,
    file: basename(file),
    format: opened.format,
    profile: options.profile ? { name: options.profile.name, version: options.profile.version } : null,
    state: 'finished',
    records: 0,
    ingested: 0,
    duplicates: 0,
    quarantined: 0,
    quarantine: [],
  };
  const clock = new ProgressClock();
  const progress = (state: IngestState): IngestProgress =>
    clock.snapshot({
      state,
      bytes: state === 'finished' ? input.totalBytes : Math.min(input.bytesRead(), input.totalBytes),
      totalBytes: input.totalBytes,
      records: summary.records,
      ingested: summary.ingested,
      duplicates: summary.duplicates,
      quarantined: summary.quarantined,
    });
  const saveRun = (state: IngestState, finished: boolean): void => {
    const p = progress(state);
    updateRun.run(state, summary.ingested, summary.duplicates, summary.quarantined, summary.records, p.bytes, finished ? new Date().toISOString() : null, runId);
  };
  const every = options.progressEveryMs ?? 250;
  let lastReport = 0;
  const report = (force = false): void => {
    if (!options.onProgress) return;
    const t = performance.now();
    if (!force && t - lastReport < every) return;
    lastReport = t;
    options.onProgress(progress('running'));
  };

  // Only the batch in flight is held; earlier batches are committed, and the vault's hash index answers for them.
  let pending: PendingRecord[] = [];
  let pendingHashes = new Set<string>();
  let duplicates: DuplicateArrival[] = [];
  const sourceName = basename(file);

  // -Infinity: the first batch commits at MIN_BATCH records, so a run shows stored work early.
  let lastCommit = -Infinity;
  const flush = async (): Promise<void> => {
    lastCommit = performance.now();
    if (pending.length === 0 && duplicates.length === 0) return;
    const batch = pending;
    const repeats = duplicates;
    pending = [];
    pendingHashes = new Set();
    duplicates = [];
    const results: Awaited<ReturnType<Deidentifier['deidentifyCases']>> = [];
    for (let i = 0; i < batch.length; i += DEID_CHUNK) {
      // Let timers and I/O run between chunks (progress polls, a cancel, the app's other requests): a large batch
      // would otherwise hold the event loop for its whole de-identification.
      if (i > 0) await new Promise((resolve) => setImmediate(resolve));
      results.push(...(await deidentifier.deidentifyCases(batch.slice(i, i + DEID_CHUNK).map((r) => caseFields(r.interaction)))));
    }
    // Synchronous from here to the commit: nothing else runs on the connection in between (see INGEST_SYNCHRONOUS).
    const synchronous = db.pragma('synchronous', { simple: true }) as number;
    db.pragma(`synchronous = ${INGEST_SYNCHRONOUS}`);
    try {
      storeBatch(batch, results, repeats);
    } finally {
      db.pragma(`synchronous = ${synchronous}`);
    }
  };
  const storeBatch = (
    batch: PendingRecord[],
    results: Awaited<ReturnType<Deidentifier['deidentifyCases']>>,
    repeats: DuplicateArrival[],
  ): void => {
    db.transaction(() => {
      const toCluster: CaseToCluster[] = [];
      // The batch's queue, preview and metrics rows are written set-based once its cases are in (bulk-derived.ts).
      bulk.run(runId, () => {
        batch.forEach((record, i) => {
          const result = results[i]!;
          const { interaction } = record;
          const caseId = Number(insertVault.run(record.hash, runId, record.line, record.json).lastInsertRowid);
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
          // Enrichment from the redacted text in hand: the detected language goes into the slices as inserted,
          // rather than a read-back and an update of the stored case (which re-ran the queue trigger).
          const enrichText = userTextOf(redacted.messages);
          const detected = languageToDetect(interaction.slices, enrichText);
          const slices = detected === null ? interaction.slices : { ...interaction.slices, language: detected };
          insertCase.run({
            id: caseId,
            run_id: runId,
            line: record.line,
            record_id: interaction.recordId,
            content_hash: record.hash,
            redacted_json: JSON.stringify(redacted),
            signals_json: JSON.stringify(interaction.signals),
            slices_json: JSON.stringify(slices),
            placeholders_json: JSON.stringify(placeholders),
            ingested_at: now,
            occurred_at: occurredAt(interaction.timestamp, now),
          });
          for (const r of result.replacements) {
            insertFinding.run(caseId, r.field, r.start, r.end, r.label, r.placeholder, r.source, r.score, r.original);
          }
          insertArrival.run(caseId, sourceName, record.line, runId);
          toCluster.push(caseToCluster(caseId, enrichText, detected));
        });
        return toCluster.length > 0 ? { first: toCluster[0]!.caseId, last: toCluster.at(-1)!.caseId } : null;
      });
      // The batch's near-duplicate clusters in one set-based pass, once its cases are stored (with the large LSH
      // tier's key filter, which the ingest's many batches repay).
      enrichNewCases(db, toCluster, { filterLargeTier: true });
      // A repeat counts once per (file, line): re-reading a line already stored (a resume, a re-run) adds nothing.
      for (const repeat of repeats) {
        const id = storedId.get(repeat.hash) as number;
        if (insertArrival.run(id, sourceName, repeat.line, runId).changes > 0) countSeen.run(id);
      }
      summary.ingested += batch.length;
      saveRun('running', false);
    })();
  };

  const quarantine = (line: number, error: RecordError): void => {
    const field = error.field || null;
    insertQuarantine.run(runId, line, field, error.message);
    summary.quarantined += 1;
    if (summary.quarantine.length < QUARANTINE_KEPT) summary.quarantine.push({ line, field, reason: error.message });
  };
  const accept = async ({ line, interaction }: LocatedInteraction): Promise<void> => {
    const json = JSON.stringify(interaction);
    const hash = hashOfJson(json);
    if (pendingHashes.has(hash) || known.get(hash)) {
      summary.duplicates += 1;
      duplicates.push({ line, hash });
      if (duplicates.length >= DUPLICATE_BATCH) await flush();
      return;
    }
    pendingHashes.add(hash);
    pending.push({ line, hash, interaction, json });
    if (pending.length >= MAX_BATCH || (pending.length >= MIN_BATCH && performance.now() - lastCommit >= COMMIT_MS)) await flush();
  };

  const cancelled = (): boolean => options.signal?.aborted === true;
  try {
    try {
      for await (const { line, record, error } of records) {
        if (cancelled()) break;
        summary.records += 1;
        if (!record) quarantine(line, error!);
        else {
          let read: (LocatedInteraction | LateProblem)[] = [];
          try {
            read = reader.read(record, line);
          } catch (readError) {
            if (!(readError instanceof RecordError)) throw readError;
            quarantine(line, readError);
          }
          for (const item of read) {
            if ('error' in item) quarantine(item.line, item.error);
            else await accept(item);
          }
        }
        report();
      }
    } catch (error) {
      // Reading errors (a damaged gzip, a file gone) get a message naming the file; anything else (storing,
      // de-identifying) is passed on as it is.
      const code = (error as NodeJS.ErrnoException).code ?? '';
      throw error instanceof QuarryError || !/^(Z_|ERR_ZLIB|E[A-Z]+$)/.test(code) ? error : sourceError(file, error);
    } finally {
      // Closes the file when de-identifying or storing failed part way, or the run was cancelled.
      await records.return(undefined);
      input.close();
    }
    if (cancelled()) {
      // The batch in flight (at most MAX_BATCH records, read before the cancel) is stored rather than dropped, so
      // what the run counted as read is what it kept; a re-run adds the rest.
      await flush();
      summary.state = 'cancelled';
      saveRun('cancelled', true);
      options.onProgress?.(progress('cancelled'));
      return summary;
    }
    for (const held of reader.end()) {
      if ('error' in held) quarantine(held.line, held.error);
      else await accept(held);
    }
    await flush();
  } catch (error) {
    saveRun('failed', true);
    db.prepare('UPDATE ingest_runs SET error_code = ? WHERE id = ?').run(error instanceof QuarryError ? error.code : 'ingest-failed', runId);
    throw error;
  }
  saveRun('finished', true);
  options.onProgress?.(progress('finished'));
  return summary;
}
