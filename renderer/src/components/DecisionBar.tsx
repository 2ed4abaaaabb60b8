import type { RefObject } from 'react';
import type { ReviewDecision, ReviewDraft, ReviewRecord, ReviewState } from '../../../preload/contract/review-actions';
import { formatDateTime } from '../format';
import type { DraftUpdate } from './review/draft';

interface Props {
  review: ReviewState;
  draft: ReviewDraft;
  update: DraftUpdate;
  busy: ReviewDecision | 'undo' | null;
  error: string | null;
  expectedRef: RefObject<HTMLTextAreaElement | null>;
  onAccept: () => void;
  onReject: () => void;
  onSkip: () => void;
  onUndo: () => void;
  /** Where the keyboard goes when the reviewer leaves the field with Escape. */
  onLeaveField: () => void;
}

const VERB: Record<ReviewDecision, string> = { accept: 'accepted', reject: 'rejected', skip: 'skipped' };

function describe(record: ReviewRecord, who: string): string {
  return `${who} ${VERB[record.decision]}${record.reasonCode ? ` (${record.reasonCode})` : ''}`;
}

/** One line on where the case stands, written so a reviewer never sees another's decision before their own. */
function stateLine(review: ReviewState): string {
  const { mine, others, adjudication, status, requiredReviews, submitted } = review;
  if (adjudication) return `Adjudicated: ${describe(adjudication, adjudication.reviewer)} · ${formatDateTime(adjudication.createdAt)}`;
  const parts: string[] = [];
  if (mine) parts.push(`${describe(mine, 'You')} · ${formatDateTime(mine.createdAt)}`);
  for (const other of others) parts.push(describe(other, other.reviewer));
  if (status === 'disputed') parts.push('the reviews disagree: awaiting adjudication');
  else if (status === 'pending' && mine && submitted < requiredReviews) parts.push(`waiting for ${requiredReviews - submitted} more blind review`);
  if (parts.length === 0) return requiredReviews > 1 ? 'Not yet decided · needs two blind reviews' : 'Not yet decided';
  return parts.join(' · ');
}

/**
 * The verdict: the reference answer (what a correct response does), then accept, reject with a reason, skip or
 * undo. The buttons mirror the keys a, r, s and u; the case view owns the keys.
 */
export function DecisionBar({ review, draft, update, busy, error, expectedRef, onAccept, onReject, onSkip, onUndo, onLeaveField }: Props) {
  return (
    <div className="decision">
      <div className="decision-field">
        <label htmlFor="expected-input">
          Expected behaviour · reference answer <kbd>E</kbd>
        </label>
        <textarea
          id="expected-input"
          ref={expectedRef}
          value={draft.expected}
          maxLength={20000}
          rows={3}
          placeholder="What should a correct response do? Note facts, tone, and anything it must not say."
          onChange={(e) => update((d) => ({ ...d, expected: e.target.value }))}
          onKeyDown={(e) => {
            if (e.key !== 'Escape') return;
            e.preventDefault();
            e.currentTarget.blur();
            onLeaveField();
          }}
          aria-describedby={error ? 'decision-error' : undefined}
          data-testid="expected-input"
        />
        <div className="decision-meta">
          {error ? (
            <p id="decision-error" className="field-error" role="alert" data-testid="decision-error">
              {error}
            </p>
          ) : (
            <p className="decision-state" data-testid="decision-state">
              {stateLine(review)}
            </p>
          )}
        </div>
      </div>
      <div className="decision-actions decision-actions--grid">
        <button type="button" className="btn btn--accept" disabled={busy !== null} onClick={onAccept} data-testid="accept">
          {busy === 'accept' ? 'Accepting…' : 'Accept'} <kbd>A</kbd>
        </button>
        <button type="button" className="btn btn--reject" disabled={busy !== null} onClick={onReject} data-testid="reject">
          {busy === 'reject' ? 'Rejecting…' : 'Reject'} <kbd>R</kbd>
        </button>
        <button type="button" className="btn" disabled={busy !== null} onClick={onSkip} data-testid="skip">
          Skip <kbd>S</kbd>
        </button>
        <button type="button" className="btn btn--ghost" disabled={busy !== null} onClick={onUndo} data-testid="undo">
          Undo <kbd>U</kbd>
        </button>
      </div>
    </div>
  );
}
