import assert from 'node:assert/strict';
import { test } from 'node:test';
import { growthByWeek, isoWeekOf, weekStart } from '../../main/core/releases/index.js';
import { accept, releaseWorkspace } from './releases-fixture.js';

test('ISO weeks: Monday starts, week 1 holds the first Thursday, and year ends roll over', () => {
  const week = (iso: string) => isoWeekOf(weekStart(new Date(iso)));
  assert.equal(week('2026-11-22T23:59:00Z'), '2026-W47', 'a Sunday belongs to the week of the Monday before');
  assert.equal(week('2026-11-23T00:00:00Z'), '2026-W48');
  assert.equal(week('2026-01-01T12:00:00Z'), '2026-W01', 'a Thursday 1 January is in week 1');
  assert.equal(week('2027-01-01T12:00:00Z'), '2026-W53', 'a Friday 1 January is in the last week of the year before');
  assert.equal(week('2024-12-30T12:00:00Z'), '2025-W01', 'a Monday 30 December can start week 1 of the next year');
  assert.equal(weekStart(new Date('2026-11-22T23:59:00Z')).toISOString(), '2026-11-16T00:00:00.000Z');
});

test('growth counts accepted cases per week by category and slice, with empty weeks as zeros', async (t) => {
  const { db } = await releaseWorkspace(t);
  accept(db, 1, 'ana', { category: 'edge-case' }); // tier pro
  accept(db, 2, 'ana', { category: 'happy-path' }); // tier free
  accept(db, 3, 'ana'); // tier pro
  accept(db, 4, 'ana', { category: 'happy-path' }); // tier free
  const decided = db.prepare('UPDATE cases SET decided_at = ? WHERE id = ?');
  decided.run('2026-11-02T09:00:00Z', 1); // W45
  decided.run('2026-11-08T23:00:00Z', 2); // W45 (Sunday)
  decided.run('2026-11-16T08:00:00Z', 3); // W47
  decided.run('2026-11-20T08:00:00Z', 4); // W47

  const weeks = growthByWeek(db);
  assert.deepEqual(
    weeks.map((w) => [w.week, w.start, w.total]),
    [
      ['2026-W45', '2026-11-02', 2],
      ['2026-W46', '2026-11-09', 0],
      ['2026-W47', '2026-11-16', 2],
    ],
  );
  assert.deepEqual(weeks[0]!.byCategory, { 'edge-case': 1, 'happy-path': 1 });
  assert.deepEqual(weeks[2]!.byCategory, { '(none)': 1, 'happy-path': 1 });
  assert.deepEqual(weeks[0]!.bySlice.tier, { pro: 1, free: 1 });
  assert.deepEqual(weeks[1]!.bySlice.tier, {});
  assert.deepEqual(weeks[2]!.bySlice.intent, { medication: 1, directions: 1 });
  assert.deepEqual(
    growthByWeek(db, { weeks: 2 }).map((w) => w.week),
    ['2026-W46', '2026-W47'],
    'at most `weeks` weeks back from the latest',
  );
  db.prepare("UPDATE cases SET status = 'pending'").run();
  assert.deepEqual(growthByWeek(db), []);
});
