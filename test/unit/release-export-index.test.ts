import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { EXPORT_FORMATS, writeReleaseExport } from '../../main/core/releases/exports/index.js';
import type { ExportFormat } from '../../main/core/releases/release-types.js';
import { tempDir } from '../helpers.js';
import { readTree, sampleSnapshot, snapshotOf, sampleCases } from './release-export-snapshot.js';

test('every format writes its files and the release manifest, and reports sizes and hashes that match the disk', (t) => {
  const snapshot = sampleSnapshot();
  for (const format of EXPORT_FORMATS) {
    const out = join(tempDir(t), 'nested', 'not-yet', format);
    const result = writeReleaseExport(snapshot, format, out);
    assert.equal(result.format, format);
    assert.equal(result.dir, out);
    const tree = readTree(out);
    assert.deepEqual([...tree.keys()].sort(), result.files.map((f) => f.path).sort(), `${format}: the result lists exactly the files written`);
    assert.deepEqual(JSON.parse(tree.get('manifest.json')!), snapshot.manifest, `${format}: manifest.json is the release manifest`);
    for (const file of result.files) {
      const bytes = readFileSync(join(out, file.path));
      assert.equal(file.bytes, bytes.length, `${format}/${file.path} size`);
      assert.equal(file.sha256, createHash('sha256').update(bytes).digest('hex'), `${format}/${file.path} hash`);
      assert.equal(statSync(join(out, file.path)).mode & 0o777, 0o644);
    }
    assert.equal(readdirSync(out).filter((name) => name.endsWith('.tmp')).length, 0, 'no temporary file is left behind');
  }
});

test('the files each format writes', (t) => {
  const expected: Record<ExportFormat, string[]> = {
    'golden-jsonl': ['golden.jsonl', 'manifest.json', 'regressions.jsonl', 'schema/golden.schema.json'],
    'openai-evals': ['data_source_config.json', 'items.jsonl', 'manifest.json', 'samples.jsonl'],
    promptfoo: ['manifest.json', 'prompt.json', 'promptfooconfig.yaml', 'tests.yaml'],
    langfuse: ['dataset-items.jsonl', 'dataset.json', 'manifest.json'],
    'hf-dataset': ['README.md', 'data/golden.jsonl', 'data/regressions.jsonl', 'manifest.json'],
    csv: ['cases.csv', 'manifest.json'],
  };
  for (const format of EXPORT_FORMATS) {
    const result = writeReleaseExport(sampleSnapshot(), format, tempDir(t));
    assert.deepEqual(result.files.map((f) => f.path).sort(), expected[format], format);
  }
});

test('exporting again replaces the files whole, and leaves other files in the folder alone', (t) => {
  const out = tempDir(t);
  writeFileSync(join(out, 'notes.txt'), 'kept');
  writeReleaseExport(sampleSnapshot(), 'golden-jsonl', out);
  const fewer = snapshotOf(sampleCases().slice(0, 1));
  writeReleaseExport(fewer, 'golden-jsonl', out);
  assert.equal(readFileSync(join(out, 'golden.jsonl'), 'utf8').trim().split('\n').length, 1);
  assert.equal(readFileSync(join(out, 'regressions.jsonl'), 'utf8'), '');
  assert.deepEqual(JSON.parse(readFileSync(join(out, 'manifest.json'), 'utf8')), fewer.manifest);
  assert.equal(readFileSync(join(out, 'notes.txt'), 'utf8'), 'kept');
});

test('the same snapshot always gives the same bytes', (t) => {
  for (const format of EXPORT_FORMATS) {
    const a = writeReleaseExport(sampleSnapshot(), format, tempDir(t));
    const b = writeReleaseExport(sampleSnapshot(), format, tempDir(t));
    assert.deepEqual(a.files, b.files, format);
  }
});

test('an empty release still writes every file (the CSV keeps its header)', (t) => {
  for (const format of EXPORT_FORMATS) {
    const out = tempDir(t);
    writeReleaseExport(snapshotOf([]), format, out);
    assert.ok(existsSync(join(out, 'manifest.json')), format);
  }
});

test('an unknown format is refused by name, before anything is written', (t) => {
  const out = join(tempDir(t), 'out');
  assert.throws(() => writeReleaseExport(sampleSnapshot(), 'parquet' as ExportFormat, out), {
    name: 'QuarryError',
    code: 'export-format-unknown',
    message: /Unknown export format "parquet"\. Choose one of: golden-jsonl, openai-evals, promptfoo, langfuse, hf-dataset, csv\./,
  });
  assert.equal(existsSync(out), false);
});

test('a snapshot whose cases differ from its manifest is refused, naming the case', (t) => {
  const out = join(tempDir(t), 'out');
  const tampered = sampleSnapshot();
  tampered.cases[1] = { ...tampered.cases[1]!, sha256: '0'.repeat(64) };
  assert.throws(() => writeReleaseExport(tampered, 'csv', out), {
    code: 'release-snapshot-invalid',
    message: /pharmacy-support v3 cannot be exported: case 5's sha256 differs from the manifest's/,
  });
  const missing = sampleSnapshot();
  missing.cases.pop();
  assert.throws(() => writeReleaseExport(missing, 'csv', out), { message: /the manifest lists 3 cases but the snapshot holds 2/ });
  const reordered = snapshotOf(sampleCases().reverse());
  assert.throws(() => writeReleaseExport(reordered, 'csv', out), { message: /case 5 \(position 2\) is out of case id order/ });
  const wrongSchema = sampleSnapshot();
  (wrongSchema.manifest as { schema: string }).schema = 'quarry.release/2';
  assert.throws(() => writeReleaseExport(wrongSchema, 'csv', out), { message: /manifest schema is "quarry\.release\/2", expected "quarry\.release\/1"/ });
  assert.equal(existsSync(out), false, 'nothing was written');
});

test('an output folder that cannot be created gets a clear error', (t) => {
  const file = join(tempDir(t), 'a-file');
  writeFileSync(file, 'x');
  assert.throws(() => writeReleaseExport(sampleSnapshot(), 'csv', join(file, 'out')), {
    code: 'export-dir-unusable',
    message: /The export folder .*a-file\/out cannot be created \(ENOTDIR\)\. Choose another folder\./,
  });
});
