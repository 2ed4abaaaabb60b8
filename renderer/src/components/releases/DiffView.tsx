import { useEffect, useState } from 'react';
import type { ReleaseDiffCase, ReleaseDiffDto, ReleaseSummaryDto } from '../../../../preload/contract/releases';
import { plural } from '../../format';
import { call, userMessage } from '../../quarry';
import { STATE_LABEL, formatCount, versionLabel } from './release-format';

interface Props {
  /** The set's releases, newest first. */
  releases: readonly ReleaseSummaryDto[];
}

type Bucket = 'added' | 'removed' | 'changed' | 'unchanged';

const BUCKETS: ReadonlyArray<{ id: Bucket; label: string; detail: string }> = [
  { id: 'added', label: 'Added', detail: 'in the newer release only' },
  { id: 'removed', label: 'Removed', detail: 'in the older release only' },
  { id: 'changed', label: 'Changed', detail: 'same case, different frozen record' },
  { id: 'unchanged', label: 'Unchanged', detail: 'identical frozen record' },
];

/** Cases listed per bucket before "show all". */
const SHOWN = 60;

/** A regression that was dropped or changed breaks the freeze: it must never happen, so it is shouted. */
const breaksFreeze = (bucket: Bucket, c: ReleaseDiffCase) => c.regression && (bucket === 'removed' || bucket === 'changed');

function CaseChips({ bucket, cases }: { bucket: Bucket; cases: readonly ReleaseDiffCase[] }) {
  const [all, setAll] = useState(false);
  const shown = all ? cases : cases.slice(0, SHOWN);
  if (cases.length === 0) return <p className="rl-muted">None.</p>;
  return (
    <>
      <ul className="rl-chips">
        {shown.map((c) => (
          <li
            key={c.caseId}
            className={`rl-chip${c.regression ? ' rl-chip--regression' : ''}${breaksFreeze(bucket, c) ? ' rl-chip--broken' : ''}`}
            title={c.regression ? (breaksFreeze(bucket, c) ? 'A frozen regression was dropped or changed' : 'Regression case') : 'Golden case'}
            data-testid="rl-diff-case"
            data-bucket={bucket}
            data-case-id={c.caseId}
            data-regression={c.regression}
          >
            #{c.caseId}
            {c.regression && <span className="rl-chip-flag">{breaksFreeze(bucket, c) ? 'regression changed' : 'regression'}</span>}
          </li>
        ))}
      </ul>
      {cases.length > SHOWN && (
        <button type="button" className="btn btn--ghost btn--small" onClick={() => setAll((a) => !a)} data-testid={`rl-diff-more-${bucket}`}>
          {all ? 'Show fewer' : `Show all ${formatCount(cases.length)}`}
        </button>
      )}
    </>
  );
}

/**
 * What changed between two releases of a set: counts of added, removed, changed and unchanged cases (by frozen
 * record hash), each case listed with regressions flagged; a dropped or changed regression is shown as an error.
 */
export function DiffView({ releases }: Props) {
  const ordered = [...releases].sort((a, b) => a.version - b.version);
  const [toId, setToId] = useState<number | null>(ordered.at(-1)?.id ?? null);
  const [fromId, setFromId] = useState<number | null>(ordered.at(-2)?.id ?? null);
  const [diff, setDiff] = useState<ReleaseDiffDto | null>(null);
  const [error, setError] = useState<string | null>(null);

  const from = ordered.find((r) => r.id === fromId);
  const to = ordered.find((r) => r.id === toId);
  const valid = from && to && from.version < to.version;

  useEffect(() => {
    if (!valid) return;
    let live = true;
    call('releases:diff', { from: from.id, to: to.id }).then(
      (next) => live && (setDiff(next), setError(null)),
      (e: unknown) => live && (setDiff(null), setError(userMessage(e))),
    );
    return () => {
      live = false;
    };
  }, [valid, from?.id, to?.id]);

  if (ordered.length < 2) {
    return (
      <p className="rl-empty" data-testid="rl-diff-empty">
        A comparison needs two releases of this set. Create the next release to compare it with {ordered[0] ? versionLabel(ordered[0].version) : 'the first'}.
      </p>
    );
  }

  const option = (r: ReleaseSummaryDto) => (
    <option key={r.id} value={r.id}>
      {versionLabel(r.version)} · {STATE_LABEL[r.state].toLowerCase()}
    </option>
  );
  const current = valid && diff && diff.from.id === from.id && diff.to.id === to.id ? diff : null;
  const broken = current ? [...current.removed, ...current.changed].filter((c) => c.regression).length : 0;
  const regressionsIn = (bucket: Bucket) => (current ? current[bucket].filter((c) => c.regression).length : 0);

  return (
    <section className="rl-diff" aria-label="Compare releases" data-testid="rl-diff">
      <div className="rl-diff-pick">
        <label>
          <span>From</span>
          <select value={fromId ?? ''} onChange={(e) => setFromId(Number(e.target.value))} data-testid="rl-diff-from">
            {ordered.map(option)}
          </select>
        </label>
        <span className="rl-diff-arrow" aria-hidden="true">
          →
        </span>
        <label>
          <span>To</span>
          <select value={toId ?? ''} onChange={(e) => setToId(Number(e.target.value))} data-testid="rl-diff-to">
            {ordered.map(option)}
          </select>
        </label>
        {!valid && <p className="field-error">Choose an older release on the left and a newer one on the right.</p>}
      </div>

      {error && (
        <p className="rl-message rl-message--error" role="alert" data-testid="rl-diff-error">
          {error}
        </p>
      )}
      {current && (
        <>
          {broken > 0 ? (
            <p className="rl-message rl-message--error" role="alert" data-testid="rl-diff-freeze">
              {plural(broken, 'frozen regression')} of {versionLabel(current.from.version)} {broken === 1 ? 'was' : 'were'} dropped or changed in{' '}
              {versionLabel(current.to.version)}.
            </p>
          ) : (
            <p className="rl-message rl-message--ok" data-testid="rl-diff-freeze">
              Every regression of {versionLabel(current.from.version)} is in {versionLabel(current.to.version)} unchanged.
            </p>
          )}
          <div className="rl-diff-tiles">
            {BUCKETS.map((b) => (
              <div key={b.id} className={`rl-tile rl-tile--${b.id}`} data-testid={`rl-diff-count-${b.id}`}>
                <span className="rl-tile-label">{b.label}</span>
                <span className="rl-tile-value">{formatCount(current.counts[b.id])}</span>
                <span className="rl-tile-detail">
                  {regressionsIn(b.id) > 0 ? `${plural(regressionsIn(b.id), 'regression')} · ` : ''}
                  {b.detail}
                </span>
              </div>
            ))}
          </div>
          {BUCKETS.map((b) => (
            <section key={b.id} className="rl-diff-bucket" data-testid={`rl-diff-${b.id}`}>
              <h3 className="rl-section">
                {b.label} <span className="rl-section-count">{formatCount(current.counts[b.id])}</span>
              </h3>
              <CaseChips bucket={b.id} cases={current[b.id]} />
            </section>
          ))}
        </>
      )}
    </section>
  );
}
