import type { ReactNode } from 'react';
import { SIGNAL_LABELS, SLICE_LABELS, type FormIssues, type PolicyFormState } from './policy-form';

interface Props {
  form: PolicyFormState;
  issues: FormIssues;
  failureSignals: readonly string[];
  sliceFields: readonly string[];
  onChange: (form: PolicyFormState) => void;
}

function toggle(list: readonly string[], value: string, on: boolean): string[] {
  return on ? [...list.filter((v) => v !== value), value] : list.filter((v) => v !== value);
}

/** One labelled input with its hint, or the schema's message for it when it is invalid. */
function Row({ id, label, hint, error, children }: { id: string; label: string; hint?: string; error?: string; children: ReactNode }) {
  return (
    <div className="sp-field">
      <label htmlFor={id}>{label}</label>
      {children}
      {error ? (
        <p className="field-error" id={`${id}-error`} role="alert" data-testid={`${id}-error`}>
          {error}
        </p>
      ) : (
        hint && <p className="field-hint">{hint}</p>
      )}
    </div>
  );
}

/**
 * The sampling policy editor: failure triggers, strata with their minimum and cap, the base rate and its
 * uncertainty weighting, budget, one-per-cluster and seed. Every field shows the policy schema's message.
 */
export function PolicyForm({ form, issues, failureSignals, sliceFields, onChange }: Props) {
  const set = <K extends keyof PolicyFormState>(key: K, value: PolicyFormState[K]) => onChange({ ...form, [key]: value });
  const text = (id: string, key: 'name' | 'minPerStratum' | 'maxPerStratum' | 'baseRate' | 'uncertaintyBoost' | 'budget' | 'seed', path: string, extra = {}) => (
    <input
      id={id}
      type="text"
      inputMode={key === 'name' ? undefined : 'decimal'}
      value={form[key]}
      data-testid={id}
      aria-invalid={issues[path] ? true : undefined}
      aria-describedby={issues[path] ? `${id}-error` : undefined}
      onChange={(e) => set(key, e.target.value)}
      {...extra}
    />
  );

  return (
    <form className="sp-form" onSubmit={(e) => e.preventDefault()} data-testid="sampling-form" noValidate>
      <Row id="sp-name" label="Policy name" error={issues.name} hint="Saving a changed policy under the same name makes a new version.">
        {text('sp-name', 'name', 'name', { autoComplete: 'off', spellCheck: false })}
      </Row>

      <fieldset className="sp-group">
        <legend>Always take cases showing</legend>
        <div className="sp-checks">
          {failureSignals.map((signal) => (
            <label key={signal} className="sp-check">
              <input
                type="checkbox"
                checked={form.failureSignals.includes(signal)}
                data-testid={`sp-signal-${signal}`}
                onChange={(e) => set('failureSignals', toggle(form.failureSignals, signal, e.target.checked))}
              />
              {SIGNAL_LABELS[signal] ?? signal}
            </label>
          ))}
        </div>
        {issues.failureSignals && <p className="field-error" role="alert">{issues.failureSignals}</p>}
      </fieldset>

      <fieldset className="sp-group">
        <legend>Stratify by</legend>
        <div className="sp-checks sp-checks--inline">
          {sliceFields.map((field) => (
            <label key={field} className="sp-check">
              <input
                type="checkbox"
                checked={form.strataFields.includes(field)}
                data-testid={`sp-stratum-${field}`}
                onChange={(e) => set('strataFields', toggle(form.strataFields, field, e.target.checked))}
              />
              {SLICE_LABELS[field] ?? field}
            </label>
          ))}
        </div>
        {issues['strata.fields'] && (
          <p className="field-error" role="alert" data-testid="sp-strata-error">
            {issues['strata.fields']}
          </p>
        )}
        <div className="sp-pair">
          <Row id="sp-min" label="Minimum per stratum" error={issues['strata.minPerStratum']}>
            {text('sp-min', 'minPerStratum', 'strata.minPerStratum', { placeholder: 'none', disabled: form.strataFields.length === 0 && form.minPerStratum === '' })}
          </Row>
          <Row id="sp-max" label="Cap per stratum" error={issues['strata.maxPerStratum']}>
            {text('sp-max', 'maxPerStratum', 'strata.maxPerStratum', { placeholder: 'none', disabled: form.strataFields.length === 0 && form.maxPerStratum === '' })}
          </Row>
        </div>
      </fieldset>

      <fieldset className="sp-group">
        <legend>Base draw and limits</legend>
        <div className="sp-pair">
          <Row id="sp-base-rate" label="Base rate" error={issues.baseRate} hint="Share of the rest, 0 to 1.">
            {text('sp-base-rate', 'baseRate', 'baseRate')}
          </Row>
          <Row id="sp-uncertainty" label="Uncertainty weight" error={issues.uncertaintyBoost} hint="0 = uniform.">
            {text('sp-uncertainty', 'uncertaintyBoost', 'uncertaintyBoost')}
          </Row>
          <Row id="sp-budget" label="Budget" error={issues.budget} hint="Total cap; empty = none.">
            {text('sp-budget', 'budget', 'budget', { placeholder: 'none' })}
          </Row>
          <Row id="sp-seed" label="Seed" error={issues.seed} hint="Same seed, same sample.">
            {text('sp-seed', 'seed', 'seed')}
          </Row>
        </div>
        <label className="sp-check sp-check--wide">
          <input
            type="checkbox"
            checked={form.onePerCluster}
            data-testid="sp-one-per-cluster"
            onChange={(e) => set('onePerCluster', e.target.checked)}
          />
          <span>
            One case per near-duplicate cluster
            <span className="sp-check-hint">Similar questions count once.</span>
          </span>
        </label>
      </fieldset>
    </form>
  );
}
