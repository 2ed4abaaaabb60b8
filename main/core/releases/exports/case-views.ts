import type { RubricCriterion } from '../../review/rubric.js';
import type { ReleaseCase, ReleaseManifest } from '../release-types.js';

/**
 * Views of a release case that several export formats share: the conversation an eval replays, the rubric as
 * grader text, and a file as it will be written. Everything here reads the frozen, de-identified record only.
 */

/** A file an export format produces: its path relative to the output folder and its contents. */
export interface ExportFile {
  path: string;
  contents: string;
}

/** The roles chat APIs accept as plain text messages; tool results need call ids an export cannot supply. */
/** The scalar signals, in the column order the flat formats (CSV, the Hugging Face rows) write them. */
export const SCALAR_SIGNALS = [
  'thumbs',
  'regenerated',
  'user_edited_chars',
  'escalated',
  'schema_valid',
  'latency_ms',
  'cost_usd',
  'confidence',
  'input_tokens',
  'output_tokens',
  'rank',
] as const;
/** The slice fields, in the same order everywhere a format flattens them. */
export const SLICE_FIELDS = ['tier', 'intent', 'language', 'model', 'product_area'] as const;

export const CHAT_ROLES = ['system', 'developer', 'user', 'assistant'] as const;
export type ChatRole = (typeof CHAT_ROLES)[number];
export type ChatMessage = { role: ChatRole; content: string };

function isChatRole(role: string): role is ChatRole {
  return (CHAT_ROLES as readonly string[]).includes(role);
}

/**
 * The conversation an eval sends to the model under test: the case's messages with the last user message
 * replaced by the final task (the reviewer's edit with its augmentation), keeping chat roles only. A case
 * without a user message gets the task appended as one.
 */
export function evalConversation(c: ReleaseCase): ChatMessage[] {
  const lastUser = c.messages.findLastIndex((m) => m.role === 'user');
  const messages = c.messages.map((m, i): { role: string; content: string } => (i === lastUser ? { role: 'user', content: c.task.final } : m));
  if (lastUser === -1) messages.push({ role: 'user', content: c.task.final });
  return messages.flatMap((m) => (isChatRole(m.role) ? [{ role: m.role, content: m.content }] : []));
}

/** Text as a sentence: a full stop added unless it already ends in one (or in ? or !). */
function sentence(text: string): string {
  const trimmed = text.trim();
  return /[.!?]$/.test(trimmed) ? trimmed : `${trimmed}.`;
}

/** One rubric criterion as a grader instruction: "Text. MET: … UNMET: …". */
export function criterionText(criterion: RubricCriterion): string {
  return `${sentence(criterion.text)} MET: ${sentence(criterion.met)} UNMET: ${sentence(criterion.unmet)}`;
}

/** The whole rubric as numbered grader text with weights; "" for an empty rubric. */
export function rubricText(rubric: readonly RubricCriterion[]): string {
  return rubric.map((c, i) => `${i + 1}. [weight ${c.weight}] ${criterionText(c)}`).join('\n');
}

/** "v3 of eval set NAME": how a release names itself inside exported files. */
export function releaseName(manifest: ReleaseManifest): string {
  return `${manifest.eval_set} v${manifest.version}`;
}

/** JSON Lines: one compact JSON value per line, each line ending in a newline ("" for no records). */
export function jsonLines(records: readonly unknown[]): string {
  return records.map((r) => `${JSON.stringify(r)}\n`).join('');
}

/** Pretty JSON with a final newline, for the small descriptive files (manifest, schemas, configs). */
export function prettyJson(value: unknown): string {
  return `${JSON.stringify(value, null, 2)}\n`;
}
