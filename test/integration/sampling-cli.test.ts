import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { casesInRun, listSamplingRuns } from '../../main/core/sampling/index.js';
import { unlockWorkspace } from '../../main/core/store/workspace.js';
import { REPO, tempDir } from '../helpers.js';

const PASSPHRASE = 'sampling cli passphrase';
const env = { ...process.env, QUARRY_PASSPHRASE: PASSPHRASE };

function quarry(args: string[]) {
  return spawnSync(process.execPath, ['--import', 'tsx', join(REPO, 'main', 'cli.ts'), ...args], { cwd: REPO, env, encoding: 'utf8' });
}

const REFILL = 'Could you please renew my blood pressure prescription before the weekend, the pharmacy closes early on Saturday';
const TEXTS = [
  REFILL,
  REFILL + ' thanks',
  REFILL.replace('Could you please', 'Can you please'),
  'Bonjour, je voudrais déplacer mon rendez-vous de mardi prochain à jeudi après-midi si possible.',
  'Necesito cambiar la dirección de facturación de mi cuenta antes de la próxima factura.',
  'What are the visiting hours of the cardiology ward on public holidays?',
  'ok',
  'Is it safe to take ibuprofen together with the antibiotic I was prescribed yesterday evening?',
];

/** An OpenAI chat log without language fields: ingest detects them, and clusters the three refill requests. */
function writeLog(file: string): void {
  const lines = TEXTS.map((content, i) =>
    JSON.stringify({
      id: `rec-${i}`,
      messages: [{ role: 'user', content }],
      choices: [{ message: { role: 'assistant', content: 'Noted, a coordinator will follow up.' } }],
      thumbs: i % 3 === 0 ? 'down' : 'up',
      tier: i % 2 ? 'pro' : 'free',
    }),
  );
  writeFileSync(file, lines.join('\n') + '\n');
}

test('sample --preview shows counts per trigger and stratum without recording; sample runs lists the runs', (t) => {
  const root = tempDir(t);
  const dir = join(root, 'ws');
  const log = join(root, 'log.jsonl');
  writeLog(log);
  const ingest = quarry(['ingest', log, '--workspace', dir, '--patterns-only']);
  assert.equal(ingest.status, 0, ingest.stderr);

  const policy = join(root, 'policy.json');
  writeFileSync(
    policy,
    JSON.stringify({ name: 'weekly', failureSignals: ['thumbs_down'], strata: { fields: ['language'], minPerStratum: 1 }, baseRate: 1, onePerCluster: true, seed: 5 }),
  );
  const preview = quarry(['sample', '--preview', '--workspace', dir, '--policy', policy]);
  assert.equal(preview.status, 0, preview.stderr);
  assert.match(preview.stdout, /^Preview: policy weekly, seed 5: would pick 6 of 8 case\(s\) \(nothing recorded\)/);
  assert.match(preview.stdout, /thumbs_down: 3 → 3/);
  assert.match(preview.stdout, /language=en: 5 → 3: 1 \/ 1 \/ 1/, 'three refill requests count once');
  assert.match(preview.stdout, /language=fr: 1 → 1/);
  assert.match(preview.stdout, /language=es: 1 → 1/);
  assert.match(preview.stdout, /language=und: 1 → 1/);
  assert.match(preview.stdout, /One per cluster: 6 near-duplicate cluster\(s\)/);
  assert.match(preview.stdout, /onePerCluster: left out 2 near-duplicate case/);

  const none = quarry(['sample', 'runs', '--workspace', dir]);
  assert.equal(none.status, 0, none.stderr);
  assert.equal(none.stdout.trim(), 'No sampling runs yet.', 'the preview recorded nothing');

  const run = quarry(['sample', '--workspace', dir, '--policy', policy]);
  assert.equal(run.status, 0, run.stderr);
  assert.match(run.stdout, /Sampling run 1: policy weekly v1, seed 5: picked 6 of 8 case/);
  const rerun = quarry(['sample', '--workspace', dir, '--policy', policy, '--seed', '11']);
  assert.equal(rerun.status, 0, rerun.stderr);

  const table = quarry(['sample', 'runs', '--workspace', dir]);
  assert.equal(table.status, 0, table.stderr);
  const rows = table.stdout.trim().split('\n');
  assert.match(rows[0]!, /^run\s+time\s+policy\s+seed\s+candidates\s+picked\s+by reason$/);
  assert.match(rows[1]!, /^2\s+\S+Z\s+weekly v1\s+11\s+8\s+6\s+/);
  assert.match(rows[2]!, /^1\s+\S+Z\s+weekly v1\s+5\s+8\s+6\s+.*thumbs_down=3/);

  const json = quarry(['sample', 'runs', '--json', '--workspace', dir]);
  assert.equal(json.status, 0, json.stderr);
  const runs = JSON.parse(json.stdout) as { id: number; policyName: string; policyVersion: number; seed: number; candidates: number; picked: number; byReason: Record<string, number> }[];
  assert.deepEqual(
    runs.map((r) => [r.id, r.policyName, r.policyVersion, r.seed, r.candidates, r.picked, r.byReason.thumbs_down]),
    [
      [2, 'weekly', 1, 11, 8, 6, 3],
      [1, 'weekly', 1, 5, 8, 6, 3],
    ],
  );

  const workspace = unlockWorkspace(dir, PASSPHRASE);
  assert.equal(casesInRun(workspace.db, 1).length, 6);
  assert.equal(listSamplingRuns(workspace.db).length, 2);
  const actions = workspace.db.prepare('SELECT action FROM audit_log').pluck().all();
  workspace.close();
  assert.ok(actions.includes('sampling.preview') && actions.includes('sampling.run') && actions.includes('sampling.runs.list'));

  const enrich = quarry(['enrich', '--workspace', dir]);
  assert.equal(enrich.status, 0, enrich.stderr);
  assert.match(enrich.stdout, /^Enriched 0 case\(s\)/, 'ingest already enriched every case');

  const missing = quarry(['sample', '--workspace', dir]);
  assert.equal(missing.status, 2);
  assert.match(missing.stderr, /No policy: pass --policy FILE/);
  assert.equal(quarry(['audit', 'verify', '--workspace', dir]).status, 0);
});
