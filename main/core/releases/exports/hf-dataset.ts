import { stringify } from 'yaml';
import { CHECKLIST_ITEMS } from '../../review/rubric.js';
import type { ReleaseCase, ReleaseSnapshot } from '../release-types.js';
import { jsonLines, releaseName, SCALAR_SIGNALS, SLICE_FIELDS, type ExportFile } from './case-views.js';

/**
 * `hf-dataset`: a Hugging Face datasets-style folder, as the Hub's dataset card and data-files documentation
 * describes it (https://huggingface.co/docs/hub/datasets-cards, …/datasets-manual-configuration).
 *
 *   README.md               the dataset card: YAML front matter with `pretty_name`, `license`, `language`,
 *                           `task_categories`, `size_categories`, `tags` and `configs` (one `default` config whose
 *                           `data_files` map the `golden` and `regressions` splits), then a prose description
 *   data/golden.jsonl       the golden split
 *   data/regressions.jsonl  the regressions split (frozen accepted failures)
 *
 * `datasets.load_dataset("json")` / the Hub infer one Arrow schema per file, so rows are normalised to a fixed
 * shape: every checklist item, signal and slice is present (null when the case has none), the augmentation is a
 * fixed struct or null, and the task is split into `task_original` / `task_final`. A split with no cases is
 * written as an empty file but left out of `configs`, since an empty data file cannot be loaded.
 */


/** The Hub's size_categories bins, upper bound exclusive. */
const SIZE_BINS: Array<[number, string]> = [
  [1e3, 'n<1K'],
  [1e4, '1K<n<10K'],
  [1e5, '10K<n<100K'],
  [1e6, '100K<n<1M'],
  [1e7, '1M<n<10M'],
  [1e8, '10M<n<100M'],
  [1e9, '100M<n<1B'],
  [1e10, '1B<n<10B'],
  [1e11, '10B<n<100B'],
  [1e12, '100B<n<1T'],
];

export function sizeCategory(n: number): string {
  return SIZE_BINS.find(([limit]) => n < limit)?.[1] ?? 'n>1T';
}

function fixed<K extends string>(keys: readonly K[], source: Partial<Record<K, unknown>>): Record<K, unknown> {
  return Object.fromEntries(keys.map((k) => [k, source[k] ?? null])) as Record<K, unknown>;
}

/** One row with the same keys and nesting for every case. */
export function hfRow(c: ReleaseCase): Record<string, unknown> {
  const a = c.task.augmentation;
  return {
    case_id: c.case_id,
    kind: c.kind,
    origin: c.origin,
    category: c.category,
    deid_profile: c.deid_profile,
    messages: c.messages.map((m) => ({ role: m.role, content: m.content })),
    response: c.response ? { role: c.response.role, content: c.response.content } : null,
    task_original: c.task.original,
    task_final: c.task.final,
    augmentation: a
      ? {
          persona: a.persona,
          output_format: a.outputFormat,
          required_sources: a.requiredSources,
          scope_temporal: a.scope.temporal,
          scope_comparative: a.scope.comparative,
          scope_geographic: a.scope.geographic,
        }
      : null,
    expected_behaviour: c.expected_behaviour,
    rubric: c.rubric.map((r) => ({ text: r.text, weight: r.weight, met: r.met, unmet: r.unmet })),
    checklist: fixed(CHECKLIST_ITEMS, c.checklist),
    signals: {
      ...fixed(SCALAR_SIGNALS, c.signals),
      evaluations: (c.signals.evaluations ?? []).map((e) => ({ name: e.name, score: e.score ?? null, label: e.label ?? null })),
    },
    slices: fixed(SLICE_FIELDS, c.slices),
    provenance: { ...c.provenance },
    review: { ...c.review },
    sha256: c.sha256,
  };
}

/** Language slice values that are ISO 639 codes (what the card's `language` field takes), sorted. */
export function cardLanguages(cases: readonly ReleaseCase[]): string[] {
  const codes = cases.map((c) => c.slices.language?.trim().toLowerCase() ?? '').filter((l) => /^[a-z]{2,3}$/.test(l) && l !== 'und');
  return [...new Set(codes)].sort();
}

function card(snapshot: ReleaseSnapshot, splits: Array<{ split: string; path: string; count: number }>): string {
  const { manifest, cases } = snapshot;
  const languages = cardLanguages(cases);
  const listed = splits.filter((s) => s.count > 0);
  const front = {
    pretty_name: `${releaseName(manifest)} (Quarry)`,
    license: 'other',
    license_name: 'internal-use-only',
    ...(languages.length > 0 ? { language: languages } : {}),
    task_categories: ['text-generation'],
    size_categories: [sizeCategory(cases.length)],
    tags: ['evaluation', 'golden-set', 'de-identified', 'quarry'],
    configs: [{ config_name: 'default', data_files: (listed.length > 0 ? listed : splits.slice(0, 1)).map(({ split, path }) => ({ split, path })) }],
  };
  const counts = splits.map((s) => `| ${s.split} | \`${s.path}\` | ${s.count} |`).join('\n');
  const body = `# ${releaseName(manifest)}

De-identified, human-reviewed evaluation cases exported by Quarry from production LLM traffic. Every text field has
passed the de-identifier and was rendered with the \`${manifest.deid_profile}\` export profile; no raw production
text is included. Regression cases are accepted failures, frozen from one release to the next.

| split | file | cases |
|---|---|---|
${counts}

- Release: version ${manifest.version}${manifest.parent_version === null ? '' : ` (built on version ${manifest.parent_version})`}, created ${manifest.created_at}
- Approved by: ${manifest.approved_by ?? 'not yet approved'}
- Content sha256: \`${manifest.content_sha256}\` (see \`manifest.json\` for per-case hashes and counts)

## Fields

\`case_id\`, \`kind\` (golden / regression), \`origin\`, \`category\`, \`deid_profile\`, \`messages\` and \`response\`
(role, content), \`task_original\` and \`task_final\`, \`augmentation\`, \`expected_behaviour\`, \`rubric\` (text,
weight, met, unmet), \`checklist\`, \`signals\`, \`slices\`, \`provenance\` (ids only), \`review\` and \`sha256\`.

## Licence and use

Derived from the organisation's own production logs. Internal use only unless the data owner approves otherwise.
`;
  return `---\n${stringify(front, { lineWidth: 0 })}---\n\n${body}`;
}

export function hfDatasetFiles(snapshot: ReleaseSnapshot): ExportFile[] {
  const golden = snapshot.cases.filter((c) => c.kind === 'golden');
  const regressions = snapshot.cases.filter((c) => c.kind === 'regression');
  const splits = [
    { split: 'golden', path: 'data/golden.jsonl', count: golden.length },
    { split: 'regressions', path: 'data/regressions.jsonl', count: regressions.length },
  ];
  return [
    { path: 'README.md', contents: card(snapshot, splits) },
    { path: 'data/golden.jsonl', contents: jsonLines(golden.map(hfRow)) },
    { path: 'data/regressions.jsonl', contents: jsonLines(regressions.map(hfRow)) },
  ];
}
