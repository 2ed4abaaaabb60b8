import { useState, type Ref } from 'react';

/**
 * Shown while cases are marked (x, ctrl-click, shift-click): assign them to a reviewer by name, to yourself, or
 * release them. The name field offers the reviewers who already hold cases.
 */
interface Props {
  count: number;
  me: string | null;
  reviewers: string[];
  busy: boolean;
  error: string | null;
  onAssign: (reviewer: string | null) => void;
  onClear: () => void;
  /** The name field; `n` focuses it. */
  nameRef: Ref<HTMLInputElement>;
}

export function AssignBar({ count, me, reviewers, busy, error, onAssign, onClear, nameRef }: Props) {
  const [name, setName] = useState('');
  const trimmed = name.trim();
  return (
    <form
      className="assign-bar"
      aria-label="Assign marked cases"
      data-testid="assign-bar"
      onSubmit={(e) => {
        e.preventDefault();
        if (trimmed) onAssign(trimmed);
      }}
    >
      <div className="assign-bar-row">
        <span className="assign-bar-count" data-testid="marked-count">
          {count.toLocaleString()} marked
        </span>
        <input
          ref={nameRef}
          type="text"
          list="assign-reviewers"
          value={name}
          maxLength={80}
          placeholder="Reviewer name (N)"
          aria-label="Assign to reviewer"
          onChange={(e) => setName(e.target.value)}
          onKeyDown={(e) => {
            if (e.key === 'Escape') e.currentTarget.blur();
          }}
          data-testid="assign-name"
        />
        <datalist id="assign-reviewers">
          {reviewers.map((r) => (
            <option key={r} value={r} />
          ))}
        </datalist>
        <button type="submit" className="btn btn--small btn--primary" disabled={busy || !trimmed} data-testid="assign-submit">
          Assign
        </button>
      </div>
      <div className="assign-bar-row">
        <button type="button" className="btn btn--small" disabled={busy || !me} onClick={() => me && onAssign(me)} data-testid="assign-me">
          Assign to me
        </button>
        <button type="button" className="btn btn--small" disabled={busy} onClick={() => onAssign(null)} data-testid="assign-release">
          Release
        </button>
        <button type="button" className="btn btn--small btn--ghost" onClick={onClear} data-testid="assign-clear">
          Clear marks
        </button>
      </div>
      {error && (
        <p className="field-error" role="alert" data-testid="assign-error">
          {error}
        </p>
      )}
    </form>
  );
}
