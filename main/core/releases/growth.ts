import { SLICE_FIELDS } from '../sampling/index.js';
import type { Db } from '../store/database.js';
import type { GoldenCase } from '../review/golden-export.js';

/**
 * Growth over time: accepted cases added per ISO week (by the date they were decided), by category and by slice
 * value. With an eval set, the set's imported cases count in the week they were imported. Weeks run from the
 * first with any case (at most `weeks` weeks before the latest) to the latest, empty weeks included as zeros,
 * so a chart's axis has no gaps. Counts only.
 */
export interface GrowthWeek {
  /** ISO 8601 week, e.g. `2026-W47`. */
  week: string;
  /** The Monday the week starts on, YYYY-MM-DD (UTC). */
  start: string;
  total: number;
  byCategory: Record<string, number>;
  /** slice field → value → count; a missing value counts as "(none)". */
  bySlice: Record<string, Record<string, number>>;
}

const NONE = '(none)';
const DAY_MS = 86_400_000;

/** The Monday (UTC midnight) of the ISO week holding `at`. */
export function weekStart(at: Date): Date {
  const day = Date.UTC(at.getUTCFullYear(), at.getUTCMonth(), at.getUTCDate());
  const weekday = (new Date(day).getUTCDay() + 6) % 7;
  return new Date(day - weekday * DAY_MS);
}

/** `YYYY-Www` of a Monday: the ISO year is the year of that week's Thursday. */
export function isoWeekOf(monday: Date): string {
  const thursday = new Date(monday.getTime() + 3 * DAY_MS);
  const year = thursday.getUTCFullYear();
  const week = Math.floor((thursday.getTime() - Date.UTC(year, 0, 1)) / (7 * DAY_MS)) + 1;
  return `${year}-W${String(week).padStart(2, '0')}`;
}

interface Added {
  at: string;
  category: string | null;
  slices: Record<string, string | undefined>;
}

/** Accepted cases with their final category: the last adjudication's, else the first decision's. */
function acceptedAdds(db: Db): Added[] {
  const rows = db
    .prepare(
      `SELECT coalesce(c.decided_at, c.ingested_at) AS at, c.slices_json,
         (SELECT r.category FROM case_reviews r WHERE r.case_id = c.id AND r.state = 'active' AND r.decision <> 'skip'
          ORDER BY (r.kind = 'adjudication') DESC, CASE WHEN r.kind = 'adjudication' THEN -r.id ELSE r.id END LIMIT 1) AS category
       FROM cases c WHERE c.status = 'accepted'`,
    )
    .all() as { at: string; slices_json: string; category: string | null }[];
  return rows.map((r) => ({ at: r.at, category: r.category, slices: JSON.parse(r.slices_json) as Added['slices'] }));
}

function importedAdds(db: Db, evalSetId: number): Added[] {
  const rows = db.prepare('SELECT imported_at AS at, record_json FROM imported_cases WHERE eval_set_id = ?').all(evalSetId) as { at: string; record_json: string }[];
  return rows.map((r) => {
    const record = JSON.parse(r.record_json) as GoldenCase;
    return { at: r.at, category: record.category, slices: record.slices as Added['slices'] };
  });
}

function emptyWeek(monday: Date): GrowthWeek {
  return {
    week: isoWeekOf(monday),
    start: monday.toISOString().slice(0, 10),
    total: 0,
    byCategory: {},
    bySlice: Object.fromEntries(SLICE_FIELDS.map((f) => [f, {}])),
  };
}

export function growthByWeek(db: Db, options: { weeks?: number; evalSetId?: number } = {}): GrowthWeek[] {
  const limit = options.weeks ?? 26;
  const adds = [...acceptedAdds(db), ...(options.evalSetId === undefined ? [] : importedAdds(db, options.evalSetId))].filter(
    (a) => !Number.isNaN(Date.parse(a.at)),
  );
  if (adds.length === 0) return [];
  const mondays = adds.map((a) => weekStart(new Date(a.at)).getTime());
  let [earliest, last] = [Infinity, -Infinity];
  for (const t of mondays) [earliest, last] = [Math.min(earliest, t), Math.max(last, t)];
  const first = Math.max(earliest, last - (limit - 1) * 7 * DAY_MS);
  const weeks = new Map<number, GrowthWeek>();
  for (let t = first; t <= last; t += 7 * DAY_MS) weeks.set(t, emptyWeek(new Date(t)));
  adds.forEach((a, i) => {
    const week = weeks.get(mondays[i]!);
    if (!week) return;
    week.total += 1;
    const category = a.category ?? NONE;
    week.byCategory[category] = (week.byCategory[category] ?? 0) + 1;
    for (const field of SLICE_FIELDS) {
      const value = a.slices[field] ?? NONE;
      const bucket = week.bySlice[field]!;
      bucket[value] = (bucket[value] ?? 0) + 1;
    }
  });
  return [...weeks.values()];
}
