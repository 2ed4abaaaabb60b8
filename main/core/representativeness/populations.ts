/**
 * Gathers the three populations representativeness compares, from the store (a mining run) or from a release's
 * frozen records: the de-identified originals of the sample, the final tasks of its accepted cases (composed from
 * the reviewer's edited task and augmentation exactly as the golden export does), and production, read as a
 * stream so a large workspace is never held in memory; above `productionCap` cases every k-th case (in id order)
 * is measured for lengths and words, while the slice mix is counted over every production case.
 */
import { QuarryError } from '../errors.js';
import type { ReleaseSnapshot } from '../releases/release-types.js';
import { composeTask, EMPTY_AUGMENTATION, isEmptyAugmentation } from '../review/augmentation.js';
import { finalReview } from '../review/case-reviews.js';
import { readReviewSettings } from '../review/review-settings.js';
import { SLICE_FIELDS } from '../sampling/policy.js';
import { getSamplingRun } from '../sampling/runs.js';
import type { Db } from '../store/database.js';
import { NONE, PopulationSample, taskPair, type Populations } from './measure.js';

/** Which cases stand for production: those of the ingest runs the sample came from, or every case in the workspace. */
export type ProductionScope = 'ingest-runs' | 'workspace';
export const PRODUCTION_SCOPES: readonly ProductionScope[] = ['ingest-runs', 'workspace'];
/** Production cases measured for lengths and words at most (every k-th case above it). */
export const DEFAULT_PRODUCTION_CAP = 50_000;

export interface Gathered {
  populations: Populations;
  label: string;
  productionRunIds: number[];
  productionMeasured: number;
  productionTotal: number;
}

interface StoredBody {
  messages: { role: string; content: string }[];
}

/** The request a case came from: its last user message (the same rule as the review task's original). */
export function requestText(redactedJson: string): string {
  const { messages } = JSON.parse(redactedJson) as StoredBody;
  const user = [...messages].reverse().find((m) => m.role === 'user');
  return (user ?? messages[messages.length - 1])?.content ?? '';
}

function emptyPopulations(): Populations {
  return { originals: new PopulationSample(), tasks: new PopulationSample(), production: new PopulationSample(), pairs: [] };
}

/**
 * Measures production into `sample`: lengths and words of every k-th case in id order (all of them up to `cap`),
 * slice counts over all. `runIds` null means the whole workspace. Slices and ids come from the narrow queue table
 * (main/core/store/migrations/007), so only the measured cases' conversations are read; a subset of ingest runs
 * costs one scan of `cases` for its run ids. Returns how many were measured and how many there are.
 */
function gatherProduction(db: Db, runIds: number[] | null, cap: number, sample: PopulationSample): { measured: number; total: number } {
  const runs = JSON.stringify(runIds ?? []);
  const everyRun = runIds === null || (db.prepare('SELECT count(*) FROM ingest_runs WHERE id NOT IN (SELECT value FROM json_each(?))').pluck().get(runs) as number) === 0;
  const columns = SLICE_FIELDS.map((f) => `q.${f}`).join(', ');
  const total = everyRun
    ? (db.prepare('SELECT count(*) FROM case_queue').pluck().get() as number)
    : (db.prepare('SELECT count(*) FROM cases WHERE run_id IN (SELECT value FROM json_each(?))').pluck().get(runs) as number);
  const stride = Math.max(1, Math.ceil(total / cap));
  const chosen: number[] = [];
  let position = 0;
  if (everyRun) {
    for (const field of SLICE_FIELDS) {
      const rows = db
        .prepare(`SELECT coalesce(nullif(CAST(${field} AS TEXT), ''), ?) AS value, count(*) AS n FROM case_queue GROUP BY value`)
        .all(NONE) as { value: string; n: number }[];
      sample.setSliceCounts(field, new Map(rows.map((r) => [r.value, r.n])));
    }
    for (const id of db.prepare('SELECT case_id FROM case_queue ORDER BY case_id').pluck().iterate() as Iterable<number>) {
      if (position++ % stride === 0) chosen.push(id);
    }
  } else {
    const counts = new Map<string, Map<string, number>>(SLICE_FIELDS.map((f) => [f, new Map()]));
    const scan = db.prepare(
      `SELECT q.case_id, ${columns} FROM cases c JOIN case_queue q ON q.case_id = c.id WHERE c.run_id IN (SELECT value FROM json_each(?)) ORDER BY c.id`,
    );
    for (const row of scan.raw().iterate(runs) as Iterable<unknown[]>) {
      if (position++ % stride === 0) chosen.push(row[0] as number);
      SLICE_FIELDS.forEach((field, i) => {
        const raw = row[i + 1];
        const value = raw === null || raw === undefined || raw === '' ? NONE : String(raw);
        const tally = counts.get(field)!;
        tally.set(value, (tally.get(value) ?? 0) + 1);
      });
    }
    for (const [field, tally] of counts) sample.setSliceCounts(field, tally);
  }
  const read = db.prepare('SELECT redacted_json FROM cases WHERE id = ?').pluck();
  for (const id of chosen) sample.addText(requestText(read.get(id) as string));
  return { measured: chosen.length, total };
}

interface PickRow {
  id: number;
  redacted_json: string;
  slices_json: string;
}

/** A mining run's populations: its picks, the final tasks of those accepted, and production. */
export function gatherRun(db: Db, runId: number, production: ProductionScope, cap = DEFAULT_PRODUCTION_CAP): Gathered {
  const run = getSamplingRun(db, runId);
  const settings = readReviewSettings(db);
  const p = emptyPopulations();
  const picks = db
    .prepare('SELECT c.id, c.redacted_json, c.slices_json FROM sampling_picks p JOIN cases c ON c.id = p.case_id WHERE p.run_id = ? ORDER BY c.id')
    .iterate(runId) as Iterable<PickRow>;
  const picked: { id: number; original: string; slices: object }[] = [];
  for (const row of picks) {
    const original = requestText(row.redacted_json);
    const slices = JSON.parse(row.slices_json) as object;
    p.originals.addText(original);
    p.originals.addSlices(slices);
    picked.push({ id: row.id, original, slices });
  }
  // Reviews are read after the picks' cursor closed: one statement at a time on the connection.
  for (const { id, original, slices } of picked) {
    const review = finalReview(db, id, settings);
    if (!review || review.decision !== 'accept') continue;
    const edited = review.taskText !== null && review.taskText !== original;
    const final = composeTask(edited ? review.taskText! : original, review.augmentation);
    p.tasks.addText(final);
    p.tasks.addSlices(slices);
    p.pairs.push(taskPair(original, final, !isEmptyAugmentation(review.augmentation), edited));
  }
  const runIds =
    production === 'workspace'
      ? null
      : (db
          .prepare('SELECT DISTINCT c.run_id FROM sampling_picks p JOIN cases c ON c.id = p.case_id WHERE p.run_id = ? ORDER BY c.run_id')
          .pluck()
          .all(runId) as number[]);
  const { measured, total } = gatherProduction(db, runIds, cap, p.production);
  return {
    populations: p,
    label: `${run.policyName} v${run.policyVersion}`,
    productionRunIds: runIds ?? [],
    productionMeasured: measured,
    productionTotal: total,
  };
}

/**
 * A release's populations: its frozen records' originals and final tasks (as released, in the release's export
 * profile), and production from the ingest runs its reviewed cases came from (imported cases have none).
 */
export function gatherRelease(db: Db, snapshot: ReleaseSnapshot, production: ProductionScope, cap = DEFAULT_PRODUCTION_CAP): Gathered {
  const p = emptyPopulations();
  for (const c of snapshot.cases) {
    const augmentation = c.task.augmentation ?? EMPTY_AUGMENTATION;
    p.originals.addText(c.task.original);
    p.originals.addSlices(c.slices);
    p.tasks.addText(c.task.final);
    p.tasks.addSlices(c.slices);
    const edited = c.task.final !== composeTask(c.task.original, augmentation);
    p.pairs.push(taskPair(c.task.original, c.task.final, !isEmptyAugmentation(augmentation), edited));
  }
  let runIds: number[] | null = null;
  if (production === 'ingest-runs') {
    const named = [...new Set(snapshot.cases.filter((c) => c.origin === 'review').map((c) => c.provenance.run_id))];
    runIds = db.prepare('SELECT id FROM ingest_runs WHERE id IN (SELECT value FROM json_each(?)) ORDER BY id').pluck().all(JSON.stringify(named)) as number[];
  }
  const { measured, total } = gatherProduction(db, runIds, cap, p.production);
  return {
    populations: p,
    label: `${snapshot.manifest.eval_set} v${snapshot.manifest.version}`,
    productionRunIds: runIds ?? [],
    productionMeasured: measured,
    productionTotal: total,
  };
}

export function checkProductionScope(value: string): ProductionScope {
  if (!(PRODUCTION_SCOPES as readonly string[]).includes(value)) {
    throw new QuarryError('representativeness-scope', `Production scope "${value}" is not one of ${PRODUCTION_SCOPES.join(', ')}.`);
  }
  return value as ProductionScope;
}
