import { memo, useEffect, useState, type Ref } from 'react';
import type { Output } from '../../../../preload/api';
import { SIGNAL_NAMES } from './signal-names';
import type { QueueQuery } from './useQueueWindow';

/**
 * The queue's filter bar: status chips with their counts, then assignee, failure signal, slice, mining run,
 * category, sort and a search over the de-identified previews. Every control changes the query at once
 * (the search after a short pause), and the list starts again from its first case.
 */
type Filter = NonNullable<QueueQuery['filter']>;
type Counts = Output<'cases:counts'>;
type Facets = Output<'cases:facets'>;

const CATEGORY_NAMES: Record<NonNullable<Filter['category']>, string> = {
  'happy-path': 'Happy path',
  'edge-case': 'Edge case',
  adversarial: 'Adversarial',
  drift: 'Drift',
};

const SLICE_NAMES = { tier: 'Tier', intent: 'Intent', language: 'Language', model: 'Model', product_area: 'Product area' } as const;

const SORT_NAMES: Record<QueueQuery['sort'] & string, string> = {
  id: 'Sort: queue order',
  severity: 'Sort: signal severity',
  findings: 'Sort: findings',
  ingested: 'Sort: ingest time',
};

const STATUSES = [
  { value: undefined, label: 'All', testId: 'filter-all' },
  { value: 'pending', label: 'Pending', testId: 'filter-pending' },
  { value: 'accepted', label: 'Accepted', testId: 'filter-accepted' },
  { value: 'rejected', label: 'Rejected', testId: 'filter-rejected' },
] as const;

const NONE = '\u0000none';

interface Props {
  query: QueueQuery;
  onChange: (query: QueueQuery) => void;
  counts: Counts | null;
  facets: Facets | null;
  /** Focus lands here when the reviewer presses `/`. */
  searchRef: Ref<HTMLInputElement>;
}

function encodeAssignee(value: Filter['assignee']): string {
  if (value === undefined) return '';
  return typeof value === 'string' ? value : `name:${value.name}`;
}

function decodeAssignee(value: string): Filter['assignee'] {
  if (value === '') return undefined;
  if (value === 'me' || value === 'unassigned') return value;
  return { name: value.slice('name:'.length) };
}

function sliceValue(slice: Filter['slice']): string {
  return slice ? JSON.stringify([slice.field, slice.value]) : '';
}

export const QueueFilters = memo(function QueueFilters({ query, onChange, counts, facets, searchRef }: Props) {
  const filter = query.filter ?? {};
  const [search, setSearch] = useState(filter.text ?? '');
  const set = (change: Partial<Filter>) => {
    const next: Filter = { ...filter, ...change };
    for (const name of Object.keys(next) as (keyof Filter)[]) if (next[name] === undefined) delete next[name];
    onChange({ ...query, filter: next });
  };

  useEffect(() => {
    const text = search.trim();
    if (text === (filter.text ?? '')) return;
    const timer = setTimeout(() => set({ text: text || undefined }), 250);
    return () => clearTimeout(timer);
  });

  const reviewers = [...new Set([...(counts?.reviewers.map((r) => r.reviewer) ?? []), ...(filter.assignee && typeof filter.assignee === 'object' ? [filter.assignee.name] : [])])];
  const active = Object.keys(filter).filter((k) => k !== 'status').length;
  // A filter set from outside (another view opened the queue on it) shows at once, before the choices load.
  const run = facets?.runs.find((r) => r.id === filter.runId);
  const runMissing = filter.runId !== undefined && !run;
  const runLabel = (r: NonNullable<typeof run>) => `#${r.id} ${r.policyName} v${r.policyVersion} · ${r.picked.toLocaleString()} picked`;
  const sliceValues = filter.slice && facets?.slices[filter.slice.field];
  // A field whose cases all lack a value has no group of options below.
  const sliceMissing = filter.slice !== undefined && !(sliceValues?.some((v) => v.value !== null) && sliceValues.some((v) => v.value === filter.slice!.value));

  return (
    <div className="queue-filters">
      <div className="filters" role="group" aria-label="Filter cases by status">
        {STATUSES.map(({ value, label, testId }) => (
          <button
            key={label}
            type="button"
            aria-pressed={filter.status === value}
            className="filter"
            onClick={() => set({ status: value })}
            data-testid={testId}
          >
            {label} <span className="filter-count">{counts ? (value ? (counts.byStatus[value] ?? 0) : counts.total).toLocaleString() : '–'}</span>
          </button>
        ))}
      </div>
      <div className="queue-search">
        <input
          ref={searchRef}
          type="search"
          value={search}
          maxLength={200}
          placeholder="Search previews, or #id"
          aria-label="Search the de-identified previews"
          onChange={(e) => setSearch(e.target.value)}
          onKeyDown={(e) => {
            if (e.key === 'Escape') e.currentTarget.blur();
          }}
          data-testid="queue-search"
        />
        <kbd aria-hidden="true">/</kbd>
        {active > 0 && (
          <button
            type="button"
            className="btn btn--ghost btn--small queue-clear"
            onClick={() => {
              setSearch('');
              onChange({ ...query, filter: filter.status ? { status: filter.status } : {} });
            }}
            title={`${active} filter${active === 1 ? '' : 's'} on`}
            data-testid="filter-clear"
          >
            Clear filters
          </button>
        )}
      </div>
      <div className="queue-selects">
        <select
          value={encodeAssignee(filter.assignee)}
          onChange={(e) => set({ assignee: decodeAssignee(e.target.value) })}
          aria-label="Assignee"
          data-active={filter.assignee !== undefined}
          data-testid="filter-assignee"
        >
          <option value="">Any assignee</option>
          <option value="me">Assigned to me</option>
          <option value="unassigned">Unassigned</option>
          {reviewers.map((name) => (
            <option key={name} value={`name:${name}`}>
              {name}
            </option>
          ))}
        </select>
        <select
          value={filter.signal ?? ''}
          onChange={(e) => set({ signal: (e.target.value || undefined) as Filter['signal'] })}
          aria-label="Failure signal"
          data-active={filter.signal !== undefined}
          data-testid="filter-signal"
        >
          <option value="">Any signal</option>
          {Object.entries(SIGNAL_NAMES).map(([value, name]) => (
            <option key={value} value={value}>
              {name}
            </option>
          ))}
        </select>
        <select
          value={sliceValue(filter.slice)}
          onChange={(e) => {
            if (!e.target.value) return set({ slice: undefined });
            const [field, value] = JSON.parse(e.target.value) as [keyof typeof SLICE_NAMES, string | null];
            set({ slice: { field, value } });
          }}
          aria-label="Slice"
          data-active={filter.slice !== undefined}
          data-testid="filter-slice"
        >
          <option value="">Any slice</option>
          {sliceMissing && (
            <option value={sliceValue(filter.slice)}>
              {SLICE_NAMES[filter.slice!.field]}: {filter.slice!.value ?? 'none'}
            </option>
          )}
          {facets &&
            (Object.keys(SLICE_NAMES) as (keyof typeof SLICE_NAMES)[])
              .filter((field) => facets.slices[field].some((v) => v.value !== null))
              .map((field) => (
                <optgroup key={field} label={SLICE_NAMES[field]}>
                  {facets.slices[field].map(({ value, count }) => (
                    <option key={value ?? NONE} value={JSON.stringify([field, value])}>
                      {value ?? `No ${SLICE_NAMES[field].toLowerCase()}`} ({count.toLocaleString()})
                    </option>
                  ))}
                </optgroup>
              ))}
        </select>
        <select
          value={filter.runId ?? ''}
          onChange={(e) => set({ runId: e.target.value ? Number(e.target.value) : undefined })}
          disabled={!facets?.runs.length && filter.runId === undefined}
          aria-label="Mining run"
          title={run ? runLabel(run) : undefined}
          data-active={filter.runId !== undefined}
          data-testid="filter-run"
        >
          <option value="">{facets?.runs.length ? 'Any mining run' : 'No mining runs yet'}</option>
          {runMissing && <option value={filter.runId}>#{filter.runId}</option>}
          {facets?.runs.map((r) => (
            <option key={r.id} value={r.id}>
              {runLabel(r)}
            </option>
          ))}
        </select>
        <select
          value={filter.category ?? ''}
          onChange={(e) => set({ category: (e.target.value || undefined) as Filter['category'] })}
          aria-label="Category"
          data-active={filter.category !== undefined}
          data-testid="filter-category"
        >
          <option value="">Any category</option>
          {Object.entries(CATEGORY_NAMES).map(([value, name]) => (
            <option key={value} value={value}>
              {name}
            </option>
          ))}
        </select>
        <span className="queue-sort">
          <select
            value={query.sort ?? 'id'}
            onChange={(e) => onChange({ ...query, sort: e.target.value as QueueQuery['sort'] })}
            aria-label="Sort by"
            data-testid="queue-sort"
          >
            {Object.entries(SORT_NAMES).map(([value, name]) => (
              <option key={value} value={value}>
                {name}
              </option>
            ))}
          </select>
          <button
            type="button"
            className="btn btn--small queue-dir"
            onClick={() => onChange({ ...query, dir: query.dir === 'desc' ? 'asc' : 'desc' })}
            aria-label={query.dir === 'desc' ? 'Descending; switch to ascending' : 'Ascending; switch to descending'}
            title={query.dir === 'desc' ? 'Highest first' : 'Lowest first'}
            data-testid="queue-dir"
          >
            {query.dir === 'desc' ? '↓' : '↑'}
          </button>
        </span>
      </div>
    </div>
  );
});
