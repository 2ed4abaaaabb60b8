import assert from 'node:assert/strict';
import { test } from 'node:test';
import Database from 'better-sqlite3-multiple-ciphers';
import { samplingHandlers } from '../../main/api/handlers/sampling.js';
import type { ServiceContext } from '../../main/api/service-context.js';
import type { AuditEvent } from '../../main/core/audit/audit-log.js';
import { migrate } from '../../main/core/store/migrate.js';
import { samplingChannels } from '../../preload/contract/sampling.js';

function setup() {
  const db = new Database(':memory:');
  db.pragma('foreign_keys = ON');
  migrate(db);
  db.prepare("INSERT INTO ingest_runs (id, source_file, format, started_at) VALUES (1, 'prod.jsonl', 'openai-chat', 'now')").run();
  for (let id = 1; id <= 30; id++) {
    db.prepare("INSERT INTO vault_interactions (id, content_hash, run_id, line, raw_json) VALUES (?, ?, 1, ?, '{}')").run(id, `h${id}`, id);
    const text = id <= 5 ? 'Please renew my inhaler prescription before Friday, the pharmacy needs the form' : `Unrelated question number ${id} about topic ${id * 17}`;
    db.prepare(
      `INSERT INTO cases (id, run_id, line, content_hash, redacted_json, signals_json, slices_json, placeholders_json, ingested_at)
       VALUES (?, 1, ?, ?, ?, ?, ?, '[]', 'now')`,
    ).run(id, id, `h${id}`, JSON.stringify({ messages: [{ role: 'user', content: text }], response: null, preview: '' }), JSON.stringify({ thumbs: id % 4 === 0 ? 'down' : 'up' }), JSON.stringify({ tier: id % 2 ? 'pro' : 'free' }));
  }
  const audit: Omit<AuditEvent, 'actor'>[] = [];
  const ctx = { open: () => ({ db, dir: '/nowhere' }), actor: () => 'reviewer:ana', audit: (e: Omit<AuditEvent, 'actor'>) => audit.push(e) } as unknown as ServiceContext;
  return { db, audit, handlers: samplingHandlers(ctx) };
}

const POLICY = { name: 'weekly', failureSignals: ['thumbs_down'], strata: { fields: ['tier'], minPerStratum: 2 }, baseRate: 0.2, onePerCluster: true, seed: 3 };

test('preview, run, policies and runs answer in the contract shapes, and each call is audited with counts only', async () => {
  const { db, audit, handlers } = setup();
  const preview = await handlers['sampling:preview']({ policy: POLICY });
  samplingChannels['sampling:preview'].output.parse(preview);
  assert.equal(preview.ok, true);
  assert.ok(preview.ok && preview.preview.candidates === 30);
  assert.equal(audit[0]?.action, 'cases.enrich', 'cases stored before enrichment are enriched first');
  assert.equal(db.prepare('SELECT count(*) FROM sampling_runs').pluck().get(), 0, 'a preview records no run');

  const run = await handlers['sampling:run']({ policy: POLICY });
  samplingChannels['sampling:run'].output.parse(run);
  assert.ok(run.ok && preview.ok);
  assert.equal(run.run.picked, preview.preview.picked, 'the run picks what the preview showed');
  assert.equal(run.run.policyVersion, 1);

  const saved = await handlers['sampling:savePolicy']({ policy: { ...POLICY, baseRate: 0.5 } });
  samplingChannels['sampling:savePolicy'].output.parse(saved);
  assert.deepEqual(saved, { ok: true, name: 'weekly', version: 2, created: true });

  const listing = await handlers['sampling:policies']({});
  samplingChannels['sampling:policies'].output.parse(listing);
  assert.deepEqual(listing.policies.map((p) => [p.name, p.version, p.versions, p.policy.onePerCluster]), [['weekly', 2, 2, true]]);
  assert.ok(listing.failureSignals.includes('thumbs_down') && listing.sliceFields.includes('language'));

  const runs = await handlers['sampling:runs']({});
  samplingChannels['sampling:runs'].output.parse(runs);
  assert.equal(runs.length, 1);

  assert.deepEqual(
    audit.map((e) => e.action),
    ['cases.enrich', 'sampling.preview', 'sampling.run', 'sampling.policy.save', 'sampling.policies.list', 'sampling.runs.list'],
  );
  for (const event of audit) {
    for (const value of Object.values(event.objectIds ?? {})) assert.ok(typeof value === 'number' || value === 'weekly', JSON.stringify(event));
  }
  db.close();
});

test('an invalid policy comes back as issues per field, and nothing is saved or run', async () => {
  const { db, handlers } = setup();
  const bad = { name: ' ', baseRate: -1, strata: { fields: ['tier'], minPerStratum: 5, maxPerStratum: 2 } };
  for (const channel of ['sampling:preview', 'sampling:run', 'sampling:savePolicy'] as const) {
    const answer = await handlers[channel]({ policy: bad });
    samplingChannels[channel].output.parse(answer);
    assert.equal(answer.ok, false, channel);
    assert.deepEqual(answer.ok ? [] : answer.issues.map((i) => i.path).sort(), ['baseRate', 'name', 'strata.minPerStratum'], channel);
  }
  assert.equal(db.prepare('SELECT count(*) FROM sampling_policies').pluck().get(), 0);
  assert.equal(db.prepare('SELECT count(*) FROM sampling_runs').pluck().get(), 0);
  db.close();
});
