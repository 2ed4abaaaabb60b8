import type { Db } from './database.js';

/**
 * Workspace settings that are not secrets, in `workspace_meta` as UTF-8 text. Secrets (the operator key) use
 * the same table through their own module.
 */
export type SettingKey = 'ner-model' | 'idle-lock-minutes';

export function readSetting(db: Db, key: SettingKey): string | null {
  const value = db.prepare('SELECT value FROM workspace_meta WHERE key = ?').pluck().get(`setting:${key}`) as Buffer | string | undefined;
  if (value === undefined) return null;
  return Buffer.isBuffer(value) ? value.toString('utf8') : value;
}

export function writeSetting(db: Db, key: SettingKey, value: string): void {
  db.prepare(
    `INSERT INTO workspace_meta (key, value, created_at) VALUES (?, ?, ?)
     ON CONFLICT (key) DO UPDATE SET value = excluded.value`,
  ).run(`setting:${key}`, Buffer.from(value, 'utf8'), new Date().toISOString());
}
