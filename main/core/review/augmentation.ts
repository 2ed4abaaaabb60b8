import { z } from 'zod';

/**
 * Augmenting a logged request toward a specified task: who is asking (persona), the shape of the answer, the
 * sources it must draw on, and how the scope is broadened (over time, by comparison, across places). The fields
 * are composed into the final task text by a fixed template, so the same fields always give the same task; the
 * de-identified original is kept beside it, never overwritten.
 */
export const Augmentation = z
  .object({
    persona: z.string().trim().max(500),
    outputFormat: z.string().trim().max(500),
    requiredSources: z.array(z.string().trim().min(1).max(300)).max(20),
    scope: z
      .object({
        temporal: z.string().trim().max(500),
        comparative: z.string().trim().max(500),
        geographic: z.string().trim().max(500),
      })
      .strict(),
  })
  .strict();
export type Augmentation = z.infer<typeof Augmentation>;

export const EMPTY_AUGMENTATION: Augmentation = {
  persona: '',
  outputFormat: '',
  requiredSources: [],
  scope: { temporal: '', comparative: '', geographic: '' },
};

export function isEmptyAugmentation(a: Augmentation): boolean {
  return (
    !a.persona && !a.outputFormat && a.requiredSources.length === 0 && !a.scope.temporal && !a.scope.comparative && !a.scope.geographic
  );
}

function sentence(text: string): string {
  const trimmed = text.trim();
  return /[.!?]$/.test(trimmed) ? trimmed : `${trimmed}.`;
}

/**
 * The final task: the persona framing, the (possibly edited) task, then one line per constraint in a fixed order.
 * Empty fields add nothing, so an empty augmentation returns the task unchanged.
 */
export function composeTask(task: string, augmentation: Augmentation): string {
  const base = task.trim();
  if (isEmptyAugmentation(augmentation)) return base;
  const parts: string[] = [];
  if (augmentation.persona) parts.push(`You are answering for: ${sentence(augmentation.persona)}`);
  parts.push(base);
  const constraints: string[] = [];
  const { temporal, comparative, geographic } = augmentation.scope;
  if (temporal) constraints.push(`- Time frame: ${sentence(temporal)}`);
  if (comparative) constraints.push(`- Compare: ${sentence(comparative)}`);
  if (geographic) constraints.push(`- Geography: ${sentence(geographic)}`);
  if (augmentation.requiredSources.length > 0) constraints.push(`- Cite these sources: ${augmentation.requiredSources.join('; ')}.`);
  if (augmentation.outputFormat) constraints.push(`- Answer format: ${sentence(augmentation.outputFormat)}`);
  if (constraints.length > 0) parts.push(`Requirements:\n${constraints.join('\n')}`);
  return parts.join('\n\n');
}
