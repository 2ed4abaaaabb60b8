import { useVirtualizer } from '@tanstack/react-virtual';
import { useRef } from 'react';
import type { Output } from '../../../../preload/api';

type AuditRecord = Output<'audit:list'>['records'][number];

const ROW_HEIGHT = 36;

function time(ts: string): string {
  const d = new Date(ts);
  return `${d.toLocaleDateString(undefined, { year: 'numeric', month: 'short', day: '2-digit' })} ${d.toLocaleTimeString(undefined, { hour12: false })}`;
}

/** `{"case":3,"file":"…"}` as `case 3 · file …`: ids only, as stored. */
function objects(json: string): string {
  try {
    const parsed = JSON.parse(json) as Record<string, unknown>;
    return Object.entries(parsed)
      .map(([k, v]) => `${k} ${Array.isArray(v) ? (v.length > 4 ? `${v.slice(0, 4).join(', ')} +${v.length - 4}` : v.join(', ')) : String(v)}`)
      .join(' · ');
  } catch {
    return json;
  }
}

/** The audit entries, newest first, virtualised so a long log scrolls smoothly. */
export function AuditTable({ records, brokenAt }: { records: readonly AuditRecord[]; brokenAt: number | null }) {
  const scroller = useRef<HTMLDivElement>(null);
  // TanStack Virtual re-renders on scroll by design; this component is not compiler-memoised anyway.
  // eslint-disable-next-line react-hooks/incompatible-library
  const virtualizer = useVirtualizer({
    count: records.length,
    getScrollElement: () => scroller.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 12,
  });
  return (
    <div className="av-table" role="table" aria-label="Audit entries" aria-rowcount={records.length + 1} data-testid="audit-table">
      <div className="av-row av-row--head" role="row">
        <span role="columnheader">#</span>
        <span role="columnheader">Time</span>
        <span role="columnheader">Event</span>
        <span role="columnheader">Actor</span>
        <span role="columnheader">Role</span>
        <span role="columnheader">Objects</span>
        <span role="columnheader">Outcome</span>
        <span role="columnheader">Workstation</span>
        <span role="columnheader">Source</span>
      </div>
      <div className="av-scroll" ref={scroller} tabIndex={0} aria-label="Audit entries, scrollable">
        {records.length === 0 ? (
          <p className="av-empty" data-testid="audit-empty">
            No entries match these filters.
          </p>
        ) : (
          <div style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
            {virtualizer.getVirtualItems().map((item) => {
              const r = records[item.index]!;
              return (
                <div
                  key={r.seq}
                  role="row"
                  className={`av-row${r.seq === brokenAt ? ' av-row--broken' : ''}`}
                  style={{ position: 'absolute', top: 0, left: 0, right: 0, height: ROW_HEIGHT, transform: `translateY(${item.start}px)` }}
                  data-testid="audit-row"
                  data-seq={r.seq}
                  data-action={r.action}
                >
                  <span role="cell" className="av-num">
                    {r.seq}
                  </span>
                  <span role="cell" className="av-time" title={r.ts}>
                    {time(r.ts)}
                  </span>
                  <span role="cell" className="av-action">
                    {r.action}
                  </span>
                  <span role="cell" className="av-clip" title={r.actor}>
                    {r.actor}
                  </span>
                  <span role="cell">{r.role || '—'}</span>
                  <span role="cell" className="av-clip av-objects" title={r.objectIds}>
                    {objects(r.objectIds)}
                  </span>
                  <span role="cell">
                    <span className={`av-outcome av-outcome--${r.outcome}`}>{r.outcome}</span>
                  </span>
                  <span role="cell" className="av-clip" title={r.workstation}>
                    {r.workstation || '—'}
                  </span>
                  <span role="cell">{r.source || '—'}</span>
                </div>
              );
            })}
          </div>
        )}
      </div>
    </div>
  );
}
