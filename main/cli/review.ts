/** `quarry export`: accepted cases to golden.jsonl. */
import { resolve } from 'node:path';
import { Option, type Command } from 'commander';
import { appendAudit } from '../core/audit/audit-log.js';
import { EXPORT_PROFILES } from '../core/deid/operators/profiles.js';
import { exportGoldenSet } from '../core/review/golden-export.js';
import { unlockWorkspace } from '../core/store/workspace.js';
import { actor, passphrase, withWorkspaceOptions, workspaceDir, type WorkspaceFlags } from './common.js';

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
    const workspace = unlockWorkspace(workspaceDir(flags), passphrase(flags));
    try {
      const out = resolve(flags.out);
      const ids = exportGoldenSet(workspace.db, out, flags.profile);
      appendAudit(workspace.db, { actor, action: 'export.golden', objectIds: { cases: ids, file: out, profile: flags.profile } });
      console.log(`Exported ${ids.length} accepted case(s) to ${out} (profile ${flags.profile})`);
    } finally {
      workspace.close();
    }
  });
}
