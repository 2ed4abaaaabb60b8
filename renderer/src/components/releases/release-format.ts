/**
 * Words and small computations the Releases screen shares: version and state labels, what each export format
 * writes, joining a folder the user picked with a subfolder name, and who may decide a release (four eyes).
 */
import type { ReleaseExportFormat, ReleaseState, ReleaseSummaryDto } from '../../../../preload/contract/releases';

export const versionLabel = (version: number) => `v${version}`;

export const STATE_LABEL: Record<ReleaseState, string> = { pending: 'Awaiting approval', approved: 'Approved', rejected: 'Rejected' };

/** Each export format: a short name and what it writes, in the consumer's terms. */
export const FORMAT_INFO: Record<ReleaseExportFormat, { name: string; detail: string }> = {
  'golden-jsonl': { name: 'Golden JSONL', detail: 'golden.jsonl + regressions.jsonl with their JSON Schema' },
  'openai-evals': { name: 'OpenAI Evals', detail: 'Evals API items and classic openai/evals samples' },
  promptfoo: { name: 'promptfoo', detail: 'Test cases YAML and a promptfooconfig.yaml' },
  langfuse: { name: 'Langfuse', detail: 'Dataset items as JSONL' },
  'hf-dataset': { name: 'Hugging Face', detail: 'datasets folder with a dataset card' },
  csv: { name: 'CSV', detail: 'One row per case, flattened columns' },
};

/** The first 12 hex digits of a sha256: enough to tell releases apart at a glance; the full value is a tooltip. */
export const shortHash = (sha256: string) => sha256.slice(0, 12);

/** Whether a subfolder name is one plain folder name (no separators, not `.` or `..`). */
export function isPlainFolderName(name: string): boolean {
  const trimmed = name.trim();
  return trimmed.length > 0 && trimmed.length <= 120 && !/[\\/:*?"<>|]/.test(trimmed) && trimmed !== '.' && trimmed !== '..';
}

/** Joins path parts with the separator the picked folder already uses (main runs on the same machine). */
export function joinPath(dir: string, ...parts: string[]): string {
  const sep = dir.includes('\\') && !dir.includes('/') ? '\\' : '/';
  const base = dir.endsWith(sep) ? dir.slice(0, -1) : dir;
  return [base, ...parts].join(sep);
}

/** A folder name for a release's export: the set name made file-safe, and the version. */
export function exportFolderName(set: string, version: number): string {
  const safe = set
    .trim()
    .toLowerCase()
    .replace(/[^a-z0-9._-]+/g, '-')
    .replace(/^-+|-+$/g, '');
  return `${safe || 'release'}-${versionLabel(version)}`;
}

const sameName = (a: string | null, b: string | null) => a !== null && b !== null && a.trim().toLowerCase() === b.trim().toLowerCase();

/**
 * Why the signed-in user cannot approve this release, or null when they can. Main checks the same rules (four
 * eyes: never the creator); this only explains a disabled button before anyone clicks it. The creator may still
 * reject (withdraw) their own pending release.
 */
export function approvalBlocker(release: ReleaseSummaryDto, me: string | null): string | null {
  if (release.state !== 'pending') return `This release is already ${release.state}.`;
  if (sameName(release.createdBy, me)) {
    return `You created ${versionLabel(release.version)}, so a second admin must approve it (four eyes). You can still reject it to withdraw it.`;
  }
  return null;
}

/** Counts as "1,234". */
export const formatCount = (n: number) => n.toLocaleString('en-US');

/** Object entries sorted by count (largest first), then by name. */
export function byCount(counts: Record<string, number>): Array<[string, number]> {
  return Object.entries(counts).sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
}

/** A review category ("edge-case") in words ("Edge case"); no category reads "Uncategorised". */
export function categoryLabel(key: string | null): string {
  if (key === null || key === '(none)' || key === 'null') return 'Uncategorised';
  const words = key.replace(/[_-]/g, ' ');
  return words.charAt(0).toUpperCase() + words.slice(1);
}
