/**
 * The sampling screen's use cases: saved policies, save, preview, run, past runs. Each brings enrichment up to
 * date first where the answer depends on it, and lands in the audit log with ids and counts only.
 */
import { enrichPendingCases } from '../../core/enrich/index.js';
import {
  FAILURE_SIGNALS,
  SLICE_FIELDS,
  checkSamplingPolicy,
  getSamplingRun,
  listSamplingPolicies,
  listSamplingRuns,
  previewSampling,
  runSampling,
  saveSamplingPolicy,
} from '../../core/sampling/index.js';
import type { Db } from '../../core/store/database.js';
import type { HandlerGroup, ServiceContext } from '../service-context.js';

type SamplingChannel = 'sampling:policies' | 'sampling:savePolicy' | 'sampling:preview' | 'sampling:run' | 'sampling:runs';

export function samplingHandlers(ctx: ServiceContext): HandlerGroup<SamplingChannel> {
  /** Cases stored before enrichment existed get their language and cluster now, so preview and run see them. */
  const enriched = (db: Db): void => {
    const done = enrichPendingCases(db);
    if (done.enriched > 0) ctx.audit({ action: 'cases.enrich', objectIds: { cases: done.enriched, languagesDetected: done.languagesDetected } });
  };

  return {
    'sampling:policies': () => {
      const policies = listSamplingPolicies(ctx.open().db);
      ctx.audit({ action: 'sampling.policies.list', objectIds: { policies: policies.length } });
      return { policies, failureSignals: [...FAILURE_SIGNALS], sliceFields: [...SLICE_FIELDS] };
    },
    'sampling:savePolicy': ({ policy: form }) => {
      const checked = checkSamplingPolicy(form);
      if (!checked.policy) return { ok: false as const, issues: checked.issues };
      const saved = saveSamplingPolicy(ctx.open().db, checked.policy, ctx.actor());
      ctx.audit({ action: 'sampling.policy.save', objectIds: { policy: saved.name, version: saved.version, created: saved.created ? 1 : 0 } });
      return { ok: true as const, name: saved.name, version: saved.version, created: saved.created };
    },
    'sampling:preview': ({ policy: form }) => {
      const checked = checkSamplingPolicy(form);
      if (!checked.policy) return { ok: false as const, issues: checked.issues };
      const { db } = ctx.open();
      enriched(db);
      const preview = previewSampling(db, checked.policy);
      ctx.audit({
        action: 'sampling.preview',
        objectIds: { policy: preview.policyName, seed: preview.seed, candidates: preview.candidates, picked: preview.picked },
      });
      return { ok: true as const, preview };
    },
    'sampling:run': ({ policy: form }) => {
      const checked = checkSamplingPolicy(form);
      if (!checked.policy) return { ok: false as const, issues: checked.issues };
      const { db } = ctx.open();
      enriched(db);
      const result = runSampling(db, checked.policy, { actor: ctx.actor() });
      ctx.audit({
        action: 'sampling.run',
        objectIds: {
          run: result.runId,
          policy: result.policyName,
          policyVersion: result.policyVersion,
          seed: result.seed,
          candidates: result.candidates,
          picked: result.picked.length,
          ...Object.fromEntries(Object.entries(result.counts.byReason).map(([k, v]) => [`reason.${k}`, v])),
        },
      });
      return { ok: true as const, run: getSamplingRun(db, result.runId), cut: result.cut };
    },
    'sampling:runs': ({ limit }) => {
      const runs = listSamplingRuns(ctx.open().db, limit);
      ctx.audit({ action: 'sampling.runs.list', objectIds: { runs: runs.length } });
      return runs;
    },
  };
}
