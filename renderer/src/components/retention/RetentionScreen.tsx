import { useCallback, useEffect, useState } from 'react';
import type { Output } from '../../../../preload/api';
import { plural } from '../../format';
import { call, userMessage } from '../../quarry';
import { AuditRetentionCard } from './AuditRetentionCard';
import { PurgeConfirm } from './PurgeConfirm';
import { PurgeHistory } from './PurgeHistory';
import { SourceTable } from './SourceTable';
import './retention.css';

type Overview = Output<'retention:overview'>;
type PurgeResult = Output<'retention:purgeNow'>;

interface Props {
  /** Purges and period changes are audit-logged; the chain badge re-checks. */
  onAudited: () => void;
}

/**
 * The admin's retention screen: how long each source's raw text stays in the vault, what is due, the audit
 * log's own period, the purge history, and "Purge now" behind a confirmation. De-identified cases never go.
 */
export function RetentionScreen({ onAudited }: Props) {
  const [overview, setOverview] = useState<Overview | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [confirming, setConfirming] = useState(false);
  const [purging, setPurging] = useState(false);
  const [result, setResult] = useState<PurgeResult | null>(null);

  const load = useCallback(() => {
    call('retention:overview', {}).then(
      (next) => (setOverview(next), setError(null)),
      (e: unknown) => setError(userMessage(e)),
    );
  }, []);
  useEffect(load, [load]);

  async function savePeriod(source: string, days: number | null) {
    setError(null);
    try {
      setOverview(await call('retention:setPeriod', { source, days }));
      onAudited();
    } catch (e) {
      setError(userMessage(e));
      throw e;
    }
  }

  async function saveAuditPeriod(days: number) {
    setError(null);
    try {
      setOverview(await call('retention:setAuditPeriod', { days }));
      onAudited();
    } catch (e) {
      setError(userMessage(e));
      throw e;
    }
  }

  async function purge() {
    setPurging(true);
    setError(null);
    try {
      const outcome = await call('retention:purgeNow', {});
      setResult(outcome);
      setOverview(outcome.overview);
      onAudited();
    } catch (e) {
      setError(userMessage(e));
    } finally {
      setPurging(false);
      setConfirming(false);
    }
  }

  const due = overview?.sources.reduce((n, s) => n + s.dueRows, 0) ?? 0;
  const purgedNow = result?.purges.reduce((n, p) => n + p.interactions, 0) ?? 0;

  return (
    <section className="rt" aria-label="Retention" data-testid="retention-view">
      <header className="rt-head">
        <div>
          <h1 className="rt-title">Retention</h1>
          <p className="rt-lede">
            Raw production text stays in the encrypted vault only as long as its source’s period allows. Purging removes the raw
            records, the real values behind each placeholder and unused surrogates; de-identified cases and reviews are kept.
          </p>
        </div>
        <div className="rt-actions">
          <span className="rt-due" data-testid="retention-due">
            {overview ? (due > 0 ? `${plural(due, 'record')} past retention` : 'Nothing is due') : ''}
          </span>
          <button
            type="button"
            className="btn btn--reject"
            disabled={!overview || purging}
            onClick={() => setConfirming(true)}
            data-testid="retention-purge-now"
          >
            {purging ? 'Purging…' : 'Purge now…'}
          </button>
        </div>
      </header>

      {error && (
        <p className="rt-message rt-message--error" role="alert" data-testid="retention-error">
          {error}
        </p>
      )}
      {result && (
        <div className="rt-message rt-message--ok" role="status" data-testid="retention-purge-result">
          <p>
            {purgedNow > 0
              ? `Purged the raw text of ${plural(purgedNow, 'record')} from ${plural(result.purges.length, 'source')}.`
              : result.auditPruned === 0 && 'Nothing was past its retention period; nothing was purged.'}
            {result.auditPruned > 0 && ` Pruned ${plural(result.auditPruned, 'audit entry', 'audit entries')} past the audit log’s period.`}
            {!result.compacted && ' The file could not be compacted now; freed space was zeroed.'}
          </p>
          <button type="button" className="btn btn--ghost btn--small" onClick={() => setResult(null)} data-testid="retention-result-dismiss">
            Dismiss
          </button>
        </div>
      )}

      <h2 className="rt-section">Raw text by source</h2>
      {overview && <SourceTable sources={overview.sources} onSave={savePeriod} />}

      <div className="rt-cards">
        {overview && <AuditRetentionCard audit={overview.audit} onSave={saveAuditPeriod} />}
        <div className="rt-card" data-testid="retention-schedule">
          <h2 className="rt-card-title">Schedule</h2>
          <p>
            Due purges run when the workspace is unlocked and every {overview ? overview.scheduleMinutes : 60} minutes while it stays
            unlocked, recorded as <code>system</code>. After each purge the database is vacuumed and its write-ahead log truncated, so
            no freed page keeps purged text.
          </p>
        </div>
      </div>

      <h2 className="rt-section">Purge history</h2>
      {overview && <PurgeHistory history={overview.history} />}

      {confirming && overview && (
        <PurgeConfirm sources={overview.sources} purging={purging} onConfirm={() => void purge()} onCancel={() => setConfirming(false)} />
      )}
    </section>
  );
}
