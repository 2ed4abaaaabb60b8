import type { ReactNode } from 'react';
import { ReviewQueue } from './components/ReviewQueue';

/** What the workspace hands every top-level view. */
export interface ViewProps {
  /** Bumped when something outside the view changed the cases (an ingest, a sampling run). */
  casesVersion: number;
  /** Call after anything that writes to the audit log, so the chain badge re-checks. */
  onAudited: () => void;
  /** Call after anything that adds or changes cases, so other views reload. */
  onCasesChanged: () => void;
  openIngest: () => void;
}

export interface ViewSpec {
  id: string;
  label: string;
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
    render: (p) => <ReviewQueue version={p.casesVersion} onIngest={p.openIngest} onDecided={p.onAudited} />,
  },
];
