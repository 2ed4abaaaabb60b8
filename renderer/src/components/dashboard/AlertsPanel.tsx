import { useMemo, useState } from 'react';
import type { Input, Output } from '../../../../preload/api';
import { useMay } from '../../access';
import { plural } from '../../format';
import { call, userMessage } from '../../quarry';
import { BandPill } from './BandPill';
import { SLICE_FIELDS, SLICE_LABELS, type Alert, type SliceField } from './dashboard-data';
import { describeDays, rangeDays, type Range } from './dashboard-time';
import type { SliceChoice } from './Toolbar';
import { useCall } from './use-call';
import type { QueueFilter } from '../../queue-opening';

type Mined = Output<'monitor:mineAlert'>;

interface Props {
  windows: { current: Range; baseline: Range };
  slice: Input<'monitor:alerts'>['slice'];
  defaultGroupBy: SliceField | null;
  casesVersion: number;
  onAudited: () => void;
  onShowSlice: (slice: SliceChoice) => void;
  onMined: () => void;
  /** Opens the review queue on a filter; absent for a role without the Review tab, and then no link shows. */
  openQueue?: (filter: QueueFilter) => void;
}

/** Cases listed per alert before "and N more". */
const SHOWN_CASES = 12;

const STATISTIC: Record<Alert['statistic'], string> = { psi: 'PSI', 'js-distance': 'JS distance', 'rate-increase': 'rate rise', 'score-drop': 'score drop' };

/**
 * The alerts of the drift comparison, overall and per value of a slice field: what crossed which threshold,
 * the slice (one click shows the dashboard for it) and the cases behind it, and a mining run over those cases,
 * whose cases one more click opens in the review queue.
 */
export function AlertsPanel({ windows, slice, defaultGroupBy, casesVersion, onAudited, onShowSlice, onMined, openQueue }: Props) {
  const may = useMay();
  const [groupBy, setGroupBy] = useState<SliceField | null>(defaultGroupBy);
  const [mined, setMined] = useState<Record<string, Mined>>({});
  const [mining, setMining] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const query = useMemo(() => ({ ...windows, slice, groupBy: groupBy ?? undefined }), [windows, slice, groupBy]);
  const alerts = useCall('monitor:alerts', { ...query, caseLimit: 200 }, casesVersion, onAudited);

  async function mine(alert: Alert) {
    setMining(alert.id);
    setError(null);
    try {
      const result = await call('monitor:mineAlert', { ...query, alertId: alert.id });
      setMined((m) => ({ ...m, [alert.id]: result }));
      onMined();
    } catch (e) {
      setError(userMessage(e));
    } finally {
      setMining(null);
    }
  }

  const list = alerts.data?.alerts ?? [];
  return (
    <section className="db-card db-alerts" aria-labelledby="db-alerts-title" aria-busy={alerts.loading} data-testid="db-alerts">
      <header className="db-card-head">
        <div>
          <h2 className="db-card-title" id="db-alerts-title">
            Alerts {alerts.data && <span className="db-count" data-testid="db-alert-count">{list.length}</span>}
          </h2>
          <p className="db-card-sub">
            {alerts.data
              ? `${plural(alerts.data.evaluated.metrics, 'check')} over ${plural(alerts.data.evaluated.slices, 'slice')}, current against baseline.`
              : 'Checking…'}
          </p>
        </div>
        <label className="db-inline">
          <span>Per slice</span>
          <select value={groupBy ?? ''} onChange={(e) => setGroupBy((e.target.value || null) as SliceField | null)} data-testid="db-alerts-group">
            <option value="">Overall only</option>
            {SLICE_FIELDS.map((f) => (
              <option key={f} value={f}>
                Each {SLICE_LABELS[f].toLowerCase()}
              </option>
            ))}
          </select>
        </label>
      </header>
      {(alerts.error || error) && (
        <p className="db-message db-message--error" role="alert" data-testid="db-alerts-error">
          {alerts.error ?? error}
        </p>
      )}
      {alerts.data && list.length === 0 && (
        <p className="db-quiet" data-testid="db-alerts-none">
          Nothing crossed its threshold.
        </p>
      )}
      <ol className="db-alert-list">
        {list.map((alert) => (
          <li key={alert.id} className={`db-alert db-alert--${alert.severity}`} data-testid="db-alert" data-metric={alert.metric} data-severity={alert.severity}>
            <div className="db-alert-head">
              <BandPill band={alert.severity} />
              <h3 className="db-alert-title">{alert.label}</h3>
              <span className="db-alert-figure mono">
                {STATISTIC[alert.statistic]} {alert.value.toFixed(3)} ≥ {alert.threshold}
              </span>
            </div>
            <p className="db-alert-message">{alert.message}</p>
            <dl className="db-alert-facts">
              <div>
                <dt>Slice</dt>
                <dd>
                  {alert.slice ? (
                    <button
                      type="button"
                      className="db-link"
                      onClick={() => onShowSlice({ field: alert.slice!.field, value: alert.slice!.value ?? '(none)' })}
                      data-testid="db-alert-slice"
                    >
                      {SLICE_LABELS[alert.slice.field]} = {alert.slice.value ?? '(none)'}
                    </button>
                  ) : (
                    'All traffic'
                  )}
                </dd>
              </div>
              <div>
                <dt>Windows</dt>
                <dd>
                  {describeDays(rangeDays(alert.current))} vs {describeDays(rangeDays(alert.baseline))}
                </dd>
              </div>
              <div>
                <dt>Cases</dt>
                <dd data-testid="db-alert-cases">
                  <span className="db-alert-case-count">{count(alert.caseCount, 'case')}</span>
                  <span className="db-case-ids" aria-label="Case ids">
                    {alert.caseIds.slice(0, SHOWN_CASES).map((id) => (
                      <span key={id} className="db-case-id mono">
                        #{id}
                      </span>
                    ))}
                    {alert.caseCount > SHOWN_CASES && <span className="db-more">and {(alert.caseCount - Math.min(SHOWN_CASES, alert.caseIds.length)).toLocaleString('en-US')} more</span>}
                  </span>
                </dd>
              </div>
            </dl>
            <div className="db-alert-actions">
              {mined[alert.id] ? (
                <MinedRun mined={mined[alert.id]!} openQueue={openQueue} />
              ) : (
                may('monitor:mineAlert') && (
                  <button type="button" className="btn btn--small btn--primary" disabled={mining !== null || alert.caseCount === 0} onClick={() => void mine(alert)} data-testid="db-alert-mine">
                    {mining === alert.id ? 'Starting…' : 'Start mining run'}
                  </button>
                )
              )}
            </div>
          </li>
        ))}
      </ol>
    </section>
  );
}

/** The mining run an alert started: it is a normal run, and a link opens its cases in the review queue. */
function MinedRun({ mined, openQueue }: { mined: Mined; openQueue?: (filter: QueueFilter) => void }) {
  const { run } = mined;
  return (
    <div className="db-mined" role="status" data-testid="db-alert-mined">
      <p>
        Mining run <strong>#{run.id}</strong> picked {count(run.picked, 'case')} (policy “{run.policyName}” v{run.policyVersion}, seed {run.seed}).
      </p>
      {openQueue && run.picked > 0 && (
        <button type="button" className="db-link db-mined-open" onClick={() => openQueue({ runId: run.id })} data-testid="db-alert-open-queue">
          {run.picked === 1 ? 'Open this case in the review queue' : `Open these ${run.picked.toLocaleString('en-US')} cases in the review queue`} →
        </button>
      )}
    </div>
  );
}

/** "1 case", "2,410 cases". */
function count(n: number, one: string): string {
  return `${n.toLocaleString('en-US')} ${n === 1 ? one : `${one}s`}`;
}
