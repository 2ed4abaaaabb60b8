/**
 * `quarry export`: accepted cases to golden.jsonl. `quarry deid misses export`: the de-identification misses
 * reviewers reported, as a regression set without raw text. `quarry agreement`: reviewer agreement per batch.
 */
import { resolve } from 'node:path';
import { Option, type Command } from 'commander';
import { EXPORT_PROFILES } from '../core/deid/operators/profiles.js';
import { batchAgreement } from '../core/review/batch-agreement.js';
import { exportGoldenSet } from '../core/review/golden-export.js';
import { exportMisses } from '../core/review/missed-pii.js';
import { openSession, withWorkspaceOptions, type WorkspaceFlags } from './common.js';

export function registerReviewCommands(program: Command): void {
  withWorkspaceOptions(
    program
      .command('export')
      .description('export accepted cases as golden.jsonl')
      .requiredOption('--out <file>', 'where to write the JSONL')
      .addOption(
        new Option('--profile <id>', 'how placeholders are rendered: kept, or replaced by surrogates, shifted dates, …')
          .choices(EXPORT_PROFILES.map((p) => p.id))
          .default('placeholder'),
      ),
  ).action((flags: WorkspaceFlags & { out: string; profile: string }) => {
    const { workspace, audit, close } = openSession(flags, 'export:golden');
    try {
      const out = resolve(flags.out);
      const ids = exportGoldenSet(workspace.db, out, flags.profile);
      audit({ action: 'export.golden', objectIds: { cases: ids, file: out, profile: flags.profile } });
      console.log(`Exported ${ids.length} accepted case(s) to ${out} (profile ${flags.profile})`);
    } finally {
      close();
    }
  });

  const misses = program.command('deid').description('de-identification work from review').command('misses').description('spans reviewers reported as missed');
  withWorkspaceOptions(
    misses
      .command('export')
      .description('write the reported misses as JSONL: ids, offsets, labels and de-identified context, never the missed text')
      .requiredOption('--out <file>', 'where to write the JSONL'),
  ).action((flags: WorkspaceFlags & { out: string }) => {
    const { workspace, audit, close } = openSession(flags, 'export:golden');
    try {
      const out = resolve(flags.out);
      const ids = exportMisses(workspace.db, out);
      audit({ action: 'deid.misses_export', objectIds: { misses: ids, file: out } });
      console.log(`Exported ${ids.length} de-identification miss(es) to ${out}`);
    } finally {
      close();
    }
  });

  withWorkspaceOptions(
    program
      .command('agreement')
      .description("reviewer agreement per ingest and mining run: Cohen's kappa (two reviewers), Krippendorff's alpha (any number)")
      .option('--json', 'print JSON instead of a table'),
  ).action((flags: WorkspaceFlags & { json?: boolean }) => {
    const { workspace, close } = openSession(flags, 'review:agreement');
    try {
      const batches = batchAgreement(workspace.db);
      if (flags.json) {
        console.log(JSON.stringify(batches));
        return;
      }
      if (batches.length === 0) console.log('No batch has cases decided by two or more reviewers yet.');
      const figure = (x: number | null) => (x === null ? '—' : x.toFixed(3));
      for (const b of batches) {
        console.log(
          `${b.kind} run ${b.runId} (${b.label}): ${b.pairedCases} case(s) with 2+ reviews, ${b.disagreements} disagreement(s), ` +
            `raters ${b.raters.join(', ')}; kappa ${figure(b.kappa)}, alpha ${figure(b.alpha)}`,
        );
      }
    } finally {
      close();
    }
  });
}
