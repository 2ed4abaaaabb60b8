import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { test } from 'node:test';
import { EXPORT_FORMATS, recoverExportFolder, writeReleaseExport } from '../../main/core/releases/exports/index.js';
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

test('exporting again into the same folder is refused unless overwrite, and then swaps the whole set', (t) => {
  const out = join(tempDir(t), 'golden');
  writeReleaseExport(sampleSnapshot(), 'golden-jsonl', out);
  const before = readTree(out);
  const fewer = snapshotOf(sampleCases().slice(0, 1));
  assert.throws(() => writeReleaseExport(fewer, 'golden-jsonl', out), {
    code: 'export-exists',
    message: /golden already holds an export of pharmacy-support v3\. Replace it/,
  });
  assert.deepEqual(readTree(out), before, 'a refused export changes nothing');
  const again = writeReleaseExport(fewer, 'golden-jsonl', out, { overwrite: true });
  assert.equal(again.replaced, true);
  assert.equal(readFileSync(join(out, 'golden.jsonl'), 'utf8').trim().split('\n').length, 1);
  assert.equal(readFileSync(join(out, 'regressions.jsonl'), 'utf8'), '');
  assert.deepEqual(JSON.parse(readFileSync(join(out, 'manifest.json'), 'utf8')), fewer.manifest);
  // A different format replaces the folder whole: no file of the earlier format is left.
  writeReleaseExport(fewer, 'csv', out, { overwrite: true });
  assert.deepEqual([...readTree(out).keys()].sort(), ['cases.csv', 'manifest.json']);
  assert.deepEqual(readdirSync(dirname(out)), ['golden'], 'no staging or backup folder is left beside it');
});

test('a folder holding anything but an export is never touched, overwrite or not', (t) => {
  const out = tempDir(t);
  writeFileSync(join(out, 'notes.txt'), 'kept');
  for (const overwrite of [false, true]) {
    assert.throws(() => writeReleaseExport(sampleSnapshot(), 'golden-jsonl', out, { overwrite }), {
      code: 'export-dir-not-export',
      message: /is not a Quarry export folder \(it holds 1 item\(s\) and no release manifest\.json\), so it is left alone/,
    });
  }
  assert.deepEqual(readdirSync(out), ['notes.txt']);
  const file = join(out, 'notes.txt');
  assert.throws(() => writeReleaseExport(sampleSnapshot(), 'csv', file, { overwrite: true }), { code: 'export-dir-not-export', message: /it is a file/ });
  assert.equal(readFileSync(file, 'utf8'), 'kept');
  assert.throws(() => writeReleaseExport(sampleSnapshot(), 'csv', '/'), { code: 'export-dir-unusable', message: /root of a file system/ });
});

test('an interrupted swap is recovered by the next export: the old set comes back, stale folders go', (t) => {
  const root = tempDir(t);
  const out = join(root, 'golden');
  writeReleaseExport(sampleSnapshot(), 'golden-jsonl', out);
  const old = readTree(out);
  // What a kill between the two renames of a swap leaves: the old set in a dead process's backup, a staging folder.
  const dead = 2 ** 22 + 17;
  renameSync(out, join(root, `.golden.quarry-backup-${dead}`));
  mkdirSync(join(root, `.golden.quarry-staging-${dead}`));
  writeFileSync(join(root, `.golden.quarry-staging-${dead}`, 'golden.jsonl'), '{"half":');
  assert.deepEqual(recoverExportFolder(out), { restored: true, removed: 1 });
  assert.deepEqual(readTree(out), old, 'the complete old set is back');
  assert.deepEqual(readdirSync(root), ['golden']);
  // A live process's staging folder is left alone.
  mkdirSync(join(root, `.golden.quarry-staging-${process.ppid}`));
  assert.throws(() => writeReleaseExport(sampleSnapshot(), 'golden-jsonl', out), { code: 'export-exists' });
  assert.ok(existsSync(join(root, `.golden.quarry-staging-${process.ppid}`)));
});

test('an existing empty folder is taken over', (t) => {
  const out = tempDir(t);
  const result = writeReleaseExport(sampleSnapshot(), 'csv', out);
  assert.equal(result.replaced, false);
  assert.deepEqual([...readTree(out).keys()].sort(), ['cases.csv', 'manifest.json']);
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
    message: /The export folder .*a-file\/out cannot be created \((ENOTDIR|EEXIST)\)\. Choose another folder\./,
  });
});
