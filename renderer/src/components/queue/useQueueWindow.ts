import { useCallback, useEffect, useMemo, useState } from 'react';
import type { Input, Output } from '../../../../preload/api';
import { call, userMessage } from '../../quarry';

/**
 * The queue as a window onto the store: pages of rows fetched on demand as the virtual list scrolls, cached per
 * query (filter + sort), dropped when the query or the workspace's cases change. At most one request per page
 * is in flight; a reply for a query that is no longer current is ignored.
 */
export type QueueRow = Output<'cases:page'>['rows'][number];
export type QueueQuery = Omit<Input<'cases:page'>, 'offset' | 'limit' | 'count'>;

export const PAGE_SIZE = 100;

/** One query's pages; a new query gets a new window, so late replies for the old one land nowhere visible. */
class PageCache {
  readonly pages = new Map<number, QueueRow[]>();
  readonly loading = new Set<number>();
  readonly waiting = new Map<number, (() => void)[]>();
  total: number | null = null;
  error: string | null = null;

  rowAt(index: number): QueueRow | undefined {
    return this.pages.get(Math.floor(index / PAGE_SIZE))?.[index % PAGE_SIZE];
  }

  findRow(id: number): QueueRow | undefined {
    for (const rows of this.pages.values()) {
      const row = rows.find((r) => r.id === id);
      if (row) return row;
    }
    return undefined;
  }
}

export interface QueueWindow {
  /** Cases matching the query; null until the first page arrives. */
  total: number | null;
  error: string | null;
  /** The row at an index, if its page has arrived. */
  rowAt: (index: number) => QueueRow | undefined;
  /** Asks for the pages covering [start, end]; cheap when they are cached or on their way. */
  ensure: (start: number, end: number) => void;
  /** The cached row of a case, wherever it sits in the loaded pages. */
  findRow: (id: number) => QueueRow | undefined;
  /** Merges a change into a cached row (after a decision or an assignment). */
  patch: (id: number, change: Partial<QueueRow>) => void;
  /** Resolves with the row at an index, fetching its page if needed. */
  fetchRow: (index: number) => Promise<QueueRow | undefined>;
}

export function useQueueWindow(query: QueueQuery, version: number | string): QueueWindow {
  const key = `${version}|${JSON.stringify(query)}`;
  // eslint-disable-next-line react-hooks/exhaustive-deps -- the key stands for the query and the version
  const cache = useMemo(() => new PageCache(), [key]);
  const [, setTick] = useState(0);
  const rerender = useCallback(() => setTick((n) => n + 1), []);

  const load = useCallback(
    (page: number) => {
      if (cache.pages.has(page) || cache.loading.has(page)) return;
      cache.loading.add(page);
      // Only the first window counts the matching cases; the rest reuse that total.
      call('cases:page', { ...query, offset: page * PAGE_SIZE, limit: PAGE_SIZE, count: page === 0 || cache.total === null }).then(
        (result) => {
          cache.loading.delete(page);
          cache.pages.set(page, result.rows);
          if (result.total !== null) cache.total = result.total;
          cache.error = null;
          for (const resolve of cache.waiting.get(page) ?? []) resolve();
          cache.waiting.delete(page);
          rerender();
        },
        (failure: unknown) => {
          cache.loading.delete(page);
          cache.error = userMessage(failure);
          rerender();
        },
      );
    },
    // eslint-disable-next-line react-hooks/exhaustive-deps -- `query` is part of the cache's key
    [cache, rerender],
  );

  useEffect(() => {
    load(0);
  }, [load]);

  const ensure = useCallback(
    (start: number, end: number) => {
      const last = Math.floor(Math.max(end, 0) / PAGE_SIZE);
      for (let page = Math.floor(Math.max(start, 0) / PAGE_SIZE); page <= last; page += 1) load(page);
    },
    [load],
  );

  const rowAt = useCallback((index: number) => cache.rowAt(index), [cache]);

  const fetchRow = useCallback(
    (index: number) => {
      const page = Math.floor(index / PAGE_SIZE);
      if (cache.pages.has(page)) return Promise.resolve(cache.rowAt(index));
      return new Promise<QueueRow | undefined>((resolve) => {
        cache.waiting.set(page, [...(cache.waiting.get(page) ?? []), () => resolve(cache.rowAt(index))]);
        load(page);
      });
    },
    [cache, load],
  );

  const patch = useCallback(
    (id: number, change: Partial<QueueRow>) => {
      for (const [page, rows] of cache.pages) {
        const at = rows.findIndex((r) => r.id === id);
        if (at < 0) continue;
        const next = rows.slice();
        next[at] = { ...rows[at]!, ...change };
        cache.pages.set(page, next);
      }
      rerender();
    },
    [cache, rerender],
  );

  const findRow = useCallback((id: number) => cache.findRow(id), [cache]);

  return { total: cache.total, error: cache.error, rowAt, findRow, ensure, patch, fetchRow };
}
