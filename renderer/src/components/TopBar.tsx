import type { ViewSpec } from '../views';
import { AuditBadge } from './AuditBadge';

interface Props {
  path: string;
  reviewer: string | null;
  auditVersion: number;
  locking: boolean;
  views: readonly ViewSpec[];
  viewId: string;
  onView: (id: string) => void;
  onIngest: () => void;
  onExport: () => void;
  onTerms: () => void;
  onLock: () => void;
  onShortcuts: () => void;
}

export function TopBar(props: Props) {
  return (
    <header className="topbar">
      <div className="topbar-identity">
        <span className="wordmark wordmark--small">Quarry</span>
        <code className="topbar-path" title={props.path} data-testid="workspace-path">
          {props.path}
        </code>
      </div>
      {props.views.length > 1 && (
        <nav className="topbar-views" aria-label="Views">
          {props.views.map((v) => (
            <button
              key={v.id}
              type="button"
              className="topbar-view"
              aria-current={v.id === props.viewId ? 'page' : undefined}
              onClick={() => props.onView(v.id)}
              data-testid={`view-${v.id}`}
            >
              {v.label}
            </button>
          ))}
        </nav>
      )}
      <div className="topbar-status">
        <AuditBadge version={props.auditVersion} />
        {props.reviewer && (
          <span className="topbar-reviewer" data-testid="reviewer-name">
            <span className="topbar-reviewer-label">Reviewer</span> {props.reviewer}
          </span>
        )}
      </div>
      <nav className="topbar-actions" aria-label="Workspace actions">
        <button type="button" className="btn" onClick={props.onIngest} data-testid="open-ingest">
          Ingest log…
        </button>
        <button type="button" className="btn" onClick={props.onExport} data-testid="export">
          Export golden set…
        </button>
        <span className="topbar-divider" aria-hidden="true" />
        <button type="button" className="btn btn--ghost" onClick={props.onTerms} data-testid="open-terms">
          Redaction lists
        </button>
        <button
          type="button"
          className="btn btn--ghost btn--icon"
          onClick={props.onShortcuts}
          aria-label="Keyboard shortcuts"
          title="Keyboard shortcuts (?)"
          data-testid="open-shortcuts"
        >
          ?
        </button>
        <button type="button" className="btn btn--ghost" onClick={props.onLock} disabled={props.locking} data-testid="lock">
          Lock
        </button>
      </nav>
    </header>
  );
}
