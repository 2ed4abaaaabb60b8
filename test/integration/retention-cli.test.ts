import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { test } from 'node:test';
import { unlockWorkspace } from '../../main/core/store/workspace.js';
import { EXAMPLE_LOG, REPO, tempDir } from '../helpers.js';

const env = { ...process.env, QUARRY_PASSPHRASE: 'retention cli passphrase' };

function quarry(args: string[]) {
  return spawnSync(process.execPath, ['--import', 'tsx', join(REPO, 'main', 'cli.ts'), ...args], { cwd: REPO, env, encoding: 'utf8' });
}

test('quarry retention show | set | set-audit | purge', (t) => {
  const dir = join(tempDir(t), 'ws');
  assert.equal(quarry(['ingest', EXAMPLE_LOG, '--workspace', dir, '--patterns-only']).status, 0);

  const shown = quarry(['retention', 'show', '--workspace', dir]);
  assert.equal(shown.status, 0, shown.stderr);
  assert.match(shown.stdout, /openai-chat: no period \(kept until purged\); 8 record\(s\) with raw text, 0 purged/);
  assert.match(shown.stdout, /audit log: kept 2192 days; 0 entries past that period/);

  const set = quarry(['retention', 'set', 'openai-chat', '30', '--workspace', dir]);
  assert.equal(set.status, 0, set.stderr);
  assert.match(quarry(['retention', 'show', '--workspace', dir]).stdout, /openai-chat: 30 days; 8 record\(s\) with raw text, 0 purged, next purge \d{4}-/);
  assert.match(quarry(['retention', 'purge', '--workspace', dir]).stdout, /Nothing was due for purging/);

  const bad = quarry(['retention', 'set', 'openai-chat', 'thirty', '--workspace', dir]);
  assert.notEqual(bad.status, 0);
  assert.match(bad.stderr, /a whole number of days/);
  const short = quarry(['retention', 'set-audit', '30', '--workspace', dir]);
  assert.equal(short.status, 2);
  assert.match(short.stderr, /from 365 to 36500/);
  assert.equal(quarry(['retention', 'set-audit', '3650', '--workspace', dir]).status, 0);
  const orphan = quarry(['retention', 'purge', '--older-than', '0', '--workspace', dir]);
  assert.equal(orphan.status, 2);
  assert.match(orphan.stderr, /--older-than needs --source/);

  const all = quarry(['retention', 'purge', '--source', 'openai-chat', '--older-than', '0', '--workspace', dir]);
  assert.equal(all.status, 0, all.stderr);
  assert.match(all.stdout, /openai-chat: purged raw text of 8 record\(s\) ingested before/);
  const after = quarry(['retention', 'show', '--workspace', dir]);
  assert.match(after.stdout, /8 purged/);
  assert.match(after.stdout, /purge #1 .* openai-chat: 8 record\(s\) by cli:/);
  assert.equal(quarry(['audit', 'verify', '--workspace', dir]).status, 0);

  const workspace = unlockWorkspace(dir, env.QUARRY_PASSPHRASE);
  assert.equal(workspace.db.prepare('SELECT count(*) FROM cases').pluck().get(), 8, 'the de-identified cases stay');
  assert.equal(workspace.db.prepare("SELECT count(*) FROM vault_interactions WHERE raw_json <> ''").pluck().get(), 0);
  workspace.close();
});
