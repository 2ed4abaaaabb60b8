import { createHash } from 'node:crypto';
import { mulberry32 } from '../sampling/prng.js';
import type { Db } from '../store/database.js';

/**
 * Synthetic, already de-identified cases written straight into a workspace, for the queue's tests and
 * `npm run bench:review`: 100,000 cases in seconds, no NER. The texts hold placeholders only (no names, no
 * numbers that could be identifiers), so the vault copy holds nothing a real log would; signals, slices and
 * tool calls vary with a seeded PRNG so filters, sorts and the case view have something to show.
 */
export interface SyntheticOptions {
  count: number;
  seed?: number;
  /** Source file name recorded on the ingest run. */
  sourceFile?: string;
}

const TIERS = ['free', 'pro', 'enterprise'];
const INTENTS = ['billing', 'medication', 'appointment', 'records', 'triage', 'insurance', 'lab-results', 'referral'];
const LANGUAGES = ['en', 'en', 'en', 'es', 'de', 'fr'];
const MODELS = ['gpt-4o-mini', 'gpt-4.1', 'claude-sonnet', 'llama-3-70b'];
const ASKS = [
  'Can you move my appointment with [PERSON_1] to the week after [DATE_1]?',
  'I was charged twice for the visit on [DATE_1]; my card ends in [CREDIT_CARD_1]. Please refund one.',
  'What dose of the new prescription should [PERSON_1] take, and can it be taken with food?',
  'Please send my lab results to [EMAIL_1] before [DATE_1].',
  'My father, aged [AGE_1], has chest pain since this morning. Should we go to [ORGANIZATION_1]?',
  'Why was my claim for the scan at [LOCATION_1] denied? The policy number is [ID_1].',
  'I need a referral to a dermatologist near [ADDRESS_1] that takes my insurance.',
  'Can you summarise the discharge notes from [ORGANIZATION_1] in plain language?',
];
const ANSWERS = [
  'I have moved the appointment with [PERSON_1]. You will receive a confirmation shortly.',
  'I am sorry about the double charge. I have opened a refund request for the duplicate payment.',
  'Please follow the dose on the label and ask your pharmacist before combining it with other medicines.',
  'Your results are ready. For your privacy I cannot send them by e-mail; please use the patient portal.',
  'Chest pain can be serious. Please call emergency services now rather than travelling yourself.',
  'The claim was denied because pre-authorisation was missing. You can appeal within 30 days.',
];

function pick<T>(random: () => number, items: readonly T[]): T {
  return items[Math.floor(random() * items.length)]!;
}

function placeholdersOf(texts: string[]): { placeholder: string; label: string }[] {
  const found = new Map<string, string>();
  for (const text of texts) for (const m of text.matchAll(/\[([A-Z][A-Z_]*)_(\d+)\]/g)) found.set(m[0], m[1]!);
  return [...found].map(([placeholder, label]) => ({ placeholder, label }));
}

/** Adds `count` synthetic cases in one transaction as a new ingest run; returns the run id. */
export function insertSyntheticCases(db: Db, options: SyntheticOptions): number {
  const random = mulberry32(options.seed ?? 1);
  const now = new Date().toISOString();
  return db.transaction(() => {
    const runId = Number(
      db
        .prepare("INSERT INTO ingest_runs (source_file, format, started_at, finished_at, ingested) VALUES (?, 'openai-chat', ?, ?, ?)")
        .run(options.sourceFile ?? 'synthetic.jsonl', now, now, options.count).lastInsertRowid,
    );
    const vault = db.prepare('INSERT INTO vault_interactions (content_hash, run_id, line, raw_json) VALUES (?, ?, ?, ?)');
    const cases = db.prepare(
      `INSERT INTO cases (id, run_id, line, record_id, content_hash, redacted_json, signals_json, slices_json, placeholders_json, ingested_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    for (let line = 1; line <= options.count; line += 1) {
      const ask = pick(random, ASKS);
      const withTools = random() < 0.25;
      const messages = [
        { role: 'system', content: 'You are a patient-services assistant for [ORGANIZATION_1]. Never give a diagnosis.' },
        { role: 'user', content: ask },
      ];
      if (withTools) {
        const args = JSON.stringify({ patient: '[PERSON_1]', after: '[DATE_1]' });
        messages.push({
          role: 'assistant',
          content: `Let me look that up.\n${JSON.stringify([{ id: `call_${line}`, type: 'function', function: { name: 'find_appointments', arguments: args } }])}`,
        });
        messages.push({ role: 'tool', content: JSON.stringify({ slots: [{ with: '[PERSON_1]', on: '[DATE_2]' }], count: 1 }) });
      }
      if (random() < 0.2) {
        messages.push({ role: 'assistant', content: pick(random, ANSWERS) });
        messages.push({ role: 'user', content: 'That does not answer my question. Can you try again?' });
      }
      const response = { role: 'assistant', content: pick(random, ANSWERS) };
      const signals: Record<string, unknown> = { latency_ms: Math.round(200 + random() * 4000), cost_usd: Math.round(random() * 2000) / 1e6 };
      if (random() < 0.12) signals.thumbs = 'down';
      else if (random() < 0.3) signals.thumbs = 'up';
      if (random() < 0.08) signals.regenerated = true;
      if (random() < 0.05) signals.user_edited_chars = Math.round(20 + random() * 200);
      if (random() < 0.04) signals.escalated = true;
      if (random() < 0.06) signals.schema_valid = false;
      if (random() < 0.5) signals.confidence = Math.round(random() * 100) / 100;
      if (random() < 0.05) signals.evaluations = [{ name: 'groundedness', score: Math.round(random() * 100) / 100 }];
      const slices = { tier: pick(random, TIERS), intent: pick(random, INTENTS), language: pick(random, LANGUAGES), model: pick(random, MODELS) };
      const texts = [...messages.map((m) => m.content), response.content];
      const body = JSON.stringify({ messages, response, preview: ask.slice(0, 200) });
      const hash = createHash('sha256').update(`${runId}:${line}:${body}`).digest('hex');
      const id = Number(vault.run(hash, runId, line, body).lastInsertRowid);
      cases.run(id, runId, line, `syn-${runId}-${line}`, hash, body, JSON.stringify(signals), JSON.stringify(slices), JSON.stringify(placeholdersOf(texts)), now);
    }
    return runId;
  })();
}
