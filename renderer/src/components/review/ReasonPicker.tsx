import { useState } from 'react';
import { Modal } from '../Modal';

interface Props {
  codes: readonly string[];
  onPick: (code: string) => void;
  onClose: () => void;
}

const DESCRIPTIONS: Record<string, string> = {
  'pii-leak': 'Personal data is still visible',
  'not-a-task': 'Not a request a model should be tested on',
  duplicate: 'Same as a case already in the set',
  'off-domain': 'Outside what this system is for',
  'low-quality': 'Too garbled or thin to be useful',
  other: 'None of these',
};

/** Why a case is rejected: number keys pick a code directly, arrows and Enter work too. */
export function ReasonPicker({ codes, onPick, onClose }: Props) {
  const [active, setActive] = useState(0);
  return (
    <Modal
      title="Reject: choose a reason"
      onClose={onClose}
      testId="reason-picker"
      onKeyDown={(event) => {
        const n = Number(event.key);
        if (Number.isInteger(n) && n >= 1 && n <= codes.length) {
          event.preventDefault();
          onPick(codes[n - 1]!);
        } else if (event.key === 'ArrowDown' || event.key === 'j') {
          event.preventDefault();
          setActive((i) => Math.min(i + 1, codes.length - 1));
        } else if (event.key === 'ArrowUp' || event.key === 'k') {
          event.preventDefault();
          setActive((i) => Math.max(i - 1, 0));
        } else if (event.key === 'Enter' && event.target === event.currentTarget) {
          event.preventDefault();
          onPick(codes[active]!);
        }
      }}
    >
      <ul className="picker" role="listbox" aria-label="Reject reasons">
        {codes.map((code, i) => (
          <li key={code}>
            <button
              type="button"
              role="option"
              aria-selected={i === active}
              className="picker-option"
              onClick={() => onPick(code)}
              onMouseEnter={() => setActive(i)}
              data-testid={`reason-${code}`}
            >
              <kbd>{i + 1}</kbd>
              <span className="picker-code">{code}</span>
              {DESCRIPTIONS[code] && <span className="picker-note">{DESCRIPTIONS[code]}</span>}
            </button>
          </li>
        ))}
      </ul>
      <p className="shortcuts-note">Press a number, or move with ↑ ↓ and press Enter.</p>
    </Modal>
  );
}
