import { useCallback, useEffect, useMemo, useState } from 'react';
import type { ExportResult, WorkspaceStatus } from '../../../preload/api';
import { AccessContext, DEFAULT_VIEW_ROLES, mayFor } from '../access';
import { plural } from '../format';
import { useShortcuts } from '../hooks/useShortcuts';
import { call, userMessage } from '../quarry';
import { AccountsDialog } from './accounts/AccountsDialog';
import { CheatSheet } from './CheatSheet';
import { DEFAULT_EXPORT_PROFILE, ExportDialog, type ExportProfileId } from './ExportDialog';
import { IngestDialog } from './IngestDialog';
import { Notice, type NoticeData } from './Notice';
import { forgetReviewSettings } from './review/settings-cache';
import { TermsDialog } from './TermsDialog';
import { TopBar } from './TopBar';
import type { QueueFilter, QueueOpening } from '../queue-opening';
import { VIEWS } from '../views';

interface Props {
  status: WorkspaceStatus;
  onStatus: (status: WorkspaceStatus) => void;
}

/** The unlocked app: top bar with the view tabs, the current view, and the dialogs laid over them. */
export function Workspace({ status, onStatus }: Props) {
  const [ingestOpen, setIngestOpen] = useState(false);
  const [shortcutsOpen, setShortcutsOpen] = useState(false);
  const [browseDir, setBrowseDir] = useState<string>();
  // Bumped when something outside the queue changes the cases, or anything lands in the audit log.
  const [casesVersion, setCasesVersion] = useState(0);
  const [auditVersion, setAuditVersion] = useState(0);
  const [notice, setNotice] = useState<NoticeData | null>(null);
  const [exportOpen, setExportOpen] = useState(false);
  // Remembered for the session: a team usually exports with one profile.
  const [exportProfile, setExportProfile] = useState<ExportProfileId>(DEFAULT_EXPORT_PROFILE);
  const [termsOpen, setTermsOpen] = useState(false);
  const [locking, setLocking] = useState(false);
  const [accountsOpen, setAccountsOpen] = useState(false);
  const may = useMemo(() => mayFor(status), [status]);
  // Only the tabs the signed-in role may use; an auditor starts on the audit view.
  const views = useMemo(() => VIEWS.filter((v) => status.role && (v.roles ?? DEFAULT_VIEW_ROLES).includes(status.role)), [status.role]);
  const [viewId, setViewId] = useState(views[0]?.id ?? '');
  const view = views.find((v) => v.id === viewId) ?? views[0];
  // A view may open the review queue with a filter (an alert's mining run); a tab chosen by hand opens it plain.
  const [queueOpening, setQueueOpening] = useState<QueueOpening | null>(null);
  const hasQueue = views.some((v) => v.id === 'review');
  const openQueue = useCallback((filter: QueueFilter) => {
    // A new seq opens the queue afresh even when it is already showing.
    setQueueOpening((prev) => ({ filter, seq: (prev?.seq ?? 0) + 1 }));
    setViewId('review');
  }, []);
  const chooseView = useCallback(
    (id: string) => {
      if (id !== view?.id) setQueueOpening(null);
      setViewId(id);
    },
    [view?.id],
  );

  const touchAudit = useCallback(() => setAuditVersion((n) => n + 1), []);
  const onIngested = useCallback(() => {
    setCasesVersion((n) => n + 1);
    touchAudit();
  }, [touchAudit]);
  const openIngest = useCallback(() => setIngestOpen(true), []);

  // Settings are read afresh by the next session (another account, another workspace state).
  useEffect(() => forgetReviewSettings, []);
  useShortcuts({ '?': () => setShortcutsOpen(true) });

  function onExported(result: ExportResult) {
    setExportOpen(false);
    setNotice({
      tone: 'success',
      text: `Exported ${plural(result.count, 'accepted case')} to ${result.path}`,
      testId: 'export-result',
    });
    touchAudit();
  }

  async function lock() {
    setLocking(true);
    try {
      onStatus(await call('workspace:lock', {}));
    } catch (error) {
      setLocking(false);
      setNotice({ tone: 'error', text: userMessage(error), testId: 'lock-error' });
    }
  }

  return (
    <AccessContext.Provider value={may}>
    <div className="workspace">
      <TopBar
        path={status.path}
        reviewer={status.reviewer}
        role={status.role}
        auditVersion={auditVersion}
        locking={locking}
        views={views}
        viewId={view?.id ?? ''}
        onView={chooseView}
        onIngest={() => setIngestOpen(true)}
        onExport={() => setExportOpen(true)}
        onTerms={() => setTermsOpen(true)}
        onAccounts={() => setAccountsOpen(true)}
        onLock={() => void lock()}
        onShortcuts={() => setShortcutsOpen(true)}
      />
      {notice && <Notice notice={notice} onDismiss={() => setNotice(null)} />}
      {view?.render({ casesVersion, onAudited: touchAudit, onCasesChanged: onIngested, openIngest, openQueue: hasQueue ? openQueue : undefined, queueOpening })}
      {ingestOpen && (
        <IngestDialog
          startDir={browseDir}
          onDirChange={setBrowseDir}
          onIngested={onIngested}
          onClose={() => setIngestOpen(false)}
        />
      )}
      {exportOpen && (
        <ExportDialog
          profile={exportProfile}
          onProfileChange={setExportProfile}
          onExported={onExported}
          onClose={() => setExportOpen(false)}
        />
      )}
      {termsOpen && <TermsDialog onChanged={touchAudit} onClose={() => setTermsOpen(false)} />}
      {shortcutsOpen && <CheatSheet onClose={() => setShortcutsOpen(false)} />}
      {accountsOpen && (
        <AccountsDialog
          onChanged={touchAudit}
          onStatus={onStatus}
          onClose={() => setAccountsOpen(false)}
        />
      )}
    </div>
    </AccessContext.Provider>
  );
}
