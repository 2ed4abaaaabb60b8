import { useEffect, useRef, useState } from 'react';
import type { CaseDetail, CaseStatus, CaseSummary } from '../../../preload/api';
import { call, userMessage } from '../quarry';
import { useShortcuts } from '../hooks/useShortcuts';
import { CaseList } from './CaseList';
import { CaseView } from './CaseView';
import { EmptyQueue } from './EmptyQueue';

type Filter = 'all' | CaseStatus;

const FILTERS: { value: Filter; label: string }[] = [
  { value: 'all', label: 'All' },
  { value: 'pending', label: 'Pending' },
  { value: 'accepted', label: 'Accepted' },
  { value: 'rejected', label: 'Rejected' },
];

const EMPTY_FILTER_TEXT: Record<Filter, string> = {
  all: 'No cases.',
  pending: 'Nothing pending. Every case has a decision.',
  accepted: 'No accepted cases yet.',
  rejected: 'No rejected cases yet.',
};

interface Props {
  /** Changes whenever the set of cases may have changed outside this screen (an ingest). */
  version: number;
  onIngest: () => void;
  onDecided: () => void;
}

/** The first pending case after `fromId` in queue order, wrapping around; `fromId` itself never counts. */
function nextPending(cases: CaseSummary[], fromId: number): CaseSummary | undefined {
  const start = cases.findIndex((c) => c.id === fromId);
  const ordered = [...cases.slice(start + 1), ...cases.slice(0, Math.max(start, 0))];
  return ordered.find((c) => c.status === 'pending' && c.id !== fromId);
}

/** The main screen: the queue on the left, the open case on the right, driven from the keyboard. */
export function ReviewQueue({ version, onIngest, onDecided }: Props) {
  const [cases, setCases] = useState<CaseSummary[] | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [filter, setFilter] = useState<Filter>('all');
  const [selectedId, setSelectedId] = useState<number | null>(null);
  const listRef = useRef<HTMLDivElement>(null);

  useEffect(() => {
    let live = true;
    call('cases:list', {}).then(
      (list) => {
        if (!live) return;
        setCases(list);
        setLoadError(null);
        setSelectedId((current) =>
          current !== null && list.some((c) => c.id === current)
            ? current
            : (list.find((c) => c.status === 'pending') ?? list[0])?.id ?? null,
        );
      },
      (error: unknown) => live && setLoadError(userMessage(error)),
    );
    return () => {
      live = false;
    };
  }, [version]);

  const visible = cases === null ? [] : filter === 'all' ? cases : cases.filter((c) => c.status === filter);

  function step(delta: 1 | -1) {
    if (visible.length === 0) return;
    const index = visible.findIndex((c) => c.id === selectedId);
    const next = index < 0 ? 0 : Math.min(Math.max(index + delta, 0), visible.length - 1);
    setSelectedId(visible[next]!.id);
  }

  function chooseFilter(next: Filter) {
    setFilter(next);
    const shown = cases?.filter((c) => next === 'all' || c.status === next) ?? [];
    if (!shown.some((c) => c.id === selectedId)) setSelectedId(shown[0]?.id ?? null);
  }

  function decided(detail: CaseDetail) {
    if (cases === null) return;
    const following = filter === 'accepted' || filter === 'rejected' ? undefined : nextPending(cases, detail.id);
    setCases(cases.map((c) => (c.id === detail.id ? { ...c, status: detail.status } : c)));
    if (following) setSelectedId(following.id);
    onDecided();
  }

  useShortcuts({
    j: () => step(1),
    k: () => step(-1),
    ArrowDown: () => step(1),
    ArrowUp: () => step(-1),
  });

  if (loadError) {
    return (
      <main className="queue-message">
        <p role="alert" className="field-error">
          {loadError}
        </p>
      </main>
    );
  }
  if (cases === null) return <main className="queue-message" aria-busy="true" />;
  if (cases.length === 0) return <EmptyQueue onIngest={onIngest} />;

  const counts: Record<Filter, number> = { all: cases.length, pending: 0, accepted: 0, rejected: 0 };
  for (const c of cases) counts[c.status] += 1;
  const open = selectedId !== null && cases.some((c) => c.id === selectedId) ? selectedId : null;

  return (
    <main className="queue">
      <nav className="queue-pane" aria-label="Case queue">
        <div className="filters" role="group" aria-label="Filter cases by status">
          {FILTERS.map(({ value, label }) => (
            <button
              key={value}
              type="button"
              aria-pressed={filter === value}
              className="filter"
              onClick={() => chooseFilter(value)}
              data-testid={`filter-${value}`}
            >
              {label} <span className="filter-count">{counts[value]}</span>
            </button>
          ))}
        </div>
        <CaseList
          cases={visible}
          selectedId={open}
          onSelect={setSelectedId}
          emptyText={EMPTY_FILTER_TEXT[filter]}
          listRef={listRef}
        />
      </nav>
      {open !== null ? (
        <CaseView key={open} id={open} onDecided={decided} onLeaveField={() => listRef.current?.focus()} />
      ) : (
        <section className="case-view case-view--message" data-testid="case-detail">
          <p>Select a case to review it.</p>
        </section>
      )}
    </main>
  );
}
