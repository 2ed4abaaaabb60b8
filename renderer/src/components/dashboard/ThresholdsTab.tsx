import { useState } from 'react';
import { useMay } from '../../access';
import { formatDateTime } from '../../format';
import { call, userMessage } from '../../quarry';
import type { Thresholds } from './dashboard-data';
import { useCall } from './use-call';

type Key = keyof Thresholds;

/** Each threshold with what it means, in the order a reader meets them. */
const FIELDS: readonly { key: Key; label: string; help: string; step: string }[] = [
  { key: 'psiModerate', label: 'PSI, moderate shift', help: 'Population stability index at or above this is a moderate shift (Evidently, NannyML: 0.1).', step: '0.01' },
  { key: 'psiMajor', label: 'PSI, major shift', help: 'At or above this, a major shift (0.25).', step: '0.01' },
  { key: 'jsDistance', label: 'Jensen-Shannon distance', help: 'A mix (language, intent, slices, tokens) at this distance or more has shifted (0.1).', step: '0.01' },
  { key: 'ksPValue', label: 'KS p-value', help: 'Scores differ when the Kolmogorov-Smirnov p-value is below this (0.05).', step: '0.01' },
  { key: 'rateIncrease', label: 'Signal rate rise', help: 'A signal rate alerts when it rose by at least this share (0.05 = 5 points) …', step: '0.01' },
  { key: 'ratePValue', label: 'Signal rate p-value', help: '… and the two-proportion test’s p-value is below this.', step: '0.01' },
  { key: 'scoreDrop', label: 'Evaluator score drop', help: 'The mean evaluator score fell by at least this (with KS p below its threshold).', step: '0.01' },
  { key: 'minCases', label: 'Fewest cases', help: 'Windows or slices with fewer cases than this in either window raise no alerts.', step: '1' },
];

/** The alert thresholds: everyone sees them and their defaults; an admin edits them (main checks every value). */
export function ThresholdsTab({ onAudited }: { onAudited: () => void }) {
  const may = useMay();
  const editable = may('monitor:setThresholds');
  const loaded = useCall('monitor:thresholds', {});
  // What main last answered (after a save), and the admin's edits; without edits the form shows the thresholds.
  const [saved, setView] = useState<typeof loaded.data>(null);
  const [draft, setForm] = useState<Record<Key, string> | null>(null);
  const view = saved ?? loaded.data;
  const form = draft ?? (view ? asForm(view.thresholds) : null);
  const [issues, setIssues] = useState<Record<string, string>>({});
  const [saving, setSaving] = useState(false);
  const [outcome, setOutcome] = useState<{ tone: 'success' | 'error'; text: string } | null>(null);

  async function save() {
    if (!form) return;
    const local: Record<string, string> = {};
    const values: Record<string, number> = {};
    for (const f of FIELDS) {
      const n = Number(form[f.key]);
      if (form[f.key].trim() === '' || !Number.isFinite(n)) local[f.key] = 'Enter a number.';
      else values[f.key] = n;
    }
    setIssues(local);
    setOutcome(null);
    if (Object.keys(local).length > 0) return;
    setSaving(true);
    try {
      const answer = await call('monitor:setThresholds', { thresholds: values });
      if (!answer.ok) {
        setIssues(Object.fromEntries(answer.issues.map((i) => [i.path.replace(/^thresholds\./, ''), i.message])));
        return;
      }
      setView(answer.view);
      setForm(null);
      setOutcome({ tone: 'success', text: 'Saved. Drift bands and alerts use the new thresholds.' });
      onAudited();
    } catch (e) {
      setOutcome({ tone: 'error', text: userMessage(e) });
    } finally {
      setSaving(false);
    }
  }

  if (loaded.error) {
    return (
      <p className="db-message db-message--error" role="alert">
        {loaded.error}
      </p>
    );
  }
  if (!view || !form) return <div className="db-loading" aria-busy="true" />;
  const changed = FIELDS.some((f) => Number(form[f.key]) !== view.thresholds[f.key]);
  const otherIssues = Object.entries(issues).filter(([k]) => !FIELDS.some((f) => f.key === k));
  return (
    <section className="db-card db-thresholds" aria-labelledby="db-thresholds-title" data-testid="db-thresholds">
      <header className="db-card-head">
        <div>
          <h2 className="db-card-title" id="db-thresholds-title">
            Alert thresholds
          </h2>
          <p className="db-card-sub">
            {view.updatedAt ? `Changed by ${view.updatedBy?.replace(/^[a-z]+:/, '') ?? 'an admin'}, ${formatDateTime(view.updatedAt)}.` : 'The defaults apply, in line with Evidently and NannyML.'}
            {!editable && ' Only an admin can change them.'}
          </p>
        </div>
      </header>
      <form
        className="db-threshold-form"
        onSubmit={(e) => {
          e.preventDefault();
          void save();
        }}
      >
        {FIELDS.map((f) => (
          <div className="db-threshold" key={f.key}>
            <label htmlFor={`db-th-${f.key}`} className="db-threshold-label">
              {f.label}
            </label>
            <input
              id={`db-th-${f.key}`}
              type="text"
              inputMode="decimal"
              value={form[f.key]}
              readOnly={!editable}
              aria-invalid={issues[f.key] ? true : undefined}
              aria-describedby={`db-th-${f.key}-help`}
              onChange={(e) => setForm({ ...form, [f.key]: e.target.value })}
              data-testid={`db-threshold-${f.key}`}
            />
            <p id={`db-th-${f.key}-help`} className="db-threshold-help">
              {issues[f.key] ? (
                <span className="field-error" data-testid={`db-threshold-${f.key}-error`}>
                  {issues[f.key]}
                </span>
              ) : (
                <>
                  {f.help} <span className="db-n">Default {view.defaults[f.key]}.</span>
                </>
              )}
            </p>
          </div>
        ))}
        {otherIssues.length > 0 && (
          <ul className="db-notes" role="alert">
            {otherIssues.map(([k, m]) => (
              <li key={k}>
                <code>{k}</code>: {m}
              </li>
            ))}
          </ul>
        )}
        {editable && (
          <div className="db-threshold-actions">
            {outcome && (
              <p className={`db-outcome db-outcome--${outcome.tone}`} role={outcome.tone === 'error' ? 'alert' : 'status'} data-testid="db-thresholds-outcome">
                {outcome.text}
              </p>
            )}
            <button type="button" className="btn" disabled={saving} onClick={() => (setForm(asForm(view.defaults)), setIssues({}))} data-testid="db-thresholds-defaults">
              Use defaults
            </button>
            <button type="submit" className="btn btn--primary" disabled={saving || !changed} data-testid="db-thresholds-save">
              {saving ? 'Saving…' : 'Save thresholds'}
            </button>
          </div>
        )}
      </form>
    </section>
  );
}

function asForm(t: Thresholds): Record<Key, string> {
  return Object.fromEntries(FIELDS.map((f) => [f.key, String(t[f.key])])) as Record<Key, string>;
}
