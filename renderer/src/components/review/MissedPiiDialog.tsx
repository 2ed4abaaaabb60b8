import { useState } from 'react';
import { Modal } from '../Modal';
import { describeLabel } from '../RedactedText';
import { MISS_LABELS } from './labels';


const KEYS = '123456789abcde';

interface Props {
  /** How long the selection is; its text is not repeated here. */
  length: number;
  busy: boolean;
  error: string | null;
  onPick: (label: string) => void;
  onClose: () => void;
}

/** Missed PII: choose the type; the span is redacted in the stored case and recorded as a miss. */
export function MissedPiiDialog({ length, busy, error, onPick, onClose }: Props) {
  const [active, setActive] = useState(0);
  return (
    <Modal
      title="Report missed personal data"
      onClose={onClose}
      closable={!busy}
      testId="missed-pii-dialog"
      onKeyDown={(event) => {
        if (busy) return;
        const index = KEYS.indexOf(event.key.toLowerCase());
        if (event.key.length === 1 && index >= 0 && index < MISS_LABELS.length) {
          event.preventDefault();
          onPick(MISS_LABELS[index]!);
        } else if (event.key === 'ArrowDown') {
          event.preventDefault();
          setActive((i) => Math.min(i + 1, MISS_LABELS.length - 1));
        } else if (event.key === 'ArrowUp') {
          event.preventDefault();
          setActive((i) => Math.max(i - 1, 0));
        } else if (event.key === 'Enter' && event.target === event.currentTarget) {
          event.preventDefault();
          onPick(MISS_LABELS[active]!);
        }
      }}
    >
      <p className="review-note">
        The selected {length} characters, and the same text elsewhere in this case, will be replaced by a placeholder.
        The value stays in the encrypted vault; the miss is logged for the de-identifier’s regression set.
      </p>
      <ul className="picker picker--grid" role="listbox" aria-label="Entity type">
        {MISS_LABELS.map((label, i) => (
          <li key={label}>
            <button
              type="button"
              role="option"
              aria-selected={i === active}
              className="picker-option"
              disabled={busy}
              onClick={() => onPick(label)}
              onMouseEnter={() => setActive(i)}
              data-testid={`miss-label-${label}`}
            >
              <kbd>{KEYS[i]!.toUpperCase()}</kbd>
              <span className="picker-code">{describeLabel(label)}</span>
            </button>
          </li>
        ))}
      </ul>
      {error && (
        <p className="field-error" role="alert" data-testid="missed-pii-error">
          {error}
        </p>
      )}
    </Modal>
  );
}
