import type { Role } from '../../../preload/api';
import { ROLE_LABEL, useMay } from '../access';
import type { ViewSpec } from '../views';
import { AuditBadge } from './AuditBadge';

interface Props {
  path: string;
  reviewer: string | null;
  role: Role | null;
  auditVersion: number;
  locking: boolean;
  views: readonly ViewSpec[];
  viewId: string;
  onView: (id: string) => void;
  onIngest: () => void;
  onExport: () => void;
  onTerms: () => void;
  onAccounts: () => void;
  onLock: () => void;
  onShortcuts: () => void;
}

/** Views, who is signed in and as what, and the actions the signed-in role may take (the rest are not shown). */
export function TopBar(props: Props) {
  const may = useMay();
  const work = may('ingest:run') || may('export:golden');
  const manage = may('terms:list') || may('accounts:list');
  return (
    <header className="topbar">
      <div className="topbar-identity" title={`Workspace: ${props.path}`} data-testid="workspace-path">
        <span className="wordmark wordmark--small">Quarry</span>
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
        {may('audit:verify') && <AuditBadge version={props.auditVersion} />}
        {props.reviewer && (
          <span className="topbar-reviewer" title={props.reviewer} data-testid="reviewer-name">
            <span className="topbar-reviewer-label" data-testid="session-role">
              {props.role ? ROLE_LABEL[props.role] : 'Reviewer'}
            </span>{' '}
            {props.reviewer}
          </span>
        )}
      </div>
      <nav className="topbar-actions" aria-label="Workspace actions">
        {may('ingest:run') && (
          <button type="button" className="btn" onClick={props.onIngest} data-testid="open-ingest">
            Ingest log…
          </button>
        )}
        {may('export:golden') && (
          <button type="button" className="btn" onClick={props.onExport} data-testid="export">
            Export…
          </button>
        )}
        {work && manage && <span className="topbar-divider" aria-hidden="true" />}
        {may('terms:list') && (
          <button type="button" className="btn btn--ghost" onClick={props.onTerms} data-testid="open-terms">
            Redaction
          </button>
        )}
        {may('accounts:list') && (
          <button type="button" className="btn btn--ghost" onClick={props.onAccounts} data-testid="open-accounts">
            Accounts
          </button>
        )}
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
