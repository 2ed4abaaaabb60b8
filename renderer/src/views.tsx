import type { ReactNode } from 'react';
import type { Role } from '../../preload/api';
import { AuditView } from './components/audit/AuditView';
import { DashboardScreen } from './components/dashboard/DashboardScreen';
import { IngestRuns } from './components/ingest/IngestRuns';
import { ReleasesScreen } from './components/releases/ReleasesScreen';
import { ReviewQueue } from './components/ReviewQueue';
import { RetentionScreen } from './components/retention/RetentionScreen';
import { AgreementView } from './components/review/AgreementView';
import { SamplingScreen } from './components/sampling/SamplingScreen';
import type { QueueFilter, QueueOpening } from './queue-opening';

/** What the workspace hands every top-level view. */
export interface ViewProps {
  /** Bumped when something outside the view changed the cases (an ingest, a sampling run). */
  casesVersion: number;
  /** Call after anything that writes to the audit log, so the chain badge re-checks. */
  onAudited: () => void;
  /** Call after anything that adds or changes cases, so other views reload. */
  onCasesChanged: () => void;
  openIngest: () => void;
  /**
   * Switches to the Review tab with this filter applied and shown in its filter bar. Absent when the signed-in
   * role has no Review tab (an auditor): hide whatever would call it.
   */
  openQueue?: (filter: QueueFilter) => void;
  /** The filter the Review tab was last opened with by openQueue; null once a tab is chosen by hand. */
  queueOpening: QueueOpening | null;
}

export interface ViewSpec {
  id: string;
  label: string;
  /** Who sees the tab; without it, admin and reviewer (renderer/src/access.ts). */
  roles?: readonly Role[];
  render: (props: ViewProps) => ReactNode;
}

/**
 * The workspace's top-level views, in tab order; the first is the default. Each area adds one entry here and
 * keeps its screen in its own components.
 */
export const VIEWS: readonly ViewSpec[] = [
  {
    id: 'review',
    label: 'Review',
    render: (p) => <ReviewQueue key={p.queueOpening?.seq ?? 0} version={p.casesVersion} initialFilter={p.queueOpening?.filter} onIngest={p.openIngest} onDecided={p.onAudited} />,
  },
  { id: 'sampling', label: 'Sampling', render: (p) => <SamplingScreen casesVersion={p.casesVersion} onAudited={p.onAudited} onCasesChanged={p.onCasesChanged} /> },
  { id: 'agreement', label: 'Agreement', render: (p) => <AgreementView version={p.casesVersion} onAudited={p.onAudited} onCasesChanged={p.onCasesChanged} /> },
  { id: 'ingest', label: 'Ingest', render: (p) => <IngestRuns version={p.casesVersion} onIngest={p.openIngest} onCasesChanged={p.onCasesChanged} onAudited={p.onAudited} /> },
  { id: 'audit', label: 'Audit', roles: ['admin', 'auditor'], render: (p) => <AuditView onAudited={p.onAudited} /> },
  { id: 'releases', label: 'Releases', roles: ['admin', 'reviewer', 'auditor'], render: (p) => <ReleasesScreen casesVersion={p.casesVersion} onAudited={p.onAudited} /> },
  { id: 'dashboard', label: 'Dashboard', roles: ['admin', 'reviewer', 'auditor'], render: (p) => <DashboardScreen casesVersion={p.casesVersion} onAudited={p.onAudited} onCasesChanged={p.onCasesChanged} openIngest={p.openIngest} openQueue={p.openQueue} /> },
  { id: 'retention', label: 'Retention', roles: ['admin'], render: (p) => <RetentionScreen onAudited={p.onAudited} /> },
];
