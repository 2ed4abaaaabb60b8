import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { unlockWorkspace } from '../../main/core/store/workspace.js';
import { REPO, tempDir } from '../helpers.js';

const PASSPHRASE = 'monitor cli passphrase';
const env = { ...process.env, QUARRY_PASSPHRASE: PASSPHRASE };

function quarry(args: string[]) {
  return spawnSync(process.execPath, ['--import', 'tsx', join(REPO, 'main', 'cli.ts'), ...args], { cwd: REPO, env, encoding: 'utf8' });
}

const MONDAY_1 = Date.parse('2026-03-02T09:00:00Z') / 1000;
const WEEK = 7 * 86_400;

/**
 * An OpenAI chat log with `created` (unix seconds) over two weeks: 40 records a week, one a few minutes apart. The
 * second week's thumbs-down rate is 50 % against 5 % before. Two more records carry an unreadable `created`.
 */
function writeLog(file: string): void {
  const lines: string[] = [];
  for (let w = 0; w < 2; w++) {
    for (let i = 0; i < 40; i++) {
      const down = w === 0 ? i < 2 : i % 2 === 0;
      lines.push(
        JSON.stringify({
          id: `w${w}-${i}`,
          created: MONDAY_1 + w * WEEK + i * 300,
          messages: [{ role: 'user', content: `Please check the opening hours of the clinic for visit number ${w * 40 + i}.` }],
          choices: [{ message: { role: 'assistant', content: 'The clinic opens at eight.' } }],
          thumbs: down ? 'down' : 'up',
          latency_ms: 200 + i,
          intent: i % 2 ? 'hours' : 'visits',
        }),
      );
    }
  }
  for (const created of ['next tuesday', 0]) {
    lines.push(JSON.stringify({ id: `bad-${created}`, created, messages: [{ role: 'user', content: 'When do you open?' }], choices: [{ message: { role: 'assistant', content: 'At eight.' } }] }));
  }
  writeFileSync(file, lines.join('\n') + '\n');
}

test('monitor CLI: the source time is stored, then overview, drift, alerts and a mining run over an alert', (t) => {
  const dir = tempDir(t);
  const ws = join(dir, 'ws');
  const log = join(dir, 'timed.jsonl');
  writeLog(log);
  const ingest = quarry(['ingest', log, '--workspace', ws]);
  assert.equal(ingest.status, 0, ingest.stderr);

  const workspace = unlockWorkspace(ws, PASSPHRASE);
  const rows = workspace.db.prepare('SELECT record_id, occurred_at, ingested_at FROM cases ORDER BY id').all() as {
    record_id: string;
    occurred_at: string;
    ingested_at: string;
  }[];
  workspace.close();
  assert.equal(rows.length, 82);
  assert.equal(rows.find((r) => r.record_id === 'w0-0')!.occurred_at, '2026-03-02T09:00:00.000Z');
  assert.equal(rows.find((r) => r.record_id === 'w1-3')!.occurred_at, '2026-03-09T09:15:00.000Z');
  for (const bad of rows.filter((r) => r.record_id.startsWith('bad-'))) assert.equal(bad.occurred_at, bad.ingested_at, 'an unreadable time falls back to the ingest time');

  const overview = quarry(['monitor', 'overview', '--workspace', ws, '--window', 'week', '--from', '2026-03-02T00:00:00Z', '--to', '2026-03-16T00:00:00Z', '--json']);
  assert.equal(overview.status, 0, overview.stderr);
  const series = JSON.parse(overview.stdout).series[0];
  assert.deepEqual(
    series.points.map((p: { cases: number; signals: { thumbs_down: { rate: number } } }) => [p.cases, p.signals.thumbs_down.rate]),
    [
      [40, 0.05],
      [40, 0.5],
    ],
  );
  const table = quarry(['monitor', 'overview', '--workspace', ws, '--window', 'week', '--from', '2026-03-02T00:00:00Z', '--to', '2026-03-16T00:00:00Z']);
  assert.equal(table.status, 0, table.stderr);
  assert.match(table.stdout, /2026-03-09T00:00:00.000Z\s+40\s+50\.0%/);

  const windows = ['--current', '2026-03-09T00:00:00Z/2026-03-16T00:00:00Z', '--baseline', '2026-03-02T00:00:00Z/2026-03-09T00:00:00Z'];
  const drift = quarry(['monitor', 'drift', '--workspace', ws, ...windows]);
  assert.equal(drift.status, 0, drift.stderr);
  assert.match(drift.stdout, /Thumbs-down rate\s+5\.0%\s+50\.0%\s+45\.0 pt\s+\S+\s+yes/);

  const alerts = quarry(['monitor', 'alerts', '--workspace', ws, ...windows, '--json']);
  assert.equal(alerts.status, 0, alerts.stderr);
  const thumbs = (JSON.parse(alerts.stdout).alerts as { id: string; metric: string; caseCount: number }[]).find((a) => a.metric === 'thumbs_down')!;
  assert.equal(thumbs.caseCount, 20);

  const mine = quarry(['monitor', 'mine', thumbs.id, '--workspace', ws, ...windows, '--budget', '5', '--json']);
  assert.equal(mine.status, 0, mine.stderr);
  const mined = JSON.parse(mine.stdout);
  assert.equal(mined.cases, 20);
  assert.equal(mined.picked, 5);

  const bad = quarry(['monitor', 'drift', '--workspace', ws, '--current', 'last week']);
  assert.equal(bad.status, 2);
  assert.match(bad.stderr, /--current must be an ISO interval START\/END/);
  const missing = quarry(['monitor', 'mine', 'no-such-alert', '--workspace', ws, ...windows]);
  assert.equal(missing.status, 2);
  assert.match(missing.stderr, /No alert no-such-alert/);
});
