import { useEffect, useEffectEvent, useRef, useState, type KeyboardEvent } from 'react';
import type { DirListing } from '../../../preload/api';
import { basename, formatBytes } from '../format';
import { call, userMessage } from '../quarry';

interface Props {
  /** Where to start; the main process picks a default when absent. */
  startDir?: string;
  onDirChange: (dir: string) => void;
  onChoose: (path: string) => void;
  /** Opens the field-mapping screen for the selected file, when given. */
  onMap?: (path: string) => void;
}

type Load = { state: 'loading' } | { state: 'failed'; message: string } | { state: 'ready'; listing: DirListing };

/** What ingest reads: JSON lines, JSON documents and CSV, plain or gzip-compressed (main offers only these). */
const isLog = (name: string) => /\.(jsonl|ndjson|json|csv)(\.gz)?$/i.test(name);

function byKindThenName(a: DirListing['entries'][number], b: DirListing['entries'][number]): number {
  if (a.kind !== b.kind) return a.kind === 'dir' ? -1 : 1;
  return a.name.localeCompare(b.name, undefined, { numeric: true, sensitivity: 'base' });
}

/**
 * An in-app file picker over the main process's `files:browse`: the renderer never touches the file system.
 * A first click or Enter on a log selects it, a second one ingests it.
 */
export function FileBrowser({ startDir, onDirChange, onChoose, onMap }: Props) {
  const [dir, setDir] = useState(startDir);
  const [load, setLoad] = useState<Load>({ state: 'loading' });
  const [selected, setSelected] = useState<string | null>(null);
  const list = useRef<HTMLUListElement>(null);
  const reportDir = useEffectEvent(onDirChange);

  useEffect(() => {
    let live = true;
    call('files:browse', dir === undefined ? {} : { dir }).then(
      (listing) => {
        if (!live) return;
        setLoad({ state: 'ready', listing });
        reportDir(listing.dir);
      },
      (error: unknown) => live && setLoad({ state: 'failed', message: userMessage(error) }),
    );
    return () => {
      live = false;
    };
  }, [dir]);

  useEffect(() => {
    if (load.state === 'ready') list.current?.querySelector('button')?.focus();
  }, [load]);

  function open(next: string) {
    setSelected(null);
    setLoad({ state: 'loading' });
    setDir(next);
  }

  // Arrow keys walk the entries and Backspace goes up, as in a desktop file dialog.
  function onKeyDown(event: KeyboardEvent<HTMLUListElement>) {
    const buttons = [...(list.current?.querySelectorAll('button') ?? [])];
    const index = buttons.indexOf(document.activeElement as HTMLButtonElement);
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault();
      const next = event.key === 'ArrowDown' ? Math.min(index + 1, buttons.length - 1) : Math.max(index - 1, 0);
      buttons[next]?.focus();
    } else if (event.key === 'Backspace' && load.state === 'ready' && load.listing.parent) {
      event.preventDefault();
      open(load.listing.parent);
    }
  }

  const listing = load.state === 'ready' ? load.listing : null;
  const entries = listing ? [...listing.entries].sort(byKindThenName) : [];

  return (
    <div className="browser">
      <div className="browser-path" title={listing?.dir ?? dir}>
        <span className="browser-path-label">Folder</span>
        <code data-testid="browse-dir">{listing?.dir ?? dir ?? '…'}</code>
      </div>

      {load.state === 'failed' && (
        <div className="browser-error">
          <p className="field-error" role="alert" data-testid="browse-error">
            {load.message}
          </p>
          {dir !== undefined && (
            <button type="button" className="btn btn--small" onClick={() => setDir(undefined)}>
              Go to the default folder
            </button>
          )}
        </div>
      )}

      <ul className="browser-list" ref={list} onKeyDown={onKeyDown} aria-busy={load.state === 'loading'} aria-label="Files">
        {listing?.parent && (
          <li>
            <button type="button" className="file file--up" onClick={() => open(listing.parent!)} data-testid="file-parent">
              <span className="file-icon" aria-hidden="true">↰</span>
              <span className="file-name">..</span>
              <span className="file-meta">Parent folder</span>
            </button>
          </li>
        )}
        {entries.map((entry) => {
          const usable = entry.kind === 'dir' || isLog(entry.name);
          return (
            <li key={entry.path}>
              <button
                type="button"
                className={`file file--${entry.kind}`}
                aria-disabled={!usable}
                aria-pressed={entry.kind === 'file' && usable ? selected === entry.path : undefined}
                title={usable ? entry.path : 'Only .jsonl, .ndjson, .json and .csv logs (or their .gz) can be ingested'}
                onClick={() => {
                  if (entry.kind === 'dir') open(entry.path);
                  else if (!usable) return;
                  else if (selected === entry.path) onChoose(entry.path);
                  else setSelected(entry.path);
                }}
                data-testid="file-entry"
                data-name={entry.name}
                data-kind={entry.kind}
              >
                <span className="file-icon" aria-hidden="true">
                  {entry.kind === 'dir' ? '▸' : '≡'}
                </span>
                <span className="file-name">{entry.name}</span>
                <span className="file-meta">{entry.kind === 'dir' ? 'Folder' : formatBytes(entry.size)}</span>
              </button>
            </li>
          );
        })}
        {listing && entries.length === 0 && <li className="browser-empty">This folder is empty.</li>}
      </ul>

      <footer className="browser-foot">
        <p className="browser-hint">
          {selected ? (
            <>
              Ready to ingest <strong>{basename(selected)}</strong>
            </>
          ) : (
            'Choose a .jsonl, .json or .csv log (or its .gz). Press Enter twice or double-click to ingest.'
          )}
        </p>
        {onMap && (
          <button type="button" className="btn" disabled={!selected} onClick={() => selected && onMap(selected)} data-testid="ingest-map">
            Map fields…
          </button>
        )}
        <button
          type="button"
          className="btn btn--primary"
          disabled={!selected}
          onClick={() => selected && onChoose(selected)}
          data-testid="ingest-run"
        >
          Ingest
        </button>
      </footer>
    </div>
  );
}
