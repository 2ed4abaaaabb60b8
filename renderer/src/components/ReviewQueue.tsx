import { useCallback, useEffect, useRef, useState, type MouseEvent } from 'react';
import type { CaseDetail, Output } from '../../../preload/api';
import { call, userMessage } from '../quarry';
import { useShortcuts } from '../hooks/useShortcuts';
import { CaseList } from './CaseList';
import { CaseView } from './CaseView';
import { EmptyQueue } from './EmptyQueue';
import { AssignBar } from './queue/AssignBar';
import { QueueFilters } from './queue/QueueFilters';
import { QueueProgress } from './queue/QueueProgress';
import { withStatusChange } from './queue/counts-adjust';
import { forgetCase, prefetchCase } from './review/case-cache';
import { useQueueWindow, type QueueQuery, type QueueRow } from './queue/useQueueWindow';

interface Props {
  /** Changes whenever the set of cases may have changed outside this screen (an ingest). */
  version: number;
  /** The filter the queue opens with (another view opened it on a mining run); none by default. */
  initialFilter?: QueueQuery['filter'];
  onIngest: () => void;
  onDecided: () => void;
}

/** How long after the last decision or assignment the counts are refreshed. */
const COUNTS_PAUSE_MS = 400;

/** How many rows beyond the selection are fetched ahead while stepping. */
const LOOKAHEAD = 40;

/** PageDown / PageUp move the selection by this many cases. */
const PAGE_STEP = 10;

/** How long the selection rests before the next cases are read ahead: a turn, so a held j skips the reads. */
const PREFETCH_DELAY_MS = 0;

const START: QueueQuery = { filter: {}, sort: 'id', dir: 'asc' };

/** How far below the decided case to look, among rows already loaded, for the next pending one. */
const NEXT_PENDING_REACH = 300;

function emptyText(query: QueueQuery): string {
  const filter = query.filter ?? {};
  const others = Object.keys(filter).filter((k) => k !== 'status').length;
  if (others > 0) return 'No cases match these filters.';
  if (filter.status === 'pending') return 'Nothing pending. Every case has a decision.';
  if (filter.status === 'accepted') return 'No accepted cases yet.';
  if (filter.status === 'rejected') return 'No rejected cases yet.';
  return 'No cases.';
}

/**
 * The main screen: the queue on the left (filters, a virtual list of any length, assignment, team progress) and
 * the open case on the right, all driven from the keyboard: j/k (arrows, PageUp/PageDown, Home/End) move, x marks,
 * n names the reviewer for the marked cases, / searches.
 */
export function ReviewQueue({ version, initialFilter, onIngest, onDecided }: Props) {
  const [query, setQuery] = useState<QueueQuery>(() => (initialFilter ? { ...START, filter: initialFilter } : START));
  // Bumped after an assignment, so cached pages show the new assignees.
  const [assignVersion, setAssignVersion] = useState(0);
  const queue = useQueueWindow(query, `${version}.${assignVersion}`);
  const [selectedIndex, setSelectedIndex] = useState(0);
  // A case opened from the near-duplicates, shown in place of the selected one (`from`) until j/k or "Back".
  const [detour, setDetour] = useState<{ id: number; from: number } | null>(null);
  const [marked, setMarked] = useState<ReadonlySet<number>>(new Set());
  const anchor = useRef<number | null>(null);
  const [counts, setCounts] = useState<Output<'cases:counts'> | null>(null);
  const [facets, setFacets] = useState<Output<'cases:facets'> | null>(null);
  const [me, setMe] = useState<string | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [assigning, setAssigning] = useState(false);
  const [assignError, setAssignError] = useState<string | null>(null);
  const listRef = useRef<HTMLDivElement | null>(null);
  const searchRef = useRef<HTMLInputElement | null>(null);
  const assignRef = useRef<HTMLInputElement | null>(null);

  // Counting is left until the reviewer pauses: the main process answers one call at a time, and the next
  // case's fetch should not queue behind a count of the whole workspace. Several decisions share one refresh.
  const countsTimer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const refreshCounts = useCallback(() => {
    clearTimeout(countsTimer.current);
    countsTimer.current = setTimeout(() => {
      call('cases:counts', {}).then(setCounts, (error: unknown) => setLoadError(userMessage(error)));
    }, COUNTS_PAUSE_MS);
  }, []);
  useEffect(() => () => clearTimeout(countsTimer.current), []);

  // The first page of the list goes first: the main process answers one call at a time, and counting 100,000
  // cases must not hold back the rows. Counts, then filter choices, follow once rows are in (and per version).
  const rowsIn = queue.total !== null;
  const extrasFor = useRef<number | null>(null);
  useEffect(() => {
    if (!rowsIn || extrasFor.current === version) return;
    extrasFor.current = version;
    const failed = (error: unknown) => setLoadError(userMessage(error));
    call('workspace:status', {}).then((status) => setMe(status.reviewer), failed);
    call('cases:counts', {})
      .then((next) => {
        setCounts(next);
        return call('cases:facets', {});
      })
      .then(setFacets, failed);
  }, [version, rowsIn]);

  const total = queue.total ?? 0;
  const current = queue.rowAt(selectedIndex);

  const changeQuery = useCallback((next: QueueQuery) => {
    setQuery(next);
    setDetour(null);
    setSelectedIndex(0);
    anchor.current = null;
  }, []);

  // The cases the reviewer is likely to show next are read ahead (no view is recorded until one is shown), after
  // the open case's own call, so stepping draws at once.
  const heading = useRef(1);
  const currentId = current?.id;
  useEffect(() => {
    if (currentId === undefined) return;
    const ahead = [selectedIndex + heading.current, selectedIndex + 2 * heading.current];
    const timer = setTimeout(() => {
      for (const index of ahead) {
        const row = index >= 0 && index < total ? queue.rowAt(index) : undefined;
        if (row) prefetchCase(row.id);
      }
    }, PREFETCH_DELAY_MS);
    return () => clearTimeout(timer);
  }, [currentId, selectedIndex, total, queue]);

  function step(delta: number) {
    if (total === 0) return;
    heading.current = delta < 0 ? -1 : 1;
    if (detour) {
      // The first step leaves the opened near-duplicate for the queue's own selection.
      setDetour(null);
      return;
    }
    const next = Math.min(Math.max(selectedIndex + delta, 0), total - 1);
    // Ask for the window ahead early, so stepping through the queue rarely waits for a page.
    queue.ensure(next - LOOKAHEAD, Math.min(next + LOOKAHEAD, total - 1));
    setSelectedIndex(next);
  }

  const toggleMark = useCallback((index: number, id: number) => {
    anchor.current = index;
    setMarked((prev) => {
      const next = new Set(prev);
      if (!next.delete(id)) next.add(id);
      return next;
    });
  }, []);

  function select(index: number, event: MouseEvent) {
    const row = queue.rowAt(index);
    if (!row) return;
    if (event.shiftKey && anchor.current !== null) {
      const [from, to] = anchor.current < index ? [anchor.current, index] : [index, anchor.current];
      setMarked((prev) => {
        const next = new Set(prev);
        for (let i = from; i <= to; i += 1) {
          const id = queue.rowAt(i)?.id;
          if (id !== undefined) next.add(id);
        }
        return next;
      });
      return;
    }
    if (event.ctrlKey || event.metaKey) {
      toggleMark(index, row.id);
      return;
    }
    anchor.current = index;
    heading.current = 1;
    setDetour(null);
    setSelectedIndex(index);
  }

  /** Applies a case's new state to the cached row and, at once, to the counts. */
  function applyChange(detail: CaseDetail, change: Partial<QueueRow>) {
    const before = queue.findRow(detail.id);
    if (before && counts) setCounts(withStatusChange(counts, before.status, detail.status, detail.assignee));
    queue.patch(detail.id, change);
    refreshCounts();
  }

  function decided(detail: CaseDetail) {
    applyChange(detail, { status: detail.status, assignee: detail.assignee });
    if (detour) {
      // A near-duplicate was decided: back to the case it was opened from.
      setDetour(null);
      onDecided();
      return;
    }
    const filter = query.filter ?? {};
    if (filter.status !== 'accepted' && filter.status !== 'rejected') {
      for (let i = selectedIndex + 1; i < Math.min(total, selectedIndex + NEXT_PENDING_REACH); i += 1) {
        const row = queue.rowAt(i);
        if (!row) break;
        if (row.status === 'pending') {
          setSelectedIndex(i);
          break;
        }
      }
    }
    onDecided();
  }

  /** A row changed without a decision moving on (an undo, a missed-PII redaction). */
  function changed(detail: CaseDetail) {
    applyChange(detail, { status: detail.status, assignee: detail.assignee, findingCount: detail.findingCount, preview: detail.preview });
  }

  async function assign(reviewer: string | null) {
    setAssigning(true);
    setAssignError(null);
    try {
      await call('cases:assign', { ids: [...marked], reviewer });
      for (const id of marked) forgetCase(id);
      setMarked(new Set());
      setAssignVersion((n) => n + 1);
      refreshCounts();
      onDecided();
    } catch (error) {
      setAssignError(userMessage(error));
    } finally {
      setAssigning(false);
    }
  }

  const take = useCallback(async (count: number) => {
    setAssigning(true);
    setAssignError(null);
    try {
      const { ids } = await call('cases:claim', { count, filter: query.filter, sort: query.sort, dir: query.dir });
      for (const id of ids) forgetCase(id);
      setAssignVersion((n) => n + 1);
      refreshCounts();
      onDecided();
    } catch (error) {
      setAssignError(userMessage(error));
    } finally {
      setAssigning(false);
    }
  }, [query, refreshCounts, onDecided]);
  const onTake = useCallback((n: number) => void take(n), [take]);

  useShortcuts({
    j: () => step(1),
    k: () => step(-1),
    ArrowDown: () => step(1),
    ArrowUp: () => step(-1),
    PageDown: () => step(PAGE_STEP),
    PageUp: () => step(-PAGE_STEP),
    Home: () => step(-total),
    End: () => step(total),
    x: () => current && toggleMark(selectedIndex, current.id),
    '/': () => searchRef.current?.focus(),
    n: () => assignRef.current?.focus(),
  });

  const error = loadError ?? queue.error;
  if (error && counts === null && queue.total === null) {
    return (
      <main className="queue-message">
        <p role="alert" className="field-error">
          {error}
        </p>
      </main>
    );
  }
  if (counts === null && queue.total === null) return <main className="queue-message" aria-busy="true" />;
  if (counts?.total === 0) return <EmptyQueue onIngest={onIngest} />;

  const shown = queue.total;
  return (
    <main className="queue">
      <nav className="queue-pane" aria-label="Case queue">
        <QueueFilters query={query} onChange={changeQuery} counts={counts} facets={facets} searchRef={searchRef} />
        <div className="queue-listhead">
          <span data-testid="queue-total">
            {shown === null ? 'Loading…' : `${shown.toLocaleString()} ${shown === 1 ? 'case' : 'cases'}`}
            {shown !== null && shown > 0 && ` · ${(Math.min(selectedIndex, shown - 1) + 1).toLocaleString()} of ${shown.toLocaleString()}`}
          </span>
          {error && (
            <span className="field-error" role="alert">
              {error}
            </span>
          )}
        </div>
        {marked.size > 0 && (
          <AssignBar
            count={marked.size}
            me={me}
            reviewers={counts?.reviewers.map((r) => r.reviewer) ?? []}
            busy={assigning}
            error={assignError}
            onAssign={(reviewer) => void assign(reviewer)}
            onClear={() => setMarked(new Set())}
            nameRef={assignRef}
          />
        )}
        <CaseList
          queue={queue}
          selectedIndex={selectedIndex}
          marked={marked}
          onSelect={select}
          onToggleMark={toggleMark}
          emptyText={emptyText(query)}
          listRef={listRef}
        />
        <QueueProgress counts={counts} me={me} taking={assigning} onTake={onTake} />
        {marked.size === 0 && assignError && (
          <p className="field-error queue-take-error" role="alert" data-testid="assign-error">
            {assignError}
          </p>
        )}
      </nav>
      {current ? (
        <CaseView
          key={detour?.id ?? current.id}
          id={detour?.id ?? current.id}
          onDecided={decided}
          onLeaveField={() => listRef.current?.focus()}
          onChanged={changed}
          openedFrom={detour?.from}
          onBack={() => setDetour(null)}
          onOpenCase={(id) => {
            setDetour(id === current.id ? null : { id, from: current.id });
            listRef.current?.focus();
          }}
        />
      ) : (
        <section className="case-view case-view--message" data-testid="case-detail">
          <p>{shown === 0 ? 'No case to show.' : 'Loading…'}</p>
        </section>
      )}
    </main>
  );
}
