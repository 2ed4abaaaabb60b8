import type { Migration } from './migration.js';

/**
 * Drops `ingest_arrivals_run` (migration 011), the index of ingest arrivals by run. No query reads arrivals by run,
 * and no run is ever deleted, the one case where the foreign key to `ingest_runs` would look arrivals up by run
 * (without the index, such a delete would scan the table: slower, never wrong). Ingest writes an arrival for every
 * record, and this index's entries, which repeat the whole key (interaction, source file, line), took as many
 * pages as the table itself: one B-tree insert and about 32 bytes per record, for nothing. Ids only; no row is
 * touched.
 */
export const dropArrivalsRunIndex: Migration = {
  version: 18,
  name: 'drop the unread index of ingest arrivals by run',
  up(db) {
    db.exec('DROP INDEX IF EXISTS ingest_arrivals_run');
  },
};
