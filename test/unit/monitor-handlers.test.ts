import assert from 'node:assert/strict';
import { join } from 'node:path';
import { test, type TestContext } from 'node:test';
import { createBridge } from '../../main/api/bridge.js';
import { CHANNEL_ROLES } from '../../main/api/authorization.js';
import { QuarryService } from '../../main/api/quarry-service.js';
import { insertSyntheticCases, productionCases } from '../../main/core/monitor/synthetic.js';
import { unlockWorkspace } from '../../main/core/store/workspace.js';
import { monitorChannels } from '../../preload/contract/monitor.js';
import { tempDir } from '../helpers.js';

const APP = 'app://quarry';
const trusted = { url: `${APP}/index.html`, isMainFrame: true };
const CURRENT = { from: '2026-03-23T00:00:00Z', to: '2026-03-30T00:00:00Z' };
const BASELINE = { from: '2026-03-02T00:00:00Z', to: '2026-03-09T00:00:00Z' };

async function setup(t: TestContext) {
  const dir = join(tempDir(t), 'ws');
  const service = new QuarryService({ workspaceDir: dir, modelsDir: dir, createDeidentifier: () => Promise.reject(new Error('unused')) });
  t.after(() => service.close());
  const bridge = createBridge(service.handlers, { appOrigin: APP });
  const call = async (channel: string, input: unknown = {}) => {
    const envelope = await bridge.invoke(trusted, channel, input);
    if (!envelope.ok) throw Object.assign(new Error(envelope.error.message), { code: envelope.error.code });
    return envelope.value as Record<string, unknown>;
  };
  await call('workspace:unlock', { passphrase: 'shared passphrase', reviewer: 'setup' });
  await call('accounts:add', { name: 'ana', role: 'admin', passphrase: 'ana passphrase' });
  await call('accounts:add', { name: 'ben', role: 'reviewer', passphrase: 'ben passphrase' });
  await call('accounts:add', { name: 'cy', role: 'auditor', passphrase: 'cy passphrase' });
  await call('workspace:lock');
  // Four weeks of traffic from 2026-03-02, shifted from day 21 (the last week).
  const ws = unlockWorkspace(dir, 'ana passphrase', 'ana');
  insertSyntheticCases(ws.db, productionCases({ count: 4000, start: '2026-03-02T00:00:00Z', days: 28, shiftFromDay: 21, acceptedShare: 0.1 }));
  ws.close();
  const as = async (name: string) => {
    await call('workspace:lock').catch(() => undefined);
    await call('workspace:unlock', { passphrase: `${name} passphrase`, reviewer: name });
  };
  return { dir, call, as };
}

test('monitor channels: auditors read, reviewers also mine, only admins set thresholds', () => {
  const roles = Object.fromEntries(Object.keys(monitorChannels).map((c) => [c, [...CHANNEL_ROLES[c as keyof typeof monitorChannels]].sort()]));
  assert.deepEqual(roles, {
    'monitor:overview': ['admin', 'auditor', 'reviewer'],
    'monitor:drift': ['admin', 'auditor', 'reviewer'],
    'monitor:alerts': ['admin', 'auditor', 'reviewer'],
    'monitor:mineAlert': ['admin', 'reviewer'],
    'monitor:coverage': ['admin', 'auditor', 'reviewer'],
    'monitor:thresholds': ['admin', 'auditor', 'reviewer'],
    'monitor:setThresholds': ['admin'],
  });
});

test('monitor over the bridge: role checks, contract shapes, mining an alert, audit entries with counts only', async (t) => {
  const { dir, call, as } = await setup(t);

  await as('cy');
  const overview = await call('monitor:overview', { from: '2026-03-02T00:00:00Z', to: '2026-03-30T00:00:00Z', window: 'week', groupBy: 'intent' });
  assert.equal((overview.series as { points: unknown[] }[])[0]!.points.length, 4);
  const drift = await call('monitor:drift', { current: CURRENT, baseline: BASELINE });
  assert.equal((drift.input as { metric: string; band: string }[]).find((m) => m.metric === 'input_length')!.band, 'major');
  const alerts = (await call('monitor:alerts', { current: CURRENT, baseline: BASELINE, groupBy: 'intent', caseLimit: 3 })).alerts as {
    id: string;
    metric: string;
    slice: unknown;
    caseIds: number[];
    caseCount: number;
  }[];
  const thumbs = alerts.find((a) => a.metric === 'thumbs_down' && a.slice === null)!;
  assert.ok(thumbs, 'the planted thumbs-down rise is an alert');
  assert.equal(thumbs.caseIds.length, 3);
  assert.ok(thumbs.caseCount > 3);
  const coverage = await call('monitor:coverage', {});
  assert.deepEqual(
    ((coverage.fields as { field: string; gaps: { value: string }[] }[]).find((f) => f.field === 'intent')!.gaps.map((g) => g.value)).sort(),
    ['lab-results', 'referral'],
  );
  assert.equal(((await call('monitor:thresholds')).thresholds as { psiMajor: number }).psiMajor, 0.25);
  const mineInput = { current: CURRENT, baseline: BASELINE, groupBy: 'intent', alertId: thumbs.id };
  await assert.rejects(call('monitor:mineAlert', mineInput), { code: 'forbidden' });
  await assert.rejects(call('monitor:setThresholds', { thresholds: { psiMajor: 0.3 } }), { code: 'forbidden' });

  await as('ben');
  const mined = await call('monitor:mineAlert', mineInput);
  const run = mined.run as { id: number; picked: number; byReason: Record<string, number> };
  assert.equal(run.picked, thumbs.caseCount);
  assert.deepEqual(run.byReason, { thumbs_down: thumbs.caseCount });
  assert.equal(mined.cases, thumbs.caseCount);
  await assert.rejects(call('monitor:setThresholds', { thresholds: { psiMajor: 0.3 } }), { code: 'forbidden' });
  const runs = (await call('sampling:runs', {})) as unknown as { id: number }[];
  assert.equal(runs[0]!.id, run.id, 'the mining run is listed with the other runs');

  await as('ana');
  const invalid = await call('monitor:setThresholds', { thresholds: { psiMajor: -1 } });
  assert.equal(invalid.ok, false);
  const set = await call('monitor:setThresholds', { thresholds: { psiMajor: 0.3 } });
  assert.equal(set.ok, true);
  assert.equal((set.view as { updatedBy: string }).updatedBy, 'ana');
  await assert.rejects(call('monitor:overview', { from: CURRENT.to, to: CURRENT.from, window: 'day' }), { code: 'monitor-range-invalid' });
  await assert.rejects(call('monitor:overview', { from: 'yesterday', to: CURRENT.to, window: 'day' }), { code: 'invalid-input' });
  await call('workspace:lock');

  const ws = unlockWorkspace(dir, 'ana passphrase', 'ana');
  const entries = ws.db.prepare("SELECT actor, action, outcome, object_ids FROM audit_log WHERE action LIKE 'monitor.%' OR (action = 'access.denied' AND object_ids LIKE '%monitor%') ORDER BY seq").all() as {
    actor: string;
    action: string;
    outcome: string;
    object_ids: string;
  }[];
  ws.close();
  assert.deepEqual(
    entries.map((e) => `${e.actor} ${e.action} ${e.outcome}`),
    [
      'cy monitor.overview success',
      'cy monitor.drift success',
      'cy monitor.alerts success',
      'cy monitor.coverage success',
      'cy access.denied denied',
      'cy access.denied denied',
      'ben monitor.alert.mine success',
      'ben access.denied denied',
      'ana monitor.thresholds.set success',
    ].map((line) => line),
  );
  const mine = JSON.parse(entries.find((e) => e.action === 'monitor.alert.mine')!.object_ids) as Record<string, unknown>;
  assert.equal(mine.run, run.id);
  assert.equal(mine.picked, thumbs.caseCount);
});
