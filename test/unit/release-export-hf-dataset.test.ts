/**
 * The Hugging Face export: the dataset card's YAML front matter parsed back with the yaml package and checked
 * against the metadata fields the Hub documents (datasets-cards, datasets-manual-configuration), and the data
 * files checked for the one row shape Arrow needs.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parse } from 'yaml';
import { writeReleaseExport } from '../../main/core/releases/exports/index.js';
import { sizeCategory } from '../../main/core/releases/exports/hf-dataset.js';
import { tempDir } from '../helpers.js';
import { parseJsonl, readTree, sampleCases, sampleSnapshot, snapshotOf, TRICKY } from './release-export-snapshot.js';

interface Card {
  pretty_name: string;
  license: string;
  license_name?: string;
  language?: string[];
  task_categories: string[];
  size_categories: string[];
  tags: string[];
  configs: Array<{ config_name: string; data_files: Array<{ split: string; path: string }> }>;
}

/** The Hub's size_categories values. */
const HUB_SIZES = ['n<1K', '1K<n<10K', '10K<n<100K', '100K<n<1M', '1M<n<10M', '10M<n<100M', '100M<n<1B', '1B<n<10B', '10B<n<100B', '100B<n<1T', 'n>1T'];

function cardOf(readme: string): { card: Card; body: string } {
  const match = /^---\n([\s\S]*?)\n---\n([\s\S]*)$/.exec(readme);
  assert.ok(match, 'README.md starts with YAML front matter between --- lines');
  return { card: parse(match[1]!) as Card, body: match[2]! };
}

function exported(t: Parameters<typeof tempDir>[0], snapshot = sampleSnapshot()) {
  const out = tempDir(t);
  writeReleaseExport(snapshot, 'hf-dataset', out);
  return { snapshot, tree: readTree(out) };
}

test('the dataset card front matter has the metadata fields the Hub documents', (t) => {
  const { tree } = exported(t);
  const { card, body } = cardOf(tree.get('README.md')!);
  assert.equal(card.pretty_name, 'pharmacy-support v3 (Quarry)');
  assert.equal(card.license, 'other');
  assert.equal(card.license_name, 'internal-use-only');
  assert.deepEqual(card.language, ['de', 'en']);
  assert.deepEqual(card.task_categories, ['text-generation']);
  assert.deepEqual(card.size_categories, ['n<1K']);
  for (const size of card.size_categories) assert.ok(HUB_SIZES.includes(size));
  assert.ok(card.tags.includes('evaluation'));
  assert.match(body, /^\n# pharmacy-support v3\n/);
  assert.match(body, /Approved by: ben/);
});

test('configs map the golden and regressions splits to data files that exist and hold those cases', (t) => {
  const { snapshot, tree } = exported(t);
  const { card } = cardOf(tree.get('README.md')!);
  assert.equal(card.configs.length, 1);
  assert.equal(card.configs[0]!.config_name, 'default');
  const files = card.configs[0]!.data_files;
  assert.deepEqual(files, [
    { split: 'golden', path: 'data/golden.jsonl' },
    { split: 'regressions', path: 'data/regressions.jsonl' },
  ]);
  for (const { split, path } of files) {
    assert.match(split, /^\w+(\.\w+)*$/, 'a split name the Hub accepts');
    const rows = parseJsonl(tree.get(path)!) as Array<{ case_id: number; kind: string }>;
    const kind = split === 'golden' ? 'golden' : 'regression';
    assert.deepEqual(rows.map((r) => r.case_id), snapshot.cases.filter((c) => c.kind === kind).map((c) => c.case_id));
  }
});

/** The key structure of a JSON value, so rows can be compared for one schema (nulls match anything). */
function shape(value: unknown): unknown {
  if (Array.isArray(value)) return 'array';
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, shape(v)]));
  return value === null ? null : typeof value;
}
function sameShape(a: unknown, b: unknown, path: string): void {
  if (a === null || b === null) return;
  if (typeof a === 'object' && typeof b === 'object') {
    assert.deepEqual(Object.keys(a as object), Object.keys(b as object), `${path}: same keys in the same order`);
    for (const k of Object.keys(a as object)) sameShape((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k], `${path}.${k}`);
  } else assert.equal(a, b, `${path}: same type`);
}

test('every row has the same fields and nesting, whatever the case left empty', (t) => {
  const { tree } = exported(t);
  const rows = [...parseJsonl(tree.get('data/golden.jsonl')!), ...parseJsonl(tree.get('data/regressions.jsonl')!)] as Array<Record<string, unknown>>;
  assert.equal(rows.length, 3);
  for (const row of rows.slice(1)) sameShape(shape(rows[0]), shape(row), 'row');
  const bare = rows.find((r) => r.case_id === 9)!;
  assert.deepEqual(bare.checklist, { objective: null, tractable: null, difficult: null });
  assert.deepEqual(bare.slices, { tier: null, intent: null, language: null, model: null, product_area: null });
  assert.equal(bare.task_final, TRICKY);
  assert.equal(bare.augmentation, null);
});

test('an empty split is written but left out of configs; the size category follows the case count', (t) => {
  const { tree } = exported(t, snapshotOf(sampleCases().filter((c) => c.kind === 'golden')));
  const { card } = cardOf(tree.get('README.md')!);
  assert.deepEqual(card.configs[0]!.data_files.map((f) => f.split), ['golden']);
  assert.equal(tree.get('data/regressions.jsonl'), '');
  assert.equal(sizeCategory(999), 'n<1K');
  assert.equal(sizeCategory(1000), '1K<n<10K');
  assert.equal(sizeCategory(250_000), '100K<n<1M');
  for (const n of [0, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e12]) assert.ok(HUB_SIZES.includes(sizeCategory(n)), String(n));
});
