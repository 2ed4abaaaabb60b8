/**
 * Near-duplicate clusters of cases, by MinHash + LSH over the de-identified user text. Clustering is incremental
 * and stable: a new case joins the cluster of its most similar earlier case (estimated Jaccard ≥ NEAR_DUPLICATE)
 * or starts its own, whose id is the case's id; nothing already assigned moves. The bucket table keeps one case
 * per (band key, cluster), so a large cluster costs a new case no more than a small one.
 */
import { QuarryError } from '../errors.js';
import type { Db } from '../store/database.js';
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

export interface NearDuplicate {
  caseId: number;
  /** Estimated Jaccard similarity of the two cases' user texts (0..1). */
  similarity: number;
}

interface BucketHit {
  /** The band key's index in the case's keys, so hits are taken band by band as the keys come. */
  band: number;
  cluster_id: number;
  case_id: number;
  signature: Buffer | null;
}

interface Statements {
  /** Every band's bucket (newest clusters first, at most MAX_PER_BUCKET each) with signatures, in one statement. */
  buckets: { all(...keys: number[]): BucketHit[] };
  insertCluster: { run(caseId: number, clusterId: number, signature: Buffer | null, language: string | null, at: string): unknown };
  /** Every band's bucket row in one statement. */
  insertBuckets: { run(...values: number[]): unknown };
}

const statements = new WeakMap<Db, Statements>();

/**
 * One statement for what were BANDS bucket reads plus a signature read per hit: each band's subquery still walks
 * its own index range with its own LIMIT, so a crowded bucket costs no more than before.
 */
const BUCKETS_SQL = Array.from(
  { length: BANDS },
  (_, band) =>
    `SELECT * FROM (SELECT ${band} AS band, b.cluster_id, b.case_id, k.signature FROM case_lsh_buckets b ` +
    `LEFT JOIN case_clusters k ON k.case_id = b.case_id WHERE b.bucket = ? ORDER BY b.cluster_id DESC LIMIT ${MAX_PER_BUCKET})`,
).join(' UNION ALL ');

function prepared(db: Db): Statements {
  let s = statements.get(db);
  if (!s) {
    s = {
      buckets: db.prepare(BUCKETS_SQL) as unknown as Statements['buckets'],
      insertCluster: db.prepare(
        'INSERT INTO case_clusters (case_id, cluster_id, signature, language_detected, enriched_at) VALUES (?, ?, ?, ?, ?)',
      ),
      insertBuckets: db.prepare(
        `INSERT OR IGNORE INTO case_lsh_buckets (bucket, cluster_id, case_id) VALUES ${Array.from({ length: BANDS }, () => '(?, ?, ?)').join(', ')}`,
      ) as unknown as Statements['insertBuckets'],
    };
    statements.set(db, s);
  }
  return s;
}

/**
 * Assigns a case to a cluster and records its signature, bucket keys and detected language (null when the log
 * gave one). A case without user text (null signature) is a cluster of its own. Returns the cluster id.
 */
export function clusterCase(db: Db, caseId: number, signature: Uint32Array | null, languageDetected: string | null): number {
  const s = prepared(db);
  let clusterId = caseId;
  const keys = signature ? bandKeys(signature) : [];
  if (signature) {
    const compared = new Set<number>();
    let best = { similarity: NEAR_DUPLICATE, clusterId: Infinity };
    // UNION ALL keeps each band's rows in its subquery's order; a stable sort by band makes that explicit.
    const hits = s.buckets.all(...keys).sort((a, b) => a.band - b.band);
    for (const hit of hits) {
      if (compared.has(hit.case_id)) continue;
      if (compared.size >= MAX_COMPARED) break;
      compared.add(hit.case_id);
      if (!hit.signature) continue;
      const similarity = estimatedJaccard(signature, signatureFromBuffer(hit.signature));
      if (similarity > best.similarity || (similarity === best.similarity && hit.cluster_id < best.clusterId)) {
        best = { similarity, clusterId: hit.cluster_id };
      }
    }
    if (Number.isFinite(best.clusterId)) clusterId = best.clusterId;
  }
  s.insertCluster.run(caseId, clusterId, signature ? signatureToBuffer(signature) : null, languageDetected, new Date().toISOString());
  if (keys.length > 0) s.insertBuckets.run(...keys.flatMap((key) => [key, clusterId, caseId]));
  return clusterId;
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
