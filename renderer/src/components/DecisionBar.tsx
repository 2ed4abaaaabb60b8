import { useRef, useState } from 'react';
import type { CaseDetail } from '../../../preload/api';
import { formatDateTime } from '../format';
import { call, userMessage } from '../quarry';
import { useShortcuts } from '../hooks/useShortcuts';

type Decision = 'accepted' | 'rejected';

interface Props {
  detail: CaseDetail;
  onChange: (detail: CaseDetail) => void;
  onDecided: (detail: CaseDetail) => void;
  /** Where the keyboard goes when the reviewer leaves the field with Escape. */
  onLeaveField: () => void;
}

/** The reviewer's verdict: what the model should have done, then accept or reject. Owns a, r and e. */
export function DecisionBar({ detail, onChange, onDecided, onLeaveField }: Props) {
  const [draft, setDraft] = useState(detail.expected ?? '');
  const [saved, setSaved] = useState(detail.expected ?? '');
  const [deciding, setDeciding] = useState<Decision | null>(null);
  const [error, setError] = useState<string | null>(null);
  const field = useRef<HTMLTextAreaElement>(null);

  async function decide(decision: Decision) {
    if (deciding) return;
    setDeciding(decision);
    setError(null);
    try {
      const updated = await call('cases:decide', { id: detail.id, decision, expected: draft });
      setSaved(draft);
      setDeciding(null);
      onDecided(updated);
    } catch (err) {
      setDeciding(null);
      setError(userMessage(err));
    }
  }

  // Keeps the text when the reviewer moves on without deciding, so a half-written note is not lost.
  async function saveDraft() {
    if (draft === saved) return;
    const text = draft;
    try {
      const updated = await call('cases:saveExpected', { id: detail.id, expected: text });
      setSaved(text);
      onChange(updated);
    } catch (err) {
      setError(userMessage(err));
    }
  }

  useShortcuts({
    a: (event) => !event.repeat && void decide('accepted'),
    r: (event) => !event.repeat && void decide('rejected'),
    e: () => {
      const el = field.current;
      if (!el) return;
      el.focus();
      // Continue an existing note rather than typing in front of it.
      el.setSelectionRange(el.value.length, el.value.length);
    },
  });

  const decidedLine =
    detail.status !== 'pending' && detail.decidedBy
      ? `${detail.status === 'accepted' ? 'Accepted' : 'Rejected'} by ${detail.decidedBy}${
          detail.decidedAt ? ` · ${formatDateTime(detail.decidedAt)}` : ''
        }`
      : null;

  return (
    <div className="decision">
      <div className="decision-field">
        <label htmlFor="expected-input">
          Expected behaviour <kbd>E</kbd>
        </label>
        <textarea
          id="expected-input"
          ref={field}
          value={draft}
          maxLength={20000}
          rows={3}
          placeholder="What should a correct response do? Note facts, tone, and anything it must not say."
          onChange={(e) => setDraft(e.target.value)}
          onBlur={() => void saveDraft()}
          onKeyDown={(e) => {
            if (e.key !== 'Escape') return;
            e.preventDefault();
            e.currentTarget.blur();
            onLeaveField();
          }}
          aria-describedby={error ? 'decision-error' : undefined}
          data-testid="expected-input"
        />
        <div className="decision-meta">
          {error ? (
            <p id="decision-error" className="field-error" role="alert" data-testid="decision-error">
              {error}
            </p>
          ) : (
            <p className="decision-state" data-testid="decision-state">
              {decidedLine ?? 'Not yet decided'}
              {draft !== saved && <span className="decision-unsaved"> · Unsaved note</span>}
            </p>
          )}
        </div>
      </div>
      <div className="decision-actions">
        <button
          type="button"
          className="btn btn--accept"
          disabled={deciding !== null}
          onClick={() => void decide('accepted')}
          data-testid="accept"
        >
          {deciding === 'accepted' ? 'Accepting…' : 'Accept'} <kbd>A</kbd>
        </button>
        <button
          type="button"
          className="btn btn--reject"
          disabled={deciding !== null}
          onClick={() => void decide('rejected')}
          data-testid="reject"
        >
          {deciding === 'rejected' ? 'Rejecting…' : 'Reject'} <kbd>R</kbd>
        </button>
      </div>
    </div>
  );
}
