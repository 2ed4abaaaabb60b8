/**
 * Enrichment of stored cases from their de-identified user text: the language slice when the log gave none, and
 * the near-duplicate cluster. Runs at the end of each ingest batch and as a backfill for cases stored before
 * enrichment existed. Idempotent: an enriched case (one with a `case_clusters` row) is skipped.
 */
import type { Slices } from '../ingest/interaction.js';
import type { Db } from '../store/database.js';
import { detectLanguage } from './language.js';
import { minhashSignature } from './minhash.js';
import { clusterCase, clusterCases, type CaseToCluster, type ClusterOptions } from './near-duplicates.js';

interface CaseRow {
  id: number;
  redacted_json: string;
  slices_json: string;
}

interface RedactedBody {
  messages?: { role: string; content: string }[];
}

export interface EnrichSummary {
  enriched: number;
  /** Cases whose language slice was detected here (the log gave none). */
  languagesDetected: number;
  /** Enriched cases that joined an existing cluster. */
  joinedClusters: number;
}

/** The de-identified text the user wrote: every user message, in order; all messages when none is marked user. */
export function userText(redactedJson: string): string {
  const body = JSON.parse(redactedJson) as RedactedBody;
  return userTextOf(Array.isArray(body.messages) ? body.messages : []);
}

/** userText for messages already in hand (ingest has them before it serialises the case). */
export function userTextOf(messages: readonly { role: string; content: unknown }[]): string {
  const user = messages.filter((m) => m.role === 'user');
  return (user.length > 0 ? user : messages).map((m) => (typeof m.content === 'string' ? m.content : '')).join('\n');
}

/** The language to store for a case: null when the log gave one, else the one detected from its user text. */
export function languageToDetect(slices: Slices, text: string): string | null {
  return typeof slices.language !== 'string' || slices.language.trim() === '' ? detectLanguage(text) : null;
}

/**
 * Enrichment of a case as ingest stores it, without reading it back: ingest puts the detected language
 * (languageToDetect) in the slices it inserts, then calls this once the case row exists to cluster it. Same
 * outcome as enrichCases on the stored case. Returns the cluster id.
 */
export function enrichNewCase(db: Db, caseId: number, text: string, languageDetected: string | null): number {
  return clusterCase(db, caseId, minhashSignature(text), languageDetected);
}

/** What clusterCases needs of a stored case: ingest collects these for a batch and clusters them at once. */
export function caseToCluster(caseId: number, text: string, languageDetected: string | null): CaseToCluster {
  return { caseId, signature: minhashSignature(text), languageDetected };
}

/** enrichNewCase for a batch of cases, in order, in one set-based pass (see clusterCases). Returns the cluster ids. */
export function enrichNewCases(db: Db, cases: readonly CaseToCluster[], options: ClusterOptions = {}): number[] {
  return clusterCases(db, cases, options);
}

interface Statements {
  read: { get(id: number): unknown };
  writeSlices: { run(slicesJson: string, id: number): unknown };
}

/** Prepared once per connection: ingest calls enrichCases once per stored case. */
const statements = new WeakMap<Db, Statements>();

function prepared(db: Db): Statements {
  let s = statements.get(db);
  if (!s) {
    s = {
      read: db.prepare(
        'SELECT c.id, c.redacted_json, c.slices_json FROM cases c WHERE c.id = ? AND NOT EXISTS (SELECT 1 FROM case_clusters k WHERE k.case_id = c.id)',
      ),
      writeSlices: db.prepare('UPDATE cases SET slices_json = ? WHERE id = ?'),
    };
    statements.set(db, s);
  }
  return s;
}

/** Enriches the given cases that are not enriched yet, in id order, in one transaction. */
export function enrichCases(db: Db, caseIds: readonly number[]): EnrichSummary {
  const summary: EnrichSummary = { enriched: 0, languagesDetected: 0, joinedClusters: 0 };
  if (caseIds.length === 0) return summary;
  const { read, writeSlices } = prepared(db);
  db.transaction(() => {
    const toCluster: CaseToCluster[] = [];
    for (const id of [...new Set(caseIds)].sort((a, b) => a - b)) {
      const row = read.get(id) as CaseRow | undefined;
      if (!row) continue;
      const text = userText(row.redacted_json);
      const slices = JSON.parse(row.slices_json) as Slices;
      const detected = languageToDetect(slices, text);
      if (detected !== null) {
        writeSlices.run(JSON.stringify({ ...slices, language: detected }), id);
        summary.languagesDetected++;
      }
      toCluster.push(caseToCluster(id, text, detected));
    }
    clusterCases(db, toCluster).forEach((clusterId, i) => {
      if (clusterId !== toCluster[i]!.caseId) summary.joinedClusters++;
    });
    summary.enriched += toCluster.length;
  })();
  return summary;
}

/** How many stored cases are not enriched yet. */
export function pendingEnrichment(db: Db): number {
  return db.prepare('SELECT count(*) FROM cases c WHERE NOT EXISTS (SELECT 1 FROM case_clusters k WHERE k.case_id = c.id)').pluck().get() as number;
}

/**
 * Backfill: enriches every case not enriched yet, oldest first, in transactions of `batch` cases, so an
 * interruption keeps what was done. `onProgress` gets the running count.
 */
export function enrichPendingCases(db: Db, options: { batch?: number; onProgress?: (done: number, total: number) => void } = {}): EnrichSummary {
  const total: EnrichSummary = { enriched: 0, languagesDetected: 0, joinedClusters: 0 };
  // Every enriched case is a stored case (foreign key), so equal counts mean nothing is pending: two index counts
  // instead of a scan, as the sampling screen asks before every preview.
  const counts = db.prepare('SELECT (SELECT count(*) FROM cases) AS cases, (SELECT count(*) FROM case_clusters) AS enriched').get() as {
    cases: number;
    enriched: number;
  };
  if (counts.cases === counts.enriched) return total;
  const pending = db
    .prepare('SELECT c.id FROM cases c WHERE NOT EXISTS (SELECT 1 FROM case_clusters k WHERE k.case_id = c.id) ORDER BY c.id')
    .pluck()
    .all() as number[];
  const batch = options.batch ?? 500;
  for (let i = 0; i < pending.length; i += batch) {
    const done = enrichCases(db, pending.slice(i, i + batch));
    total.enriched += done.enriched;
    total.languagesDetected += done.languagesDetected;
    total.joinedClusters += done.joinedClusters;
    options.onProgress?.(total.enriched, pending.length);
  }
  return total;
}
