import { useState, type FormEvent } from 'react';
import type { EvalSetDto } from '../../../../preload/contract/releases';
import { call, userMessage } from '../../quarry';
import { Field } from '../Field';
import { Modal } from '../Modal';

interface Props {
  existing: readonly string[];
  onCreated: (set: EvalSetDto) => void;
  onClose: () => void;
}

/** Name a new eval set (unique, 80 characters at most) and say what it is for. */
export function CreateSetDialog({ existing, onCreated, onClose }: Props) {
  const [name, setName] = useState('');
  const [description, setDescription] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const trimmed = name.trim();
  const taken = existing.some((n) => n.toLowerCase() === trimmed.toLowerCase());
  const nameError = taken ? `An eval set named “${trimmed}” already exists.` : trimmed.length > 80 ? 'Use at most 80 characters.' : undefined;

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (!trimmed || nameError || busy) return;
    setBusy(true);
    setError(null);
    try {
      onCreated(await call('evalsets:create', { name: trimmed, description: description.trim() || undefined }));
    } catch (e) {
      setError(userMessage(e));
      setBusy(false);
    }
  }

  return (
    <Modal title="New eval set" onClose={onClose} closable={!busy} testId="rl-create-set-dialog">
      <form className="rl-form" onSubmit={(e) => void submit(e)}>
        <Field id="rl-set-name" label="Name" error={nameError} hint="Shown in every release and export of the set.">
          <input type="text" value={name} autoFocus maxLength={100} onChange={(e) => setName(e.target.value)} data-testid="rl-set-name" />
        </Field>
        <div className="field">
          <label htmlFor="rl-set-description">Description (optional)</label>
          <textarea
            id="rl-set-description"
            rows={3}
            maxLength={2000}
            value={description}
            onChange={(e) => setDescription(e.target.value)}
            data-testid="rl-set-description"
          />
        </div>
        {error && (
          <p className="field-error" role="alert" data-testid="rl-create-set-error">
            {error}
          </p>
        )}
        <div className="modal-actions">
          <button type="button" className="btn" onClick={onClose} disabled={busy}>
            Cancel
          </button>
          <button type="submit" className="btn btn--primary" disabled={!trimmed || Boolean(nameError) || busy} data-testid="rl-create-set-submit">
            {busy ? 'Creating…' : 'Create set'}
          </button>
        </div>
      </form>
    </Modal>
  );
}
