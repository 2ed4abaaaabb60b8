import { useState } from 'react';
import type { Output } from '../../../../preload/api';
import { formatDateTime, plural } from '../../format';

type AuditRetention = Output<'retention:overview'>['audit'];

interface Props {
  audit: AuditRetention;
  onSave: (days: number) => Promise<void>;
}

function asYears(days: number): string {
  const years = days / 365.25;
  return Number.isInteger(Math.round(years * 10) / 10) ? `${Math.round(years)} years` : `${years.toFixed(1)} years`;
}

/** The audit log's own retention period: six years unless changed, never less than a year. */
export function AuditRetentionCard({ audit, onSave }: Props) {
  const [draft, setDraft] = useState(String(audit.days));
  const [saving, setSaving] = useState(false);
  const [lastSaved, setLastSaved] = useState(audit.days);
  if (audit.days !== lastSaved) {
    setLastSaved(audit.days);
    setDraft(String(audit.days));
  }
  const days = Number(draft.trim());
  const valid = /^\d{3,5}$/.test(draft.trim()) && days >= audit.minDays;
  const dirty = valid && days !== audit.days;

  async function save() {
    setSaving(true);
    try {
      await onSave(days);
    } catch {
      // The screen shows the message.
    } finally {
      setSaving(false);
    }
  }

  return (
    <div className="rt-card" data-testid="retention-audit">
      <h2 className="rt-card-title">Audit log</h2>
      <form
        className="rt-period"
        onSubmit={(e) => {
          e.preventDefault();
          if (dirty) void save();
        }}
      >
        <input
          type="text"
          inputMode="numeric"
          value={draft}
          aria-label="Audit log retention, in days"
          aria-invalid={!valid}
          onChange={(e) => setDraft(e.target.value)}
          data-testid="retention-audit-input"
        />
        <span className="rt-unit">days ({asYears(audit.days)})</span>
        <button type="submit" className="btn btn--small" disabled={!dirty || saving} data-testid="retention-audit-save">
          {saving ? 'Saving…' : 'Save'}
        </button>
      </form>
      <p className="rt-card-note">
        Default {asYears(audit.defaultDays)} ({audit.defaultDays} days); at least {audit.minDays} days.{' '}
        {audit.oldestEntry ? `Oldest entry ${formatDateTime(audit.oldestEntry)}.` : 'No entries yet.'}
      </p>
      <p className="rt-card-note" data-testid="retention-audit-past">
        {audit.entriesPastRetention === 0
          ? 'No entry is older than the period.'
          : `${plural(audit.entriesPastRetention, 'entry', 'entries')} older than the period; due purges remove them up to the last signed checkpoint of the chain, which stays.`}
      </p>
    </div>
  );
}
