/** `quarry audit`: verify the tamper-evident audit log, export it, and verify an export on its own. */
import { resolve } from 'node:path';
import { Option, type Command } from 'commander';
import { verifyAuditChain } from '../core/audit/audit-log.js';
import { describeQuery } from '../core/audit/audit-query.js';
import { writeAuditExport, type AuditExportFormat } from '../core/audit/export-file.js';
import { keyFingerprint } from '../core/audit/export-records.js';
import { verifyAuditExport } from '../core/audit/verify-export.js';
import { QuarryError } from '../core/errors.js';
import { readWorkspaceFile } from '../core/store/workspace.js';
import { signIn, withWorkspaceOptions, workspaceDir, type WorkspaceFlags } from './common.js';

interface ExportFlags extends WorkspaceFlags {
  format: AuditExportFormat;
  out?: string;
  from?: string;
  to?: string;
  actor?: string;
  type?: string;
  outcome?: 'success' | 'failure' | 'denied';
}

export function registerAuditCommands(program: Command): void {
  const audit = program.command('audit').description('the tamper-evident audit log');

  withWorkspaceOptions(
    audit.command('verify').description('check the hash chain and the signed checkpoints; exits 1 at the first broken entry'),
  ).action((flags: WorkspaceFlags) => {
    const session = signIn(flags, 'audit:verify');
    try {
      const { db, publicKey } = session.open();
      const verdict = verifyAuditChain(db, publicKey);
      if (verdict.ok) {
        const last = verdict.lastCheckpoint ? ` (last at #${verdict.lastCheckpoint.seq}, ${verdict.lastCheckpoint.ts})` : '';
        console.log(`OK: audit chain intact, ${verdict.entries} entries, ${verdict.checkpoints} signed checkpoints${last}.`);
      } else {
        console.log(`BROKEN at entry #${verdict.firstBroken}: ${verdict.reason}.`);
        process.exitCode = 1;
      }
    } finally {
      session.end('user');
    }
  });

  withWorkspaceOptions(
    audit
      .command('export')
      .description('export the audit log (or a filtered part) with its checkpoint signatures')
      .addOption(new Option('--format <format>', 'file format').choices(['jsonl', 'csv', 'fhir']).default('jsonl'))
      .option('--out <file>', 'where to write the export')
      .option('--from <time>', 'only entries at or after this ISO 8601 time')
      .option('--to <time>', 'only entries at or before this ISO 8601 time')
      .option('--actor <name>', 'only entries by this actor')
      .option('--type <type>', 'only this event type (case.view) or area (case)')
      .addOption(new Option('--outcome <outcome>', 'only this outcome').choices(['success', 'failure', 'denied'])),
  ).action((flags: ExportFlags) => {
    if (!flags.out) throw new QuarryError('out-missing', 'Say where to write the export: --out FILE.');
    const out = resolve(flags.out);
    const query = { from: flags.from, to: flags.to, actor: flags.actor, type: flags.type, outcome: flags.outcome };
    const session = signIn(flags, 'audit:export');
    try {
      const { db, publicKey } = session.open();
      if (!publicKey) throw new QuarryError('audit-key-missing', 'This workspace has no audit signing key.');
      session.audit({ action: 'audit.export', objectIds: { format: flags.format, file: out, ...describeQuery(query) } });
      const count = writeAuditExport(db, publicKey, query, flags.format, out);
      console.log(`Exported ${count} matching entries to ${out}`);
      console.log(`Verify it on its own with: quarry audit verify-export '${out}'`);
    } finally {
      session.end('user');
    }
  });

  audit
    .command('verify-export')
    .description('verify an audit export with nothing but the file (chain and checkpoint signatures); exits 1 if it fails')
    .argument('<file>', 'a JSONL, CSV or FHIR export written by `quarry audit export` or the auditor view')
    .action((file: string) => {
      const verdict = verifyAuditExport(resolve(file));
      const print = `key fingerprint ${verdict.keyFingerprint ?? '(none)'}`;
      if (verdict.ok) {
        console.log(
          `OK: ${verdict.format} export intact: ${verdict.entries} entries in the filter, ${verdict.walked} chain positions, ${verdict.checkpoints} valid checkpoint signatures; ${print}.`,
        );
      } else {
        console.log(`BROKEN at entry #${verdict.firstBroken ?? '?'}: ${verdict.reason}; ${print}.`);
        process.exitCode = 1;
      }
    });

  audit
    .command('key')
    .description("print the fingerprint of the workspace's audit signing key, to compare with an export's")
    .addOption(new Option('--workspace <dir>', 'workspace folder (default: the platform user-data folder)'))
    .action((flags: WorkspaceFlags) => {
      const key = readWorkspaceFile(workspaceDir(flags)).auditPublicKey;
      if (!key) throw new QuarryError('audit-key-missing', 'This workspace has no audit signing key yet; it gets one at its next unlock.');
      console.log(`audit key fingerprint ${keyFingerprint(key)}`);
    });
}
