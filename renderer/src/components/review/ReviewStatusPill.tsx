import type { ReviewStatus } from '../../../../preload/contract/review-actions';

const TEXT: Record<ReviewStatus, string> = { pending: 'Pending', accepted: 'Accepted', rejected: 'Rejected', disputed: 'Disputed' };

/** The case's status as the reviews make it, including "disputed" (awaiting adjudication). */
export function ReviewStatusPill({ status }: { status: ReviewStatus }) {
  return (
    <span className={`status status--${status}`} data-testid="case-status">
      {TEXT[status]}
    </span>
  );
}
