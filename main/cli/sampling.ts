/**
 * `quarry sample`: draw an eval sample with a saved, versioned sampling policy (`--preview` shows the figures
 * without recording anything); `quarry sample runs` lists past mining runs; `quarry enrich` backfills language
 * and near-duplicate clusters for cases stored before enrichment existed.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Command } from 'commander';
import type { AuditEvent } from '../core/audit/audit-log.js';
import { enrichPendingCases } from '../core/enrich/index.js';
import { QuarryError } from '../core/errors.js';
import {
  describeCut,
  listSamplingRuns,
  parseSamplingPolicyText,
  previewSampling,
  runSampling,
  type SamplingPolicy,
  type SamplingPreview,
  type SamplingRunSummary,
} from '../core/sampling/index.js';
import type { Db } from '../core/store/database.js';
import { actor, openSession, withWorkspaceOptions, type WorkspaceFlags } from './common.js';

type SampleFlags = WorkspaceFlags & { policy?: string; seed?: string; preview?: boolean };

function readPolicy(file: string | undefined): SamplingPolicy {
  if (!file) throw new QuarryError('sampling-policy-missing', 'No policy: pass --policy FILE (a JSON sampling policy).');
  const policyFile = resolve(file);
  let text: string;
  try {
    text = readFileSync(policyFile, 'utf8');
  } catch (error) {
    throw new QuarryError('sampling-policy-file', `Cannot read the policy file ${policyFile}: ${(error as NodeJS.ErrnoException).code}.`);
  }
  return parseSamplingPolicyText(text, policyFile);
}

function readSeed(seed: string | undefined): number | undefined {
  if (seed === undefined) return undefined;
  const n = /^\d+$/.test(seed) ? Number(seed) : NaN;
  if (!Number.isSafeInteger(n) || n > 0xffffffff) throw new QuarryError('sampling-seed-invalid', '--seed must be a whole number from 0 to 4294967295.');
  return n;
}

/** Brings enrichment up to date, so one-per-cluster and the language stratum see every case. */
function enrichFirst(db: Db, audit: (event: Omit<AuditEvent, 'actor'>) => void): void {
  const done = enrichPendingCases(db);
  if (done.enriched > 0) {
    audit({ action: 'cases.enrich', objectIds: { cases: done.enriched, languagesDetected: done.languagesDetected } });
  }
}

function printPreview(preview: SamplingPreview, policy: SamplingPolicy): void {
  console.log(`Preview: policy ${preview.policyName}, seed ${preview.seed}: would pick ${preview.picked} of ${preview.candidates} case(s) (nothing recorded)`);
  console.log('By trigger (candidates → picked):');
  for (const t of preview.triggers) console.log(`  ${t.signal}: ${t.candidates} → ${t.picked}`);
  if (preview.triggers.length === 0) console.log('  (no failure signals in the policy)');
  if (policy.strata) {
    console.log(`By stratum (${policy.strata.fields.join(', ')}) (candidates → picked: failure / minimum / base):`);
    for (const s of preview.strata) {
      console.log(`  ${s.stratum}: ${s.candidates} → ${s.picked}: ${s.byPhase.failure_signal} / ${s.byPhase.stratum_minimum} / ${s.byPhase.base_rate}`);
    }
    if (preview.strata.length === 0) console.log('  (none)');
  }
  const b = preview.baseRate;
  console.log(`Base rate ${b.rate}: expect ${b.expected} of ${b.eligible} eligible case(s), picks ${b.picked}`);
  if (preview.clusters.onePerCluster) console.log(`One per cluster: ${preview.clusters.amongCandidates} near-duplicate cluster(s) among the candidates`);
  const cuts = describeCut(preview.cut);
  console.log(cuts.length > 0 ? `Cut: ${cuts.join('; ')}` : 'Cut: nothing');
}

function printRuns(runs: SamplingRunSummary[]): void {
  if (runs.length === 0) {
    console.log('No sampling runs yet.');
    return;
  }
  console.log('run  time                      policy               seed        candidates  picked  by reason');
  for (const r of runs) {
    const reasons = Object.entries(r.byReason).map(([k, v]) => `${k}=${v}`).join(' ') || '-';
    console.log(
      `${String(r.id).padEnd(4)} ${r.createdAt.padEnd(25)} ${`${r.policyName} v${r.policyVersion}`.padEnd(20)} ` +
        `${String(r.seed).padEnd(11)} ${String(r.candidates ?? '-').padStart(10)}  ${String(r.picked).padStart(6)}  ${reasons}`,
    );
  }
}

export function registerSamplingCommands(program: Command): void {
  const sample = withWorkspaceOptions(
    program
      .command('sample')
      .description("draw an eval sample from the workspace's cases with a sampling policy (saved as a new version if changed)")
      .option('--policy <file>', 'the sampling policy, a JSON file (required)')
      .option('--seed <n>', "override the policy's seed for this run (0..4294967295)")
      .option('--preview', 'show the expected counts per trigger and stratum without recording a run'),
  ).action((flags: SampleFlags) => {
    const policy = readPolicy(flags.policy);
    const seed = readSeed(flags.seed);
    const { workspace, audit, close } = openSession(flags, 'sampling:run');
    try {
      enrichFirst(workspace.db, audit);
      if (flags.preview) {
        const preview = previewSampling(workspace.db, policy, seed ?? policy.seed);
        audit({ action: 'sampling.preview',
          objectIds: { policy: policy.name, seed: preview.seed, candidates: preview.candidates, picked: preview.picked },
        });
        printPreview(preview, policy);
        return;
      }
      const result = runSampling(workspace.db, policy, { seed, actor });
      const { byReason, byPhase, byStratum } = result.counts;
      audit({ action: 'sampling.run',
        objectIds: {
          run: result.runId,
          policy: result.policyName,
          policyVersion: result.policyVersion,
          seed: result.seed,
          candidates: result.candidates,
          picked: result.picked.length,
          ...Object.fromEntries(Object.entries(byPhase).map(([k, v]) => [`phase.${k}`, v])),
          ...Object.fromEntries(Object.entries(byReason).map(([k, v]) => [`reason.${k}`, v])),
          cutByBudget: result.cut.byBudget.failure_signal + result.cut.byBudget.stratum_minimum + result.cut.byBudget.base_rate,
          cutByMaxPerStratum: result.cut.byMaxPerStratum,
          cutByCluster: result.cut.byCluster,
        },
      });
      console.log(
        `Sampling run ${result.runId}: policy ${result.policyName} v${result.policyVersion}, seed ${result.seed}: ` +
          `picked ${result.picked.length} of ${result.candidates} case(s)`,
      );
      console.log('By reason:');
      for (const [reason, n] of Object.entries(byReason)) console.log(`  ${reason}: ${n}`);
      if (Object.keys(byReason).length === 0) console.log('  (none)');
      if (policy.strata) {
        console.log(`By stratum (${policy.strata.fields.join(', ')}):`);
        for (const [stratum, n] of Object.entries(byStratum)) console.log(`  ${stratum}: ${n}`);
        if (Object.keys(byStratum).length === 0) console.log('  (none)');
      }
      const cuts = describeCut(result.cut);
      console.log(cuts.length > 0 ? `Cut: ${cuts.join('; ')}` : 'Cut: nothing');
    } finally {
      close();
    }
  });

  withWorkspaceOptions(
    sample
      .command('runs')
      .description('list past mining runs: id, time, policy and version, seed, candidates, picked, by reason')
      .option('--json', 'one JSON array instead of a table')
      .option('--limit <n>', 'at most this many, newest first', '200'),
  ).action((_flags: WorkspaceFlags, command: Command) => {
    const flags = command.optsWithGlobals<WorkspaceFlags & { json?: boolean; limit: string }>();
    const limit = /^\d+$/.test(flags.limit) ? Number(flags.limit) : NaN;
    if (!Number.isSafeInteger(limit) || limit < 1) throw new QuarryError('sampling-runs-limit', '--limit must be a whole number of at least 1.');
    const { workspace, audit, close } = openSession(flags, 'sampling:runs');
    try {
      const runs = listSamplingRuns(workspace.db, limit);
      audit({ action: 'sampling.runs.list', objectIds: { runs: runs.length } });
      if (flags.json) console.log(JSON.stringify(runs, null, 2));
      else printRuns(runs);
    } finally {
      close();
    }
  });

  withWorkspaceOptions(
    program.command('enrich').description("detect missing languages and cluster near-duplicates for cases not enriched yet (ingest does this for new cases)"),
  ).action((flags: WorkspaceFlags) => {
    const { workspace, audit, close } = openSession(flags, 'sampling:run');
    try {
      const started = performance.now();
      const done = enrichPendingCases(workspace.db);
      audit({ action: 'cases.enrich', objectIds: { cases: done.enriched, languagesDetected: done.languagesDetected } });
      console.log(
        `Enriched ${done.enriched} case(s) in ${((performance.now() - started) / 1000).toFixed(1)} s: ` +
          `${done.languagesDetected} language(s) detected, ${done.joinedClusters} joined a near-duplicate cluster.`,
      );
    } finally {
      close();
    }
  });
}
