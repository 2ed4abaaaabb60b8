import type Database from 'better-sqlite3-multiple-ciphers';
import { migrations } from './migrations/index.js';

/** Applies pending numbered migrations in one transaction each; `user_version` records the last one applied. */
export function migrate(db: Database.Database): number {
  const current = db.pragma('user_version', { simple: true }) as number;
  for (const migration of migrations) {
    if (migration.version <= current) continue;
    db.transaction(() => {
      migration.up(db);
      db.pragma(`user_version = ${migration.version}`);
    })();
  }
  return db.pragma('user_version', { simple: true }) as number;
}
