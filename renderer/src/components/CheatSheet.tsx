import { Modal } from './Modal';

const SHORTCUTS: { keys: string[]; action: string }[] = [
  { keys: ['J', '↓'], action: 'Next case' },
  { keys: ['K', '↑'], action: 'Previous case' },
  { keys: ['A'], action: 'Accept, then open the next pending case' },
  { keys: ['R'], action: 'Reject, then open the next pending case' },
  { keys: ['E'], action: 'Write the expected behaviour' },
  { keys: ['Esc'], action: 'Leave the field, or close a dialog' },
  { keys: ['?'], action: 'Show or hide this sheet' },
];

export function CheatSheet({ onClose }: { onClose: () => void }) {
  return (
    <Modal title="Keyboard shortcuts" onClose={onClose} testId="cheat-sheet" onKeyDown={(e) => e.key === '?' && onClose()}>
      <table className="shortcuts">
        <tbody>
          {SHORTCUTS.map(({ keys, action }) => (
            <tr key={action}>
              <th scope="row">
                {keys.map((key, i) => (
                  <span key={key}>
                    {i > 0 && <span className="shortcuts-or">or</span>}
                    <kbd>{key}</kbd>
                  </span>
                ))}
              </th>
              <td>{action}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <p className="shortcuts-note">Shortcuts pause while you type in a field.</p>
    </Modal>
  );
}
