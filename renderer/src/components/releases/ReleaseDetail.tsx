import { useEffect, useState } from 'react';
import type { Output } from '../../../../preload/api';
import type { ReleaseSummaryDto } from '../../../../preload/contract/releases';
import { useMay } from '../../access';
import { formatDateTime } from '../../format';
import { call, userMessage } from '../../quarry';
import { ManifestView } from './ManifestView';
import { ReleaseCases, type KindFilter } from './ReleaseCases';
import { ReleaseStatePill } from './ReleaseStatePill';
import { STATE_LABEL, approvalBlocker, versionLabel } from './release-format';

type Detail = Output<'releases:get'>;

interface Props {
  releaseId: number;
  /** The signed-in account, for the four-eyes explanation. */
  me: string | null;
  /** Bumped by the screen when a release changed (approved, rejected). */
  version: number;
  onDecided: (release: ReleaseSummaryDto) => void;
  onExport: (release: ReleaseSummaryDto) => void;
}

const PAGE_SIZE = 50;

/**
 * One release: its state and the decision buttons (an admin who did not create it; the reason shows when the
 * button is disabled), the manifest, and its de-identified cases page by page.
 */
export function ReleaseDetail({ releaseId, me, version, onDecided, onExport }: Props) {
  const may = useMay();
  const [loaded, setLoaded] = useState<{ key: string; detail: Detail } | null>(null);
  const [kind, setKind] = useState<KindFilter>('all');
  const [offset, setOffset] = useState(0);
  const [error, setError] = useState<string | null>(null);
  const [deciding, setDeciding] = useState<'approve' | 'reject' | null>(null);
  const key = `${releaseId}:${offset}:${kind}:${version}`;
  const loading = loaded?.key !== key && error === null;
  const detail = loaded?.detail ?? null;

  useEffect(() => {
    let live = true;
    call('releases:get', { id: releaseId, offset, limit: PAGE_SIZE, kind: kind === 'all' ? undefined : kind }).then(
      (next) => {
        if (!live) return;
        setLoaded({ key, detail: next });
        setError(null);
      },
      (e: unknown) => live && setError(userMessage(e)),
    );
    return () => {
      live = false;
    };
  }, [releaseId, offset, kind, key]);

  async function decide(action: 'approve' | 'reject') {
    setDeciding(action);
    setError(null);
    try {
      onDecided(await call(action === 'approve' ? 'releases:approve' : 'releases:reject', { id: releaseId }));
    } catch (e) {
      setError(userMessage(e));
    } finally {
      setDeciding(null);
    }
  }

  if (!detail) {
    return (
      <section className="rl-detail rl-detail--loading" aria-busy="true" data-testid="rl-detail">
        {error && (
          <p className="rl-message rl-message--error" role="alert" data-testid="rl-detail-error">
            {error}
          </p>
        )}
      </section>
    );
  }

  const { release, manifest, cases } = detail;
  const blocker = approvalBlocker(release, me);
  const canDecide = may('releases:approve') && release.state === 'pending';
  const canExport = may('releases:export');

  return (
    <section className="rl-detail" aria-label={`Release ${versionLabel(release.version)}`} data-testid="rl-detail" data-release-id={release.id} data-state={release.state}>
      <header className="rl-detail-head">
        <div>
          <h2 className="rl-detail-title">
            {release.evalSet} <span className="rl-version">{versionLabel(release.version)}</span>
            <ReleaseStatePill state={release.state} />
          </h2>
          <p className="rl-detail-sub">
            {release.state === 'pending' && `Created by ${release.createdBy} ${formatDateTime(release.createdAt)}; waiting for a second admin.`}
            {release.state !== 'pending' &&
              `${STATE_LABEL[release.state]} by ${release.decidedBy ?? 'unknown'}${release.decidedAt ? ` ${formatDateTime(release.decidedAt)}` : ''}; created by ${release.createdBy}.`}
          </p>
        </div>
        <div className="rl-detail-actions">
          {canDecide && (
            <>
              <button
                type="button"
                className="btn btn--reject"
                disabled={deciding !== null}
                onClick={() => void decide('reject')}
                data-testid="rl-reject"
              >
                {deciding === 'reject' ? 'Rejecting…' : 'Reject'}
              </button>
              <button
                type="button"
                className="btn btn--accept"
                disabled={Boolean(blocker) || deciding !== null}
                aria-describedby={blocker ? 'rl-decision-blocker' : undefined}
                onClick={() => void decide('approve')}
                data-testid="rl-approve"
              >
                {deciding === 'approve' ? 'Approving…' : 'Approve'}
              </button>
            </>
          )}
          {canExport && release.state === 'approved' && (
            <button type="button" className="btn btn--primary" onClick={() => onExport(release)} data-testid="rl-export">
              Export…
            </button>
          )}
        </div>
      </header>
      {canDecide && blocker && (
        <p className="rl-blocker" id="rl-decision-blocker" data-testid="rl-decision-blocker">
          {blocker}
        </p>
      )}
      {canExport && release.state === 'pending' && !blocker && (
        <p className="rl-note">Only approved releases can be exported.</p>
      )}
      {error && (
        <p className="rl-message rl-message--error" role="alert" data-testid="rl-detail-error">
          {error}
        </p>
      )}
      <ManifestView manifest={manifest} />
      <ReleaseCases
        rows={cases.rows}
        total={cases.total}
        offset={cases.offset}
        pageSize={PAGE_SIZE}
        kind={kind}
        loading={loading}
        onKind={(k) => {
          setKind(k);
          setOffset(0);
        }}
        onOffset={setOffset}
      />
    </section>
  );
}
