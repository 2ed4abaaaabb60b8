/**
 * The `quarry` command: headless ingest, sampling, export, model management, evaluation and audit verification.
 * `npm run -s quarry -- <command> …`; the passphrase comes from QUARRY_PASSPHRASE or --passphrase-file.
 * Each area registers its commands from main/cli/<area>.ts.
 */
import { Command } from 'commander';
import { registerAccountsCommands } from './cli/accounts.js';
import { registerAuditCommands } from './cli/audit.js';
import { registerDeidCommands } from './cli/deid.js';
import { registerIngestCommands } from './cli/ingest.js';
import { registerProfileCommands } from './cli/profiles.js';
import { registerRetentionCommands } from './cli/retention.js';
import { registerReviewCommands } from './cli/review.js';
import { registerSamplingCommands } from './cli/sampling.js';
import { registerReleasesCommands } from './cli/releases.js';
import { registerRepresentativenessCommands } from './cli/representativeness.js';
import { registerMonitorCommands } from './cli/monitor.js';
import { QuarryError } from './core/errors.js';
import { installCrashLogging, log, redactText } from './core/logging/index.js';

installCrashLogging('quarry');

const program = new Command('quarry').description('Quarry: production LLM traffic to de-identified eval cases, locally.');
// Commander's own errors quote arguments as typed: they go through the redactor too.
program.configureOutput({ outputError: (text, write) => write(redactText(text)) });
registerIngestCommands(program);
registerProfileCommands(program);
registerReviewCommands(program);
registerSamplingCommands(program);
registerRepresentativenessCommands(program);
registerDeidCommands(program);
registerAuditCommands(program);
registerAccountsCommands(program);
registerRetentionCommands(program);
registerReleasesCommands(program);
registerMonitorCommands(program);

try {
  await program.parseAsync(process.argv);
} catch (error) {
  if (error instanceof QuarryError) {
    log.error(`quarry: ${error.message}`);
    process.exit(2);
  }
  log.error('quarry: unexpected failure:', error);
  process.exit(1);
}
