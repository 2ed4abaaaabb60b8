import type { ReleaseCaseRow } from '../../../../preload/contract/releases';
import { categoryLabel, formatCount } from './release-format';
import { RedactedText } from '../RedactedText';
import { SignalBadges } from '../SignalBadges';

export type KindFilter = 'all' | 'golden' | 'regression';

interface Props {
  rows: readonly ReleaseCaseRow[];
  total: number;
  offset: number;
  pageSize: number;
  kind: KindFilter;
  loading: boolean;
  onKind: (kind: KindFilter) => void;
  onOffset: (offset: number) => void;
}

const KIND_LABEL: Record<KindFilter, string> = { all: 'All', golden: 'Golden', regression: 'Regressions' };

/** A release's frozen cases, de-identified, one page at a time, filtered by kind. */
export function ReleaseCases({ rows, total, offset, pageSize, kind, loading, onKind, onOffset }: Props) {
  const last = Math.min(offset + rows.length, total);
  return (
    <section className="rl-cases" aria-label="Cases in the release" data-testid="rl-cases">
      <div className="rl-cases-bar">
        <div className="rl-seg" role="group" aria-label="Kind">
          {(['all', 'golden', 'regression'] as const).map((k) => (
            <button key={k} type="button" className="rl-seg-btn" aria-pressed={kind === k} onClick={() => onKind(k)} data-testid={`rl-cases-kind-${k}`}>
              {KIND_LABEL[k]}
            </button>
          ))}
        </div>
        <span className="rl-pager-status" data-testid="rl-cases-range">
          {total === 0 ? 'No cases' : `${formatCount(offset + 1)}–${formatCount(last)} of ${formatCount(total)}`}
        </span>
        <div className="rl-pager">
          <button type="button" className="btn btn--small" disabled={loading || offset === 0} onClick={() => onOffset(Math.max(0, offset - pageSize))} data-testid="rl-cases-prev">
            ‹ Previous
          </button>
          <button type="button" className="btn btn--small" disabled={loading || last >= total} onClick={() => onOffset(offset + pageSize)} data-testid="rl-cases-next">
            Next ›
          </button>
        </div>
      </div>
      <div className="data-table-wrap">
        <table className="data-table rl-table rl-cases-table" aria-busy={loading}>
          <thead>
            <tr>
              <th className="num">Case</th>
              <th>Kind</th>
              <th>Category</th>
              <th>Task (de-identified)</th>
              <th>Slices</th>
              <th>Signals</th>
              <th>Reviewer</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => (
              <tr key={row.caseId} data-testid="rl-case-row" data-case-id={row.caseId} data-kind={row.kind}>
                <td className="num">#{row.caseId}</td>
                <td>
                  <span className={`rl-kind rl-kind--${row.kind}`}>{row.kind === 'regression' ? 'Regression' : 'Golden'}</span>
                  {row.origin === 'import' && <span className="rl-origin">imported</span>}
                </td>
                <td className={row.category ? undefined : 'rl-muted'}>{categoryLabel(row.category)}</td>
                <td className="rl-preview">
                  <span className="rl-preview-text" title={row.preview}>
                    <RedactedText text={row.preview} />
                  </span>
                </td>
                <td className="rl-slices">
                  {Object.values(row.slices)
                    .filter(Boolean)
                    .join(' · ') || <span className="rl-muted">—</span>}
                </td>
                <td className="rl-signals">
                  <SignalBadges signals={row.signals} compact />
                </td>
                <td>{row.reviewer ?? <span className="rl-muted">—</span>}</td>
              </tr>
            ))}
            {rows.length === 0 && !loading && (
              <tr>
                <td colSpan={7} className="rl-empty-cell">
                  {kind === 'all' ? 'This release has no cases.' : `No ${KIND_LABEL[kind].toLowerCase()} in this release.`}
                </td>
              </tr>
            )}
          </tbody>
        </table>
      </div>
    </section>
  );
}
