import assert from 'node:assert/strict';
import { cpSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { QuarryService } from '../../main/api/quarry-service.js';
import { createDeidentifier, DEFAULT_NER_MODEL } from '../../main/core/deid/create-deidentifier.js';
import { createNerDetector } from '../../main/core/deid/ner/detector.js';
import { listModels, sideLoadModel } from '../../main/core/deid/ner/model-catalog.js';
import type { QuarryError } from '../../main/core/errors.js';
import { asRaw } from '../../main/core/text.js';
import { EXAMPLE_LOG, MODELS_DIR, tempDir } from '../helpers.js';

/**
 * A stand-in for a public model export: Quarry's own weights with the entity types renamed the way public
 * NER models name them (PER, LOC, ORG) and no manifest, as an administrator would receive it.
 */
function publicStyleExport(dir: string): string {
  const source = join(dir, 'export');
  cpSync(join(MODELS_DIR, DEFAULT_NER_MODEL), source, { recursive: true });
  rmSync(join(source, 'manifest.json'));
  const configPath = join(source, 'config.json');
  const config = JSON.parse(readFileSync(configPath, 'utf8'));
  const rename = (tag: string) => tag.replace('PERSON', 'PER').replace('LOCATION', 'LOC').replace('ORGANIZATION', 'ORG');
  config.id2label = Object.fromEntries(Object.entries(config.id2label as Record<string, string>).map(([id, tag]) => [id, rename(tag)]));
  config.label2id = Object.fromEntries(Object.entries(config.id2label as Record<string, string>).map(([id, tag]) => [tag, Number(id)]));
  writeFileSync(configPath, JSON.stringify(config));
  return source;
}

test('a side-loaded model is copied, mapped, manifested, listed and runs through the worker', async (t) => {
  const dir = tempDir(t);
  const modelsDir = join(dir, 'models');
  const labelMap = join(dir, 'labels.json');
  writeFileSync(labelMap, JSON.stringify({ ORG: null }));
  const installed = await sideLoadModel(publicStyleExport(dir), modelsDir, 'station-ner', labelMap);
  assert.deepEqual(installed, { id: 'station-ner', labels: ['LOCATION', 'PERSON'], builtIn: false });
  assert.deepEqual(listModels(modelsDir), [installed]);
  const manifest = JSON.parse(readFileSync(join(modelsDir, 'station-ner', 'manifest.json'), 'utf8'));
  assert.match(manifest.files['onnx/model.onnx'], /^[0-9a-f]{64}$/);

  const detector = await createNerDetector({ modelsDir, modelId: 'station-ner' });
  t.after(() => detector.close());
  const text = 'My name is Maria Gonzalez and I live in Boston.';
  const [findings] = await detector.detectBatch([asRaw(text)]);
  assert.ok(findings!.some((f) => f.label === 'PERSON' && text.slice(f.start, f.end).includes('Gonzalez')), JSON.stringify(findings));
  assert.ok(findings!.every((f) => f.label !== 'ORGANIZATION'));
});

test('side-loading refuses incomplete folders, taken or reserved ids, and label maps that map nothing', async (t) => {
  const dir = tempDir(t);
  const modelsDir = join(dir, 'models');
  const source = publicStyleExport(dir);
  const code = async (fn: () => Promise<unknown>) => {
    try {
      await fn();
    } catch (error) {
      return (error as QuarryError).code;
    }
    return null;
  };
  assert.equal(await code(() => sideLoadModel(join(dir, 'nowhere'), modelsDir, 'x-model')), 'model-incomplete');
  assert.equal(await code(() => sideLoadModel(source, modelsDir, 'quarry-ner-9')), 'model-id');
  assert.equal(await code(() => sideLoadModel(source, modelsDir, 'Bad Id')), 'model-id');
  const nothing = join(dir, 'nothing.json');
  writeFileSync(nothing, JSON.stringify({ PER: null, LOC: null, ORG: null }));
  assert.equal(await code(() => sideLoadModel(source, modelsDir, 'empty-map', nothing)), 'model-labels');
  assert.deepEqual(listModels(modelsDir), [], 'a refused model leaves nothing behind');
  const wrong = join(dir, 'wrong.json');
  writeFileSync(wrong, JSON.stringify({ PER: 'HUMAN' }));
  assert.equal(await code(() => sideLoadModel(source, modelsDir, 'wrong-map', wrong)), 'label-map-invalid');
  await sideLoadModel(source, modelsDir, 'ok-model');
  assert.equal(await code(() => sideLoadModel(source, modelsDir, 'ok-model')), 'model-exists');
});

test('a workspace selects a side-loaded model, and later ingests are de-identified with it', async (t) => {
  const dir = tempDir(t);
  const modelsDir = join(dir, 'models');
  await sideLoadModel(publicStyleExport(dir), modelsDir, 'station-ner');
  const requested: string[] = [];
  const service = new QuarryService({
    workspaceDir: join(dir, 'ws'),
    modelsDir,
    createDeidentifier: async (modelId) => {
      requested.push(modelId);
      return createDeidentifier({ modelsDir, modelId, patternsOnly: true });
    },
  });
  t.after(() => service.close());
  service.unlock('side-load passphrase', 'ana', 'reviewer:ana');
  assert.equal((await service.handlers['models:list']({})).selected, DEFAULT_NER_MODEL);
  await assert.rejects(async () => service.handlers['models:select']({ id: 'not-installed' }), /No model "not-installed"/);
  const listing = await service.handlers['models:select']({ id: 'station-ner' });
  assert.equal(listing.selected, 'station-ner');
  await service.handlers['ingest:run']({ path: EXAMPLE_LOG });
  assert.deepEqual(requested, ['station-ner']);
});
