import { QuarryError } from '../../errors.js';
import type { JsonRecord, LogFormat } from './format.js';
import { langfuse } from './langfuse.js';
import { oasst } from './oasst.js';
import { openAiChat } from './openai-chat.js';
import { openInference } from './openinference.js';
import { otelGenAi } from './otel-genai.js';

/**
 * Every format Quarry reads, in detection order: the first whose `detect` accepts a file's first records wins.
 * OpenInference goes before OTel GenAI because its spans may carry `gen_ai.*` attributes too, and both trace
 * formats before OpenAI chat, whose shape is the loosest.
 */
export const LOG_FORMATS: readonly LogFormat[] = [openInference, otelGenAi, langfuse, oasst, openAiChat];

export const LOG_FORMAT_IDS = LOG_FORMATS.map((f) => f.id);

function known(): string {
  return LOG_FORMATS.map((f) => `${f.id} (${f.label})`).join('; ');
}

export function logFormat(id: string): LogFormat {
  const format = LOG_FORMATS.find((f) => f.id === id);
  if (!format) throw new QuarryError('ingest-format-unknown', `Unknown log format "${id}". Known formats: ${known()}.`);
  return format;
}

/** The format of a file from its first parsed records; `file` only names it in the error. */
export function detectLogFormat(sample: readonly JsonRecord[], file: string): LogFormat {
  const format = LOG_FORMATS.find((f) => f.detect(sample));
  if (!format) {
    const what = sample.length === 0 ? 'has no readable JSON record in its first lines' : 'does not look like any known log format';
    throw new QuarryError('ingest-format-unknown', `${file} ${what}. Known formats: ${known()}. If the file is one of them, name its format explicitly.`);
  }
  return format;
}
