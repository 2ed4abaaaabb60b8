import { BAND_LABELS, type Band } from './dashboard-data';

/** A drift band in colour and in words (colour alone would not reach every reader). */
export function BandPill({ band, testId }: { band: Band | null; testId?: string }) {
  if (!band) return <span className="db-pill db-pill--none" data-testid={testId}>—</span>;
  return (
    <span className={`db-pill db-pill--${band}`} data-band={band} data-testid={testId}>
      <span className="db-pill-dot" aria-hidden="true" />
      {BAND_LABELS[band]}
    </span>
  );
}

/** A neutral or warning verdict in the same shape: "Differs", "Crossed", "Within". */
export function VerdictPill({ text, tone, testId }: { text: string; tone: 'ok' | 'warn' | 'bad' | 'none'; testId?: string }) {
  return (
    <span className={`db-pill db-pill--${tone === 'warn' ? 'moderate' : tone === 'bad' ? 'major' : tone}`} data-testid={testId}>
      {tone !== 'none' && <span className="db-pill-dot" aria-hidden="true" />}
      {text}
    </span>
  );
}
