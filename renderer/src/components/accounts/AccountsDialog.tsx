import { useEffect, useState, type FormEvent } from 'react';
import type { Output, Role, WorkspaceStatus } from '../../../../preload/api';
import { ROLE_LABEL } from '../../access';
import { call, userMessage } from '../../quarry';
import { Modal } from '../Modal';
import './accounts.css';

type Listing = Output<'accounts:list'>;

interface Props {
  /** Account changes are audit-logged; the chain badge re-checks. */
  onChanged: () => void;
  /** Adding the first account changes how sign-in works; the workspace status follows. */
  onStatus: (status: WorkspaceStatus) => void;
  onClose: () => void;
}

const ROLE_HELP: Record<Role, string> = {
  admin: 'Everything, including accounts and settings',
  reviewer: 'Ingest, review and export cases',
  auditor: 'Read-only: audit log and its exports',
};

const ROLES: Role[] = ['admin', 'reviewer', 'auditor'];

/** Admins manage the workspace's accounts (each with its own passphrase) and the idle lock here. */
export function AccountsDialog({ onChanged, onStatus, onClose }: Props) {
  const [listing, setListing] = useState<Listing | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [name, setName] = useState('');
  const [role, setRole] = useState<Role>('reviewer');
  const [passphrase, setPassphrase] = useState('');
  const [confirm, setConfirm] = useState('');
  const [formError, setFormError] = useState<string | null>(null);
  const [idle, setIdle] = useState('');

  useEffect(() => {
    call('accounts:list', {}).then(
      (value) => {
        setListing(value);
        setIdle(String(value.idleLockMinutes));
        if (value.mode === 'single-user') setRole('admin');
      },
      (e: unknown) => setError(userMessage(e)),
    );
  }, []);

  async function change(action: () => Promise<Listing>): Promise<boolean> {
    setBusy(true);
    setError(null);
    try {
      const next = await action();
      const converted = listing?.mode === 'single-user' && next.mode === 'accounts';
      setListing(next);
      onChanged();
      if (converted) onStatus(await call('workspace:status', {}));
      return true;
    } catch (e) {
      setError(userMessage(e));
      return false;
    } finally {
      setBusy(false);
    }
  }

  async function add(event: FormEvent) {
    event.preventDefault();
    if (!name.trim()) return setFormError('Enter a name for the account.');
    if (passphrase.length < 8) return setFormError('The passphrase needs at least 8 characters.');
    if (confirm !== passphrase) return setFormError('The passphrases do not match.');
    setFormError(null);
    const done = await change(() => call('accounts:add', { name: name.trim(), role, passphrase }));
    if (done) {
      setName('');
      setPassphrase('');
      setConfirm('');
      setRole('reviewer');
    }
  }

  const single = listing?.mode === 'single-user';
  return (
    <Modal title="Accounts" onClose={onClose} closable={!busy} size="wide" testId="accounts-dialog">
      {single && (
        <p className="acc-banner" data-testid="accounts-single-user">
          This workspace opens with one shared passphrase. Add the first <strong>admin</strong> account to switch to
          personal sign-in: from then on everyone signs in with their own account, and the shared passphrase stops
          working.
        </p>
      )}
      {error && (
        <p className="acc-error" role="alert" data-testid="accounts-error">
          {error}
        </p>
      )}
      {listing && listing.accounts.length > 0 && (
        <table className="acc-table" data-testid="accounts-table">
          <thead>
            <tr>
              <th scope="col">Account</th>
              <th scope="col">Role</th>
              <th scope="col">Created</th>
              <th scope="col">
                <span className="visually-hidden">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {listing.accounts.map((a) => (
              <tr key={a.name} data-testid="account-row" data-name={a.name}>
                <th scope="row">
                  {a.name}
                  {a.you && <span className="acc-you">you</span>}
                </th>
                <td>
                  <select
                    aria-label={`Role of ${a.name}`}
                    value={a.role}
                    disabled={busy}
                    onChange={(e) => void change(() => call('accounts:setRole', { name: a.name, role: e.target.value as Role }))}
                    data-testid="account-role"
                  >
                    {ROLES.map((r) => (
                      <option key={r} value={r}>
                        {ROLE_LABEL[r]}
                      </option>
                    ))}
                  </select>
                </td>
                <td className="acc-date">{new Date(a.created).toLocaleDateString()}</td>
                <td className="acc-actions">
                  <button
                    type="button"
                    className="btn btn--ghost btn--small"
                    disabled={busy || a.you}
                    title={a.you ? 'You cannot remove the account you are signed in with' : undefined}
                    onClick={() => void change(() => call('accounts:remove', { name: a.name }))}
                    data-testid="account-remove"
                  >
                    Remove
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}

      <form className="acc-add" onSubmit={add} noValidate>
        <h3>{single ? 'First admin account' : 'Add an account'}</h3>
        <div className="acc-grid">
          <label className="acc-field">
            <span>Name</span>
            <input type="text" value={name} onChange={(e) => setName(e.target.value)} maxLength={64} autoComplete="off" data-testid="account-name" />
          </label>
          <label className="acc-field">
            <span>Role</span>
            <select value={role} disabled={single} onChange={(e) => setRole(e.target.value as Role)} data-testid="account-new-role">
              {ROLES.map((r) => (
                <option key={r} value={r}>
                  {ROLE_LABEL[r]}
                </option>
              ))}
            </select>
          </label>
          <label className="acc-field">
            <span>Passphrase</span>
            <input type="password" value={passphrase} onChange={(e) => setPassphrase(e.target.value)} autoComplete="new-password" maxLength={1024} data-testid="account-passphrase" />
          </label>
          <label className="acc-field">
            <span>Confirm</span>
            <input type="password" value={confirm} onChange={(e) => setConfirm(e.target.value)} autoComplete="new-password" maxLength={1024} data-testid="account-confirm" />
          </label>
        </div>
        <p className="acc-hint">{ROLE_HELP[role]}. Each account has its own passphrase; removing an account revokes it at once.</p>
        {formError && (
          <p className="acc-error" role="alert" data-testid="account-form-error">
            {formError}
          </p>
        )}
        <div className="modal-actions">
          <button type="submit" className="btn btn--primary" disabled={busy || !listing} data-testid="account-add">
            Add account
          </button>
        </div>
      </form>

      {listing && (
        <form
          className="acc-idle"
          onSubmit={(e) => {
            e.preventDefault();
            void change(() => call('accounts:setIdleLock', { minutes: Number(idle) }));
          }}
        >
          <label htmlFor="acc-idle-minutes">Lock after</label>
          <input
            id="acc-idle-minutes"
            type="number"
            min={1}
            max={1440}
            step={1}
            value={idle}
            onChange={(e) => setIdle(e.target.value)}
            data-testid="idle-minutes"
          />
          <span>minutes without activity</span>
          <button type="submit" className="btn btn--small" disabled={busy || Number(idle) === listing.idleLockMinutes} data-testid="idle-save">
            Save
          </button>
        </form>
      )}
    </Modal>
  );
}
