import { useEffect, useState } from 'react';
import type { DirListing } from '../../../../preload/api';
import { formatBytes } from '../../format';
import { call, userMessage } from '../../quarry';

interface Props {
  /** `file`: pick one file the filter accepts; `folder`: pick the folder being shown. */
  mode: 'file' | 'folder';
  /** Which files can be picked (file mode) or are shown for orientation (folder mode). */
  accept?: (name: string) => boolean;
  /** The chosen file, or the folder (folder mode: whichever folder is open). */
  onPick: (path: string | null) => void;
  picked: string | null;
  testId: string;
}

type Load = { state: 'loading' } | { state: 'failed'; message: string } | { state: 'ready'; listing: DirListing };

/**
 * A compact in-app picker over main's `files:browse` (the same channel the ingest dialog uses): the renderer
 * never touches the file system. In folder mode the open folder is the choice; in file mode a click picks a file.
 */
export function PathPicker({ mode, accept = () => true, onPick, picked, testId }: Props) {
  const [dir, setDir] = useState<string | undefined>(undefined);
  const [load, setLoad] = useState<Load>({ state: 'loading' });

  useEffect(() => {
    let live = true;
    call('files:browse', dir === undefined ? {} : { dir }).then(
      (listing) => {
        if (!live) return;
        setLoad({ state: 'ready', listing });
        if (mode === 'folder') onPick(listing.dir);
      },
      (error: unknown) => live && setLoad({ state: 'failed', message: userMessage(error) }),
    );
    return () => {
      live = false;
    };
    // onPick is the parent's setter; following the folder is what matters here.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [dir, mode]);

  function open(next: string | undefined) {
    setLoad({ state: 'loading' });
    if (mode === 'file') onPick(null);
    setDir(next);
  }

  const listing = load.state === 'ready' ? load.listing : null;
  const entries = listing
    ? [...listing.entries].sort((a, b) => (a.kind === b.kind ? a.name.localeCompare(b.name, undefined, { numeric: true }) : a.kind === 'dir' ? -1 : 1))
    : [];

  return (
    <div className="rl-picker" data-testid={testId}>
      <div className="rl-picker-path">
        <span className="rl-picker-label">{mode === 'folder' ? 'Folder' : 'Looking in'}</span>
        <code title={listing?.dir ?? ''} data-testid={`${testId}-dir`}>
          {listing?.dir ?? '…'}
        </code>
      </div>
      {load.state === 'failed' && (
        <p className="field-error" role="alert">
          {load.message}{' '}
          <button type="button" className="btn btn--ghost btn--small" onClick={() => open(undefined)}>
            Go to the default folder
          </button>
        </p>
      )}
      <ul className="rl-picker-list" aria-busy={load.state === 'loading'} aria-label="Files and folders">
        {listing?.parent && (
          <li>
            <button type="button" className="rl-picker-entry" onClick={() => open(listing.parent!)} data-testid={`${testId}-parent`}>
              <span aria-hidden="true">↰</span>
              <span className="rl-picker-name">..</span>
              <span className="rl-picker-meta">Parent folder</span>
            </button>
          </li>
        )}
        {entries.map((entry) => {
          const usable = entry.kind === 'dir' || (mode === 'file' && accept(entry.name));
          const shown = entry.kind === 'dir' || accept(entry.name);
          if (!shown) return null;
          return (
            <li key={entry.path}>
              <button
                type="button"
                className="rl-picker-entry"
                aria-pressed={entry.kind === 'file' && mode === 'file' ? picked === entry.path : undefined}
                disabled={!usable}
                onClick={() => (entry.kind === 'dir' ? open(entry.path) : onPick(entry.path))}
                data-testid={`${testId}-entry`}
                data-name={entry.name}
                data-kind={entry.kind}
              >
                <span aria-hidden="true">{entry.kind === 'dir' ? '▸' : '≡'}</span>
                <span className="rl-picker-name">{entry.name}</span>
                <span className="rl-picker-meta">{entry.kind === 'dir' ? 'Folder' : formatBytes(entry.size)}</span>
              </button>
            </li>
          );
        })}
        {listing && entries.filter((e) => e.kind === 'dir' || accept(e.name)).length === 0 && (
          <li className="rl-picker-empty">{mode === 'file' ? 'No matching files in this folder.' : 'No subfolders.'}</li>
        )}
      </ul>
    </div>
  );
}
