/**
 * The paged review queue on a real encrypted workspace: every filter and sort against a plain in-memory
 * reference, windows that add up to the whole queue, assignment and claiming, and the case view's extras.
 */
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { QueueSignal } from '../../preload/schemas.js';
import { reviewChannels } from '../../preload/contract/review.js';
import { QuarryError } from '../../main/core/errors.js';
import { assignCases, claimNext } from '../../main/core/review/queue-assign.js';
import { pageCases, queueCounts, queueFacets } from '../../main/core/review/queue-page.js';
import { CATEGORIES, type QueueFilter, type QueueOrder } from '../../main/core/review/queue-query.js';
import { QUEUE_SIGNALS } from '../../main/core/review/queue-signals.js';
import { insertSyntheticCases } from '../../main/core/review/queue-synthetic.js';
import { getCase } from '../../main/core/review/review-queue.js';
import { createWorkspace, type Workspace } from '../../main/core/store/workspace.js';

const root = mkdtempSync(join(tmpdir(), 'quarry-queue-'));
let ws: Workspace;
const N = 1200;

interface Ref {
  id: number;
  status: string;
  assignee: string | null;
  mask: number;
  severity: number;
  findings: number;
  slices: Record<string, string | undefined>;
  preview: string;
}

function reference(): Ref[] {
  return (
    ws.db
      .prepare(
        `SELECT c.id, c.status, c.assignee, c.slices_json, c.placeholders_json, c.redacted_json, q.signal_mask AS mask, q.severity
         FROM cases c JOIN case_queue q ON q.case_id = c.id ORDER BY c.id`,
      )
      .all() as { id: number; status: string; assignee: string | null; slices_json: string; placeholders_json: string; redacted_json: string; mask: number; severity: number }[]
  ).map((r) => ({
    id: r.id,
    status: r.status,
    assignee: r.assignee,
    mask: r.mask,
    severity: r.severity,
    findings: (JSON.parse(r.placeholders_json) as unknown[]).length,
    slices: JSON.parse(r.slices_json) as Record<string, string>,
    preview: (JSON.parse(r.redacted_json) as { preview: string }).preview,
  }));
}

function allPages(filter: QueueFilter, order: QueueOrder, size = 97, reviewer = 'ana'): number[] {
  const ids: number[] = [];
  let total = 0;
  for (let offset = 0; ; offset += size) {
    // Only the first window counts, as the renderer asks.
    const page = pageCases(ws.db, filter, order, offset, size, reviewer, offset === 0);
    if (offset === 0) total = page.total!;
    else assert.equal(page.total, null);
    ids.push(...page.rows.map((r) => r.id));
    if (offset + size >= total) {
      assert.equal(ids.length, total, 'the windows add up to the total');
      return ids;
    }
  }
}

before(() => {
  ws = createWorkspace(join(root, 'ws'), 'queue test passphrase');
  insertSyntheticCases(ws.db, { count: N, seed: 7 });
  ws.db.prepare("UPDATE cases SET status = 'accepted', decided_by = 'ana' WHERE id % 5 = 0").run();
  ws.db.prepare("UPDATE cases SET status = 'rejected', decided_by = 'ben' WHERE id % 7 = 0 AND status = 'pending'").run();
});

after(() => {
  ws?.close();
  rmSync(root, { recursive: true, force: true });
});

test('the contract names the same signals the queue stores', () => {
  assert.deepEqual(QueueSignal.options, QUEUE_SIGNALS);
});

test('windows of the unfiltered queue add up to every case, in id order both ways', () => {
  const ids = reference().map((r) => r.id);
  assert.deepEqual(allPages({}, { sort: 'id', dir: 'asc' }), ids);
  assert.deepEqual(allPages({}, { sort: 'id', dir: 'desc' }), [...ids].reverse());
});

test('each filter matches a plain reference', () => {
  const refs = reference();
  const order: QueueOrder = { sort: 'id', dir: 'asc' };
  const check = (filter: QueueFilter, keep: (r: Ref) => boolean) => {
    const expected = refs.filter(keep).map((r) => r.id);
    assert.ok(expected.length > 0, `${JSON.stringify(filter)} selects something`);
    assert.deepEqual(allPages(filter, order), expected, JSON.stringify(filter));
  };
  check({ status: 'pending' }, (r) => r.status === 'pending');
  check({ status: 'rejected' }, (r) => r.status === 'rejected');
  for (const signal of QUEUE_SIGNALS) {
    const bit = 1 << QUEUE_SIGNALS.indexOf(signal);
    check({ signal }, (r) => (r.mask & bit) !== 0);
  }
  check({ slice: { field: 'intent', value: 'billing' } }, (r) => r.slices.intent === 'billing');
  check({ slice: { field: 'product_area', value: null } }, (r) => r.slices.product_area === undefined);
  check({ status: 'pending', signal: 'thumbs_down', slice: { field: 'tier', value: 'pro' } }, (r) => r.status === 'pending' && (r.mask & 1) !== 0 && r.slices.tier === 'pro');
  check({ text: 'REFUND' }, (r) => r.preview.toLowerCase().includes('refund'));
  check({ text: '#17' }, (r) => r.id === 17);
});

test('a search for LIKE wildcards finds them literally', () => {
  assert.equal(pageCases(ws.db, { text: '%' }, { sort: 'id', dir: 'asc' }, 0, 10, 'ana').total, 0);
  assert.equal(pageCases(ws.db, { text: '_' }, { sort: 'id', dir: 'asc' }, 0, 10, 'ana').total, N, 'every preview holds a placeholder like [PERSON_1]');
});

test('sorts order by severity, findings and ingest time with the id breaking ties', () => {
  const refs = reference();
  const bySeverity = [...refs].sort((a, b) => b.severity - a.severity || b.id - a.id).map((r) => r.id);
  assert.deepEqual(allPages({}, { sort: 'severity', dir: 'desc' }), bySeverity);
  const byFindings = [...refs].sort((a, b) => a.findings - b.findings || a.id - b.id).map((r) => r.id);
  assert.deepEqual(allPages({}, { sort: 'findings', dir: 'asc' }), byFindings);
  const first = pageCases(ws.db, {}, { sort: 'severity', dir: 'desc' }, 0, 1, 'ana').rows[0]!;
  assert.ok(first.queueSignals.length >= 2, 'the most severe case shows its signals');
});

test('mining-run and category filters read the sampling picks and the reviews', () => {
  ws.db.prepare("INSERT INTO sampling_policies (name, version, json, created_by, created_at) VALUES ('weekly', 1, '{}', 'x', 'now')").run();
  const runId = Number(
    ws.db.prepare("INSERT INTO sampling_runs (policy_name, policy_version, seed, created_at, picked_count) VALUES ('weekly', 1, 1, 'now', 3)").run().lastInsertRowid,
  );
  for (const id of [3, 30, 300]) ws.db.prepare('INSERT INTO sampling_picks (run_id, case_id, reasons) VALUES (?, ?, ?)').run(runId, id, '["thumbs_down"]');
  assert.deepEqual(allPages({ runId }, { sort: 'id', dir: 'desc' }), [300, 30, 3]);
  assert.deepEqual(getCase(ws.db, 30).picks, [{ runId, policyName: 'weekly', policyVersion: 1, reasons: ['thumbs_down'] }]);
  assert.ok(queueFacets(ws.db).runs.some((r) => r.id === runId));

  // Case 5 is accepted: its category is visible to all. Case 1 is pending: only its own reviewer sees it.
  const review = ws.db.prepare("INSERT INTO case_reviews (case_id, reviewer, decision, category, created_at) VALUES (?, ?, 'accept', ?, 'now')");
  review.run(5, 'ana', 'edge-case');
  review.run(1, 'ben', 'edge-case');
  assert.ok(CATEGORIES.includes('edge-case'));
  assert.deepEqual(allPages({ category: 'edge-case' }, { sort: 'id', dir: 'asc' }, 50, 'ana'), [5]);
  assert.deepEqual(allPages({ category: 'edge-case' }, { sort: 'id', dir: 'asc' }, 50, 'ben'), [1, 5]);
});

test('assignment: by ids, release, claim the next unassigned, counts and progress', () => {
  assert.deepEqual(assignCases(ws.db, [4, 2, 2], 'ben'), [2, 4]);
  assert.throws(
    () => assignCases(ws.db, [1, 999_999], 'ben'),
    (e: unknown) => e instanceof QuarryError && e.code === 'case-not-found' && /#999999/.test(e.message),
  );
  assert.equal(getCase(ws.db, 1).assignee, null, 'a failed assignment changes nothing');
  assert.throws(() => assignCases(ws.db, [1], '   '), /1 to 80 characters/);

  const expected = reference()
    .filter((r) => r.status === 'pending' && r.assignee === null && (r.mask & 1) !== 0)
    .slice(0, 5)
    .map((r) => r.id);
  const claimed = claimNext(ws.db, 'ana', 5, { signal: 'thumbs_down' }, { sort: 'id', dir: 'asc' });
  assert.deepEqual(claimed, expected);
  assert.deepEqual(allPages({ assignee: 'me' }, { sort: 'id', dir: 'asc' }, 50, 'ana'), expected);
  assert.deepEqual(allPages({ assignee: { name: 'ben' } }, { sort: 'id', dir: 'asc' }), [2, 4]);

  ws.db.prepare("UPDATE cases SET status = 'accepted' WHERE id = ?").run(expected[0]);
  const counts = queueCounts(ws.db);
  assert.equal(counts.total, N);
  assert.deepEqual(counts.reviewers, [
    { reviewer: 'ana', assigned: 5, decided: 1 },
    { reviewer: 'ben', assigned: 2, decided: 0 },
  ]);
  assert.equal(counts.byStatus.pending! + counts.byStatus.accepted! + counts.byStatus.rejected!, N);
  const unassigned = reference().filter((r) => r.status === 'pending' && r.assignee === null).length;
  assert.equal(counts.unassignedPending, unassigned);

  assignCases(ws.db, [2, 4], null);
  assert.equal(pageCases(ws.db, { assignee: { name: 'ben' } }, { sort: 'id', dir: 'asc' }, 0, 10, 'ana').total, 0);
});

test('the contract rejects malformed queue requests before they reach the store', () => {
  const page = reviewChannels['cases:page'].input;
  assert.equal(page.safeParse({ offset: 0, limit: 50 }).success, true);
  assert.equal(page.safeParse({ offset: -1, limit: 50 }).success, false);
  assert.equal(page.safeParse({ offset: 0, limit: 501 }).success, false);
  assert.equal(page.safeParse({ offset: 0, limit: 5, filter: { signal: 'sad' } }).success, false);
  assert.equal(page.safeParse({ offset: 0, limit: 5, filter: { slice: { field: 'colour', value: 'x' } } }).success, false);
  assert.equal(page.safeParse({ offset: 0, limit: 5, sort: 'random' }).success, false);
  assert.equal(reviewChannels['cases:assign'].input.safeParse({ ids: [], reviewer: 'ana' }).success, false);
});
