/** `quarry eval-deid` and `quarry models`: score the de-identifier, manage NER models. */
import { resolve } from 'node:path';
import { InvalidArgumentError, Option, type Command } from 'commander';
import { QuarryService } from '../api/quarry-service.js';
import { createDeidentifier, DEFAULT_NER_MODEL } from '../core/deid/create-deidentifier.js';
import { readLabelledData, type LabelledFormat } from '../core/deid/evaluation/labelled-data.js';
import { formatDeidScore, scoreDeid } from '../core/deid/evaluation/score.js';
import { defaultModelsDir } from '../core/deid/ner/detector.js';
import { isShift, MAX_O_LOGIT_SHIFT } from '../core/deid/ner/manifest.js';
import { listModels, sideLoadModel } from '../core/deid/ner/model-catalog.js';
import { asRaw } from '../core/text.js';
import { actor, passphrase, withWorkspaceOptions, workspaceDir, type WorkspaceFlags } from './common.js';

export function registerDeidCommands(program: Command): void {
  program
    .command('eval-deid')
    .description('score the current de-identification pipeline on a labelled data set')
    .requiredOption('--data <path>', 'labelled data: a JSONL file, a CoNLL file, or a folder of brat .txt/.ann files')
    .addOption(new Option('--format <format>', 'format of --data').choices(['jsonl', 'brat', 'conll']).default('jsonl'))
    .option('--json', 'print one JSON object instead of a table')
    .option('--patterns-only', 'score the pattern recognizers alone (no NER model)')
    .option('--model <id>', 'the NER model to use (see `models list`)', DEFAULT_NER_MODEL)
    .option('--ner-o-shift <logits>', "subtract this from the model's O logit instead of its manifest's decoding shift (recall against precision)", oShift)
    .action(async (flags: { data: string; format: LabelledFormat; json?: boolean; patternsOnly?: boolean; model: string; nerOShift?: number }) => {
      const records = readLabelledData(resolve(flags.data), flags.format);
      const deidentifier = await createDeidentifier({
        modelsDir: defaultModelsDir(),
        modelId: flags.model,
        patternsOnly: flags.patternsOnly,
        ...(flags.nerOShift === undefined ? {} : { nerOLogitShift: flags.nerOShift }),
      });
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
}

/** `--ner-o-shift`: a number within the range a manifest may ask for. */
function oShift(value: string): number {
  const shift = Number(value);
  if (value.trim() === '' || !isShift(shift)) throw new InvalidArgumentError(`a number from -${MAX_O_LOGIT_SHIFT} to ${MAX_O_LOGIT_SHIFT}`);
  return shift;
}
