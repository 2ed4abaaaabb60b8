import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { cp, mkdtemp, mkdir, readFile, rm, unlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { DEFAULT_NER_MODEL } from '../../main/core/deid/create-deidentifier.js';
import { defaultModelsDir } from '../../main/core/deid/ner/detector.js';
import { listModels } from '../../main/core/deid/ner/model-catalog.js';
import { ModelIntegrityError, verifyModelFolder } from '../../main/core/deid/ner/manifest.js';

const SHIPPED_MODEL = join(defaultModelsDir(), DEFAULT_NER_MODEL);
const temps: string[] = [];

after(async () => {
  await Promise.all(temps.map((dir) => rm(dir, { recursive: true, force: true })));
});

async function tempDir(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'quarry-ner-manifest-'));
  temps.push(dir);
  return dir;
}

const sha256 = (data: string | Buffer): string => createHash('sha256').update(data).digest('hex');

async function smallModel(): Promise<string> {
  const dir = await tempDir();
  await mkdir(join(dir, 'onnx'));
  await writeFile(join(dir, 'config.json'), '{"model_type":"bert"}');
  await writeFile(join(dir, 'onnx', 'model.onnx'), 'weights');
  const manifest = {
    id: 'test-model',
    files: { 'config.json': sha256('{"model_type":"bert"}'), 'onnx/model.onnx': sha256('weights') },
    labels: ['PERSON'],
  };
  await writeFile(join(dir, 'manifest.json'), JSON.stringify(manifest));
  return dir;
}

async function rejectsNaming(dir: string, file: string, pattern: RegExp): Promise<void> {
  await assert.rejects(verifyModelFolder(dir), (error: unknown) => {
    assert.ok(error instanceof ModelIntegrityError);
    assert.equal(error.file, file);
    assert.match(error.message, pattern);
    return true;
  });
}

describe('verifyModelFolder', () => {
  it('accepts a folder whose files match', async () => {
    const manifest = await verifyModelFolder(await smallModel());
    assert.equal(manifest.id, 'test-model');
  });

  it('names a changed file', async () => {
    const dir = await smallModel();
    await writeFile(join(dir, 'onnx', 'model.onnx'), 'weightz');
    await rejectsNaming(dir, 'onnx/model.onnx', /"onnx\/model\.onnx".*does not match/);
  });

  it('names a missing file', async () => {
    const dir = await smallModel();
    await unlink(join(dir, 'config.json'));
    await rejectsNaming(dir, 'config.json', /"config\.json" is missing/);
  });

  it('reports a folder without a manifest', async () => {
    await rejectsNaming(await tempDir(), 'manifest.json', /No NER model manifest/);
  });

  it('refuses a manifest that points outside the folder', async () => {
    const dir = await smallModel();
    const manifest = { id: 'x', labels: [], files: { '../secret': sha256('') } };
    await writeFile(join(dir, 'manifest.json'), JSON.stringify(manifest));
    await rejectsNaming(dir, '../secret', /outside the model folder/);
  });

  it("reads a decoding shift, and refuses one that is no number or out of range, naming the manifest", async () => {
    const dir = await smallModel();
    const manifest = JSON.parse(await readFile(join(dir, 'manifest.json'), 'utf8')) as Record<string, unknown>;
    await writeFile(join(dir, 'manifest.json'), JSON.stringify({ ...manifest, decoding: { o_logit_shift: 1.5 } }));
    assert.equal((await verifyModelFolder(dir)).decoding?.o_logit_shift, 1.5);
    for (const decoding of [{ o_logit_shift: '1' }, { o_logit_shift: 9 }, { o_logit_shift: null }, 'recall']) {
      await writeFile(join(dir, 'manifest.json'), JSON.stringify({ ...manifest, decoding }));
      await rejectsNaming(dir, 'manifest.json', /decoding\.o_logit_shift must be a number from -5 to 5/);
    }
    await writeFile(join(dir, 'manifest.json'), JSON.stringify({ ...manifest, decoding: { o_logit_shift: 1, languages: ['eng', 'spa'] } }));
    assert.deepEqual((await verifyModelFolder(dir)).decoding?.languages, ['eng', 'spa']);
    for (const languages of [[], ['en'], 'eng', [1]]) {
      await writeFile(join(dir, 'manifest.json'), JSON.stringify({ ...manifest, decoding: { o_logit_shift: 1, languages } }));
      await rejectsNaming(dir, 'manifest.json', /decoding\.languages must list ISO 639-3 codes/);
    }
  });

  it('accepts every shipped model', async () => {
    const shipped = listModels(defaultModelsDir()).filter((m) => m.builtIn);
    assert.ok(shipped.some((m) => m.id === DEFAULT_NER_MODEL));
    for (const model of shipped) {
      const manifest = await verifyModelFolder(join(defaultModelsDir(), model.id));
      assert.equal(manifest.id, model.id);
      const graph = 'onnx/model.onnx' in manifest.files || 'onnx/model_quantized.onnx' in manifest.files;
      assert.ok(graph && 'tokenizer.json' in manifest.files);
    }
  });

  it('rejects a tampered copy of the default model, naming the file', async () => {
    const copy = join(await tempDir(), DEFAULT_NER_MODEL);
    await cp(SHIPPED_MODEL, copy, { recursive: true });
    const tokenizer = await readFile(join(copy, 'tokenizer.json'), 'utf8');
    await writeFile(join(copy, 'tokenizer.json'), tokenizer.replace('"[UNK]"', '"[UNKNOWN]"'));
    await rejectsNaming(copy, 'tokenizer.json', /"tokenizer\.json"/);
  });
});
