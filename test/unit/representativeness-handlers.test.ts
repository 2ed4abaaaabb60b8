import assert from 'node:assert/strict';
import { test } from 'node:test';
import Database from 'better-sqlite3-multiple-ciphers';
import { CHANNEL_ROLES } from '../../main/api/authorization.js';
import { representativenessHandlers } from '../../main/api/handlers/representativeness.js';
import type { ServiceContext } from '../../main/api/service-context.js';
import type { AuditEvent } from '../../main/core/audit/audit-log.js';
import { createEvalSet, createRelease } from '../../main/core/releases/index.js';
import { migrate } from '../../main/core/store/migrate.js';
import { representativenessChannels } from '../../preload/contract/representativeness.js';
import { seedRepresentativeness, TEXT_WORDS } from './representativeness-seed.js';

function setup() {
  const db = new Database(':memory:');
  db.pragma('foreign_keys = ON');
  migrate(db);
  seedRepresentativeness(db);
  const audit: Omit<AuditEvent, 'actor'>[] = [];
  const ctx = { open: () => ({ db, dir: '/nowhere' }), actor: () => 'reviewer:ana', audit: (e: Omit<AuditEvent, 'actor'>) => audit.push(e) } as unknown as ServiceContext;
  return { db, audit, handlers: representativenessHandlers(ctx) };
}

test('every role may read representativeness', () => {
  for (const channel of Object.keys(representativenessChannels) as (keyof typeof representativenessChannels)[]) {
    assert.deepEqual([...CHANNEL_ROLES[channel]].sort(), ['admin', 'auditor', 'reviewer'], channel);
  }
});

test('representativeness:run answers in the contract shape, carries no case text, and is audited with counts only', async () => {
  const { db, audit, handlers } = setup();
  const input = representativenessChannels['representativeness:run'].input.parse({ runId: 1, production: 'workspace', bins: 4 });
  const report = representativenessChannels['representativeness:run'].output.parse(await handlers['representativeness:run'](input));
  assert.equal(report.counts.productionTotal, 15);
  assert.equal(report.lengths.chars.bins.length, report.lengths.chars.edges.length + 1);
  const json = JSON.stringify(report);
  for (const word of TEXT_WORDS) assert.equal(json.includes(word), false, word);
  assert.deepEqual(audit, [
    { action: 'representativeness.run', objectIds: { run: 1, production: 'workspace', originals: 3, tasks: 2, productionCases: 15 } },
  ]);
  await assert.rejects(async () => handlers['representativeness:run']({ runId: 42 }), { code: 'sampling-run-not-found' });
  assert.equal(audit.length, 1, 'a failed call is not logged as a report');
  assert.throws(() => representativenessChannels['representativeness:run'].input.parse({ runId: 1, production: 'everything' }));
  db.close();
});

test('representativeness:release reads a stored release: its accepted cases against their ingest run', async () => {
  const { db, audit, handlers } = setup();
  createEvalSet(db, 'triage', '', 'ana');
  const release = createRelease(db, 'triage', { createdBy: 'ana' });
  const report = representativenessChannels['representativeness:release'].output.parse(await handlers['representativeness:release']({ releaseId: release.id }));
  assert.equal(report.scope.kind, 'release');
  assert.equal(report.scope.label, 'triage v1');
  assert.deepEqual(report.scope.productionRunIds, [1]);
  // The two accepted cases (1, 2) with the tasks the reviewer made: 42 / 5 and 22 / 11 characters.
  assert.deepEqual(report.counts, { originals: 2, tasks: 2, production: 10, productionTotal: 10 });
  assert.equal(report.overSpecification.shareOverThreshold, 0.5);
  assert.equal(report.overSpecification.editedShare, 0.5);
  assert.equal(audit.at(-1)?.action, 'representativeness.release');
  await assert.rejects(async () => handlers['representativeness:release']({ releaseId: 99 }), { code: 'release-not-found' });
  db.close();
});
