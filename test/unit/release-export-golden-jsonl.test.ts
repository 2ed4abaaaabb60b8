import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { writeReleaseExport } from '../../main/core/releases/exports/index.js';
import { GOLDEN_FIELDS } from '../../main/core/releases/exports/golden-schema.js';
import { REPO, tempDir } from '../helpers.js';
import { parseJsonl, readTree, sampleSnapshot } from './release-export-snapshot.js';

function exported(t: Parameters<typeof tempDir>[0]) {
  const snapshot = sampleSnapshot();
  const out = tempDir(t);
  writeReleaseExport(snapshot, 'golden-jsonl', out);
  const tree = readTree(out);
  const schema = JSON.parse(tree.get('schema/golden.schema.json')!) as object;
  const validate = new Ajv2020({ allErrors: true, strict: true }).compile(schema);
  return { snapshot, tree, validate };
}

test('every line of golden.jsonl and regressions.jsonl satisfies the JSON Schema written beside them', (t) => {
  const { tree, validate } = exported(t);
  const lines = [...parseJsonl(tree.get('golden.jsonl')!), ...parseJsonl(tree.get('regressions.jsonl')!)];
  assert.equal(lines.length, 3);
  for (const line of lines) assert.ok(validate(line), JSON.stringify(validate.errors));
});

test('golden cases and regressions go to their own files, in case id order, exactly as frozen', (t) => {
  const { snapshot, tree } = exported(t);
  const golden = parseJsonl(tree.get('golden.jsonl')!);
  const regressions = parseJsonl(tree.get('regressions.jsonl')!);
  assert.deepEqual(golden, snapshot.cases.filter((c) => c.kind === 'golden'));
  assert.deepEqual(regressions, snapshot.cases.filter((c) => c.kind === 'regression'));
  assert.deepEqual(Object.keys(golden[0] as object), GOLDEN_FIELDS, 'fields are written in the schema order');
});

test('the schema refuses what a consumer should notice: unknown fields, a wrong kind, a missing provenance id', (t) => {
  const { snapshot, validate } = exported(t);
  const good = snapshot.cases[0]!;
  assert.ok(validate(good));
  assert.equal(validate({ ...good, raw_text: 'x' }), false);
  assert.equal(validate({ ...good, kind: 'candidate' }), false);
  assert.equal(validate({ ...good, provenance: { ...good.provenance, run_id: undefined } }), false);
  assert.equal(validate({ ...good, rubric: [{ text: 'x', weight: 11, met: 'a', unmet: 'b' }] }), false);
  assert.equal(validate({ ...good, checklist: { urgent: true } }), false);
  assert.equal(validate({ ...good, sha256: 'not-a-hash' }), false);
});

test('FORMATS.md documents every field of the schema', () => {
  const doc = readFileSync(join(REPO, 'main', 'core', 'releases', 'exports', 'FORMATS.md'), 'utf8');
  for (const field of GOLDEN_FIELDS) assert.match(doc, new RegExp(`\`${field}\``), `FORMATS.md describes ${field}`);
});
