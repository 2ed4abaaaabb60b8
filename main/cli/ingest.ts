/** `quarry ingest`: read a production log into the workspace, de-identified. */
import { resolve } from 'node:path';
import { Option, type Command } from 'commander';
import { QuarryService } from '../api/quarry-service.js';
import { createDeidentifier } from '../core/deid/create-deidentifier.js';
import { defaultModelsDir } from '../core/deid/ner/detector.js';
import { LOG_FORMAT_IDS } from '../core/ingest/formats/registry.js';
import type { LogFormatId } from '../../preload/api.js';
import { actor, passphrase, withWorkspaceOptions, workspaceDir, type WorkspaceFlags } from './common.js';

export function registerIngestCommands(program: Command): void {
  withWorkspaceOptions(
    program
      .command('ingest')
      .description('ingest a production log (format detected from its first records); creates the workspace on first use')
      .argument('<file>', 'JSONL file, one record per line (or one OTLP/JSON document)')
      .addOption(new Option('--format <id>', 'read the file as this format instead of detecting it').choices(LOG_FORMAT_IDS))
      .option('--patterns-only', 'de-identify with the pattern recognizers alone (no NER model)'),
  ).action(async (file: string, flags: WorkspaceFlags & { patternsOnly?: boolean; format?: LogFormatId }) => {
    const dir = workspaceDir(flags);
    const service = new QuarryService({
      workspaceDir: dir,
      modelsDir: defaultModelsDir(),
      createDeidentifier: (modelId) => createDeidentifier({ modelsDir: defaultModelsDir(), modelId, patternsOnly: flags.patternsOnly }),
    });
    try {
      const { created } = service.unlock(passphrase(flags), actor, actor);
      if (created) console.log(`Created a new workspace at ${dir}`);
      const result = await service.handlers['ingest:run']({ path: resolve(file), format: flags.format });
      console.log(`${result.file}: ${result.ingested} ingested, ${result.duplicates} duplicates skipped, ${result.quarantined} quarantined (run ${result.runId})`);
      for (const q of result.quarantine) console.log(`  quarantined line ${q.line}: ${q.reason}`);
    } finally {
      await service.close();
    }
  });
}
