import { memo, useState } from 'react';
import type { Output } from '../../../../preload/api';

/**
 * The team's progress at the foot of the queue: for each reviewer holding cases, how many of them are decided,
 * how many pending cases nobody holds yet, and "take the next N" for the signed-in reviewer.
 */
type Counts = Output<'cases:counts'>;

const TAKE_SIZES = [10, 25, 50, 100];

interface Props {
  counts: Counts | null;
  me: string | null;
  taking: boolean;
  onTake: (count: number) => void;
}

export const QueueProgress = memo(function QueueProgress({ counts, me, taking, onTake }: Props) {
  const [size, setSize] = useState(25);
  return (
    <section className="queue-progress" aria-label="Reviewer progress" data-testid="queue-progress">
      <div className="queue-progress-head">
        <h3>Progress</h3>
        <span className="queue-progress-free" data-testid="unassigned-count">
          {counts ? `${counts.unassignedPending.toLocaleString()} pending unassigned` : ''}
        </span>
      </div>
      {counts && counts.reviewers.length > 0 ? (
        <ul className="queue-reviewers">
          {counts.reviewers.map(({ reviewer, assigned, decided }) => (
            <li key={reviewer} data-testid="reviewer-progress" data-reviewer={reviewer}>
              <span className="queue-reviewer-name">
                {reviewer}
                {reviewer === me && <span className="queue-reviewer-you"> (you)</span>}
              </span>
              <span className="queue-bar" aria-hidden="true">
                <span style={{ width: `${assigned ? (100 * decided) / assigned : 0}%` }} />
              </span>
              <span className="queue-reviewer-count">
                {decided.toLocaleString()}/{assigned.toLocaleString()}
              </span>
            </li>
          ))}
        </ul>
      ) : (
        <p className="queue-progress-none">No cases are assigned yet.</p>
      )}
      <div className="queue-take">
        <button
          type="button"
          className="btn btn--small"
          disabled={taking || !counts?.unassignedPending}
          onClick={() => onTake(size)}
          title="Assigns you the first pending, unassigned cases of the list as it is filtered and sorted now"
          data-testid="take-next"
        >
          {taking ? 'Assigning…' : `Assign next ${size} to me`}
        </button>
        <select className="queue-take-size" value={size} onChange={(e) => setSize(Number(e.target.value))} aria-label="How many to take" data-testid="take-size">
          {TAKE_SIZES.map((n) => (
            <option key={n} value={n}>
              {n}
            </option>
          ))}
        </select>
        <span className="queue-take-note">first unassigned in this view</span>
      </div>
    </section>
  );
});
