import assert from 'node:assert/strict';
import { test } from 'node:test';
import type Database from 'better-sqlite3-multiple-ciphers';
import { SIGNAL_BIT } from '../../main/core/review/queue-signals.js';
import { FAILURE_SIGNALS, failureSignalsOf, parseSamplingPolicy } from '../../main/core/sampling/index.js';
import { occurredAt } from '../../main/core/store/migrations/013-occurred-at.js';
import { migratedWithRun } from '../helpers-migrations.js';

const upTo12 = (): Database.Database => migratedWithRun(12);

let nextId = 1;
function insertCase(
  db: Database.Database,
  fields: { signals?: object; slices?: object; messages?: { role: string; content: string }[]; ingestedAt?: string; occurredAt?: string },
): number {
  const id = nextId++;
  db.prepare("INSERT INTO vault_interactions (id, content_hash, run_id, line, raw_json) VALUES (?, ?, 1, ?, '{}')").run(id, `h${id}`, id);
  const redacted = JSON.stringify({ messages: fields.messages ?? [], response: null, preview: '' });
  const columns = fields.occurredAt === undefined ? '' : ', occurred_at';
  const values = fields.occurredAt === undefined ? [] : [fields.occurredAt];
  db.prepare(
    `INSERT INTO cases (id, run_id, line, content_hash, redacted_json, signals_json, slices_json, placeholders_json, ingested_at${columns})
     VALUES (?, 1, ?, ?, ?, ?, ?, '[]', ?${values.map(() => ', ?').join('')})`,
  ).run(id, id, `h${id}`, redacted, JSON.stringify(fields.signals ?? {}), JSON.stringify(fields.slices ?? {}), fields.ingestedAt ?? '2026-03-02T10:00:00.000Z', ...values);
  return id;
}

const metricsOf = (db: Database.Database, id: number) => db.prepare('SELECT * FROM case_metrics WHERE case_id = ?').get(id) as Record<string, unknown> | undefined;

test('013 backfills occurred_at from ingested_at and fills case_metrics for existing cases', () => {
  const db = upTo12();
  const a = insertCase(db, {
    ingestedAt: '2026-03-02T10:00:00.000Z',
    signals: { thumbs: 'down', latency_ms: 812, cost_usd: 0.004, input_tokens: 17, evaluations: [{ name: 'j', score: 0.2 }, { name: 'k', score: 0.6 }] },
    slices: { intent: 'billing', language: 'en' },
    // user text: "hello there you" (15 chars, 3 words) + " ok " (trimmed: 2 chars, 1 word)
    messages: [
      { role: 'system', content: 'be brief' },
      { role: 'user', content: 'hello there you' },
      { role: 'assistant', content: 'hi' },
      { role: 'user', content: ' ok ' },
    ],
  });
  occurredAt.up(db);
  assert.equal(occurredAt.version, 13);
  assert.equal(db.prepare('SELECT occurred_at FROM cases WHERE id = ?').pluck().get(a), '2026-03-02T10:00:00.000Z');
  assert.deepEqual(metricsOf(db, a), {
    occurred_s: Date.UTC(2026, 2, 2, 10) / 1000,
    case_id: a,
    status: 'pending',
    signal_mask: SIGNAL_BIT.thumbs_down | SIGNAL_BIT.low_evaluator_score, // a score of 0.2 is below 0.5
    latency_ms: 812,
    cost_usd: 0.004,
    input_chars: 15 + 2, // "hello there you" + "ok" (trimmed); the system and assistant lines do not count
    input_words: 3 + 1,
    input_tokens: 17,
    eval_score: 0.4, // mean of 0.2 and 0.6
    tier: null,
    intent: 'billing',
    language: 'en',
    model: null,
    product_area: null,
  });
});

test('013: inserts keep their occurred_at or fall back to ingested_at; updates and deletes follow', () => {
  const db = upTo12();
  occurredAt.up(db);
  const withTime = insertCase(db, { occurredAt: '2026-01-05T08:30:15.250Z', ingestedAt: '2026-03-01T00:00:00.000Z' });
  const without = insertCase(db, { ingestedAt: '2026-03-01T00:00:00.000Z' });
  assert.equal(db.prepare('SELECT occurred_at FROM cases WHERE id = ?').pluck().get(withTime), '2026-01-05T08:30:15.250Z');
  assert.equal(db.prepare('SELECT occurred_at FROM cases WHERE id = ?').pluck().get(without), '2026-03-01T00:00:00.000Z');
  assert.equal(metricsOf(db, withTime)?.occurred_s, Math.floor(Date.UTC(2026, 0, 5, 8, 30, 15) / 1000));
  assert.equal(metricsOf(db, without)?.occurred_s, Date.UTC(2026, 2, 1) / 1000);

  db.prepare("UPDATE cases SET status = 'accepted', signals_json = '{\"escalated\":true}', slices_json = '{\"tier\":\"gold\",\"model\":4}' WHERE id = ?").run(withTime);
  assert.equal(metricsOf(db, withTime)?.status, 'accepted');
  assert.equal(metricsOf(db, withTime)?.signal_mask, SIGNAL_BIT.escalated);
  assert.equal(metricsOf(db, withTime)?.tier, 'gold');
  assert.equal(metricsOf(db, withTime)?.model, '4', 'a slice value is text whatever its JSON type');
  db.prepare("UPDATE cases SET occurred_at = '2026-02-01T00:00:00.000Z' WHERE id = ?").run(withTime);
  assert.equal(metricsOf(db, withTime)?.occurred_s, Date.UTC(2026, 1, 1) / 1000);
  assert.equal(db.prepare('SELECT count(*) FROM case_metrics').pluck().get(), 2, 'moving a case in time replaces its row');

  db.prepare('DELETE FROM cases WHERE id = ?').run(without);
  assert.equal(metricsOf(db, without), undefined);
  assert.equal(db.prepare('SELECT count(*) FROM case_metrics').pluck().get(), 1);
  // Time-clustered: a range query is answered from the primary key.
  const plan = db.prepare('EXPLAIN QUERY PLAN SELECT count(*) FROM case_metrics WHERE occurred_s >= 0 AND occurred_s < 1').all() as { detail: string }[];
  assert.match(plan.map((p) => p.detail).join(' '), /PRIMARY KEY|occurred_s/);
});

test('013 signal_mask agrees with the sampling policy failure triggers at their default thresholds', () => {
  const db = upTo12();
  occurredAt.up(db);
  const policy = parseSamplingPolicy({ name: 'all', failureSignals: [...FAILURE_SIGNALS] });
  const samples = [
    {},
    { thumbs: 'down' },
    { thumbs: 'up' },
    { regenerated: true },
    { regenerated: false },
    { user_edited_chars: 49 },
    { user_edited_chars: 50 },
    { escalated: true },
    { schema_valid: false },
    { schema_valid: true },
    { evaluations: [{ name: 'a', score: 0.49 }] },
    { evaluations: [{ name: 'a', score: 0.5 }, { name: 'b', label: 'x' }] },
    { confidence: 0.1 },
    { confidence: 0.5 },
    { thumbs: 'down', regenerated: true, user_edited_chars: 400, escalated: true, schema_valid: false, confidence: 0 },
  ];
  for (const signals of samples) {
    const id = insertCase(db, { signals });
    const expected = failureSignalsOf(signals as never, policy).reduce((mask, s) => mask | SIGNAL_BIT[s], 0);
    assert.equal(metricsOf(db, id)?.signal_mask, expected, JSON.stringify(signals));
  }
});
