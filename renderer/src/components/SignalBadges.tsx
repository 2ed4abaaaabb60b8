import type { Signals } from '../../../preload/api';
import { formatCost, formatLatency } from '../format';

/** Below this the model itself was unsure; such cases deserve a reviewer's eye first. */
export const LOW_CONFIDENCE = 0.5;
/** An evaluator score below this is a failure signal (the sampling policy's default threshold). */
export const LOW_SCORE = 0.5;

type Tone = 'warn' | 'good' | 'neutral';

interface Badge {
  key: string;
  text: string;
  title: string;
  tone: Tone;
}

/** The production signals worth a glance in the queue: trouble first, then cost and speed. */
function badgesFor(signals: Signals): Badge[] {
  const badges: Badge[] = [];
  if (signals.thumbs === 'down') badges.push({ key: 'thumbs', text: 'Thumbs down', title: 'User gave a thumbs down', tone: 'warn' });
  if (signals.thumbs === 'up') badges.push({ key: 'thumbs', text: 'Thumbs up', title: 'User gave a thumbs up', tone: 'good' });
  if (signals.regenerated) badges.push({ key: 'regen', text: 'Regenerated', title: 'User asked for a new answer', tone: 'warn' });
  if (signals.user_edited_chars) {
    const chars = signals.user_edited_chars;
    badges.push({ key: 'edited', text: `Edited ${chars} ch`, title: `User edited ${chars} characters of the answer`, tone: 'warn' });
  }
  if (signals.escalated) badges.push({ key: 'escalated', text: 'Escalated', title: 'Conversation was escalated to a human', tone: 'warn' });
  if (signals.schema_valid === false) badges.push({ key: 'schema', text: 'Schema invalid', title: 'Response failed schema validation', tone: 'warn' });
  if (signals.confidence !== undefined && signals.confidence < LOW_CONFIDENCE) {
    const value = signals.confidence.toFixed(2);
    badges.push({ key: 'confidence', text: `Low conf. ${value}`, title: `Model confidence ${value}`, tone: 'warn' });
  }
  const low = signals.evaluations?.filter((e) => e.score !== undefined && e.score < LOW_SCORE) ?? [];
  if (low.length > 0) {
    const worst = low.reduce((a, b) => (b.score! < a.score! ? b : a));
    badges.push({ key: 'score', text: `Low score ${worst.score!.toFixed(2)}`, title: `Evaluator "${worst.name}" scored ${worst.score!.toFixed(2)}`, tone: 'warn' });
  }
  if (signals.latency_ms !== undefined) {
    badges.push({ key: 'latency', text: formatLatency(signals.latency_ms), title: 'Response latency', tone: 'neutral' });
  }
  if (signals.cost_usd !== undefined) {
    badges.push({ key: 'cost', text: formatCost(signals.cost_usd), title: 'Cost of the call', tone: 'neutral' });
  }
  return badges;
}

/** `compact` (the queue's rows) keeps only the warnings, so a row stays one line of badges. */
export function SignalBadges({ signals, compact = false }: { signals: Signals; compact?: boolean }) {
  const badges = compact ? badgesFor(signals).filter((b) => b.tone === 'warn') : badgesFor(signals);
  if (badges.length === 0) return null;
  return (
    <ul className="badges" aria-label="Signals">
      {badges.map((badge) => (
        <li key={badge.key} className={`badge badge--${badge.tone}`} title={badge.title}>
          {badge.text}
        </li>
      ))}
    </ul>
  );
}
