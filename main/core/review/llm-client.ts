import { z } from 'zod';
import { QuarryError } from '../errors.js';
import type { RedactedText } from '../text.js';
import type { Augmentation } from './augmentation.js';
import type { LlmEndpoint } from './review-settings.js';

/**
 * Augmentation suggestions from an on-prem LLM behind an OpenAI-compatible `/chat/completions` endpoint that the
 * workspace configured (off by default). This is Quarry's only network call: it goes to the configured URL only,
 * and the parameter type admits de-identified text alone.
 */
const SYSTEM_PROMPT =
  'You help turn a logged user request into a precisely specified evaluation task. Reply with one JSON object ' +
  'with the keys persona (string), outputFormat (string), requiredSources (array of strings) and scope ' +
  '(object with temporal, comparative and geographic strings). Leave a field empty when it does not apply. ' +
  'Placeholders such as [PERSON_1] stand for removed personal data: keep them as they are.';

const Completion = z.object({
  choices: z.array(z.object({ message: z.object({ content: z.string() }) })).min(1),
});

const text = z.string().max(2000).optional();
const Suggestion = z.object({
  persona: text,
  outputFormat: text,
  requiredSources: z.array(z.string().max(300)).max(20).optional(),
  scope: z.object({ temporal: text, comparative: text, geographic: text }).optional(),
});

function endpointUrl(base: string): string {
  const trimmed = base.replace(/\/+$/, '');
  return trimmed.endsWith('/chat/completions') ? trimmed : `${trimmed}/chat/completions`;
}

/** The JSON object in a reply, also when the model wrapped it in a code fence or a sentence. */
function jsonIn(content: string): unknown {
  const from = content.indexOf('{');
  const to = content.lastIndexOf('}');
  if (from < 0 || to < from) throw new Error('no JSON object');
  return JSON.parse(content.slice(from, to + 1));
}

export interface SuggestOptions {
  fetchImpl?: typeof fetch;
  timeoutMs?: number;
}

export async function suggestAugmentation(
  endpoint: LlmEndpoint,
  task: RedactedText,
  category: string | null,
  options: SuggestOptions = {},
): Promise<Augmentation> {
  if (!endpoint.enabled) {
    throw new QuarryError('llm-disabled', 'LLM suggestions are off. An administrator can turn them on in Review settings.');
  }
  const url = endpointUrl(endpoint.url);
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (endpoint.apiKey) headers.authorization = `Bearer ${endpoint.apiKey}`;
  const body = {
    model: endpoint.model,
    temperature: 0,
    messages: [
      { role: 'system', content: SYSTEM_PROMPT },
      { role: 'user', content: `Category: ${category ?? 'unspecified'}\n\nTask:\n${task}` },
    ],
  };
  let response: Response;
  try {
    response = await (options.fetchImpl ?? fetch)(url, {
      method: 'POST',
      headers,
      body: JSON.stringify(body),
      signal: AbortSignal.timeout(options.timeoutMs ?? 30_000),
      redirect: 'error',
    });
  } catch (error) {
    throw new QuarryError('llm-unreachable', `The LLM endpoint ${url} could not be reached (${(error as Error).message}). Check the URL in Review settings.`);
  }
  if (!response.ok) {
    throw new QuarryError('llm-failed', `The LLM endpoint ${url} answered HTTP ${response.status}. Check the model name and API key in Review settings.`);
  }
  let suggestion: z.infer<typeof Suggestion>;
  try {
    const completion = Completion.parse(await response.json());
    suggestion = Suggestion.parse(jsonIn(completion.choices[0]!.message.content));
  } catch (error) {
    throw new QuarryError('llm-bad-reply', `The LLM endpoint ${url} did not return usable suggestions (${(error as Error).message.slice(0, 200)}).`);
  }
  return {
    persona: suggestion.persona ?? '',
    outputFormat: suggestion.outputFormat ?? '',
    requiredSources: (suggestion.requiredSources ?? []).map((s) => s.trim()).filter((s) => s.length > 0),
    scope: {
      temporal: suggestion.scope?.temporal ?? '',
      comparative: suggestion.scope?.comparative ?? '',
      geographic: suggestion.scope?.geographic ?? '',
    },
  };
}
