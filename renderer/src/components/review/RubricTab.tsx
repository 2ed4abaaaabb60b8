import type { ReviewCategory, ReviewDraft, RubricCriterion } from '../../../../preload/contract/review-actions';
import { CATEGORY_NAMES, CATEGORY_ORDER, type DraftUpdate } from './draft';

interface Props {
  draft: ReviewDraft;
  update: DraftUpdate;
  templates: Partial<Record<ReviewCategory, RubricCriterion[]>>;
  /** Stores the rubric as its category's template for the workspace (admins). */
  onSaveTemplate: () => void;
}

const BLANK: RubricCriterion = { text: '', weight: 1, met: '', unmet: '' };

/** Category and rubric: criteria with a weight and MET / UNMET definitions, started from the category's template. */
export function RubricTab({ draft, update, templates, onSaveTemplate }: Props) {
  const rubric = draft.rubric;
  const setCriterion = (index: number, change: Partial<RubricCriterion>) =>
    update((d) => ({ ...d, rubric: d.rubric.map((c, i) => (i === index ? { ...c, ...change } : c)) }));

  function chooseCategory(category: ReviewCategory) {
    // A rubric already written stays; an empty one starts from the category's template.
    update((d) => ({ ...d, category, rubric: d.rubric.length > 0 ? d.rubric : (templates[category] ?? []) }));
  }

  const total = rubric.reduce((sum, c) => sum + c.weight, 0);
  return (
    <div className="rubric-tab">
      <section className="panel-section">
        <h3 className="panel-label" id="category-label">
          Category
        </h3>
        <div className="segmented" role="radiogroup" aria-labelledby="category-label">
          {CATEGORY_ORDER.map((category) => (
            <label key={category} className="segmented-option" data-checked={draft.category === category}>
              <input
                type="radio"
                name="category"
                checked={draft.category === category}
                onChange={() => chooseCategory(category)}
                data-testid={`category-${category}`}
              />
              {CATEGORY_NAMES[category]}
            </label>
          ))}
        </div>
      </section>

      <section className="panel-section">
        <div className="panel-label-row">
          <h3 className="panel-label">
            Rubric <span className="panel-count">{rubric.length > 0 ? `${rubric.length} · total weight ${total}` : 'none yet'}</span>
          </h3>
          {draft.category && (
            <button
              type="button"
              className="btn btn--ghost btn--small"
              title={`Replace the rubric with the ${CATEGORY_NAMES[draft.category].toLowerCase()} template`}
              onClick={() => update((d) => ({ ...d, rubric: templates[d.category!] ?? [] }))}
              data-testid="rubric-template"
            >
              Use template
            </button>
          )}
        </div>
        {rubric.length === 0 && <p className="review-note">Choose a category to start from its template, or add criteria one by one.</p>}
        <ol className="criteria">
          {rubric.map((c, i) => (
            <li key={i} className="criterion" data-testid="rubric-criterion">
              <div className="criterion-head">
                <span className="criterion-number">{i + 1}.</span>
                <input
                  type="text"
                  aria-label={`Criterion ${i + 1}`}
                  value={c.text}
                  maxLength={2000}
                  placeholder="What the answer must do"
                  onChange={(e) => setCriterion(i, { text: e.target.value })}
                  data-testid="criterion-text"
                />
              </div>
              <div className="criterion-defs">
                <label>
                  <span className="verdict verdict--met">MET</span>
                  <textarea rows={2} value={c.met} maxLength={2000} placeholder="When it is met" onChange={(e) => setCriterion(i, { met: e.target.value })} data-testid="criterion-met" />
                </label>
                <label>
                  <span className="verdict verdict--unmet">UNMET</span>
                  <textarea rows={2} value={c.unmet} maxLength={2000} placeholder="When it is not" onChange={(e) => setCriterion(i, { unmet: e.target.value })} data-testid="criterion-unmet" />
                </label>
              </div>
              <div className="criterion-foot">
                <label className="criterion-weight">
                  <span>Weight</span>
                  <input
                    type="number"
                    min={1}
                    max={10}
                    value={c.weight}
                    onChange={(e) => setCriterion(i, { weight: Math.min(10, Math.max(1, Math.round(Number(e.target.value) || 1))) })}
                    data-testid="criterion-weight"
                  />
                </label>
                <button
                  type="button"
                  className="btn btn--ghost btn--small"
                  aria-label={`Remove criterion ${i + 1}`}
                  onClick={() => update((d) => ({ ...d, rubric: d.rubric.filter((_, j) => j !== i) }))}
                  data-testid="criterion-remove"
                >
                  Remove
                </button>
              </div>
            </li>
          ))}
        </ol>
        <div className="rubric-actions">
          <button type="button" className="btn btn--small" onClick={() => update((d) => ({ ...d, rubric: [...d.rubric, BLANK] }))} data-testid="criterion-add">
            Add criterion
          </button>
          {draft.category && rubric.length > 0 && (
            <button type="button" className="btn btn--ghost btn--small" onClick={onSaveTemplate} data-testid="rubric-save-template">
              Save as {CATEGORY_NAMES[draft.category].toLowerCase()} template
            </button>
          )}
        </div>
      </section>
    </div>
  );
}
