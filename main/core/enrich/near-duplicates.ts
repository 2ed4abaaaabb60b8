/**
 * Near-duplicate clusters of cases, by MinHash + LSH over the de-identified user text. Clustering is incremental
 * and stable: a new case joins the cluster of its most similar earlier case (estimated Jaccard ≥ NEAR_DUPLICATE)
 * or starts its own, whose id is the case's id; nothing already assigned moves. The bucket table keeps one case
 * per (band key, cluster), so a large cluster costs a new case no more than a small one.
 *
 * The bucket table is in two tiers (migration 016): new rows go to the small `case_lsh_recent`, which stays in the
 * page cache, and are moved into the large `case_lsh_buckets` in one pass in key order once the recent tier holds
 * mergeAtRows rows. Band keys are random, so adding a batch's rows straight to the large table dirtied nearly
 * every one of its pages, all re-encrypted and written at each commit; a merge writes each page at most once for
 * many batches. Reads look in both tiers; a (bucket, cluster) pair is only ever in one of them.
 */
import { QuarryError } from '../errors.js';
import type { Db } from '../store/database.js';
import { bandKeys, estimatedJaccard, signatureFromBuffer, signatureToBuffer } from './minhash.js';

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
 * Rows the recent tier holds before they are merged into the large table. A batch's rows dirty about every page of
 * the recent tier (written at its commit) and a merge about every page of the large table, so the cheapest
 * threshold grows with the square root of the large table's size: about 1,000 × √(enriched cases), 316,000 rows
 * (5 MB of pages) at 100,000 cases, 1,000,000 rows at 1,000,000, where a merge rewrites the large table once per
 * 50 batches instead of every batch. Bounded so the recent tier stays well inside the ingest's 48 MiB page cache
 * (about 60 rows per KiB).
 */
export function mergeAtRows(enrichedCases: number): number {
  return Math.min(1_048_576, Math.max(65_536, Math.round(1000 * Math.sqrt(enrichedCases))));
}

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

interface Statements {
  /**
   * For every bucket key in the JSON array: its newest MAX_PER_BUCKET clusters, with the signature of the case that
   * put each there, in the large tier and in the recent tier. Each bucket's rows are bounded by its
   * MAX_PER_BUCKET-th newest cluster id (one index probe), so a crowded bucket costs no more than a small one.
   */
  buckets: BucketRows;
  recentBuckets: BucketRows;
  insertCluster: { run(caseId: number, clusterId: number, signature: Buffer | null, language: string | null, at: string): unknown };
  /** Into the recent tier (where a pair already there is kept). */
  insertBucket: { run(bucket: number, clusterId: number, caseId: number): { changes: number } };
  /** Into the recent tier, unless the large tier has the (bucket, cluster) pair already. */
  insertBucketChecked: { run(bucket: number, clusterId: number, caseId: number): { changes: number } };
  recentRows: { get(): unknown };
  /**
   * Rows in the recent tier as this connection counts them: read once, then kept up to date by its own inserts and
   * merges. Only when to merge depends on it (a rolled-back batch or another connection's writes make it a little
   * off until the next merge), never what clustering reads.
   */
  recentCount?: number;
  /** The largest enriched case id: the number of enriched cases, near enough, from one index probe. */
  newestCase: { get(): unknown };
  merge: { run(): unknown };
  clearRecent: { run(): unknown };
}

/** The newest MAX_PER_BUCKET clusters of each bucket key in the JSON array, from one tier's table. */
function bucketsSql(table: string): string {
  return `SELECT b.bucket, b.cluster_id, b.case_id, k.signature
           FROM (SELECT DISTINCT value AS bucket FROM json_each(?)) j
           JOIN ${table} b ON b.bucket = j.bucket
            AND b.cluster_id >= coalesce(
              (SELECT x.cluster_id FROM ${table} x WHERE x.bucket = j.bucket ORDER BY x.cluster_id DESC LIMIT 1 OFFSET ${MAX_PER_BUCKET - 1}),
              -9223372036854775808)
           LEFT JOIN case_clusters k ON k.case_id = b.case_id`;
}

const statements = new WeakMap<Db, Statements>();

function prepared(db: Db): Statements {
  let s = statements.get(db);
  if (!s) {
    s = {
      buckets: db.prepare(bucketsSql('case_lsh_buckets')) as unknown as BucketRows,
      recentBuckets: db.prepare(bucketsSql('case_lsh_recent')) as unknown as BucketRows,
      insertCluster: db.prepare(
        'INSERT INTO case_clusters (case_id, cluster_id, signature, language_detected, enriched_at) VALUES (?, ?, ?, ?, ?)',
      ),
      insertBucket: db.prepare('INSERT OR IGNORE INTO case_lsh_recent (bucket, cluster_id, case_id) VALUES (?, ?, ?)'),
      insertBucketChecked: (() => {
        const insert = db.prepare(
          `INSERT OR IGNORE INTO case_lsh_recent (bucket, cluster_id, case_id)
           SELECT ?, ?, ? WHERE NOT EXISTS (SELECT 1 FROM case_lsh_buckets WHERE bucket = ? AND cluster_id = ?)`,
        );
        return { run: (bucket: number, clusterId: number, caseId: number) => insert.run(bucket, clusterId, caseId, bucket, clusterId) };
      })(),
      recentRows: db.prepare('SELECT count(*) FROM case_lsh_recent').pluck(),
      newestCase: db.prepare('SELECT coalesce(max(case_id), 0) FROM case_clusters').pluck(),
      merge: db.prepare(
        'INSERT OR IGNORE INTO case_lsh_buckets (bucket, cluster_id, case_id) SELECT bucket, cluster_id, case_id FROM case_lsh_recent ORDER BY bucket, cluster_id',
      ),
      clearRecent: db.prepare('DELETE FROM case_lsh_recent'),
    };
    statements.set(db, s);
  }
  return s;
}

/** Inserts an entry into a bucket list kept in descending cluster order, unless its cluster is there already. */
function addToBucket(list: BucketEntry[], entry: BucketEntry): boolean {
  let i = 0;
  while (i < list.length && list[i]!.clusterId > entry.clusterId) i++;
  if (i < list.length && list[i]!.clusterId === entry.clusterId) return false;
  list.splice(i, 0, entry);
  return true;
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
export function clusterCases(db: Db, cases: readonly CaseToCluster[], options: { mergeAtRows?: number } = {}): number[] {
  if (cases.length === 0) return [];
  const s = prepared(db);
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
    const cached = new Map<number, Uint32Array | null>();
    const keysJson = JSON.stringify([...buckets.keys()]);
    const large = s.buckets.all(keysJson);
    const perBucket = new Map<number, number>();
    for (const row of large) {
      const n = (perBucket.get(row.bucket) ?? 0) + 1;
      perBucket.set(row.bucket, n);
      if (n >= MAX_PER_BUCKET) crowded.add(row.bucket);
    }
    // Both tiers' newest clusters: the newest MAX_PER_BUCKET of the two together are among them.
    for (const row of [...large, ...s.recentBuckets.all(keysJson)]) {
      let signature = cached.get(row.case_id);
      if (signature === undefined) {
        signature = row.signature ? signatureFromBuffer(row.signature) : null;
        cached.set(row.case_id, signature);
      }
      buckets.get(row.bucket)!.push({ clusterId: row.cluster_id, caseId: row.case_id, signature });
    }
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
  // Sorted by bucket, so the writes walk the index in order instead of jumping about it.
  added.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  let recent = s.recentCount ?? (s.recentRows.get() as number);
  for (const [bucket, clusterId, caseId] of added) {
    recent += (crowded.has(bucket) ? s.insertBucketChecked : s.insertBucket).run(bucket, clusterId, caseId).changes;
  }
  s.recentCount = recent;
  if (added.length > 0 && recent >= (options.mergeAtRows ?? mergeAtRows(s.newestCase.get() as number))) mergeRecentBuckets(db);
  return clusterIds;
}

/**
 * Moves the recent tier's bucket rows into the large table, in key order, so each of its pages is written at most
 * once. Clustering reads the same rows before and after. Runs inside the caller's transaction when there is one.
 */
export function mergeRecentBuckets(db: Db): void {
  const s = prepared(db);
  db.transaction(() => {
    s.merge.run();
    s.clearRecent.run();
  })();
  s.recentCount = 0;
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
