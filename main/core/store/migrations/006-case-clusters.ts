import type { Migration } from './migration.js';

/**
 * Enrichment derived from each case's de-identified user text: the detected language and the near-duplicate
 * cluster (MinHash signature, LSH buckets). A `case_clusters` row also marks the case as enriched. Sampling runs
 * gain the figures `quarry sample runs` lists. Ids, codes, hashes and counts only; no case text. Deleting a case
 * deletes its enrichment; the cluster id it gave its cluster stays a plain label.
 */
export const caseClusters: Migration = {
  version: 6,
  name: 'case clusters and language',
  up(db) {
    db.exec(`
      CREATE TABLE case_clusters (
        case_id INTEGER PRIMARY KEY REFERENCES cases(id) ON DELETE CASCADE,
        cluster_id INTEGER NOT NULL,
        signature BLOB,
        language_detected TEXT,
        enriched_at TEXT NOT NULL
      );
      CREATE INDEX case_clusters_cluster ON case_clusters(cluster_id, case_id);

      CREATE TABLE case_lsh_buckets (
        bucket INTEGER NOT NULL,
        cluster_id INTEGER NOT NULL,
        case_id INTEGER NOT NULL REFERENCES case_clusters(case_id) ON DELETE CASCADE,
        PRIMARY KEY (bucket, cluster_id)
      ) WITHOUT ROWID;

      ALTER TABLE sampling_runs ADD COLUMN candidates INTEGER;
      ALTER TABLE sampling_runs ADD COLUMN counts_json TEXT;
    `);
  },
};
