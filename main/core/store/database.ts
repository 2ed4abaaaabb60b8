import Database from 'better-sqlite3-multiple-ciphers';
import { QuarryError } from '../errors.js';
import { migrate } from './migrate.js';

export type Db = Database.Database;

/**
 * Opens (or creates) the workspace database encrypted with SQLCipher 4 settings and the raw 32-byte data key.
 * WAL mode: the -wal file is encrypted page by page with the same key. secure_delete overwrites freed pages so
 * purged text does not linger in the file.
 */
export function openEncryptedDatabase(file: string, dataKey: Buffer): Db {
  const db = new Database(file);
  try {
    db.pragma(`cipher='sqlcipher'`);
    db.pragma('legacy=4');
    db.pragma(`key="x'${dataKey.toString('hex')}'"`);
    // The key is only checked when the first page is read.
    db.prepare('SELECT count(*) FROM sqlite_master').get();
  } catch (error) {
    db.close();
    throw new QuarryError(
      'database-unreadable',
      `The workspace database ${file} cannot be opened with this workspace's key (${(error as Error).message}). ` +
        'It may belong to another workspace or be damaged; restore it from a backup.',
    );
  }
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.pragma('foreign_keys = ON');
  db.pragma('secure_delete = ON');
  migrate(db);
  return db;
}
