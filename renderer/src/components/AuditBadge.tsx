import { useEffect, useRef, useState } from 'react';
import type { AuditStatus } from '../../../preload/api';
import { plural } from '../format';
import { call, userMessage } from '../quarry';

/** Verification walks the whole chain; a burst of decisions should cost one walk, not one each. */
const SETTLE_MS = 800;

type State = { state: 'checking' } | { state: 'failed'; message: string } | { state: 'done'; audit: AuditStatus };

/** Re-verifies the audit hash chain and its signed checkpoints whenever `version` changes and shows the verdict. */
export function AuditBadge({ version }: { version: number }) {
  const [result, setResult] = useState<State>({ state: 'checking' });
  const first = useRef(true);

  useEffect(() => {
    let live = true;
    const delay = first.current ? 0 : SETTLE_MS;
    first.current = false;
    const timer = setTimeout(() => {
      call('audit:verify', {}).then(
        (audit) => live && setResult({ state: 'done', audit }),
        (error: unknown) => live && setResult({ state: 'failed', message: userMessage(error) }),
      );
    }, delay);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [version]);

  if (result.state === 'checking') {
    return (
      <span className="audit audit--checking" data-testid="audit-badge" data-state="checking">
        Verifying audit chain…
      </span>
    );
  }
  if (result.state === 'failed') {
    return (
      <span className="audit audit--unknown" title={result.message} data-testid="audit-badge" data-state="unknown">
        Audit chain not verified
      </span>
    );
  }
  const { audit } = result;
  return audit.ok ? (
    <span
      className="audit audit--ok"
      title={
        audit.lastCheckpoint
          ? `Hash chain intact; last signed checkpoint at entry #${audit.lastCheckpoint.seq}, ${new Date(audit.lastCheckpoint.ts).toLocaleString()}`
          : 'Hash chain intact; no signed checkpoint yet'
      }
      data-testid="audit-badge"
      data-state="ok"
    >
      Audit OK · {plural(audit.entries, 'entry', 'entries')}
    </span>
  ) : (
    <span
      className="audit audit--broken"
      role="alert"
      title={audit.reason ?? undefined}
      data-testid="audit-badge"
      data-state="broken"
    >
      Audit chain broken at #{audit.firstBroken ?? '?'}
    </span>
  );
}
