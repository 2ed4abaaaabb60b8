import type { ReactNode } from 'react';
import type { Output } from '../../../../preload/api';
import { SIGNAL_LABELS, SLICE_LABELS } from './policy-form';

type Preview = Extract<Output<'sampling:preview'>, { ok: true }>['preview'];

interface Props {
  preview: Preview | null;
  /** True while a newer preview is being computed. */
  stale: boolean;
  /** Why there is no preview: the form is invalid, or the call failed. */
  blocked: string | null;
  running: boolean;
  canRun: boolean;
  onRun: () => void;
  /** The last run's outcome, shown under the header. */
  children?: ReactNode;
}

const PHASES = ['failure_signal', 'stratum_minimum', 'base_rate'] as const;
const PHASE_LABELS: Record<(typeof PHASES)[number], string> = {
  failure_signal: 'Failure signal',
  stratum_minimum: 'Stratum minimum',
  base_rate: 'Base rate',
};

/** `tier=pro|language=en` → `pro · en`; the fields are named once, in the column header. */
function stratumValues(key: string): string {
  return key
    .split('|')
    .map((part) => part.slice(part.indexOf('=') + 1))
    .join(' · ');
}

/** `tier=pro|language=en` → `Tier · Language`. */
function stratumFields(key: string): string {
  return key
    .split('|')
    .map((part) => {
      const field = part.slice(0, part.indexOf('='));
      return SLICE_LABELS[field] ?? field;
    })
    .join(' · ');
}

function pct(n: number, of: number): string {
  return of > 0 ? `${Math.max(0, Math.min(100, (n / of) * 100))}%` : '0%';
}

/** A horizontal bar: the picked share of the row's candidates, split by phase when given. */
function Bar({ candidates, max, parts }: { candidates: number; max: number; parts: { phase: string; n: number }[] }) {
  return (
    <div className="sp-bar" aria-hidden="true">
      <div className="sp-bar-track" style={{ width: pct(candidates, max) }}>
        {parts.map((p) => (
          <span key={p.phase} className={`sp-bar-fill sp-bar-fill--${p.phase}`} style={{ width: pct(p.n, candidates) }} />
        ))}
      </div>
    </div>
  );
}

function cutLines(preview: Preview): string[] {
  const { cut } = preview;
  const lines: string[] = [];
  for (const phase of ['base_rate', 'stratum_minimum', 'failure_signal'] as const) {
    const n = cut.byBudget[phase];
    if (n > 0) lines.push(`Budget ${cut.budget} cuts ${n} ${PHASE_LABELS[phase].toLowerCase()} case${n === 1 ? '' : 's'}`);
  }
  if (cut.byMaxPerStratum > 0) lines.push(`Cap per stratum passes over ${cut.byMaxPerStratum} base-rate case${cut.byMaxPerStratum === 1 ? '' : 's'}`);
  if (cut.byCluster > 0) lines.push(`One per cluster leaves out ${cut.byCluster} near-duplicate${cut.byCluster === 1 ? '' : 's'}`);
  return lines;
}

/**
 * The live preview: what a run with the form's policy would pick, per trigger and per stratum, and what the
 * budget and caps cut. The run draws exactly this sample (same seed).
 */
export function PreviewPanel({ preview, stale, blocked, running, canRun, onRun, children }: Props) {
  const triggerMax = Math.max(1, ...(preview?.triggers.map((t) => t.candidates) ?? []));
  const strataMax = Math.max(1, ...(preview?.strata.map((s) => s.candidates) ?? []));
  const cuts = preview ? cutLines(preview) : [];

  return (
    <section className="sp-panel sp-preview" aria-labelledby="sp-preview-title" aria-busy={stale} data-testid="sampling-preview">
      <header className="sp-panel-head">
        <div>
          <h2 id="sp-preview-title" className="sp-title">
            Preview
          </h2>
          <p className="sp-sub">{stale ? 'Updating…' : 'What a run would pick now. Nothing is recorded.'}</p>
        </div>
        <button type="button" className="btn btn--primary" disabled={!canRun || running} onClick={onRun} data-testid="sampling-run">
          {running ? 'Running…' : 'Run sample'}
        </button>
      </header>
      {children}

      {blocked && (
        <p className="sp-blocked" role="status" data-testid="sampling-preview-blocked">
          {blocked}
        </p>
      )}

      {preview && (
        <div className={stale ? 'sp-preview-body sp-preview-body--stale' : 'sp-preview-body'}>
          <div className="sp-total">
            <p className="sp-total-figure" data-testid="preview-picked">
              <strong>{preview.picked.toLocaleString()}</strong> of {preview.candidates.toLocaleString()} cases
            </p>
            <ul className="sp-phases">
              {PHASES.map((phase) => (
                <li key={phase}>
                  <span className={`sp-swatch sp-swatch--${phase}`} aria-hidden="true" />
                  {PHASE_LABELS[phase]} <strong data-testid={`preview-phase-${phase}`}>{preview.byPhase[phase]}</strong>
                </li>
              ))}
            </ul>
          </div>

          <div className="sp-breakdown">
            <table className="sp-table" data-testid="preview-triggers">
              <caption>By trigger</caption>
              <thead>
                <tr>
                  <th scope="col">Failure signal</th>
                  <th scope="col" className="num">Cases</th>
                  <th scope="col" className="num">Picked</th>
                  <th scope="col" className="sp-bar-col">
                    <span className="visually-hidden">Share</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {preview.triggers.map((t) => (
                  <tr key={t.signal} data-testid="preview-trigger-row" data-signal={t.signal}>
                    <th scope="row">{SIGNAL_LABELS[t.signal] ?? t.signal}</th>
                    <td className="num">{t.candidates}</td>
                    <td className="num">{t.picked}</td>
                    <td>
                      <Bar candidates={t.candidates} max={triggerMax} parts={[{ phase: 'failure_signal', n: t.picked }]} />
                    </td>
                  </tr>
                ))}
                {preview.triggers.length === 0 && (
                  <tr>
                    <td colSpan={4} className="sp-empty">No failure signals chosen.</td>
                  </tr>
                )}
              </tbody>
            </table>

            {preview.strata.length > 0 && (
              <table className="sp-table" data-testid="preview-strata">
                <caption>By stratum</caption>
                <thead>
                  <tr>
                    <th scope="col">{stratumFields(preview.strata[0]!.stratum)}</th>
                    <th scope="col" className="num">Cases</th>
                    <th scope="col" className="num">Picked</th>
                    <th scope="col" className="sp-bar-col">
                      <span className="visually-hidden">Share</span>
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {preview.strata.map((s) => (
                    <tr key={s.stratum} data-testid="preview-stratum-row" data-stratum={s.stratum}>
                      <th scope="row" title={s.stratum}>
                        {stratumValues(s.stratum)}
                      </th>
                      <td className="num">{s.candidates}</td>
                      <td className="num">{s.picked}</td>
                      <td>
                        <Bar candidates={s.candidates} max={strataMax} parts={PHASES.map((phase) => ({ phase, n: s.byPhase[phase] }))} />
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            )}
          </div>

          <dl className="sp-facts">
            <div>
              <dt>Base rate</dt>
              <dd data-testid="preview-base-rate">
                {preview.baseRate.rate} × {preview.baseRate.eligible} eligible ≈ {preview.baseRate.expected} expected, {preview.baseRate.picked} picked
              </dd>
            </div>
            {preview.clusters.onePerCluster && (
              <div>
                <dt>Clusters</dt>
                <dd>{preview.clusters.amongCandidates} near-duplicate clusters among the cases</dd>
              </div>
            )}
            <div>
              <dt>Cut</dt>
              <dd data-testid="preview-cut">{cuts.length > 0 ? cuts.join('; ') : 'Nothing'}</dd>
            </div>
          </dl>
        </div>
      )}
    </section>
  );
}

