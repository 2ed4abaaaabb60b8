/** `quarry audit`: the tamper-evident audit log. */
import type { Command } from 'commander';
import { verifyAuditChain } from '../core/audit/audit-log.js';
import { unlockWorkspace } from '../core/store/workspace.js';
import { passphrase, withWorkspaceOptions, workspaceDir, type WorkspaceFlags } from './common.js';

export function registerAuditCommands(program: Command): void {
  const audit = program.command('audit').description('the tamper-evident audit log');
  withWorkspaceOptions(audit.command('verify').description('check the hash chain; exits 1 at the first broken entry')).action(
    (flags: WorkspaceFlags) => {
      const workspace = unlockWorkspace(workspaceDir(flags), passphrase(flags));
      try {
        const verdict = verifyAuditChain(workspace.db);
        if (verdict.ok) {
          console.log(`OK: audit chain intact, ${verdict.entries} entries.`);
        } else {
          console.log(`BROKEN at entry #${verdict.firstBroken}: ${verdict.reason}.`);
          process.exitCode = 1;
        }
      } finally {
        workspace.close();
      }
    },
  );
}
