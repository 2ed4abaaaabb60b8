import { useRef, useState, type FormEvent } from 'react';
import type { WorkspaceStatus } from '../../../preload/api';
import { call, userMessage } from '../quarry';
import { Field } from './Field';
import './accounts/accounts.css';

interface Props {
  status: WorkspaceStatus;
  onUnlocked: (status: WorkspaceStatus) => void;
}

interface Errors {
  passphrase?: string;
  confirm?: string;
  reviewer?: string;
}

/**
 * First screen: opens the encrypted workspace, or creates it on first run. A single-user workspace asks for its
 * passphrase and the reviewer's name; once it has accounts, for the account name and that account's passphrase.
 */
export function UnlockScreen({ status, onUnlocked }: Props) {
  const creating = !status.exists;
  const accounts = status.accounts;
  const nameLabel = accounts ? 'Account' : 'Reviewer name';
  const [passphrase, setPassphrase] = useState('');
  const [confirm, setConfirm] = useState('');
  const [reviewer, setReviewer] = useState(status.reviewer ?? '');
  const [errors, setErrors] = useState<Errors>({});
  const [busy, setBusy] = useState(false);
  const passphraseRef = useRef<HTMLInputElement>(null);
  const confirmRef = useRef<HTMLInputElement>(null);
  const reviewerRef = useRef<HTMLInputElement>(null);

  function refuse(next: Errors) {
    setErrors(next);
    const target = next.passphrase ? passphraseRef : next.confirm ? confirmRef : reviewerRef;
    target.current?.focus();
    target.current?.select();
  }

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (busy) return;
    if (!passphrase) return refuse({ passphrase: accounts ? 'Enter your passphrase.' : 'Enter the workspace passphrase.' });
    if (creating && confirm !== passphrase) return refuse({ confirm: 'The passphrases do not match.' });
    if (!reviewer.trim()) {
      return refuse({ reviewer: accounts ? 'Enter your account name.' : 'Enter your name; it is recorded with every decision.' });
    }
    setErrors({});
    setBusy(true);
    try {
      onUnlocked(await call('workspace:unlock', { passphrase, reviewer: reviewer.trim() }));
    } catch (error) {
      setBusy(false);
      refuse({ passphrase: userMessage(error) });
    }
  }

  const nameField = (
    <Field id="unlock-reviewer" label={nameLabel} error={errors.reviewer}>
      <input
        ref={reviewerRef}
        type="text"
        autoComplete={accounts ? 'username' : 'name'}
        autoFocus={accounts}
        value={reviewer}
        onChange={(e) => setReviewer(e.target.value)}
        maxLength={80}
        data-testid="unlock-reviewer"
      />
    </Field>
  );

  return (
    <main className="unlock">
      <form className="unlock-card" onSubmit={submit} noValidate aria-busy={busy}>
        <header className="unlock-head">
          <h1 className="wordmark">Quarry</h1>
          <p className="unlock-lede">
            {creating
              ? 'Create an encrypted workspace for de-identified evaluation cases.'
              : accounts
                ? 'Sign in with your account to open the workspace.'
                : 'Unlock your workspace to continue reviewing.'}
          </p>
        </header>

        {status.lockedReason === 'idle' && (
          <p className="unlock-notice" role="status" data-testid="idle-locked">
            Locked after a period without activity. The key was cleared from memory; sign in again to continue.
          </p>
        )}

        <div className="unlock-path">
          <span className="unlock-path-label">Workspace</span>
          <code data-testid="workspace-path" title={status.path}>
            {status.path}
          </code>
        </div>

        {accounts && nameField}

        <Field
          id="unlock-passphrase"
          label="Passphrase"
          error={errors.passphrase}
          errorTestId="unlock-error"
          hint={creating ? 'A lost passphrase cannot be recovered. Keep it in your password manager.' : undefined}
        >
          <input
            ref={passphraseRef}
            type="password"
            autoComplete={creating ? 'new-password' : 'current-password'}
            autoFocus={!accounts}
            value={passphrase}
            onChange={(e) => setPassphrase(e.target.value)}
            maxLength={1024}
            data-testid="unlock-passphrase"
          />
        </Field>

        {creating && (
          <Field id="unlock-confirm" label="Confirm passphrase" error={errors.confirm}>
            <input
              ref={confirmRef}
              type="password"
              autoComplete="new-password"
              value={confirm}
              onChange={(e) => setConfirm(e.target.value)}
              maxLength={1024}
              data-testid="unlock-confirm"
            />
          </Field>
        )}

        {!accounts && nameField}

        <button type="submit" className="btn btn--primary btn--block" disabled={busy} data-testid="unlock-submit">
          {busy ? (creating ? 'Creating…' : 'Unlocking…') : creating ? 'Create workspace' : accounts ? 'Sign in' : 'Unlock'}
        </button>
      </form>
    </main>
  );
}
