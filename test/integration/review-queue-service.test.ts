/**
 * The queue's handlers behind the bridge: "me" is the signed-in reviewer, assignment and claiming are
 * audit-logged with ids only, and a refused assignment changes nothing and logs nothing.
 */
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { test } from 'node:test';
import { QuarryService } from '../../main/api/quarry-service.js';
import { QuarryError } from '../../main/core/errors.js';
import { insertSyntheticCases } from '../../main/core/review/queue-synthetic.js';
import { createWorkspace, unlockWorkspace } from '../../main/core/store/workspace.js';
import { tempDir } from '../helpers.js';

const PASSPHRASE = 'queue service passphrase';

function assignEntries(dir: string): { actor: string; objects: unknown }[] {
  const workspace = unlockWorkspace(dir, PASSPHRASE);
  try {
    return (
      workspace.db.prepare("SELECT actor, object_ids FROM audit_log WHERE action IN ('case.assign', 'case.unassign') ORDER BY seq").all() as {
        actor: string;
        object_ids: string;
      }[]
    ).map((row) => ({ actor: row.actor, objects: JSON.parse(row.object_ids) as unknown }));
  } finally {
    workspace.close();
  }
}

test('claim, assign and release through the service, each audit-logged with case ids', async (t) => {
  const dir = join(tempDir(t), 'ws');
  const workspace = createWorkspace(dir, PASSPHRASE);
  insertSyntheticCases(workspace.db, { count: 40, seed: 5 });
  workspace.close();
  const service = new QuarryService({ workspaceDir: dir, modelsDir: 'unused', createDeidentifier: () => Promise.reject(new Error('not needed')) });
  t.after(() => service.close());
  const h = service.handlers;
  await h['workspace:unlock']({ passphrase: PASSPHRASE, reviewer: 'ana' });

  const order = { sort: 'id', dir: 'asc' } as const;
  assert.equal((await h['cases:page']({ offset: 0, limit: 10, filter: { assignee: 'me' }, count: true, ...order })).total, 0);
  const { ids: claimed } = await h['cases:claim']({ count: 3, filter: {}, ...order });
  assert.deepEqual(claimed, [1, 2, 3]);
  const mine = await h['cases:page']({ offset: 0, limit: 10, filter: { assignee: 'me' }, count: true, ...order });
  assert.deepEqual(
    mine.rows.map((r) => [r.id, r.assignee]),
    [
      [1, 'ana'],
      [2, 'ana'],
      [3, 'ana'],
    ],
  );
  assert.equal((await h['cases:get']({ id: 2 })).assignee, 'ana');

  await h['cases:assign']({ ids: [3, 4], reviewer: 'ben' });
  await assert.rejects(
    async () => h['cases:assign']({ ids: [5, 4040], reviewer: 'ben' }),
    (e: unknown) => e instanceof QuarryError && e.code === 'case-not-found',
  );
  await h['cases:assign']({ ids: [4], reviewer: null });
  const counts = await h['cases:counts']({});
  assert.deepEqual(counts.reviewers, [
    { reviewer: 'ana', assigned: 2, decided: 0 },
    { reviewer: 'ben', assigned: 1, decided: 0 },
  ]);
  assert.ok('intent' in (await h['cases:facets']({})).slices);
  await h['workspace:lock']({});

  assert.deepEqual(assignEntries(dir), [
    { actor: 'reviewer:ana', objects: { cases: [1, 2, 3], assignee: 'ana' } },
    { actor: 'reviewer:ana', objects: { cases: [3, 4], assignee: 'ben' } },
    { actor: 'reviewer:ana', objects: { cases: [4] } },
  ]);
});
