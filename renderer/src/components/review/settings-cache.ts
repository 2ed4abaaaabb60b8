import type { ReplacedIdentifier, ReviewSettingsView } from '../../../../preload/contract/review-actions';
import { call } from '../../quarry';

let cached: Promise<ReviewSettingsView> | null = null;
/** The settings once they have arrived, for drawing a case without waiting a turn. */
let known: ReviewSettingsView | null = null;

/**
 * The workspace's review settings, fetched once per session: every case view needs them, and they change only
 * through the settings dialog or "save as template", which go through `saveReviewSettings`.
 */
export function reviewSettings(): Promise<ReviewSettingsView> {
  cached ??= call('review:settings', {}).then(
    (settings) => (known = settings),
    (error: unknown) => {
      cached = null;
      throw error;
    },
  );
  return cached;
}

/** The settings if they have already been fetched, else null. */
export function knownReviewSettings(): ReviewSettingsView | null {
  return known;
}

/** Saves the settings and keeps the cache in step with what main stored (rubric templates de-identified). */
export async function saveReviewSettings(input: Parameters<typeof call<'review:saveSettings'>>[1]): Promise<ReviewSettingsView & { replaced?: ReplacedIdentifier[] }> {
  const saved = await call('review:saveSettings', input);
  cached = Promise.resolve(saved);
  known = saved;
  return saved;
}

/** After a lock or a change of account, settings are read afresh. */
export function forgetReviewSettings(): void {
  cached = null;
  known = null;
}
