import { Modal } from './Modal';

/** Every key of the review screen, in the order a reviewer meets them. */
const SHORTCUTS: { keys: string[]; action: string }[] = [
  { keys: ['J', '↓'], action: 'Next case' },
  { keys: ['K', '↑'], action: 'Previous case' },
  { keys: ['X'], action: 'Mark the case for assignment (or shift-/ctrl-click); then N to name the reviewer' },
  { keys: ['/'], action: 'Search the queue' },
  { keys: ['A'], action: 'Accept, then open the next pending case' },
  { keys: ['R'], action: 'Reject with a reason code (a number picks one)' },
  { keys: ['S'], action: 'Skip for now, then open the next pending case' },
  { keys: ['U'], action: 'Undo your last decision (again to go further back)' },
  { keys: ['E'], action: 'Write the expected behaviour (reference answer)' },
  { keys: ['T'], action: 'Edit the task text' },
  { keys: ['G'], action: 'Augment the task: persona, format, sources, scope' },
  { keys: ['M'], action: 'Report missed personal data: the selected text, or pick words from a list when nothing is selected' },
  { keys: ['B'], action: 'Category and rubric' },
  { keys: ['C'], action: 'Filter checklist; then 1, 2, 3 tick its items' },
  { keys: ['F'], action: 'Case facts: signals, slices, provenance' },
  { keys: ['Esc'], action: 'Leave the field, or close a dialog' },
  { keys: ['?'], action: 'Show or hide this sheet' },
];

export function CheatSheet({ onClose }: { onClose: () => void }) {
  return (
    <Modal title="Keyboard shortcuts" onClose={onClose} wide testId="cheat-sheet" onKeyDown={(e) => e.key === '?' && onClose()}>
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
