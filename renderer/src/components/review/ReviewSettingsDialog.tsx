import { useState } from 'react';
import type { ChecklistItem, ReviewSettingsView } from '../../../../preload/contract/review-actions';
import { userMessage } from '../../quarry';
import { Modal } from '../Modal';
import { CHECKLIST_NAMES, CHECKLIST_ORDER } from './draft';
import { saveReviewSettings } from './settings-cache';

interface Props {
  settings: ReviewSettingsView;
  onClose: () => void;
  onSaved: (settings: ReviewSettingsView) => void;
}

/**
 * How the workspace reviews: double-review share, reject reason codes, checklist items required to accept, and
 * the optional on-prem LLM endpoint. Admins only (main enforces it); the API key is write-only here.
 */
export function ReviewSettingsDialog({ settings, onClose, onSaved }: Props) {
  const [share, setShare] = useState(String(Math.round(settings.doubleReviewShare * 100)));
  const [seed, setSeed] = useState(String(settings.doubleReviewSeed));
  const [codes, setCodes] = useState(settings.reasonCodes.join(', '));
  const [required, setRequired] = useState<ChecklistItem[]>(settings.requiredChecklist);
  const [llmEnabled, setLlmEnabled] = useState(settings.llm.enabled);
  const [url, setUrl] = useState(settings.llm.url);
  const [model, setModel] = useState(settings.llm.model);
  const [apiKey, setApiKey] = useState('');
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function save() {
    const percent = Number(share);
    if (!Number.isFinite(percent) || percent < 0 || percent > 100) {
      setError('Double review: give a share between 0 and 100 %.');
      return;
    }
    const seedValue = Number(seed);
    if (!Number.isInteger(seedValue) || seedValue < 0) {
      setError('Seed: give a whole number, 0 or more.');
      return;
    }
    setSaving(true);
    setError(null);
    try {
      const saved = await saveReviewSettings({
        doubleReviewShare: percent / 100,
        doubleReviewSeed: seedValue,
        reasonCodes: codes.split(',').map((c) => c.trim()).filter(Boolean),
        requiredChecklist: required,
        rubricTemplates: settings.rubricTemplates,
        llm: { enabled: llmEnabled, url, model, ...(apiKey ? { apiKey } : {}) },
      });
      onSaved(saved);
    } catch (err) {
      setSaving(false);
      setError(userMessage(err));
    }
  }

  return (
    <Modal title="Review settings" onClose={onClose} closable={!saving} wide testId="review-settings">
      <form
        className="settings-form"
        onSubmit={(e) => {
          e.preventDefault();
          void save();
        }}
      >
        <fieldset>
          <legend>Blind double review</legend>
          <div className="settings-row">
            <label htmlFor="rs-share">Share of cases</label>
            <span className="input-suffix">
              <input id="rs-share" type="text" inputMode="decimal" value={share} onChange={(e) => setShare(e.target.value)} data-testid="settings-share" />
              <span>%</span>
            </span>
            <label htmlFor="rs-seed">Seed</label>
            <input id="rs-seed" type="text" inputMode="numeric" value={seed} onChange={(e) => setSeed(e.target.value)} data-testid="settings-seed" />
          </div>
          <p className="review-note">The same seed always picks the same cases. Changing either re-derives every case’s status.</p>
        </fieldset>

        <fieldset>
          <legend>Decisions</legend>
          <label htmlFor="rs-codes">Reject reason codes</label>
          <input id="rs-codes" type="text" value={codes} onChange={(e) => setCodes(e.target.value)} data-testid="settings-reasons" />
          <p className="review-note">Comma-separated; lower-case letters, digits and dashes.</p>
          <div className="settings-checks" role="group" aria-label="Required to accept">
            <span className="settings-checks-label">Required to accept</span>
            {CHECKLIST_ORDER.map((item) => (
              <label key={item} className="inline-check">
                <input
                  type="checkbox"
                  checked={required.includes(item)}
                  onChange={(e) => setRequired((r) => (e.target.checked ? [...r, item] : r.filter((x) => x !== item)))}
                  data-testid={`settings-required-${item}`}
                />
                {CHECKLIST_NAMES[item].name}
              </label>
            ))}
          </div>
        </fieldset>

        <fieldset>
          <legend>Augmentation suggestions (on-prem LLM)</legend>
          <label className="inline-check">
            <input type="checkbox" checked={llmEnabled} onChange={(e) => setLlmEnabled(e.target.checked)} data-testid="settings-llm-enabled" />
            Ask an OpenAI-compatible endpoint on this network for suggestions
          </label>
          <div className="settings-grid">
            <label htmlFor="rs-url">Endpoint URL</label>
            <input id="rs-url" type="text" value={url} placeholder="http://llm.internal:8000/v1" onChange={(e) => setUrl(e.target.value)} data-testid="settings-llm-url" />
            <label htmlFor="rs-model">Model</label>
            <input id="rs-model" type="text" value={model} onChange={(e) => setModel(e.target.value)} data-testid="settings-llm-model" />
            <label htmlFor="rs-key">API key</label>
            <input
              id="rs-key"
              type="password"
              value={apiKey}
              autoComplete="off"
              placeholder={settings.llm.hasApiKey ? 'Stored · type to replace' : 'Optional'}
              onChange={(e) => setApiKey(e.target.value)}
              data-testid="settings-llm-key"
            />
          </div>
          <p className="review-note">Only de-identified text is sent. This is the only network call Quarry makes.</p>
        </fieldset>

        {error && (
          <p className="field-error" role="alert" data-testid="settings-error">
            {error}
          </p>
        )}
        <div className="modal-actions">
          <button type="button" className="btn btn--ghost" onClick={onClose} disabled={saving}>
            Cancel
          </button>
          <button type="submit" className="btn btn--primary" disabled={saving} data-testid="settings-save">
            {saving ? 'Saving…' : 'Save'}
          </button>
        </div>
      </form>
    </Modal>
  );
}
