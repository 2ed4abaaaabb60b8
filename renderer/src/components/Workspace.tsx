import { useCallback, useState } from 'react';
import type { WorkspaceStatus } from '../../../preload/api';
import { plural } from '../format';
import { useShortcuts } from '../hooks/useShortcuts';
import { call, userMessage } from '../quarry';
import { CheatSheet } from './CheatSheet';
import { IngestDialog } from './IngestDialog';
import { Notice, type NoticeData } from './Notice';
import { ReviewQueue } from './ReviewQueue';
import { TopBar } from './TopBar';

interface Props {
  status: WorkspaceStatus;
  onStatus: (status: WorkspaceStatus) => void;
}

/** The unlocked app: top bar, review queue, and the dialogs laid over them. */
export function Workspace({ status, onStatus }: Props) {
  const [ingestOpen, setIngestOpen] = useState(false);
  const [shortcutsOpen, setShortcutsOpen] = useState(false);
  const [browseDir, setBrowseDir] = useState<string>();
  // Bumped when something outside the queue changes the cases, or anything lands in the audit log.
  const [casesVersion, setCasesVersion] = useState(0);
  const [auditVersion, setAuditVersion] = useState(0);
  const [notice, setNotice] = useState<NoticeData | null>(null);
  const [exporting, setExporting] = useState(false);
  const [locking, setLocking] = useState(false);

  const touchAudit = useCallback(() => setAuditVersion((n) => n + 1), []);
  const onIngested = useCallback(() => {
    setCasesVersion((n) => n + 1);
    touchAudit();
  }, [touchAudit]);

  useShortcuts({ '?': () => setShortcutsOpen(true) });

  async function exportGolden() {
    setExporting(true);
    try {
      const result = await call('export:golden', {});
      setNotice({
        tone: 'success',
        text: `Exported ${plural(result.count, 'accepted case')} to ${result.path}`,
        testId: 'export-result',
      });
      touchAudit();
    } catch (error) {
      setNotice({ tone: 'error', text: userMessage(error), testId: 'export-result' });
    } finally {
      setExporting(false);
    }
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
    <div className="workspace">
      <TopBar
        path={status.path}
        reviewer={status.reviewer}
        auditVersion={auditVersion}
        exporting={exporting}
        locking={locking}
        onIngest={() => setIngestOpen(true)}
        onExport={() => void exportGolden()}
        onLock={() => void lock()}
        onShortcuts={() => setShortcutsOpen(true)}
      />
      {notice && <Notice notice={notice} onDismiss={() => setNotice(null)} />}
      <ReviewQueue version={casesVersion} onIngest={() => setIngestOpen(true)} onDecided={touchAudit} />
      {ingestOpen && (
        <IngestDialog
          startDir={browseDir}
          onDirChange={setBrowseDir}
          onIngested={onIngested}
          onClose={() => setIngestOpen(false)}
        />
      )}
      {shortcutsOpen && <CheatSheet onClose={() => setShortcutsOpen(false)} />}
    </div>
  );
}
