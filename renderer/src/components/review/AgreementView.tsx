import { useEffect, useState } from 'react';
import type { BatchAgreement, DisputedCase, ReviewRecord, ReviewSettingsView } from '../../../../preload/contract/review-actions';
import { formatDateTime, plural } from '../../format';
import { call, userMessage } from '../../quarry';
import '../../styles/review.css';
import { RedactedText } from '../RedactedText';
import { CATEGORY_NAMES } from './draft';
import { ReviewSettingsDialog } from './ReviewSettingsDialog';
import { reviewSettings } from './settings-cache';

interface Props {
  version: number;
  onAudited: () => void;
  onCasesChanged: () => void;
}

type Data = { batches: BatchAgreement[]; disputed: DisputedCase[] };

function figure(x: number | null): string {
  return x === null ? '—' : x.toFixed(2);
}

/** Landis and Koch's bands, the usual reading of kappa and alpha. */
function band(x: number | null): string {
  if (x === null) return 'undefined (no variation)';
  if (x < 0) return 'worse than chance';
  if (x < 0.21) return 'slight';
  if (x < 0.41) return 'fair';
  if (x < 0.61) return 'moderate';
  if (x < 0.81) return 'substantial';
  return 'almost perfect';
}

function ReviewCard({ review }: { review: ReviewRecord }) {
  return (
    <div className={`adj-review adj-review--${review.decision}`} data-testid="adj-review">
      <div className="adj-review-head">
        <strong>{review.reviewer}</strong>
        <span className={`status status--${review.decision === 'accept' ? 'accepted' : 'rejected'}`}>
          {review.decision === 'accept' ? 'Accepted' : 'Rejected'}
        </span>
        {review.reasonCode && <span className="badge badge--neutral">{review.reasonCode}</span>}
      </div>
      <dl className="adj-facts">
        <dt>Category</dt>
        <dd>{review.category ? CATEGORY_NAMES[review.category] : '—'}</dd>
        <dt>Rubric</dt>
        <dd>{review.rubric.length > 0 ? plural(review.rubric.length, 'criterion', 'criteria') : '—'}</dd>
        <dt>Expected</dt>
        <dd className="adj-expected">{review.expected || '—'}</dd>
        <dt>Decided</dt>
        <dd>{formatDateTime(review.createdAt)}</dd>
      </dl>
    </div>
  );
}

function Adjudication({ item, reasonCodes, onDone }: { item: DisputedCase; reasonCodes: string[]; onDone: () => void }) {
  const [reason, setReason] = useState(item.reviews.find((r) => r.reasonCode)?.reasonCode ?? reasonCodes[0] ?? 'other');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function settle(decision: 'accept' | 'reject') {
    setBusy(true);
    setError(null);
    try {
      await call('review:adjudicate', { id: item.caseId, decision, reasonCode: decision === 'reject' ? reason : undefined });
      onDone();
    } catch (err) {
      setBusy(false);
      setError(userMessage(err));
    }
  }

  return (
    <li className="adj-case" data-testid="disputed-case" data-case-id={item.caseId}>
      <header className="adj-case-head">
        <h3>
          Case #{item.caseId} <span className="adj-run">run #{item.runId}</span>
        </h3>
        <p className="adj-preview">
          <RedactedText text={item.preview} />
        </p>
      </header>
      <div className="adj-side-by-side">
        {item.reviews.map((r) => (
          <ReviewCard key={r.id} review={r} />
        ))}
      </div>
      <div className="adj-actions">
        <span className="adj-actions-label">Final decision</span>
        <button type="button" className="btn btn--accept btn--small" disabled={busy} onClick={() => void settle('accept')} data-testid="adjudicate-accept">
          Accept
        </button>
        <select aria-label="Reason to reject" className="select--small" value={reason} onChange={(e) => setReason(e.target.value)} data-testid="adjudicate-reason">
          {reasonCodes.map((code) => (
            <option key={code} value={code}>
              {code}
            </option>
          ))}
        </select>
        <button type="button" className="btn btn--reject btn--small" disabled={busy} onClick={() => void settle('reject')} data-testid="adjudicate-reject">
          Reject
        </button>
        {error && (
          <p className="field-error" role="alert">
            {error}
          </p>
        )}
      </div>
    </li>
  );
}

/** Reviewer agreement per batch (kappa for two reviewers, alpha for more) and the disputed cases to adjudicate. */
export function AgreementView({ version, onAudited, onCasesChanged }: Props) {
  const [data, setData] = useState<Data | null>(null);
  const [settings, setSettings] = useState<ReviewSettingsView | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [reload, setReload] = useState(0);
  const [settingsOpen, setSettingsOpen] = useState(false);

  useEffect(() => {
    let live = true;
    Promise.all([call('review:agreement', {}), reviewSettings()]).then(
      ([agreement, loaded]) => {
        if (!live) return;
        setData(agreement);
        setSettings(loaded);
      },
      (err: unknown) => live && setError(userMessage(err)),
    );
    return () => {
      live = false;
    };
  }, [version, reload]);

  if (error) {
    return (
      <main className="agreement">
        <p role="alert" className="field-error">
          {error}
        </p>
      </main>
    );
  }
  if (!data || !settings) return <main className="agreement" aria-busy="true" />;

  return (
    <main className="agreement" data-testid="agreement-view">
      <header className="agreement-head">
        <div>
          <h2>Reviewer agreement</h2>
          <p className="review-note">
            {Math.round(settings.doubleReviewShare * 100)}% of cases get two blind reviews. Cohen’s κ compares two reviewers;
            Krippendorff’s α (nominal) covers any number, with missing reviews allowed.
          </p>
        </div>
        <button type="button" className="btn" onClick={() => setSettingsOpen(true)} data-testid="open-review-settings">
          Review settings
        </button>
      </header>

      <section className="agreement-section">
        <h3>By batch</h3>
        {data.batches.length === 0 ? (
          <p className="review-empty" data-testid="agreement-empty">
            No batch has cases decided by two reviewers yet.
          </p>
        ) : (
          <table className="agreement-table" data-testid="agreement-table">
            <thead>
              <tr>
                <th scope="col">Batch</th>
                <th scope="col">Source or policy</th>
                <th scope="col" className="num">
                  Double-reviewed
                </th>
                <th scope="col" className="num">
                  Disagreements
                </th>
                <th scope="col">Reviewers</th>
                <th scope="col" className="num">
                  κ
                </th>
                <th scope="col" className="num">
                  α
                </th>
              </tr>
            </thead>
            <tbody>
              {data.batches.map((b) => (
                <tr key={`${b.kind}-${b.runId}`} data-testid="agreement-row" data-kind={b.kind}>
                  <td>
                    {b.kind === 'ingest' ? 'Ingest' : 'Mining'} run #{b.runId}
                  </td>
                  <td className={b.kind === 'ingest' ? 'mono' : undefined}>{b.label}</td>
                  <td className="num">{b.pairedCases}</td>
                  <td className="num">{b.disagreements}</td>
                  <td>{b.raters.join(', ')}</td>
                  <td className="num" title={band(b.kappa)} data-testid="kappa">
                    {figure(b.kappa)}
                  </td>
                  <td className="num" title={band(b.alpha)} data-testid="alpha">
                    {figure(b.alpha)}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
        {data.batches.length > 0 && (
          <p className="review-note agreement-caption">
            1 is perfect agreement and 0 is what chance alone would give; labels with κ or α below 0.67 are usually
            not trusted for evaluation. Hover a figure for its reading.
          </p>
        )}
      </section>

      <section className="agreement-section">
        <h3>
          Disputed cases <span className="panel-count">{data.disputed.length}</span>
        </h3>
        {data.disputed.length === 0 ? (
          <p className="review-empty" data-testid="disputed-empty">
            No disputes. Cases whose reviews disagree appear here for a final decision.
          </p>
        ) : (
          <ul className="adj-list">
            {data.disputed.map((item) => (
              <Adjudication
                key={item.caseId}
                item={item}
                reasonCodes={settings.reasonCodes}
                onDone={() => {
                  setReload((n) => n + 1);
                  onAudited();
                  onCasesChanged();
                }}
              />
            ))}
          </ul>
        )}
      </section>
      {settingsOpen && (
        <ReviewSettingsDialog
          settings={settings}
          onClose={() => setSettingsOpen(false)}
          onSaved={(saved) => {
            setSettings(saved);
            setSettingsOpen(false);
            setReload((n) => n + 1);
            onAudited();
            onCasesChanged();
          }}
        />
      )}
    </main>
  );
}
