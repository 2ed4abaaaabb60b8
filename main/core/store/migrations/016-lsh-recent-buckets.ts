import type { Migration } from './migration.js';

/**
 * A second, small tier for the near-duplicate LSH buckets. Band keys are random, so adding a batch's bucket rows
 * straight into `case_lsh_buckets` dirtied (and re-encrypted at commit) nearly every page of that table, whatever
 * its size. New rows now go to `case_lsh_recent`, of the same shape and key, which stays small enough to live in
 * the page cache; clustering reads both tables, and once the recent tier holds enough rows they are moved into
 * `case_lsh_buckets` in one pass in key order (main/core/enrich/near-duplicates.ts). A (bucket, cluster) pair is in
 * one table or the other, never both, so the two together are the bucket table as it was. Existing rows stay
 * where they are. Ids and hashes only; deleting a case deletes its rows in either tier.
 */
export const lshRecentBuckets: Migration = {
  version: 16,
  name: 'recent tier for the LSH buckets',
  up(db) {
    db.exec(`
      CREATE TABLE case_lsh_recent (
        bucket INTEGER NOT NULL,
        cluster_id INTEGER NOT NULL,
        case_id INTEGER NOT NULL REFERENCES case_clusters(case_id) ON DELETE CASCADE,
        PRIMARY KEY (bucket, cluster_id)
      ) WITHOUT ROWID;
    `);
  },
};
