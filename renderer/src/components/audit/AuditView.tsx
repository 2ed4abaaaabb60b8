import { useCallback, useEffect, useMemo, useState } from 'react';
import type { AuditStatus, Input, Output } from '../../../../preload/api';
import { plural } from '../../format';
import { call, userMessage } from '../../quarry';
import { AuditTable } from './AuditTable';
import { ChainStatus } from './ChainStatus';
import './audit.css';

type Page = Output<'audit:list'>;
type Format = Input<'audit:export'>['format'];

interface Props {
  /** Exports are audit-logged; the chain badge re-checks. */
  onAudited: () => void;
}

interface Filters {
  search: string;
  actor: string;
  type: string;
  outcome: '' | 'success' | 'failure' | 'denied';
  from: string;
  to: string;
}

const NO_FILTERS: Filters = { search: '', actor: '', type: '', outcome: '', from: '', to: '' };

/** A date input's day as the start (or end) of that day in local time, as the ISO instant main expects. */
function dayBound(day: string, end: boolean): string | undefined {
  if (!day) return undefined;
  return new Date(`${day}T${end ? '23:59:59.999' : '00:00:00'}`).toISOString();
}

/**
 * The auditor's view: the chain's status at a glance, the log filtered by time, actor, event type, outcome and
 * search, and exports (JSONL, CSV, FHIR) of exactly that selection, which verify on their own.
 */
export function AuditView({ onAudited }: Props) {
  const [filters, setFilters] = useState<Filters>(NO_FILTERS);
  const [page, setPage] = useState<Page | null>(null);
  const [chain, setChain] = useState<AuditStatus | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [exported, setExported] = useState<Output<'audit:export'> | null>(null);
  const [exporting, setExporting] = useState<Format | null>(null);
  const [version, setVersion] = useState(0);

  const query = useMemo(
    () => ({
      from: dayBound(filters.from, false),
      to: dayBound(filters.to, true),
      actor: filters.actor || undefined,
      type: filters.type || undefined,
      outcome: filters.outcome || undefined,
      search: filters.search.trim() || undefined,
    }),
    [filters],
  );

  useEffect(() => {
    let live = true;
    const timer = setTimeout(() => {
      call('audit:list', query).then(
        (next) => live && (setPage(next), setError(null)),
        (e: unknown) => live && setError(userMessage(e)),
      );
    }, 150);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [query, version]);

  useEffect(() => {
    let live = true;
    call('audit:verify', {}).then(
      (status) => live && setChain(status),
      (e: unknown) => live && setError(userMessage(e)),
    );
    return () => {
      live = false;
    };
  }, [version]);

  const refresh = useCallback(() => setVersion((n) => n + 1), []);

  async function exportAs(format: Format) {
    setExporting(format);
    setError(null);
    try {
      setExported(await call('audit:export', { ...query, format }));
      onAudited();
      refresh();
    } catch (e) {
      setError(userMessage(e));
    } finally {
      setExporting(null);
    }
  }

  const set = <K extends keyof Filters>(key: K, value: Filters[K]) => setFilters((f) => ({ ...f, [key]: value }));
  const filtered = Object.entries(filters).some(([, v]) => v !== '');

  return (
    <section className="av" aria-label="Audit log" data-testid="audit-view">
      <header className="av-head">
        <ChainStatus chain={chain} />
        <div className="av-export" role="group" aria-label="Export the selection">
          <span className="av-export-label">Export</span>
          {(['jsonl', 'csv', 'fhir'] as const).map((format) => (
            <button
              key={format}
              type="button"
              className="btn btn--small"
              disabled={exporting !== null}
              onClick={() => void exportAs(format)}
              data-testid={`audit-export-${format}`}
            >
              {exporting === format ? 'Exporting…' : format === 'fhir' ? 'FHIR R4' : format.toUpperCase()}
            </button>
          ))}
        </div>
      </header>

      <div className="av-filters" role="search">
        <input
          type="search"
          className="av-search"
          placeholder="Search actor, event, object id…"
          aria-label="Search the audit log"
          value={filters.search}
          onChange={(e) => set('search', e.target.value)}
          data-testid="audit-search"
        />
        <select aria-label="Actor" value={filters.actor} onChange={(e) => set('actor', e.target.value)} data-testid="audit-actor">
          <option value="">All actors</option>
          {page?.actors.map((a) => (
            <option key={a} value={a}>
              {a}
            </option>
          ))}
        </select>
        <select aria-label="Event type" value={filters.type} onChange={(e) => set('type', e.target.value)} data-testid="audit-type">
          <option value="">All events</option>
          {page?.types.map((t) => (
            <option key={t} value={t}>
              {t}
            </option>
          ))}
        </select>
        <select aria-label="Outcome" value={filters.outcome} onChange={(e) => set('outcome', e.target.value as Filters['outcome'])} data-testid="audit-outcome">
          <option value="">Any outcome</option>
          <option value="success">Success</option>
          <option value="failure">Failure</option>
          <option value="denied">Denied</option>
        </select>
        <label className="av-date">
          <span>From</span>
          <input type="date" value={filters.from} onChange={(e) => set('from', e.target.value)} data-testid="audit-from" />
        </label>
        <label className="av-date">
          <span>To</span>
          <input type="date" value={filters.to} onChange={(e) => set('to', e.target.value)} data-testid="audit-to" />
        </label>
        {filtered && (
          <button type="button" className="btn btn--ghost btn--small" onClick={() => setFilters(NO_FILTERS)} data-testid="audit-clear">
            Clear
          </button>
        )}
        <span className="av-count" data-testid="audit-count">
          {page ? (page.total > page.records.length ? `Newest ${page.records.length} of ${page.total}` : plural(page.total, 'entry', 'entries')) : ''}
        </span>
      </div>

      {error && (
        <p className="av-message av-message--error" role="alert" data-testid="audit-error">
          {error}
        </p>
      )}
      {exported && (
        <div className="av-message av-message--ok" role="status" data-testid="audit-export-result">
          <p>
            Exported {plural(exported.count, 'matching entry', 'matching entries')} to <code>{exported.path}</code>
          </p>
          <p>
            Verify the file on its own: <code data-testid="audit-verify-command">{exported.verifyCommand}</code>
          </p>
          <button type="button" className="btn btn--ghost btn--small" onClick={() => setExported(null)} aria-label="Dismiss">
            Dismiss
          </button>
        </div>
      )}
      <AuditTable records={page?.records ?? []} brokenAt={chain && !chain.ok ? chain.firstBroken : null} />
    </section>
  );
}
