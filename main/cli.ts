/**
 * The `quarry` command: headless ingest, sampling, export, model management, evaluation and audit verification.
 * `npm run -s quarry -- <command> …`; the passphrase comes from QUARRY_PASSPHRASE or --passphrase-file.
 */
import { readFileSync } from 'node:fs';
import { userInfo } from 'node:os';
import { resolve } from 'node:path';
import { Command, Option } from 'commander';
import { QuarryService } from './api/quarry-service.js';
import { appendAudit, verifyAuditChain } from './core/audit/audit-log.js';
import { createDeidentifier, DEFAULT_NER_MODEL } from './core/deid/create-deidentifier.js';
import { listModels, sideLoadModel } from './core/deid/ner/model-catalog.js';
import { EXPORT_PROFILES } from './core/deid/operators/profiles.js';
import { readLabelledData, type LabelledFormat } from './core/deid/evaluation/labelled-data.js';
import { formatDeidScore, scoreDeid } from './core/deid/evaluation/score.js';
import { defaultModelsDir } from './core/deid/ner/detector.js';
import { QuarryError } from './core/errors.js';
import { LOG_FORMAT_IDS } from './core/ingest/formats/registry.js';
import { exportGoldenSet } from './core/review/golden-export.js';
import { describeCut, parseSamplingPolicyText, runSampling } from './core/sampling/index.js';
import { defaultWorkspaceDir, unlockWorkspace } from './core/store/workspace.js';
import { asRaw } from './core/text.js';
import type { LogFormatId } from '../preload/api.js';

interface WorkspaceFlags {
  workspace?: string;
  passphraseFile?: string;
}

const actor = `cli:${userInfo().username}`;

function passphrase(flags: WorkspaceFlags): string {
  if (flags.passphraseFile) {
    try {
      return readFileSync(flags.passphraseFile, 'utf8').replace(/\r?\n$/, '');
    } catch (error) {
      throw new QuarryError('passphrase-file', `Cannot read the passphrase file ${flags.passphraseFile}: ${(error as NodeJS.ErrnoException).code}.`);
    }
  }
  const fromEnv = process.env.QUARRY_PASSPHRASE;
  if (!fromEnv) throw new QuarryError('passphrase-missing', 'No passphrase: set QUARRY_PASSPHRASE or pass --passphrase-file FILE.');
  return fromEnv;
}

function workspaceDir(flags: WorkspaceFlags): string {
  return resolve(flags.workspace ?? defaultWorkspaceDir());
}

function withWorkspaceOptions(command: Command): Command {
  return command
    .addOption(new Option('--workspace <dir>', 'workspace folder (default: the platform user-data folder)'))
    .addOption(new Option('--passphrase-file <file>', 'read the passphrase from this file instead of QUARRY_PASSPHRASE'));
}

const program = new Command('quarry').description('Quarry: production LLM traffic to de-identified eval cases, locally.');

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

program
  .command('eval-deid')
  .description('score the current de-identification pipeline on a labelled data set')
  .requiredOption('--data <path>', 'labelled data: a JSONL file, a CoNLL file, or a folder of brat .txt/.ann files')
  .addOption(new Option('--format <format>', 'format of --data').choices(['jsonl', 'brat', 'conll']).default('jsonl'))
  .option('--json', 'print one JSON object instead of a table')
  .option('--patterns-only', 'score the pattern recognizers alone (no NER model)')
  .option('--model <id>', 'the NER model to use (see `models list`)', DEFAULT_NER_MODEL)
  .action(async (flags: { data: string; format: LabelledFormat; json?: boolean; patternsOnly?: boolean; model: string }) => {
    const records = readLabelledData(resolve(flags.data), flags.format);
    const deidentifier = await createDeidentifier({ modelsDir: defaultModelsDir(), modelId: flags.model, patternsOnly: flags.patternsOnly });
    try {
      const detected = await deidentifier.detectCases(records.map((r) => [asRaw(r.text)]));
      const score = scoreDeid(records, detected.map((d) => d.spans[0] ?? []));
      console.log(flags.json ? JSON.stringify(score) : formatDeidScore(score));
    } finally {
      await deidentifier.close();
    }
  });

const models = program.command('models').description('NER models on this station');
models
  .command('list')
  .description('installed models and the labels each produces')
  .action(() => {
    for (const model of listModels(defaultModelsDir())) {
      console.log(`${model.id}${model.builtIn ? ' (Quarry)' : ''}: ${model.labels.join(', ')}`);
    }
  });
models
  .command('add')
  .description("side-load a transformers.js token-classification model folder (config.json, tokenizer.json, onnx/model.onnx)")
  .argument('<folder>', 'the exported model folder')
  .requiredOption('--id <id>', 'the name to install it under')
  .option('--labels <file>', "JSON mapping the model's entity types to Quarry labels, e.g. {\"PER\": \"PERSON\", \"MISC\": null}")
  .action(async (folder: string, flags: { id: string; labels?: string }) => {
    const model = await sideLoadModel(resolve(folder), defaultModelsDir(), flags.id, flags.labels && resolve(flags.labels));
    console.log(`Installed ${model.id} (${model.labels.join(', ')}). Select it for a workspace with \`models select ${model.id}\`.`);
  });
withWorkspaceOptions(models.command('select').description('use this NER model for later ingests into the workspace').argument('<id>')).action(
  async (id: string, flags: WorkspaceFlags) => {
    const service = new QuarryService({ workspaceDir: workspaceDir(flags), modelsDir: defaultModelsDir(), createDeidentifier: (modelId) => createDeidentifier({ modelsDir: defaultModelsDir(), modelId }) });
    try {
      service.unlock(passphrase(flags), actor, actor);
      const listing = await service.handlers['models:select']({ id });
      console.log(`Workspace ${workspaceDir(flags)} now de-identifies with ${listing.selected}.`);
    } finally {
      await service.close();
    }
  },
);

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

try {
  await program.parseAsync(process.argv);
} catch (error) {
  if (error instanceof QuarryError) {
    console.error(`quarry: ${error.message}`);
    process.exit(2);
  }
  throw error;
}
