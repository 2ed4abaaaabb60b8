/**
 * Synthetic, already de-identified production cases written straight into a workspace, for the monitor's tests and
 * `npm run bench:monitor`: no NER, the texts hold placeholders and fixed phrases only. Each case has a time, signals
 * and slices; the insert goes through `cases` like an ingest, so the triggers fill case_queue and case_metrics.
 */
import { createHash } from 'node:crypto';
import { mulberry32 } from '../sampling/prng.js';
import type { Db } from '../store/database.js';
import type { Signals, Slices } from '../ingest/interaction.js';

export interface SyntheticCase {
  occurredAt: string;
  signals?: Signals;
  slices?: Slices;
  /** The de-identified user message (default: a fixed request). */
  userText?: string;
  status?: 'pending' | 'accepted' | 'rejected';
}

const REPLY = 'Thank you. I have passed this on to [ORGANIZATION_1].';

/** Inserts the cases in one transaction as a new ingest run; returns their ids in order. */
export function insertSyntheticCases(db: Db, cases: Iterable<SyntheticCase>, sourceFile = 'synthetic-production.jsonl'): number[] {
  const now = new Date().toISOString();
  return db.transaction(() => {
    const runId = Number(
      db
        .prepare("INSERT INTO ingest_runs (source_file, format, started_at, finished_at, ingested) VALUES (?, 'openai-chat', ?, ?, 0)")
        .run(sourceFile, now, now).lastInsertRowid,
    );
    const vault = db.prepare('INSERT INTO vault_interactions (content_hash, run_id, line, raw_json) VALUES (?, ?, ?, ?)');
    const insert = db.prepare(
      `INSERT INTO cases (id, run_id, line, content_hash, redacted_json, signals_json, slices_json, placeholders_json, ingested_at, occurred_at, status)
       VALUES (?, ?, ?, ?, ?, ?, ?, '[]', ?, ?, ?)`,
    );
    const ids: number[] = [];
    let line = 0;
    for (const c of cases) {
      line++;
      const text = c.userText ?? 'Can you check my appointment with [PERSON_1] on [DATE_1]?';
      const redacted = JSON.stringify({ messages: [{ role: 'user', content: text }], response: { role: 'assistant', content: REPLY }, preview: text.slice(0, 200) });
      const hash = createHash('sha256').update(`${runId}:${line}`).digest('hex');
      const id = Number(vault.run(hash, runId, line, '{}').lastInsertRowid);
      insert.run(id, runId, line, hash, redacted, JSON.stringify(c.signals ?? {}), JSON.stringify(c.slices ?? {}), now, c.occurredAt, c.status ?? 'pending');
      ids.push(id);
    }
    db.prepare('UPDATE ingest_runs SET ingested = ? WHERE id = ?').run(ids.length, runId);
    return ids;
  })();
}

export interface ProductionOptions {
  count: number;
  /** First day (UTC) of the traffic; cases spread evenly over `days`. */
  start: string;
  days: number;
  seed?: number;
  /** From this day on (0-based), the planted shift: longer requests, more Spanish, more billing, more thumbs-down. */
  shiftFromDay?: number;
  /** Share of cases accepted into the golden set (skewed away from some intents, so coverage has gaps). */
  acceptedShare?: number;
}

const INTENTS = ['appointment', 'billing', 'medication', 'records', 'triage', 'insurance', 'lab-results', 'referral'];
const TIERS = ['free', 'pro', 'enterprise'];
const MODELS = ['gpt-4o-mini', 'gpt-4.1', 'claude-sonnet'];
const WORDS = ['please', 'check', 'my', 'appointment', 'with', '[PERSON_1]', 'on', '[DATE_1]', 'and', 'the', 'bill', 'for', 'visit', 'at', '[LOCATION_1]'];

/** A reproducible stream of production-like cases with an optional planted shift. */
export function* productionCases(options: ProductionOptions): Generator<SyntheticCase> {
  const random = mulberry32(options.seed ?? 7);
  const start = Date.parse(options.start);
  const span = options.days * 86_400_000;
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
  for (let i = 0; i < options.count; i++) {
    const at = start + Math.floor((i / options.count) * span + random() * (span / options.count));
    const shifted = options.shiftFromDay !== undefined && at >= start + options.shiftFromDay * 86_400_000;
    const words = Math.max(1, Math.round((shifted ? 28 : 14) + (random() - 0.5) * 12));
    const userText = Array.from({ length: words }, () => pick(WORDS)).join(' ');
    const intent = shifted && random() < 0.35 ? 'billing' : pick(INTENTS);
    const language = random() < (shifted ? 0.45 : 0.1) ? 'es' : random() < 0.1 ? 'de' : 'en';
    const signals: Signals = {
      latency_ms: Math.round(300 + random() * 1500),
      cost_usd: Math.round((0.0005 + random() * 0.004) * 1e6) / 1e6,
      input_tokens: Math.round(words * 1.3),
    };
    if (random() < (shifted ? 0.14 : 0.05)) signals.thumbs = 'down';
    else if (random() < 0.3) signals.thumbs = 'up';
    if (random() < 0.04) signals.regenerated = true;
    if (random() < 0.03) signals.user_edited_chars = 60 + Math.floor(random() * 200);
    if (random() < 0.02) signals.escalated = true;
    if (random() < 0.01) signals.schema_valid = false;
    if (random() < 0.5) signals.evaluations = [{ name: 'judge', score: Math.round((shifted ? 0.6 : 0.8) * 100 + (random() - 0.5) * 40) / 100 }];
    const accepted = options.acceptedShare !== undefined && intent !== 'referral' && intent !== 'lab-results' && random() < options.acceptedShare;
    yield {
      occurredAt: new Date(at).toISOString(),
      signals,
      slices: { intent, language, tier: pick(TIERS), model: pick(MODELS), product_area: intent === 'billing' ? 'payments' : 'care' },
      userText,
      status: accepted ? 'accepted' : 'pending',
    };
  }
}
