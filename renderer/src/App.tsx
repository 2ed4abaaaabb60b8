import { useCallback, useEffect, useState } from 'react';
import type { WorkspaceStatus } from '../../preload/api';
import { call, userMessage } from './quarry';
import { UnlockScreen } from './components/UnlockScreen';
import { Workspace } from './components/Workspace';

/** How soon the screen follows an idle lock that main applied. */
const STATUS_POLL_MS = 5000;

type Boot = { state: 'loading' } | { state: 'failed'; message: string } | { state: 'ready'; status: WorkspaceStatus };

export function App() {
  const [boot, setBoot] = useState<Boot>({ state: 'loading' });
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    let live = true;
    call('workspace:status', {}).then(
      (status) => live && setBoot({ state: 'ready', status }),
      (error: unknown) => live && setBoot({ state: 'failed', message: userMessage(error) }),
    );
    return () => {
      live = false;
    };
  }, [attempt]);

  const onStatus = useCallback((status: WorkspaceStatus) => setBoot({ state: 'ready', status }), []);

  // Main locks an idle workspace by itself; this poll notices and returns to the unlock screen. The status
  // channel does not count as activity, so polling cannot keep a session open.
  const unlocked = boot.state === 'ready' && boot.status.unlocked;
  useEffect(() => {
    if (!unlocked) return;
    const timer = setInterval(() => {
      call('workspace:status', {}).then(
        (status) => {
          if (!status.unlocked) setBoot({ state: 'ready', status });
        },
        () => undefined,
      );
    }, STATUS_POLL_MS);
    return () => clearInterval(timer);
  }, [unlocked]);

  if (boot.state === 'loading') return <div className="boot" aria-busy="true" />;
  if (boot.state === 'failed') {
    return (
      <main className="boot boot--failed">
        <p role="alert" data-testid="boot-error">
          {boot.message}
        </p>
        <button
          type="button"
          className="btn"
          onClick={() => {
            setBoot({ state: 'loading' });
            setAttempt((n) => n + 1);
          }}
        >
          Try again
        </button>
      </main>
    );
  }
  return boot.status.unlocked ? (
    <Workspace status={boot.status} onStatus={onStatus} />
  ) : (
    <UnlockScreen status={boot.status} onUnlocked={onStatus} />
  );
}
