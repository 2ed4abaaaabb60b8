import { useState } from 'react';
import type { Output } from '../../../../preload/api';
import { formatDateTime } from '../../format';

type Source = Output<'retention:overview'>['sources'][number];

/** The contract's bounds for a period: one day to a hundred years. */
const MAX_DAYS = 36_500;

interface Props {
  sources: readonly Source[];
  /** Rejects with the user-facing error (shown by the screen) when the period is refused. */
  onSave: (source: string, days: number | null) => Promise<void>;
}

/** One row per source: what raw text it still holds, since when, its period (editable) and the next purge. */
export function SourceTable({ sources, onSave }: Props) {
  if (sources.length === 0) {
    return (
      <p className="rt-empty" data-testid="retention-no-sources">
        No source yet. Sources appear here after their first ingest; each can then be given a retention period.
      </p>
    );
  }
  return (
    <div className="data-table-wrap">
      <table className="data-table rt-table" data-testid="retention-sources">
        <thead>
          <tr>
            <th scope="col">Source</th>
            <th scope="col" className="num">
              Raw records
            </th>
            <th scope="col" className="num">
              Past period
            </th>
            <th scope="col" className="num">
              Purged
            </th>
            <th scope="col">Oldest raw record</th>
            <th scope="col">Period</th>
            <th scope="col">Next purge</th>
          </tr>
        </thead>
        <tbody>
          {sources.map((s) => (
            <SourceRow key={s.source} source={s} onSave={onSave} />
          ))}
        </tbody>
      </table>
    </div>
  );
}

function SourceRow({ source, onSave }: { source: Source; onSave: Props['onSave'] }) {
  const saved = source.rawDays === null ? '' : String(source.rawDays);
  const [draft, setDraft] = useState(saved);
  const [saving, setSaving] = useState(false);
  const [lastSaved, setLastSaved] = useState(saved);
  if (saved !== lastSaved) {
    // The stored period changed (saved here or elsewhere): show it.
    setLastSaved(saved);
    setDraft(saved);
  }
  const trimmed = draft.trim();
  const valid = trimmed === '' || (/^\d{1,5}$/.test(trimmed) && Number(trimmed) >= 1 && Number(trimmed) <= MAX_DAYS);
  const dirty = trimmed !== saved;

  async function save() {
    setSaving(true);
    try {
      await onSave(source.source, trimmed === '' ? null : Number(trimmed));
    } catch {
      // The screen shows the message; keep the draft for correcting.
    } finally {
      setSaving(false);
    }
  }

  return (
    <tr data-testid="retention-source" data-source={source.source}>
      <th scope="row" className="mono">
        {source.source}
      </th>
      <td className="num" data-testid="retention-raw-rows">
        {source.rawRows}
      </td>
      <td className={source.dueRows > 0 ? 'num rt-due-cell' : 'num'} data-testid="retention-due-rows">
        {source.dueRows}
      </td>
      <td className="num">{source.purgedRows}</td>
      <td>{source.oldest ? formatDateTime(source.oldest) : <span className="rt-none">—</span>}</td>
      <td>
        <form
          className="rt-period"
          onSubmit={(e) => {
            e.preventDefault();
            if (valid && dirty) void save();
          }}
        >
          <input
            type="text"
            inputMode="numeric"
            value={draft}
            placeholder="none"
            aria-label={`Retention period for ${source.source}, in days`}
            aria-invalid={!valid}
            title={valid ? undefined : `A whole number of days from 1 to ${MAX_DAYS}, or empty for no period`}
            onChange={(e) => setDraft(e.target.value)}
            data-testid="retention-period-input"
          />
          <span className="rt-unit">days</span>
          <button type="submit" className="btn btn--small" disabled={!valid || !dirty || saving} data-testid="retention-period-save">
            {saving ? 'Saving…' : 'Save'}
          </button>
        </form>
      </td>
      <td data-testid="retention-next-purge">
        {source.rawDays === null ? (
          <span className="rt-none">Kept until purged by hand</span>
        ) : source.nextPurge ? (
          formatDateTime(source.nextPurge)
        ) : (
          <span className="rt-none">Nothing stored</span>
        )}
      </td>
    </tr>
  );
}
