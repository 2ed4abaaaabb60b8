import { useState, type RefObject } from 'react';
import type { Augmentation, ReviewDraft } from '../../../../preload/contract/review-actions';
import { call, userMessage } from '../../quarry';
import { composeTask, type DraftUpdate } from './draft';

interface Props {
  caseId: number;
  draft: ReviewDraft;
  original: string;
  update: DraftUpdate;
  llmEnabled: boolean;
  taskRef: RefObject<HTMLTextAreaElement | null>;
  augmentRef: RefObject<HTMLInputElement | null>;
  onLeaveField: () => void;
}

/** Escape leaves a field and hands the keyboard back to the shortcuts. */
function leaveOnEscape(onLeave: () => void) {
  return (event: React.KeyboardEvent<HTMLElement>) => {
    if (event.key !== 'Escape') return;
    event.preventDefault();
    event.currentTarget.blur();
    onLeave();
  };
}

const SCOPES: { key: keyof Augmentation['scope']; label: string; placeholder: string }[] = [
  { key: 'temporal', label: 'Temporal', placeholder: 'e.g. over the last 12 months' },
  { key: 'comparative', label: 'Comparative', placeholder: 'e.g. against the generic equivalent' },
  { key: 'geographic', label: 'Geographic', placeholder: 'e.g. in each EU member state' },
];

/** The task: the de-identified original, the reviewer's edit, structured augmentation and the composed result. */
export function TaskTab({ caseId, draft, original, update, llmEnabled, taskRef, augmentRef, onLeaveField }: Props) {
  const [suggesting, setSuggesting] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const task = draft.taskText ?? original;
  const a = draft.augmentation;
  const setAug = (change: Partial<Augmentation>) => update((d) => ({ ...d, augmentation: { ...d.augmentation, ...change } }));
  const setScope = (key: keyof Augmentation['scope'], value: string) =>
    update((d) => ({ ...d, augmentation: { ...d.augmentation, scope: { ...d.augmentation.scope, [key]: value } } }));
  const leave = leaveOnEscape(onLeaveField);

  async function suggest() {
    setSuggesting(true);
    setError(null);
    try {
      const s = await call('review:suggest', { id: caseId });
      // Suggestions fill empty fields only; what the reviewer wrote stays.
      update((d) => {
        const cur = d.augmentation;
        return {
          ...d,
          augmentation: {
            persona: cur.persona || s.persona,
            outputFormat: cur.outputFormat || s.outputFormat,
            requiredSources: cur.requiredSources.length > 0 ? cur.requiredSources : s.requiredSources,
            scope: {
              temporal: cur.scope.temporal || s.scope.temporal,
              comparative: cur.scope.comparative || s.scope.comparative,
              geographic: cur.scope.geographic || s.scope.geographic,
            },
          },
        };
      });
    } catch (err) {
      setError(userMessage(err));
    } finally {
      setSuggesting(false);
    }
  }

  return (
    <div className="task-tab">
      <section className="panel-section">
        <div className="panel-label-row">
          <label htmlFor="task-input" className="panel-label">
            Task <kbd>T</kbd>
          </label>
          {draft.taskText !== null && draft.taskText !== original && (
            <button type="button" className="btn btn--ghost btn--small" onClick={() => update((d) => ({ ...d, taskText: null }))} data-testid="task-reset">
              Reset to original
            </button>
          )}
        </div>
        <textarea
          id="task-input"
          ref={taskRef}
          rows={4}
          value={task}
          maxLength={20000}
          onChange={(e) => update((d) => ({ ...d, taskText: e.target.value }))}
          onKeyDown={leave}
          data-testid="task-input"
        />
        <details className="original-task">
          <summary>De-identified original</summary>
          <p data-testid="task-original">{original}</p>
        </details>
      </section>

      <section className="panel-section">
        <div className="panel-label-row">
          <h3 className="panel-label">
            Augment <kbd>G</kbd>
          </h3>
          {llmEnabled && (
            <button type="button" className="btn btn--small" disabled={suggesting} onClick={() => void suggest()} data-testid="suggest">
              {suggesting ? 'Asking…' : 'Suggest'}
            </button>
          )}
        </div>
        <div className="aug-grid">
          <label htmlFor="aug-persona">Persona</label>
          <input
            id="aug-persona"
            ref={augmentRef}
            type="text"
            value={a.persona}
            maxLength={500}
            placeholder="Who is asking, e.g. a community pharmacist"
            onChange={(e) => setAug({ persona: e.target.value })}
            onKeyDown={leave}
            data-testid="aug-persona"
          />
          <label htmlFor="aug-format">Output format</label>
          <input
            id="aug-format"
            type="text"
            value={a.outputFormat}
            maxLength={500}
            placeholder="e.g. a numbered checklist"
            onChange={(e) => setAug({ outputFormat: e.target.value })}
            onKeyDown={leave}
            data-testid="aug-format"
          />
          <label htmlFor="aug-sources">Sources</label>
          <input
            id="aug-sources"
            type="text"
            value={a.requiredSources.join('; ')}
            maxLength={2000}
            placeholder="Required sources, separated by ;"
            onChange={(e) =>
              setAug({ requiredSources: e.target.value.split(';').map((s) => s.trimStart()).filter((s, i, all) => s || i === all.length - 1) })
            }
            onBlur={() => setAug({ requiredSources: a.requiredSources.map((s) => s.trim()).filter(Boolean) })}
            onKeyDown={leave}
            data-testid="aug-sources"
          />
          {SCOPES.map(({ key, label, placeholder }) => (
            <div key={key} className="aug-row">
              <label htmlFor={`aug-${key}`}>{label}</label>
              <input
                id={`aug-${key}`}
                type="text"
                value={a.scope[key]}
                maxLength={500}
                placeholder={placeholder}
                onChange={(e) => setScope(key, e.target.value)}
                onKeyDown={leave}
                data-testid={`aug-${key}`}
              />
            </div>
          ))}
        </div>
        {error && (
          <p className="field-error" role="alert" data-testid="suggest-error">
            {error}
          </p>
        )}
      </section>

      <section className="panel-section">
        <h3 className="panel-label">Final task</h3>
        <pre className="composed-task" data-testid="composed-task">
          {composeTask(task, { ...a, requiredSources: a.requiredSources.filter((s) => s.trim()) })}
        </pre>
      </section>
    </div>
  );
}
