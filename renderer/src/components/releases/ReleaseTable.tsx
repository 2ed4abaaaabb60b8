import type { ReleaseSummaryDto } from '../../../../preload/contract/releases';
import { formatDateTime } from '../../format';
import { ReleaseStatePill } from './ReleaseStatePill';
import { formatCount, shortHash, versionLabel } from './release-format';

interface Props {
  releases: readonly ReleaseSummaryDto[];
  selected: number | null;
  onSelect: (release: ReleaseSummaryDto) => void;
}

/** A set's releases, newest first: state, who created and decided it, its counts and content hash. */
export function ReleaseTable({ releases, selected, onSelect }: Props) {
  return (
    <div className="data-table-wrap">
      <table className="data-table rl-table rl-releases" data-testid="rl-releases">
        <thead>
          <tr>
            <th>Version</th>
            <th>State</th>
            <th>Created</th>
            <th>Approved / rejected</th>
            <th className="num">Cases</th>
            <th className="num">Golden</th>
            <th className="num">Regressions</th>
            <th>Content</th>
          </tr>
        </thead>
        <tbody>
          {releases.map((r) => (
            <tr
              key={r.id}
              className="rl-row"
              aria-selected={selected === r.id}
              tabIndex={0}
              onClick={() => onSelect(r)}
              onKeyDown={(e) => {
                if (e.key === 'Enter' || e.key === ' ') {
                  e.preventDefault();
                  onSelect(r);
                }
              }}
              data-testid="rl-release-row"
              data-version={r.version}
              data-state={r.state}
            >
              <td>
                <span className="rl-version">{versionLabel(r.version)}</span>
              </td>
              <td>
                <ReleaseStatePill state={r.state} />
              </td>
              <td>
                {r.createdBy}
                <span className="rl-sub">{formatDateTime(r.createdAt)}</span>
              </td>
              <td>
                {r.decidedBy ?? <span className="rl-muted">—</span>}
                {r.decidedAt && <span className="rl-sub">{formatDateTime(r.decidedAt)}</span>}
              </td>
              <td className="num">{formatCount(r.counts.total)}</td>
              <td className="num">{formatCount(r.counts.golden)}</td>
              <td className="num">{formatCount(r.counts.regressions)}</td>
              <td className="rl-hash" title={`sha256 ${r.contentSha256}`}>
                {shortHash(r.contentSha256)}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
