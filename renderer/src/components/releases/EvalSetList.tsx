import type { EvalSetDto } from '../../../../preload/contract/releases';
import { useMay } from '../../access';
import { versionLabel } from './release-format';

interface Props {
  sets: readonly EvalSetDto[] | null;
  selected: string | null;
  onSelect: (name: string) => void;
  onNew: () => void;
}

/** The eval sets, each with its latest release; "New set" for those who may create one. */
export function EvalSetList({ sets, selected, onSelect, onNew }: Props) {
  const may = useMay();
  return (
    <nav className="rl-sets" aria-label="Eval sets" data-testid="rl-sets">
      <header className="rl-sets-head">
        <h2 className="rl-section">Eval sets</h2>
        {may('evalsets:create') && (
          <button type="button" className="btn btn--small" onClick={onNew} data-testid="rl-new-set">
            + New set
          </button>
        )}
      </header>
      {sets && sets.length === 0 && (
        <p className="rl-sets-empty" data-testid="rl-sets-empty">
          No eval sets yet.{may('evalsets:create') ? ' Create one to freeze accepted cases into numbered releases.' : ''}
        </p>
      )}
      <ul className="rl-sets-list">
        {sets?.map((set) => (
          <li key={set.id}>
            <button
              type="button"
              className="rl-set"
              aria-current={selected === set.name ? 'true' : undefined}
              onClick={() => onSelect(set.name)}
              data-testid="rl-set"
              data-name={set.name}
            >
              <span className="rl-set-name">{set.name}</span>
              <span className="rl-set-meta">
                {set.latestVersion ? `${versionLabel(set.latestVersion)} latest` : 'No releases yet'}
                {set.latestApprovedVersion && set.latestApprovedVersion !== set.latestVersion ? ` · ${versionLabel(set.latestApprovedVersion)} approved` : ''}
                {set.importedCases > 0 ? ` · ${set.importedCases} imported` : ''}
              </span>
            </button>
          </li>
        ))}
      </ul>
    </nav>
  );
}
