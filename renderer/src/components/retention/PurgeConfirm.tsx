import type { Output } from '../../../../preload/api';
import { plural } from '../../format';
import { Modal } from '../Modal';

type Source = Output<'retention:overview'>['sources'][number];

interface Props {
  sources: readonly Source[];
  purging: boolean;
  onConfirm: () => void;
  onCancel: () => void;
}

/** Says exactly what "Purge now" will remove, source by source, before anything is removed. */
export function PurgeConfirm({ sources, purging, onConfirm, onCancel }: Props) {
  const due = sources.filter((s) => s.dueRows > 0);
  const total = due.reduce((n, s) => n + s.dueRows, 0);
  return (
    <Modal title="Purge raw text now?" onClose={onCancel} closable={!purging} testId="retention-confirm">
      {total === 0 ? (
        <p className="rt-confirm-text">No source has raw text past its retention period, so nothing will be purged.</p>
      ) : (
        <>
          <p className="rt-confirm-text">
            The raw text of {plural(total, 'record')} past its retention period will be permanently deleted from the vault, with the real
            values behind their placeholders. The de-identified cases and their reviews stay. This cannot be undone.
          </p>
          <ul className="rt-confirm-list">
            {due.map((s) => (
              <li key={s.source}>
                <span className="mono">{s.source}</span>: {plural(s.dueRows, 'record')} older than {s.rawDays} days
              </li>
            ))}
          </ul>
        </>
      )}
      <div className="rt-confirm-actions">
        <button type="button" className="btn" onClick={onCancel} disabled={purging} data-testid="retention-confirm-cancel">
          Cancel
        </button>
        <button type="button" className="btn btn--reject" onClick={onConfirm} disabled={purging} data-testid="retention-confirm-purge">
          {purging ? 'Purging…' : total === 0 ? 'Check and purge' : `Purge ${plural(total, 'record')}`}
        </button>
      </div>
    </Modal>
  );
}
