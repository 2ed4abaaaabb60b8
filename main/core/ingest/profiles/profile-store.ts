/**
 * Source profiles saved in the workspace (table `source_profiles`, migration 005): saving a name again stores a
 * new version, so every ingest run can name the exact mapping it used (ingest_runs.profile_name/version).
 */
import { QuarryError } from '../../errors.js';
import type { Db } from '../../store/database.js';
import { parseSourceProfile, type StoredProfile } from './source-profile.js';

interface Row {
  name: string;
  version: number;
  json: string;
  created_by: string;
  created_at: string;
}

function stored(row: Row): StoredProfile {
  return { version: row.version, profile: parseSourceProfile(JSON.parse(row.json), `saved profile ${row.name} v${row.version}`), createdBy: row.created_by, createdAt: row.created_at };
}

/** Validates and stores `input` as the next version of its name; an identical latest version is reused. */
export function saveProfile(db: Db, input: unknown, createdBy: string): StoredProfile {
  const profile = parseSourceProfile(input);
  return db.transaction(() => {
    const latest = db.prepare('SELECT * FROM source_profiles WHERE name = ? ORDER BY version DESC LIMIT 1').get(profile.name) as Row | undefined;
    const json = JSON.stringify(profile);
    if (latest && latest.json === json) return stored(latest);
    const version = (latest?.version ?? 0) + 1;
    const createdAt = new Date().toISOString();
    db.prepare('INSERT INTO source_profiles (name, version, json, created_by, created_at) VALUES (?, ?, ?, ?, ?)').run(profile.name, version, json, createdBy, createdAt);
    return { version, profile, createdBy, createdAt };
  })();
}

/** The latest version of each saved profile, by name. */
export function listProfiles(db: Db): StoredProfile[] {
  const rows = db
    .prepare(
      `SELECT p.* FROM source_profiles p
       JOIN (SELECT name, max(version) AS version FROM source_profiles GROUP BY name) latest USING (name, version)
       ORDER BY p.name`,
    )
    .all() as Row[];
  return rows.map(stored);
}

/** A saved profile by name (latest version, or the one asked for); names the known profiles when it is missing. */
export function getProfile(db: Db, name: string, version?: number): StoredProfile {
  const row = (
    version === undefined
      ? db.prepare('SELECT * FROM source_profiles WHERE name = ? ORDER BY version DESC LIMIT 1').get(name)
      : db.prepare('SELECT * FROM source_profiles WHERE name = ? AND version = ?').get(name, version)
  ) as Row | undefined;
  if (!row) {
    const names = (db.prepare('SELECT DISTINCT name FROM source_profiles ORDER BY name').pluck().all() as string[]).join(', ') || 'none yet';
    const which = version === undefined ? `"${name}"` : `"${name}" v${version}`;
    throw new QuarryError('profile-unknown', `No source profile ${which} in this workspace. Saved profiles: ${names}.`);
  }
  return stored(row);
}
