import { createHash } from 'node:crypto';
import { basename, resolve } from 'node:path';
import type { Readable } from 'node:stream';
import type { Deidentifier } from '../deid/deidentifier.js';
import { patternRecognizers } from '../deid/recognizers/index.js';
import type { TermLists } from '../deid/term-lists.js';
import { enrichNewCases } from '../enrich/enrich-cases.js';
import type { CaseToCluster } from '../enrich/near-duplicates.js';
import { QuarryError } from '../errors.js';
import type { Db } from '../store/database.js';
import { RecordError, type LateProblem, type LocatedInteraction, type LogFormat, type RecordReader } from './formats/format.js';
import { detectLogFormat, logFormat } from './formats/registry.js';
import { occurredAt } from './formats/timestamp.js';
import type { QuarantinedRecord, RawInteraction } from './interaction.js';
import { profileReader } from './profiles/profile-reader.js';
import type { SourceProfile } from './profiles/source-profile.js';
import { ProgressClock, type IngestProgress, type IngestState } from './progress.js';
import { csvRecords, jsonRecords, type SourceRecord } from './record-source.js';
import { bulkCaseInserts } from './bulk-derived.js';
import { inThreadPreparer, workerPreparer, type CasePreparer } from './case-preparer.js';
import type { PreparedCase } from './prepare-cases.js';
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
  /** The interaction itself; null when a worker prepares the batch from `json` (not held twice, then). */
  interaction: RawInteraction | null;
  /** The interaction as JSON: hashed, then stored in the vault as it is (serialised once). */
  json: string;
  recordId: string | null;
  occurredAt: string;
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
/**
 * MAX_BATCH when a worker de-identifies (deidentifyInWorker): the pipeline then holds two batches, so each is half
 * as large, and the records held stay where one batch of MAX_BATCH had them. Measured at 100,000 records
 * (bench:ingest, under tsx, on a loaded machine), 1,024 here took the peak RSS to 420-440 MB, 512 to 394-417 MB and
 * 256 to 400 MB, against 341-364 MB on one thread: the worker's own heap, de-identifier and module loader cost
 * some 50 MB, whatever the batch.
 */
const WORKER_MAX_BATCH = 512;
/**
 * A batch also commits once its records' JSON reaches this many characters, so a log of large records (long
 * retrieved contexts, pasted documents) holds, and hands the worker, about a MB at a time rather than MAX_BATCH
 * of them (the worker's heap is capped: see case-preparer.ts).
 */
const MAX_BATCH_CHARS = 1024 * 1024;
const COMMIT_MS = 1000;
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

/** An interaction's content hash: sha256 of its JSON.stringify, which ingest makes once and also stores in the vault. */
function hashOfJson(json: string): string {
  return createHash('sha256').update(json).digest('hex');
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
  /**
   * De-identify in a worker thread, on the second core while this one stores, with a patterns-only de-identifier
   * holding `termLists`: only for a caller whose de-identifier is exactly that one (patterns only, these lists).
   * Ignored, and the caller's de-identifier used on this thread, when it has another detector (the NER model,
   * which runs in its own threads), or when the file is smaller than `minBytes` (default WORKER_MIN_BYTES), where
   * starting the worker costs more than it saves.
   */
  deidentifyInWorker?: { termLists: TermLists; minBytes?: number };
}

/** Files smaller than this are de-identified on this thread: starting a worker takes longer than they do. */
export const WORKER_MIN_BYTES = 2 * 1024 * 1024;

/** Whether the de-identifier is the patterns-only one (createDeidentifier's patternsOnly): no NER stage. */
function patternsOnly(deidentifier: Deidentifier): boolean {
  return JSON.stringify(deidentifier.detectorNames) === JSON.stringify(patternRecognizers().map((r) => r.name));
}

/** Where this ingest prepares its batches (see IngestOptions.deidentifyInWorker); `standard`: patternsOnly(deidentifier). */
function preparerFor(deidentifier: Deidentifier, standard: boolean, options: IngestOptions, totalBytes: number): CasePreparer {
  const worker = options.deidentifyInWorker;
  if (worker && standard && totalBytes >= (worker.minBytes ?? WORKER_MIN_BYTES)) return workerPreparer(worker.termLists);
  return inThreadPreparer(deidentifier);
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
 * batches in flight (2 × MAX_BATCH records), a cancel stores what was read before it, and a re-run skips what was
 * stored. With the NER model, or deidentifyInWorker, a batch is de-identified off this thread while the one before
 * it is stored (see flush below). Memory stays bounded by two batches (plus, for trace formats, the open traces:
 * see trace-assembly.ts), whatever the file's size.
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
  // Positional parameters: binding eleven named ones looked each up in an object, for every case.
  const insertCase = db.prepare(
    `INSERT INTO cases (id, run_id, line, record_id, content_hash, redacted_json, signals_json, slices_json, placeholders_json, ingested_at, occurred_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
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
  let pendingChars = 0;
  let pendingHashes = new Set<string>();
  let duplicates: DuplicateArrival[] = [];
  const sourceName = basename(file);
  const standard = patternsOnly(deidentifier);
  let preparer = preparerFor(deidentifier, standard, options, input.totalBytes);
  const maxBatch = preparer.inWorker ? WORKER_MAX_BATCH : MAX_BATCH;
  /** Whether a batch is prepared off this thread (the worker, or the NER model's threads) while another is stored. */
  const overlaps = preparer.inWorker || !standard;
  /**
   * Prepares a batch; should the worker fail (out of memory on a huge record, or gone), the batch is prepared on
   * this thread with the caller's de-identifier instead, as is every batch after it: the same cases either way
   * (see deidentifyInWorker), so the run goes on, and a failure there is the run's.
   */
  const prepare = (batch: PendingRecord[]): Promise<PreparedCase[]> => {
    const by = preparer;
    return by.prepare(batch).catch((error: unknown) => {
      if (!by.inWorker) throw error;
      if (preparer === by) {
        preparer = inThreadPreparer(deidentifier);
        void by.close();
      }
      return preparer.prepare(batch);
    });
  };

  // -Infinity: the first batch commits at MIN_BATCH records, so a run shows stored work early.
  let lastCommit = -Infinity;
  /**
   * The pipeline: a full batch is handed to the preparer (prepare-cases.ts) at once, then the batch before it is
   * stored while this one is prepared (in the worker, or by the NER model's threads), then reading goes on. So at
   * most three batches are held: the one being read (`pending`), the one being prepared (`inFlight`, not stored
   * yet: its hashes count as seen, so a record repeated in the next batch is a duplicate), and, within flush, the
   * one being stored.
   */
  let inFlight: { batch: PendingRecord[]; repeats: DuplicateArrival[]; prepared: Promise<PreparedCase[]> } | null = null;
  let inFlightHashes = new Set<string>();
  /** Stores the batch in flight, once prepared: whole, in one transaction. */
  const storeInFlight = async (): Promise<void> => {
    if (!inFlight) return;
    const { batch, repeats, prepared } = inFlight;
    const results = await prepared;
    // Synchronous from here to the commit: nothing else runs on the connection in between (see INGEST_SYNCHRONOUS).
    const synchronous = db.pragma('synchronous', { simple: true }) as number;
    db.pragma(`synchronous = ${INGEST_SYNCHRONOUS}`);
    try {
      storeBatch(batch, results, repeats);
    } finally {
      db.pragma(`synchronous = ${synchronous}`);
    }
    // Only now: should the store throw, the batch is still in flight and its records still count as seen.
    inFlight = null;
    inFlightHashes = new Set();
  };
  /** Starts preparing the batch being read, then stores the one before it. */
  const flush = async (): Promise<void> => {
    lastCommit = performance.now();
    if (pending.length === 0 && duplicates.length === 0) return;
    const batch = pending;
    const repeats = duplicates;
    const hashes = pendingHashes;
    pending = [];
    pendingChars = 0;
    pendingHashes = new Set();
    duplicates = [];
    const prepared = batch.length > 0 ? prepare(batch) : Promise.resolve([]);
    // Awaited after the batch before it is stored; should that store fail first, this failure is not unhandled.
    prepared.catch(() => undefined);
    await storeInFlight();
    inFlight = { batch, repeats, prepared };
    inFlightHashes = hashes;
    // Patterns only on this thread: nothing runs beside the store, so holding the batch would only cost memory.
    if (!overlaps) await storeInFlight();
  };
  /** Stores everything read: the batch being read, then the one in flight. */
  const flushAll = async (): Promise<void> => {
    await flush();
    await storeInFlight();
  };
  const storeBatch = (batch: PendingRecord[], results: PreparedCase[], repeats: DuplicateArrival[]): void => {
    db.transaction(() => {
      const toCluster: CaseToCluster[] = [];
      // The batch's queue, preview and metrics rows are written set-based once its cases are in (bulk-derived.ts).
      bulk.run(runId, () => {
        batch.forEach((record, i) => {
          const result = results[i]!;
          const caseId = Number(insertVault.run(record.hash, runId, record.line, record.json).lastInsertRowid);
          insertCase.run(
            caseId,
            runId,
            record.line,
            record.recordId,
            record.hash,
            result.redactedJson,
            result.signalsJson,
            result.slicesJson,
            result.placeholdersJson,
            now,
            record.occurredAt,
          );
          for (const r of result.replacements) {
            insertFinding.run(caseId, r.field, r.start, r.end, r.label, r.placeholder, r.source, r.score, r.original);
          }
          insertArrival.run(caseId, sourceName, record.line, runId);
          toCluster.push({ caseId, signature: result.signature, languageDetected: result.detected });
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
    if (pendingHashes.has(hash) || inFlightHashes.has(hash) || known.get(hash)) {
      summary.duplicates += 1;
      duplicates.push({ line, hash });
      if (duplicates.length >= DUPLICATE_BATCH) await flush();
      return;
    }
    pendingHashes.add(hash);
    pending.push({ line, hash, interaction: preparer.inWorker ? null : interaction, json, recordId: interaction.recordId, occurredAt: occurredAt(interaction.timestamp, now) });
    pendingChars += json.length;
    if (pending.length >= maxBatch || pendingChars >= MAX_BATCH_CHARS || (pending.length >= MIN_BATCH && performance.now() - lastCommit >= COMMIT_MS)) await flush();
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
      // The batches in flight (at most 2 × MAX_BATCH records, read before the cancel) are stored rather than
      // dropped, so what the run counted as read is what it kept; a re-run adds the rest.
      await flushAll();
      summary.state = 'cancelled';
      saveRun('cancelled', true);
      options.onProgress?.(progress('cancelled'));
      return summary;
    }
    for (const held of reader.end()) {
      if ('error' in held) quarantine(held.line, held.error);
      else await accept(held);
    }
    await flushAll();
  } catch (error) {
    saveRun('failed', true);
    db.prepare('UPDATE ingest_runs SET error_code = ? WHERE id = ?').run(error instanceof QuarryError ? error.code : 'ingest-failed', runId);
    throw error;
  } finally {
    await preparer.close();
  }
  saveRun('finished', true);
  options.onProgress?.(progress('finished'));
  return summary;
}
