import { useState } from 'react';
import type { ReleaseManifestDto } from '../../../../preload/contract/releases';
import { formatDateTime } from '../../format';
import { byCount, categoryLabel, formatCount, versionLabel } from './release-format';

/** Rows a count card shows before "Show all", so one long slice does not stretch the whole row of cards. */
const SHOWN_ROWS = 6;

/** A count table: a label, a right-aligned count and a bar for its share of the release; the longest lists fold. */
function CountTable({ title, counts, total, label, testId }: { title: string; counts: Record<string, number>; total: number; label: (key: string) => string; testId: string }) {
  const [all, setAll] = useState(false);
  const rows = byCount(counts);
  const shown = all ? rows : rows.slice(0, SHOWN_ROWS);
  return (
    <section className="rl-card" data-testid={testId}>
      <h3 className="rl-card-title">{title}</h3>
      {rows.length === 0 ? (
        <p className="rl-muted">None.</p>
      ) : (
        <table className="rl-counts">
          <tbody>
            {shown.map(([key, n]) => (
              <tr key={key}>
                <th scope="row" title={label(key)}>
                  {label(key)}
                </th>
                <td className="num">{formatCount(n)}</td>
                <td className="rl-share" aria-hidden="true">
                  <span style={{ width: `${total ? Math.round((n / total) * 100) : 0}%` }} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {rows.length > SHOWN_ROWS && (
        <button type="button" className="btn btn--ghost btn--small rl-card-more" onClick={() => setAll((a) => !a)} data-testid={`${testId}-more`}>
          {all ? 'Show fewer' : `Show all ${rows.length}`}
        </button>
      )}
    </section>
  );
}

const NONE = '(none)';
const runLabel = (key: string) => (key === 'import' ? 'Imported' : `Ingest run ${key}`);
const SLICE_LABEL: Record<string, string> = { tier: 'Tier', intent: 'Intent', language: 'Language', model: 'Model', product_area: 'Product area' };

/**
 * What a release is, from its manifest: who made and approved it, its content hash, counts by category, slice
 * and source run, the sampling policies whose runs picked the cases and the reviewers who decided them.
 */
export function ManifestView({ manifest }: { manifest: ReleaseManifestDto }) {
  const { counts } = manifest;
  // A slice field nobody recorded (every case "(none)") says nothing per value; it is named once below instead.
  const recorded = (field: string) => Object.keys(counts.bySlice[field] ?? {}).some((v) => v !== NONE);
  const sliceFields = Object.keys(counts.bySlice).sort().filter(recorded);
  const unrecorded = Object.keys(counts.bySlice).sort().filter((f) => !recorded(f));
  return (
    <div className="rl-manifest" data-testid="rl-manifest">
      <dl className="rl-facts">
        <div>
          <dt>Cases</dt>
          <dd data-testid="rl-manifest-total">{formatCount(counts.total)}</dd>
        </div>
        <div>
          <dt>Golden</dt>
          <dd data-testid="rl-manifest-golden">{formatCount(counts.golden)}</dd>
        </div>
        <div>
          <dt>Regressions</dt>
          <dd data-testid="rl-manifest-regressions">{formatCount(counts.regressions)}</dd>
        </div>
        <div>
          <dt>Built on</dt>
          <dd>{manifest.parentVersion ? versionLabel(manifest.parentVersion) : 'First release'}</dd>
        </div>
        <div>
          <dt>Rendering</dt>
          <dd>{manifest.deidProfile}</dd>
        </div>
        <div>
          <dt>Created</dt>
          <dd>
            {manifest.createdBy}
            <span className="rl-sub">{formatDateTime(manifest.createdAt)}</span>
          </dd>
        </div>
        <div>
          <dt>Approved</dt>
          <dd data-testid="rl-manifest-approver">
            {manifest.approvedBy ?? '—'}
            {manifest.approvedAt && <span className="rl-sub">{formatDateTime(manifest.approvedAt)}</span>}
          </dd>
        </div>
      </dl>
      <div className="rl-hashline">
        <span className="rl-hashline-label">Content sha256</span>
        <code data-testid="rl-manifest-hash">{manifest.contentSha256}</code>
      </div>

      <div className="rl-cards">
        <CountTable title="By category" counts={counts.byCategory} total={counts.total} label={categoryLabel} testId="rl-manifest-categories" />
        <CountTable title="By source run" counts={counts.bySourceRun} total={counts.total} label={runLabel} testId="rl-manifest-runs" />
        <section className="rl-card" data-testid="rl-manifest-provenance">
          <h3 className="rl-card-title">Sampling policies</h3>
          {manifest.samplingPolicies.length === 0 ? (
            <p className="rl-muted">No sampling run picked these cases.</p>
          ) : (
            <ul className="rl-tags">
              {manifest.samplingPolicies.map((p) => (
                <li key={`${p.name}@${p.version}`}>
                  {p.name} <span className="rl-tag-version">v{p.version}</span>
                </li>
              ))}
            </ul>
          )}
          <h3 className="rl-card-title">Reviewers</h3>
          {manifest.reviewers.length === 0 ? (
            <p className="rl-muted">None recorded.</p>
          ) : (
            <ul className="rl-tags" data-testid="rl-manifest-reviewers">
              {manifest.reviewers.map((r) => (
                <li key={r}>{r}</li>
              ))}
            </ul>
          )}
        </section>
        {sliceFields.map((field) => (
          <CountTable
            key={field}
            title={`By ${(SLICE_LABEL[field] ?? field).toLowerCase()}`}
            counts={counts.bySlice[field]!}
            total={counts.total}
            label={(v) => v}
            testId={`rl-manifest-slice-${field}`}
          />
        ))}
      </div>
      {counts.total > 0 && unrecorded.length > 0 && (
        <p className="rl-note" data-testid="rl-manifest-unrecorded">
          Not recorded for any case: {unrecorded.map((f) => (SLICE_LABEL[f] ?? f).toLowerCase()).join(', ')}.
        </p>
      )}
    </div>
  );
}
