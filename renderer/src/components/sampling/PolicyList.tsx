import type { SavedPolicy } from './policy-form';

interface Props {
  policies: readonly SavedPolicy[];
  /** The saved policy the form was loaded from, if any. */
  selected: string | null;
  onSelect: (policy: SavedPolicy) => void;
  onNew: () => void;
}

/** Saved policies by name at their latest version; choosing one loads it into the form. */
export function PolicyList({ policies, selected, onSelect, onNew }: Props) {
  return (
    <nav className="sp-policies" aria-label="Saved policies">
      <div className="sp-policies-head">
        <h2 className="sp-title">Saved policies</h2>
        <button type="button" className="btn btn--small" onClick={onNew} data-testid="sampling-new-policy">
          New
        </button>
      </div>
      {policies.length === 0 ? (
        <p className="sp-empty" data-testid="policies-empty">
          None yet. Saving or running a policy keeps it here, versioned.
        </p>
      ) : (
        <ul className="sp-policy-list">
          {policies.map((p) => (
            <li key={p.name}>
              <button
                type="button"
                className="sp-policy"
                aria-current={p.name === selected ? 'true' : undefined}
                onClick={() => onSelect(p)}
                data-testid="policy-item"
                data-policy-name={p.name}
              >
                <span className="sp-policy-name">{p.name}</span>
                <span className="sp-version" data-testid="policy-version">
                  v{p.version}
                </span>
              </button>
            </li>
          ))}
        </ul>
      )}
    </nav>
  );
}
