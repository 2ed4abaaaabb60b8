import { useVirtualizer } from '@tanstack/react-virtual';
import { memo, useEffect, useRef, type MouseEvent, type Ref } from 'react';
import type { Slices } from '../../../preload/api';
import type { QueueRow, QueueWindow } from './queue/useQueueWindow';
import { RedactedText } from './RedactedText';
import { SignalBadges } from './SignalBadges';
import { StatusPill } from './StatusPill';

/** Every row is this tall, so the list can place row 90,000 without measuring the 89,999 above it. */
export const ROW_HEIGHT = 100;

interface Props {
  queue: QueueWindow;
  selectedIndex: number;
  marked: ReadonlySet<number>;
  onSelect: (index: number, event: MouseEvent) => void;
  onToggleMark: (index: number, id: number) => void;
  emptyText: string;
  listRef: Ref<HTMLDivElement>;
}

function sliceLine(slices: Slices): string {
  return [slices.tier, slices.intent, slices.language].filter(Boolean).join(' · ');
}

interface RowProps {
  row: QueueRow;
  index: number;
  marked: boolean;
  onToggleMark: Props['onToggleMark'];
}

const CaseRow = memo(function CaseRow({ row, index, marked, onToggleMark }: RowProps) {
  return (
    <>
      <div className="case-item-head">
        <button
          type="button"
          tabIndex={-1}
          className="case-mark"
          role="checkbox"
          aria-checked={marked}
          aria-label={`Mark case ${row.id}`}
          data-testid="case-mark"
          onClick={(event) => {
            event.stopPropagation();
            onToggleMark(index, row.id);
          }}
        />
        <span className="case-item-id">#{row.id}</span>
        <StatusPill status={row.status} />
        {row.assignee && (
          <span className="case-item-assignee" title={`Assigned to ${row.assignee}`} data-testid="case-assignee">
            {row.assignee}
          </span>
        )}
        <span className="case-item-slices">{sliceLine(row.slices)}</span>
      </div>
      <p className="case-item-preview">
        <RedactedText text={row.preview} />
      </p>
      <SignalBadges signals={row.signals} compact />
    </>
  );
});

/**
 * The queue as a listbox of any length: only the rows in view (plus a margin) are in the DOM, their pages are
 * fetched as they come into view, and rows not yet arrived show as quiet placeholders. One tab stop; the
 * selection moves with j/k or the arrows (handled by the review screen) and is the active option.
 */
export function CaseList({ queue, selectedIndex, marked, onSelect, onToggleMark, emptyText, listRef }: Props) {
  const scroller = useRef<HTMLDivElement | null>(null);
  const total = queue.total ?? 0;
  // TanStack Virtual re-renders on scroll by design; this component is not compiler-memoised anyway.
  // eslint-disable-next-line react-hooks/incompatible-library
  const virtualizer = useVirtualizer({
    count: total,
    getScrollElement: () => scroller.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 8,
  });
  const items = virtualizer.getVirtualItems();
  const first = items[0]?.index ?? 0;
  const last = items[items.length - 1]?.index ?? 0;

  useEffect(() => {
    if (total > 0) queue.ensure(first, last);
  }, [queue, first, last, total]);

  useEffect(() => {
    if (selectedIndex >= 0 && selectedIndex < total) virtualizer.scrollToIndex(selectedIndex, { align: 'auto' });
  }, [virtualizer, selectedIndex, total]);

  if (queue.total === 0) {
    return (
      <div className="case-list case-list--empty" data-testid="case-list">
        <p>{emptyText}</p>
      </div>
    );
  }

  const selectedRow = queue.rowAt(selectedIndex);
  return (
    <div
      ref={(el) => {
        scroller.current = el;
        if (typeof listRef === 'function') listRef(el);
        else if (listRef) listRef.current = el;
      }}
      className="case-list"
      role="listbox"
      aria-label="Cases"
      aria-busy={queue.total === null}
      tabIndex={0}
      aria-activedescendant={selectedRow ? `case-${selectedRow.id}` : undefined}
      data-testid="case-list"
      data-total={queue.total ?? undefined}
    >
      <div className="case-list-space" style={{ height: virtualizer.getTotalSize() }}>
        {items.map((item) => {
          const row = queue.rowAt(item.index);
          const style = { transform: `translateY(${item.start}px)`, height: ROW_HEIGHT };
          if (!row) {
            return <div key={`pending-${item.index}`} className="case-item case-item--loading" style={style} aria-hidden="true" data-index={item.index} />;
          }
          const selected = item.index === selectedIndex;
          return (
            <div
              key={row.id}
              id={`case-${row.id}`}
              role="option"
              aria-selected={selected}
              aria-posinset={item.index + 1}
              aria-setsize={total}
              className={marked.has(row.id) ? 'case-item case-item--marked' : 'case-item'}
              style={style}
              data-testid="case-item"
              data-case-id={row.id}
              data-index={item.index}
              data-status={row.status}
              onClick={(event) => onSelect(item.index, event)}
            >
              <CaseRow row={row} index={item.index} marked={marked.has(row.id)} onToggleMark={onToggleMark} />
            </div>
          );
        })}
      </div>
    </div>
  );
}
