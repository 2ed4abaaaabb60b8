/**
 * Near-duplicate clusters of cases, by MinHash + LSH over the de-identified user text. Clustering is incremental
 * and stable: a new case joins the cluster of its most similar earlier case (estimated Jaccard ≥ NEAR_DUPLICATE)
 * or starts its own, whose id is the case's id; nothing already assigned moves. The bucket table keeps one case
 * per (band key, cluster), so a large cluster costs a new case no more than a small one.
 *
 * The bucket table is in two tiers (migrations 016 and 017): new rows go to the recent tier, `case_lsh_recent`,
 * and are moved into the large `case_lsh_buckets` in one pass in key order once the recent tier holds mergeAtRows
 * rows. Band keys are random, so adding a batch's rows straight to a table keyed by them dirtied nearly every one
 * of its pages, all re-encrypted and written at each commit. The recent tier is therefore an append-only log (its
 * rows in the order written, keyed by a sequence number: a batch's rows fill a few new pages), and this connection
 * reads it from memory (RecentTier, lsh-memory.ts), loaded from the log when first needed and again whenever the
 * log may have changed behind it: another connection's commit (`PRAGMA data_version`), a deleted case (a counter
 * its trigger bumps, migration 017) or a rolled-back batch (the log's last sequence number). Reads look in both
 * tiers; a (bucket, cluster) pair is only ever in one of them. During an ingest, a Bloom filter of the large
 * tier's keys (KeyFilter) spares the index probes of the keys it does not hold, nearly all of them. Neither tier
 * has a foreign key (017): a trigger deletes a deleted case's rows, and clustering writes a row only after its case's
 * case_clusters row, in the same transaction.
 */
import { QuarryError } from '../errors.js';
import type { Db } from '../store/database.js';
import { KeyFilter, RecentTier } from './lsh-memory.js';
import { BANDS, bandKeys, estimatedJaccard, signatureFromBuffer, signatureToBuffer } from './minhash.js';

/** Estimated Jaccard similarity of user-text word shingles from which two cases count as near-duplicates. */
export const NEAR_DUPLICATE = 0.8;

/**
 * Bounds on the work one new case costs, whatever the workspace's size: at most this many clusters are read per
 * band bucket (the newest first), and at most MAX_COMPARED signatures compared in all. A bucket shared by more
 * clusters than that holds a common phrasing (a template, a greeting) and says little about near-duplication;
 * without the bound, a workspace of short, similar questions made every new case compare against thousands.
 */
const MAX_PER_BUCKET = 32;
const MAX_COMPARED = 256;

/**
 * Rows the recent tier holds before they are merged into the large table. A merge writes about every page of the
 * large table, so the cheapest threshold grows with its size: about 4,000 × √(enriched cases), at least 65,536. Bounded
 * so the ingest stays under its 400 MB: from about 1,100 cases on, a merge every 131,072 rows
 * (some 6,500 new cases of their own cluster). Measured on 1,000,000 records (bench:ingest's corpus), peak RSS against
 * CPU time: 1,048,576 rows 482 MB, 435 s; 262,144 rows 410 MB, 604 s; 131,072 rows (with the filter's 8 MiB)
 * 374 MB, 797 s, where the old keyed tier took 345 MB and 1,594 s.
 */
export function mergeAtRows(enrichedCases: number): number {
  return Math.min(131_072, Math.max(65_536, Math.round(4000 * Math.sqrt(enrichedCases))));
}

/** Rows per statement when the recent tier is merged into the large one (three parameters each). */
const MERGE_SLICE = 256;

/**
 * Rows per statement when a batch's rows are appended to the recent tier, bound as numbers (three parameters
 * each). One statement reading the batch's rows from a JSON array cost about twice as much: SQLite parsed the
 * array, then each row's three values out of it.
 */
const APPEND_SLICE = 256;

/** Cases in a call from which clusterCases builds the large tier's key filter when asked to (see its options). */
const FILTER_MIN_CASES = 64;

export interface NearDuplicate {
  caseId: number;
  /** Estimated Jaccard similarity of the two cases' user texts (0..1). */
  similarity: number;
}

/** A row of case_lsh_buckets as clustering sees it: the cluster, the case that put it there, that case's signature. */
interface BucketEntry {
  clusterId: number;
  caseId: number;
  signature: Uint32Array | null;
}

/** A case to cluster: its id, its MinHash signature (null: no user text) and its detected language, if any. */
export interface CaseToCluster {
  caseId: number;
  signature: Uint32Array | null;
  languageDetected: string | null;
}

type BucketRows = { all(keysJson: string): { bucket: number; cluster_id: number; case_id: number; signature: Buffer | null }[] };

/** What tells whether the recent tier in memory is still the one stored (see the module comment). */
interface RecentToken {
  dataVersion: number;
  deletions: number;
  lastSeq: number;
}

interface Statements {
  /**
   * For every bucket key in the JSON array: its newest MAX_PER_BUCKET clusters in the large tier, with the
   * signature of the case that put each there. Each bucket's rows are bounded by its MAX_PER_BUCKET-th newest
   * cluster id (one index probe), so a crowded bucket costs no more than a small one.
   */
  buckets: BucketRows;
  signatures: { all(idsJson: string): { case_id: number; signature: Buffer | null }[] };
  insertCluster: { run(caseId: number, clusterId: number, signature: Buffer | null, language: string | null, at: string): unknown };
  /** Appends APPEND_SLICE rows to the recent tier's log, in the order bound (bucket, cluster, case, bucket, …), and one row. */
  append: { run(...values: number[]): { lastInsertRowid: number | bigint } };
  appendOne: { run(bucket: number, clusterId: number, caseId: number): { lastInsertRowid: number | bigint } };
  inLarge: { get(bucket: number, clusterId: number): unknown };
  /** The log's last sequence number and the deletion counter (migration 017). */
  token: { get(): unknown };
  recentRows: { iterate(): IterableIterator<unknown> };
  largeKeys: { iterate(): IterableIterator<unknown> };
  /** The largest enriched case id: the number of enriched cases, near enough, from one index probe. */
  newestCase: { get(): unknown };
  /** Into the large tier: MERGE_SLICE rows at once (bucket, cluster, case, bucket, …), and one row at a time. */
  merge: { run(...values: number[]): unknown };
  mergeOne: { run(bucket: number, clusterId: number, caseId: number): unknown };
  clearRecent: { run(): unknown };
  /** The recent tier as loaded, and what it was loaded at (null: not loaded yet, or to be loaded again). */
  recent: RecentTier | null;
  recentToken: RecentToken | null;
  /** The large tier's key filter, when built, with the data version it was built at. */
  filter: KeyFilter | null;
  filterVersion: number;
}

/** The newest MAX_PER_BUCKET clusters of each bucket key in the JSON array, from the large tier. */
const BUCKETS_SQL = `SELECT b.bucket, b.cluster_id, b.case_id, k.signature
           FROM (SELECT DISTINCT value AS bucket FROM json_each(?)) j
           JOIN case_lsh_buckets b ON b.bucket = j.bucket
            AND b.cluster_id >= coalesce(
              (SELECT x.cluster_id FROM case_lsh_buckets x WHERE x.bucket = j.bucket ORDER BY x.cluster_id DESC LIMIT 1 OFFSET ${MAX_PER_BUCKET - 1}),
              -9223372036854775808)
           LEFT JOIN case_clusters k ON k.case_id = b.case_id`;

const statements = new WeakMap<Db, Statements>();

function prepared(db: Db): Statements {
  let s = statements.get(db);
  if (!s) {
    s = {
      buckets: db.prepare(BUCKETS_SQL) as unknown as BucketRows,
      signatures: db.prepare('SELECT case_id, signature FROM case_clusters WHERE case_id IN (SELECT value FROM json_each(?))') as unknown as Statements['signatures'],
      insertCluster: db.prepare(
        'INSERT INTO case_clusters (case_id, cluster_id, signature, language_detected, enriched_at) VALUES (?, ?, ?, ?, ?)',
      ),
      append: db.prepare(
        `INSERT INTO case_lsh_recent (bucket, cluster_id, case_id) VALUES ${Array.from({ length: APPEND_SLICE }, () => '(?, ?, ?)').join(', ')}`,
      ),
      appendOne: db.prepare('INSERT INTO case_lsh_recent (bucket, cluster_id, case_id) VALUES (?, ?, ?)'),
      inLarge: db.prepare('SELECT 1 FROM case_lsh_buckets WHERE bucket = ? AND cluster_id = ?'),
      token: db.prepare('SELECT coalesce((SELECT max(seq) FROM case_lsh_recent), 0) AS lastSeq, (SELECT deletions FROM case_lsh_recent_state) AS deletions'),
      recentRows: db.prepare('SELECT bucket, cluster_id, case_id FROM case_lsh_recent ORDER BY seq').raw(),
      largeKeys: db.prepare('SELECT bucket FROM case_lsh_buckets').pluck(),
      newestCase: db.prepare('SELECT coalesce(max(case_id), 0) FROM case_clusters').pluck(),
      merge: db.prepare(
        `INSERT OR IGNORE INTO case_lsh_buckets (bucket, cluster_id, case_id) VALUES ${Array.from({ length: MERGE_SLICE }, () => '(?, ?, ?)').join(', ')}`,
      ),
      mergeOne: db.prepare('INSERT OR IGNORE INTO case_lsh_buckets (bucket, cluster_id, case_id) VALUES (?, ?, ?)'),
      clearRecent: db.prepare('DELETE FROM case_lsh_recent'),
      recent: null,
      recentToken: null,
      filter: null,
      filterVersion: -1,
    };
    statements.set(db, s);
  }
  return s;
}

function currentToken(db: Db, s: Statements): RecentToken {
  const { lastSeq, deletions } = s.token.get() as { lastSeq: number; deletions: number };
  return { dataVersion: db.pragma('data_version', { simple: true }) as number, deletions, lastSeq };
}

/** The recent tier as stored: the one in memory when nothing changed behind it, else loaded again from the log. */
function recentTier(db: Db, s: Statements): RecentTier {
  const now = currentToken(db, s);
  const held = s.recentToken;
  if (s.recent && held && held.dataVersion === now.dataVersion && held.deletions === now.deletions && held.lastSeq === now.lastSeq) return s.recent;
  const tier = new RecentTier();
  for (const row of s.recentRows.iterate() as IterableIterator<[number, number, number]>) tier.add(row[0], row[1], row[2]);
  s.recent = tier;
  s.recentToken = now;
  return tier;
}

/**
 * The most keys the large tier's filter is sized for: 8 MiB of bits, so the ingest's memory does not grow with the
 * workspace. Past it (some 400,000 clusters) the filter fills and lets more keys through to the table, about a
 * quarter at 20 million keys, more beyond: slower, never wrong.
 */
const MAX_FILTER_KEYS = 8 * 1024 * 1024;

/**
 * The large tier's key filter, built (one scan of its keys) or built again when another connection may have
 * written, or when it holds more keys than it was sized for; null when this call does not use one.
 */
function largeFilter(db: Db, s: Statements, wanted: boolean, dataVersion: number): KeyFilter | null {
  const outgrown = (filter: KeyFilter): boolean => filter.size > filter.capacity && filter.capacity < MAX_FILTER_KEYS;
  if (s.filter && (s.filterVersion !== dataVersion || outgrown(s.filter))) s.filter = null;
  if (!s.filter && wanted) {
    // Room for half as many keys again as the enriched cases can have put there: built again as the tier grows, up
    // to MAX_FILTER_KEYS, past which it only answers "may have" more often.
    const filter = new KeyFilter(Math.min(MAX_FILTER_KEYS, Math.max(1 << 20, Math.round(1.5 * BANDS * (s.newestCase.get() as number)))));
    for (const key of s.largeKeys.iterate() as IterableIterator<number>) filter.add(key);
    s.filter = filter;
    s.filterVersion = dataVersion;
  }
  return s.filter;
}

/** Inserts an entry into a bucket list kept in descending cluster order, unless its cluster is there already. */
function addToBucket(list: BucketEntry[], entry: BucketEntry): boolean {
  let i = 0;
  while (i < list.length && list[i]!.clusterId > entry.clusterId) i++;
  if (i < list.length && list[i]!.clusterId === entry.clusterId) return false;
  list.splice(i, 0, entry);
  return true;
}

export interface ClusterOptions {
  /** Merge the recent tier once it holds this many rows (default: mergeAtRows of the enriched cases). */
  mergeAtRows?: number;
  /**
   * Keep a Bloom filter of the large tier's keys on this connection and ask the large tier only for keys it may
   * hold (ingest: one scan of the keys when first built, then far fewer index probes per batch). Only for writers
   * that leave case_lsh_buckets to this module, which keeps the filter up to date with its merges.
   */
  filterLargeTier?: boolean;
}

/**
 * Assigns each case, in the order given, to a cluster and records its signature, bucket keys and detected language
 * (null when the log gave one). A case without user text (null signature) is a cluster of its own. Returns the
 * cluster ids, in the same order.
 *
 * Set-based: one read of every bucket the cases touch (their newest MAX_PER_BUCKET clusters each), then each case
 * is clustered in memory against those rows plus what the cases before it added, and the new rows are written
 * sorted by bucket. The outcome is the same as clustering the cases one by one against the stored buckets: a
 * bucket's newest MAX_PER_BUCKET clusters are known exactly (the stored ones read, the batch's added), and a
 * cluster that ranks below them can never rise, since rows are only ever added.
 */
export function clusterCases(db: Db, cases: readonly CaseToCluster[], options: ClusterOptions = {}): number[] {
  if (cases.length === 0) return [];
  const s = prepared(db);
  const recent = recentTier(db, s);
  const keysOf = cases.map((c) => (c.signature ? bandKeys(c.signature) : []));
  const buckets = new Map<number, BucketEntry[]>();
  for (const keys of keysOf) for (const key of keys) buckets.set(key, []);
  /**
   * Buckets of which the large tier returned MAX_PER_BUCKET rows, so may hold more: only a row added to one of
   * these needs the large tier checked for its (bucket, cluster) pair. Every other bucket's large-tier rows are all
   * in its list, where addToBucket sees them.
   */
  const crowded = new Set<number>();
  if (buckets.size > 0) {
    const filter = largeFilter(db, s, options.filterLargeTier === true && cases.length >= FILTER_MIN_CASES, s.recentToken!.dataVersion);
    const cached = new Map<number, Uint32Array | null>();
    const asked = filter ? [...buckets.keys()].filter((key) => filter.mayHave(key)) : [...buckets.keys()];
    const large = asked.length > 0 ? s.buckets.all(JSON.stringify(asked)) : [];
    const perBucket = new Map<number, number>();
    for (const row of large) {
      const n = (perBucket.get(row.bucket) ?? 0) + 1;
      perBucket.set(row.bucket, n);
      if (n >= MAX_PER_BUCKET) crowded.add(row.bucket);
      let signature = cached.get(row.case_id);
      if (signature === undefined) {
        signature = row.signature ? signatureFromBuffer(row.signature) : null;
        cached.set(row.case_id, signature);
      }
      buckets.get(row.bucket)!.push({ clusterId: row.cluster_id, caseId: row.case_id, signature });
    }
    // The recent tier's newest clusters of each bucket (the newest MAX_PER_BUCKET of both tiers are among them),
    // with the signatures of their cases read in one statement.
    const fromRecent: [bucket: number, clusterId: number, caseId: number][] = [];
    for (const key of buckets.keys()) for (const row of recent.newest(key, MAX_PER_BUCKET)) fromRecent.push([key, row.clusterId, row.caseId]);
    const unread = [...new Set(fromRecent.map((r) => r[2]).filter((id) => !cached.has(id)))];
    if (unread.length > 0) {
      for (const row of s.signatures.all(JSON.stringify(unread))) cached.set(row.case_id, row.signature ? signatureFromBuffer(row.signature) : null);
    }
    for (const [key, clusterId, caseId] of fromRecent) buckets.get(key)!.push({ clusterId, caseId, signature: cached.get(caseId) ?? null });
    for (const list of buckets.values()) list.sort((a, b) => b.clusterId - a.clusterId);
  }

  const at = new Date().toISOString();
  const added: [bucket: number, clusterId: number, caseId: number][] = [];
  const clusterIds = cases.map(({ caseId, signature, languageDetected }, index) => {
    let clusterId = caseId;
    const keys = keysOf[index]!;
    if (signature) {
      const compared = new Set<number>();
      let best = { similarity: NEAR_DUPLICATE, clusterId: Infinity };
      // Band by band, each bucket's newest clusters first: the order the per-case reads had.
      compare: for (const key of keys) {
        const list = buckets.get(key)!;
        for (let i = 0; i < list.length && i < MAX_PER_BUCKET; i++) {
          const hit = list[i]!;
          if (compared.has(hit.caseId)) continue;
          if (compared.size >= MAX_COMPARED) break compare;
          compared.add(hit.caseId);
          if (!hit.signature) continue;
          const similarity = estimatedJaccard(signature, hit.signature);
          if (similarity > best.similarity || (similarity === best.similarity && hit.clusterId < best.clusterId)) {
            best = { similarity, clusterId: hit.clusterId };
          }
        }
      }
      if (Number.isFinite(best.clusterId)) clusterId = best.clusterId;
    }
    s.insertCluster.run(caseId, clusterId, signature ? signatureToBuffer(signature) : null, languageDetected, at);
    for (const key of keys) {
      if (addToBucket(buckets.get(key)!, { clusterId, caseId, signature })) added.push([key, clusterId, caseId]);
    }
    return clusterId;
  });
  // Sorted by bucket, as the rows were written when the recent tier was keyed by them (the merge sorts anyway). A
  // pair already in either tier keeps its first case: the recent tier is asked in memory, the large tier for a
  // crowded bucket (whose list may not hold the pair).
  added.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  const appended = added.filter(([bucket, clusterId]) => !recent.has(bucket, clusterId) && !(crowded.has(bucket) && s.inLarge.get(bucket, clusterId) !== undefined));
  if (appended.length > 0) {
    // APPEND_SLICE rows a statement, numbered in this order.
    const values: number[] = [];
    let lastSeq = 0;
    for (const [bucket, clusterId, caseId] of appended) {
      values.push(bucket, clusterId, caseId);
      if (values.length === APPEND_SLICE * 3) {
        lastSeq = Number(s.append.run(...values).lastInsertRowid);
        values.length = 0;
      }
    }
    for (let i = 0; i < values.length; i += 3) lastSeq = Number(s.appendOne.run(values[i]!, values[i + 1]!, values[i + 2]!).lastInsertRowid);
    s.recentToken!.lastSeq = lastSeq;
    for (const [bucket, clusterId, caseId] of appended) recent.add(bucket, clusterId, caseId);
  }
  if (added.length > 0 && recent.count >= (options.mergeAtRows ?? mergeAtRows(s.newestCase.get() as number))) mergeRecentBuckets(db);
  return clusterIds;
}

/**
 * Moves the recent tier's bucket rows into the large table, in key order, so each of its pages is written at most
 * once. Clustering reads the same rows before and after. Runs inside the caller's transaction when there is one.
 * The rows are sorted in memory, where the tier is held (its log is in the order written): SQLite's sorter, bounded
 * by the page cache, spilled a million rows to temporary files and merged them back, several times slower; and
 * they are bound as numbers, a slice of rows a statement, since JSON or arrays per row for a million rows made
 * the heap (and the peak RSS) jump by some 100 MB at each merge.
 */
export function mergeRecentBuckets(db: Db): void {
  const s = prepared(db);
  const recent = recentTier(db, s);
  db.transaction(() => {
    const values: number[] = [];
    recent.forEachSorted((bucket, clusterId, caseId) => {
      values.push(bucket, clusterId, caseId);
      if (values.length === MERGE_SLICE * 3) {
        s.merge.run(...values);
        values.length = 0;
      }
    });
    for (let i = 0; i < values.length; i += 3) s.mergeOne.run(values[i]!, values[i + 1]!, values[i + 2]!);
    // The log's rows are now in the large tier, so zeroing their freed pages (secure_delete) would hide nothing.
    const secure = db.pragma('secure_delete', { simple: true }) as number;
    db.pragma('secure_delete = OFF');
    try {
      s.clearRecent.run();
    } finally {
      db.pragma(`secure_delete = ${secure}`);
    }
  })();
  if (s.filter) recent.addKeysTo(s.filter);
  s.recent = new RecentTier();
  s.recentToken = { ...s.recentToken!, lastSeq: 0 };
}

/**
 * Assigns one case to a cluster (see clusterCases) and returns the cluster id.
 */
export function clusterCase(db: Db, caseId: number, signature: Uint32Array | null, languageDetected: string | null): number {
  return clusterCases(db, [{ caseId, signature, languageDetected }])[0]!;
}

/** The case's cluster id, or null when the case has not been enriched yet. */
export function clusterOf(db: Db, caseId: number): number | null {
  const row = db.prepare('SELECT cluster_id FROM case_clusters WHERE case_id = ?').get(caseId) as { cluster_id: number } | undefined;
  return row?.cluster_id ?? null;
}

/**
 * The other cases in the case's near-duplicate cluster, most similar first (then by id), at most `limit`.
 * Similarity is to this case, so it can fall a little below NEAR_DUPLICATE for members that joined through
 * another member. Empty for a case alone in its cluster or not enriched yet; an unknown case id is an error.
 */
export function nearDuplicatesOf(db: Db, caseId: number, limit = 50): NearDuplicate[] {
  const own = db.prepare('SELECT cluster_id, signature FROM case_clusters WHERE case_id = ?').get(caseId) as
    | { cluster_id: number; signature: Buffer | null }
    | undefined;
  if (!own) {
    const exists = db.prepare('SELECT 1 FROM cases WHERE id = ?').get(caseId);
    if (!exists) throw new QuarryError('case-not-found', `There is no case ${caseId} in this workspace.`);
    return [];
  }
  const mine = own.signature ? signatureFromBuffer(own.signature) : null;
  const members = db
    .prepare('SELECT case_id, signature FROM case_clusters WHERE cluster_id = ? AND case_id != ? ORDER BY case_id')
    .all(own.cluster_id, caseId) as { case_id: number; signature: Buffer | null }[];
  return members
    .map((m) => ({
      caseId: m.case_id,
      similarity: mine && m.signature ? estimatedJaccard(mine, signatureFromBuffer(m.signature)) : 0,
    }))
    .sort((a, b) => b.similarity - a.similarity || a.caseId - b.caseId)
    .slice(0, limit);
}
