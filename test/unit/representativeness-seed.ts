/**
 * A small workspace with known lengths, words and slices for the representativeness tests.
 *
 * Ingest run 1 (production of the sample): cases 1..10; case i asks "alpha" i times ("alpha alpha …"), so it is
 *   6i − 1 characters and i tokens long; tier free for 1..6, pro for 7..9, enterprise for 10.
 * Ingest run 2 (elsewhere in the workspace): cases 11..15, "omega" 20 times (119 characters), tier pro.
 * Mining run 1 picked cases 1, 2 and 7. Case 1 is accepted with a persona ("a clinician"), case 2 with its task
 *   rewritten to "alpha alpha beta gamma"; case 7 is still pending.
 */
import type { Db } from '../../main/core/store/database.js';
import { EMPTY_DRAFT, submitReview } from '../../main/core/review/case-reviews.js';
import { EMPTY_AUGMENTATION } from '../../main/core/review/augmentation.js';

export const TEXT_WORDS = ['alpha', 'omega', 'beta', 'gamma', 'clinician'];

function insertCase(db: Db, id: number, run: number, text: string, tier: string): void {
  db.prepare('INSERT INTO vault_interactions (id, content_hash, run_id, line, raw_json) VALUES (?, ?, ?, ?, ?)').run(id, `h${id}`, run, id, '{}');
  db.prepare(
    `INSERT INTO cases (id, run_id, line, content_hash, redacted_json, signals_json, slices_json, placeholders_json, ingested_at)
     VALUES (?, ?, ?, ?, ?, '{}', ?, '[]', '2026-01-01T00:00:00Z')`,
  ).run(
    id,
    run,
    id,
    `h${id}`,
    JSON.stringify({ messages: [{ role: 'system', content: 'You help.' }, { role: 'user', content: text }], response: null, preview: '' }),
    JSON.stringify({ tier }),
  );
}

export function seedRepresentativeness(db: Db): void {
  db.prepare("INSERT INTO ingest_runs (id, source_file, format, started_at) VALUES (1, 'prod.jsonl', 'openai-chat', 'now'), (2, 'other.jsonl', 'openai-chat', 'now')").run();
  for (let i = 1; i <= 10; i++) insertCase(db, i, 1, Array(i).fill('alpha').join(' '), i <= 6 ? 'free' : i <= 9 ? 'pro' : 'enterprise');
  for (let i = 11; i <= 15; i++) insertCase(db, i, 2, Array(20).fill('omega').join(' '), 'pro');
  db.prepare("INSERT INTO sampling_policies (name, version, json, created_by, created_at) VALUES ('weekly', 1, '{}', 'ana', 'now')").run();
  db.prepare("INSERT INTO sampling_runs (id, policy_name, policy_version, seed, created_at, picked_count) VALUES (1, 'weekly', 1, 7, 'now', 3)").run();
  for (const id of [1, 2, 7]) db.prepare("INSERT INTO sampling_picks (run_id, case_id, reasons) VALUES (1, ?, '[\"base_rate\"]')").run(id);
  submitReview(db, {
    caseId: 1,
    reviewer: 'ana',
    decision: 'accept',
    draft: { ...EMPTY_DRAFT, augmentation: { ...EMPTY_AUGMENTATION, persona: 'a clinician' } },
  });
  submitReview(db, { caseId: 2, reviewer: 'ana', decision: 'accept', draft: { ...EMPTY_DRAFT, taskText: 'alpha alpha beta gamma' } });
}
