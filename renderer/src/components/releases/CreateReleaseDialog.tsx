import { useState } from 'react';
import type { EvalSetDto, ReleaseSummaryDto } from '../../../../preload/contract/releases';
import { call, userMessage } from '../../quarry';
import { EXPORT_PROFILES } from '../ExportDialog';
import { Modal } from '../Modal';
import { versionLabel } from './release-format';

interface Props {
  set: EvalSetDto;
  /** The profiles main offers (evalsets:list). */
  profiles: ReadonlyArray<{ id: string; name: string }>;
  onCreated: (release: ReleaseSummaryDto) => void;
  onClose: () => void;
}

const detailOf = (id: string) => EXPORT_PROFILES.find((p) => p.id === id)?.detail ?? '';

/**
 * Snapshot the set's accepted cases into the next version. The export profile decides how placeholders are
 * rendered in the frozen records; the release then waits for a second admin's approval.
 */
export function CreateReleaseDialog({ set, profiles, onCreated, onClose }: Props) {
  const [profile, setProfile] = useState(profiles.find((p) => p.id === 'placeholder')?.id ?? profiles[0]?.id ?? 'placeholder');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const next = (set.latestVersion ?? 0) + 1;

  async function create() {
    setBusy(true);
    setError(null);
    try {
      onCreated(await call('releases:create', { set: set.name, profile }));
    } catch (e) {
      setError(userMessage(e));
      setBusy(false);
    }
  }

  return (
    <Modal title={`Create ${set.name} ${versionLabel(next)}`} onClose={onClose} closable={!busy} testId="rl-create-release-dialog">
      <p className="rl-dialog-lede">
        Freezes every accepted case{set.importedCases > 0 ? ` and the ${set.importedCases} imported ones` : ''} as it reads now.
        {set.latestApprovedVersion
          ? ` Every regression of ${versionLabel(set.latestApprovedVersion)} is carried over unchanged.`
          : ' This is the set’s first release.'}{' '}
        A second admin must approve it before it can be exported.
      </p>
      <fieldset className="choices" disabled={busy} data-testid="rl-release-profile">
        <legend>How de-identified values appear</legend>
        {profiles.map((option) => (
          <label key={option.id} className="choice">
            <input
              type="radio"
              name="rl-release-profile"
              value={option.id}
              checked={profile === option.id}
              onChange={() => setProfile(option.id)}
              data-testid={`rl-release-profile-${option.id}`}
            />
            <span className="choice-text">
              <span className="choice-name">{option.name}</span>
              {detailOf(option.id) && <span className="choice-detail">{detailOf(option.id)}</span>}
            </span>
          </label>
        ))}
      </fieldset>
      {error && (
        <p className="field-error" role="alert" data-testid="rl-create-release-error">
          {error}
        </p>
      )}
      <div className="modal-actions">
        <button type="button" className="btn" onClick={onClose} disabled={busy}>
          Cancel
        </button>
        <button type="button" className="btn btn--primary" onClick={() => void create()} disabled={busy} data-testid="rl-create-release-submit">
          {busy ? 'Creating…' : `Create ${versionLabel(next)}`}
        </button>
      </div>
    </Modal>
  );
}
