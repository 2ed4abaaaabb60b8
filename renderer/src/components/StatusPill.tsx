import type { CaseStatus } from '../../../preload/api';

const TEXT: Record<CaseStatus, string> = { pending: 'Pending', accepted: 'Accepted', rejected: 'Rejected' };

export function StatusPill({ status }: { status: CaseStatus }) {
  return (
    <span className={`status status--${status}`} data-testid="case-status">
      {TEXT[status]}
    </span>
  );
}
