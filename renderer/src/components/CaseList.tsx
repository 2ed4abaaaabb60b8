import { useEffect, useRef, type Ref } from 'react';
import type { CaseSummary, Slices } from '../../../preload/api';
import { RedactedText } from './RedactedText';
import { SignalBadges } from './SignalBadges';
import { StatusPill } from './StatusPill';

interface Props {
  cases: CaseSummary[];
  selectedId: number | null;
  onSelect: (id: number) => void;
  emptyText: string;
  listRef: Ref<HTMLDivElement>;
}

function sliceLine(slices: Slices): string {
  return [slices.tier, slices.intent, slices.language].filter(Boolean).join(' · ');
}

/**
 * The queue as a listbox: one tab stop, the selection moves with j/k or the arrows (handled by the review
 * screen), and the open case is announced as the active option.
 */
export function CaseList({ cases, selectedId, onSelect, emptyText, listRef }: Props) {
  const items = useRef(new Map<number, HTMLDivElement>());

  useEffect(() => {
    if (selectedId !== null) items.current.get(selectedId)?.scrollIntoView({ block: 'nearest' });
  }, [selectedId]);

  if (cases.length === 0) {
    return (
      <div className="case-list case-list--empty" data-testid="case-list">
        <p>{emptyText}</p>
      </div>
    );
  }

  return (
    <div
      ref={listRef}
      className="case-list"
      role="listbox"
      aria-label="Cases"
      tabIndex={0}
      aria-activedescendant={selectedId !== null ? `case-${selectedId}` : undefined}
      data-testid="case-list"
    >
      {cases.map((summary) => (
        <div
          key={summary.id}
          id={`case-${summary.id}`}
          ref={(el) => {
            if (el) items.current.set(summary.id, el);
            else items.current.delete(summary.id);
          }}
          role="option"
          aria-selected={summary.id === selectedId}
          className="case-item"
          data-testid="case-item"
          data-case-id={summary.id}
          data-status={summary.status}
          onClick={() => onSelect(summary.id)}
        >
          <div className="case-item-head">
            <span className="case-item-id">#{summary.id}</span>
            <StatusPill status={summary.status} />
            <span className="case-item-slices">{sliceLine(summary.slices)}</span>
          </div>
          <p className="case-item-preview">
            <RedactedText text={summary.preview} />
          </p>
          <SignalBadges signals={summary.signals} />
        </div>
      ))}
    </div>
  );
}
