import { useEffect, useRef, useState } from 'react';
import type { ExportResult } from '../../../preload/api';
import { plural } from '../format';
import { call, userMessage } from '../quarry';
import { Modal } from './Modal';

export const EXPORT_PROFILES = [
  {
    id: 'placeholder',
    name: 'Placeholders',
    example: '[PERSON_1]',
    detail: 'Entities stay exactly as reviewed. Reveals nothing about the originals.',
  },
  {
    id: 'hipaa-safe-harbor',
    name: 'HIPAA Safe Harbor',
    example: null,
    detail: 'Realistic surrogates for the 18 identifiers; dates reduced to the year.',
  },
  {
    id: 'general-pii',
    name: 'General PII',
    example: null,
    detail: 'Realistic surrogates, dates shifted per case, tokens for card numbers.',
  },
] as const;

export type ExportProfileId = (typeof EXPORT_PROFILES)[number]['id'];
export const DEFAULT_EXPORT_PROFILE: ExportProfileId = 'placeholder';

interface Props {
  profile: ExportProfileId;
  onProfileChange: (profile: ExportProfileId) => void;
  onExported: (result: ExportResult) => void;
  onClose: () => void;
}

const isActivator = (target: EventTarget) =>
  target instanceof HTMLElement && ['BUTTON', 'A', 'TEXTAREA', 'SELECT'].includes(target.tagName);

/** Choose how de-identified values are rendered, then write every accepted case. Enter exports. */
export function ExportDialog({ profile, onProfileChange, onExported, onClose }: Props) {
  const [accepted, setAccepted] = useState<number | null>(null);
  const [running, setRunning] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const group = useRef<HTMLFieldSetElement>(null);

  useEffect(() => {
    let live = true;
    call('cases:list', { status: 'accepted' }).then(
      (cases) => live && setAccepted(cases.length),
      () => undefined, // The count is a courtesy; the export itself reports any real problem.
    );
    return () => {
      live = false;
    };
  }, []);

  // Focus sits on the chosen profile, so arrow keys switch it and Enter exports. On open the modal focuses itself
  // after this component's effects, and after a failure the choices are re-enabled on the next render: hence a frame.
  useEffect(() => {
    if (running) return;
    const frame = requestAnimationFrame(() => group.current?.querySelector<HTMLInputElement>('input:checked')?.focus());
    return () => cancelAnimationFrame(frame);
  }, [running]);

  async function confirm() {
    if (running) return;
    setRunning(true);
    setError(null);
    try {
      onExported(await call('export:golden', { profile }));
    } catch (failure) {
      setError(userMessage(failure));
      setRunning(false);
    }
  }

  const scope =
    accepted === null
      ? 'Writes every accepted case'
      : accepted === 0
        ? 'No cases are accepted yet, so this writes an empty file'
        : `Writes ${plural(accepted, 'accepted case')}`;

  return (
    <Modal
      title="Export golden set"
      onClose={onClose}
      closable={!running}
      testId="export-dialog"
      onKeyDown={(event) => {
        if (event.key !== 'Enter' || event.defaultPrevented || isActivator(event.target)) return;
        event.preventDefault();
        void confirm();
      }}
    >
      <p className="export-scope">{scope} to a JSONL file in the workspace’s exports folder.</p>

      <fieldset className="choices" ref={group} disabled={running} data-testid="export-profile">
        <legend>How de-identified values appear</legend>
        {EXPORT_PROFILES.map((option) => (
          <label key={option.id} className="choice">
            <input
              type="radio"
              name="export-profile"
              value={option.id}
              checked={profile === option.id}
              onChange={() => onProfileChange(option.id)}
              data-testid={`export-profile-${option.id}`}
            />
            <span className="choice-text">
              <span className="choice-name">
                {option.name}
                {option.example && (
                  <span className="ph" data-label="PERSON">
                    {option.example}
                  </span>
                )}
                {option.id === DEFAULT_EXPORT_PROFILE && <span className="choice-tag">Default</span>}
              </span>
              <span className="choice-detail">{option.detail}</span>
            </span>
          </label>
        ))}
      </fieldset>

      {error && (
        <p className="field-error ingest-error" role="alert" data-testid="export-error">
          {error}
        </p>
      )}

      <div className="modal-actions">
        <button type="button" className="btn" onClick={onClose} disabled={running}>
          Cancel
        </button>
        <button
          type="button"
          className="btn btn--primary"
          onClick={() => void confirm()}
          disabled={running}
          aria-keyshortcuts="Enter"
          data-testid="export-confirm"
        >
          {running ? 'Exporting…' : 'Export'}
          {!running && <kbd>Enter</kbd>}
        </button>
      </div>
    </Modal>
  );
}
