import type { Migration } from './migration.js';

/**
 * The LSH bucket tiers (migrations 006 and 016) made cheap to write:
 * - The recent tier becomes an append-only log. Keyed by (bucket, cluster), its random keys had each batch rewrite
 *   about every page of it at commit; keyed by a sequence number, a batch's rows fill a few new pages, and
 *   clustering reads the tier from memory instead (main/core/enrich/near-duplicates.ts).
 * - Neither tier has a foreign key any more. Checking one looked up each inserted row's case in `case_clusters`,
 *   whose rows carry 480-byte signatures: a merge inserts its rows in bucket order, so its case ids are random and
 *   every check read (and decrypted) a page of that table, which dominated the merge. Rows are written only by
 *   clustering, right after their case's `case_clusters` row, in the same transaction; deleting a case's
 *   enrichment deletes its rows in both tiers through a trigger, as the cascade did (a scan of each tier per
 *   deleted case, as before: neither had an index on case_id).
 * - `case_lsh_recent_state.deletions` counts deleted enrichment rows, so a connection holding the recent tier in
 *   memory can tell that rows left it.
 * Existing rows are kept (the large tier is copied once, in key order). Ids and hashes only.
 */
export const lshRecentLog: Migration = {
  version: 17,
  name: 'append-only recent tier and unchecked bucket tables for the LSH buckets',
  up(db) {
    db.exec(`
      CREATE TABLE case_lsh_buckets_unchecked (
        bucket INTEGER NOT NULL,
        cluster_id INTEGER NOT NULL,
        case_id INTEGER NOT NULL,
        PRIMARY KEY (bucket, cluster_id)
      ) WITHOUT ROWID;
      INSERT INTO case_lsh_buckets_unchecked (bucket, cluster_id, case_id) SELECT bucket, cluster_id, case_id FROM case_lsh_buckets ORDER BY bucket, cluster_id;
      DROP TABLE case_lsh_buckets;
      ALTER TABLE case_lsh_buckets_unchecked RENAME TO case_lsh_buckets;

      CREATE TABLE case_lsh_recent_log (
        seq INTEGER PRIMARY KEY,
        bucket INTEGER NOT NULL,
        cluster_id INTEGER NOT NULL,
        case_id INTEGER NOT NULL
      );
      INSERT INTO case_lsh_recent_log (bucket, cluster_id, case_id) SELECT bucket, cluster_id, case_id FROM case_lsh_recent ORDER BY bucket, cluster_id;
      DROP TABLE case_lsh_recent;
      ALTER TABLE case_lsh_recent_log RENAME TO case_lsh_recent;

      CREATE TABLE case_lsh_recent_state (
        id INTEGER PRIMARY KEY CHECK (id = 1),
        deletions INTEGER NOT NULL
      );
      INSERT INTO case_lsh_recent_state (id, deletions) VALUES (1, 0);
      CREATE TRIGGER case_clusters_delete_lsh AFTER DELETE ON case_clusters BEGIN
        DELETE FROM case_lsh_buckets WHERE case_id = OLD.case_id;
        DELETE FROM case_lsh_recent WHERE case_id = OLD.case_id;
        UPDATE case_lsh_recent_state SET deletions = deletions + 1 WHERE id = 1;
      END;
    `);
  },
};
