import type { ChecklistItem, ReviewDraft } from '../../../../preload/contract/review-actions';
import { CHECKLIST_NAMES, CHECKLIST_ORDER, type DraftUpdate } from './draft';

interface Props {
  draft: ReviewDraft;
  update: DraftUpdate;
  required: readonly ChecklistItem[];
}

/** The filter checklist: the items the workspace requires must be ticked before a case can be accepted. */
export function ChecklistTab({ draft, update, required }: Props) {
  return (
    <section className="panel-section">
      <h3 className="panel-label">Filter checklist</h3>
      <ul className="checklist">
        {CHECKLIST_ORDER.map((item, i) => {
          const { name, question } = CHECKLIST_NAMES[item];
          const isRequired = required.includes(item);
          return (
            <li key={item}>
              <label className="check" data-checked={draft.checklist[item] === true}>
                <input
                    type="checkbox"
                  checked={draft.checklist[item] === true}
                  onChange={(e) => update((d) => ({ ...d, checklist: { ...d.checklist, [item]: e.target.checked } }))}
                  data-testid={`check-${item}`}
                />
                <span className="check-text">
                  <span className="check-name">
                    {name} <kbd>{i + 1}</kbd>
                    {isRequired && <span className="check-required">required to accept</span>}
                  </span>
                  <span className="check-question">{question}</span>
                </span>
              </label>
            </li>
          );
        })}
      </ul>
    </section>
  );
}
