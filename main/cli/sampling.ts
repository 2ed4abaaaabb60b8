/** `quarry sample`: draw an eval sample with a saved, versioned sampling policy. */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Command } from 'commander';
import { appendAudit } from '../core/audit/audit-log.js';
import { QuarryError } from '../core/errors.js';
import { describeCut, parseSamplingPolicyText, runSampling } from '../core/sampling/index.js';
import { unlockWorkspace } from '../core/store/workspace.js';
import { actor, passphrase, withWorkspaceOptions, workspaceDir, type WorkspaceFlags } from './common.js';

export function registerSamplingCommands(program: Command): void {
  withWorkspaceOptions(
    program
      .command('sample')
      .description('draw an eval sample from the workspace\'s cases with a sampling policy (saved as a new version if changed)')
      .requiredOption('--policy <file>', 'the sampling policy, a JSON file')
      .option('--seed <n>', "override the policy's seed for this run (0..4294967295)"),
  ).action((flags: WorkspaceFlags & { policy: string; seed?: string }) => {
    const policyFile = resolve(flags.policy);
    let text: string;
    try {
      text = readFileSync(policyFile, 'utf8');
    } catch (error) {
      throw new QuarryError('sampling-policy-file', `Cannot read the policy file ${policyFile}: ${(error as NodeJS.ErrnoException).code}.`);
    }
    const policy = parseSamplingPolicyText(text, policyFile);
    let seed: number | undefined;
    if (flags.seed !== undefined) {
      seed = /^\d+$/.test(flags.seed) ? Number(flags.seed) : NaN;
      if (!Number.isSafeInteger(seed) || seed > 0xffffffff) throw new QuarryError('sampling-seed-invalid', '--seed must be a whole number from 0 to 4294967295.');
    }
    const workspace = unlockWorkspace(workspaceDir(flags), passphrase(flags));
    try {
      const result = runSampling(workspace.db, policy, { seed, actor });
      const { byReason, byPhase, byStratum } = result.counts;
      appendAudit(workspace.db, {
        actor,
        action: 'sampling.run',
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
      workspace.close();
    }
  });
}
