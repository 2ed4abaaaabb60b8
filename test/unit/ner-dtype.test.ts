import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { DEFAULT_NER_MODEL } from '../../main/core/deid/create-deidentifier.js';
import { defaultModelsDir, modelDtype, QUANTIZED_GRAPH } from '../../main/core/deid/ner/detector.js';
import type { ModelManifest } from '../../main/core/deid/ner/manifest.js';

const HASH = 'a'.repeat(64);
const manifest = (files: string[]): ModelManifest => ({
  id: 'm',
  labels: ['PERSON'],
  files: Object.fromEntries(files.map((f) => [f, HASH])),
});

describe('choice of the ONNX graph', () => {
  it('runs the int8 graph only when the manifest lists it', () => {
    assert.equal(modelDtype(manifest(['config.json', 'onnx/model.onnx'])), 'fp32');
    assert.equal(modelDtype(manifest(['config.json', 'onnx/model.onnx', QUANTIZED_GRAPH])), 'q8');
    assert.equal(modelDtype(manifest(['config.json', QUANTIZED_GRAPH])), 'q8');
    // A file merely lying in the folder is not enough: only what the manifest covers is trusted.
    assert.equal(modelDtype(manifest(['config.json', 'onnx/model_quantized.onnx.bak'])), 'fp32');
  });

  it('ships the default model as an int8 graph with integer matrix products', () => {
    const dir = join(defaultModelsDir(), DEFAULT_NER_MODEL);
    const shipped = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8')) as ModelManifest;
    assert.equal(modelDtype(shipped), 'q8');
    const graph = readFileSync(join(dir, ...QUANTIZED_GRAPH.split('/')));
    assert.ok(graph.includes('MatMulInteger'), 'the int8 graph has no MatMulInteger node');
    assert.ok(graph.length < 8 * 1024 * 1024, `the int8 graph is ${graph.length} bytes`);
  });
});
