import type { Migration } from './migration.js';

/**
 * The dashboard's vocabulary cache (main/core/monitor/vocabulary.ts): per case, the hashed-token bucket counts of
 * its de-identified user text, as (bucket, count) pairs of little-endian uint16 in `buckets`, with the total token
 * count and the version (`scheme`) of the tokens-to-buckets rule. Bucket numbers and counts only: no word is
 * stored. The monitor fills a row the first time it measures a case (a trigger cannot tokenize); these triggers
 * drop the row when the case's text changes or the case is deleted, so a cached row is never stale.
 */
export const tokenBuckets: Migration = {
  version: 14,
  name: 'per-case token bucket cache for vocabulary drift',
  up(db) {
    db.exec(`
      CREATE TABLE case_token_buckets (
        case_id INTEGER PRIMARY KEY,
        scheme INTEGER NOT NULL,
        tokens INTEGER NOT NULL CHECK (tokens >= 0),
        buckets BLOB NOT NULL
      );
      CREATE TRIGGER case_token_buckets_text AFTER UPDATE OF redacted_json ON cases BEGIN
        DELETE FROM case_token_buckets WHERE case_id = OLD.id;
      END;
      CREATE TRIGGER case_token_buckets_delete AFTER DELETE ON cases BEGIN
        DELETE FROM case_token_buckets WHERE case_id = OLD.id;
      END;
    `);
  },
};
