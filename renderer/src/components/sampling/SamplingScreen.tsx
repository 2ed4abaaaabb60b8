import { useCallback, useEffect, useMemo, useState } from 'react';
import type { Output } from '../../../../preload/api';
import { call, userMessage } from '../../quarry';
import { PolicyForm } from './PolicyForm';
import { PolicyList } from './PolicyList';
import { PreviewPanel } from './PreviewPanel';
import { RunsTable } from './RunsTable';
import { EMPTY_FORM, formFromPolicy, issuesByPath, policyFromForm, type FormIssues, type PolicyFormState, type SavedPolicy } from './policy-form';
import './sampling.css';

type Preview = Extract<Output<'sampling:preview'>, { ok: true }>['preview'];
type Run = Output<'sampling:runs'>[number];

interface Props {
  /** Bumped when cases change elsewhere (an ingest): the preview is recomputed. */
  casesVersion: number;
  onAudited: () => void;
  onCasesChanged: () => void;
}

interface Outcome {
  tone: 'success' | 'error';
  text: string;
  /** Where it is shown: beside Save in the editor, or under Run in the preview. */
  from: 'save' | 'run';
}

const PREVIEW_DELAY_MS = 300;

/**
 * The sampling screen: saved policies and the policy form on the left, the live preview and Run on the right,
 * past mining runs below. The preview follows the form as it is edited; a run records exactly what it showed.
 */
export function SamplingScreen({ casesVersion, onAudited, onCasesChanged }: Props) {
  const [choices, setChoices] = useState<{ failureSignals: string[]; sliceFields: string[] }>({ failureSignals: [], sliceFields: [] });
  const [policies, setPolicies] = useState<SavedPolicy[]>([]);
  const [selected, setSelected] = useState<string | null>(null);
  const [form, setForm] = useState<PolicyFormState>(EMPTY_FORM);
  const [schemaIssues, setSchemaIssues] = useState<FormIssues>({});
  const [preview, setPreview] = useState<Preview | null>(null);
  /** Which form and cases the shown preview (or its error) belongs to; any other key means it is out of date. */
  const [previewKey, setPreviewKey] = useState('');
  const [previewError, setPreviewError] = useState<string | null>(null);
  const [runs, setRuns] = useState<Run[]>([]);
  const [listsVersion, setListsVersion] = useState(0);
  const [freshRun, setFreshRun] = useState<number | null>(null);
  const [busy, setBusy] = useState<'run' | 'save' | null>(null);
  const [outcome, setOutcome] = useState<Outcome | null>(null);

  const { policy, issues: localIssues } = useMemo(() => policyFromForm(form), [form]);
  const hasLocalIssues = Object.keys(localIssues).length > 0;
  const key = `${casesVersion}:${JSON.stringify(policy)}`;
  const stale = !hasLocalIssues && previewKey !== key;
  // The form's own checks first; then the policy schema's messages from the latest preview.
  const issues = hasLocalIssues ? localIssues : schemaIssues;
  const valid = !hasLocalIssues && Object.keys(schemaIssues).length === 0;
  const blocked = valid ? previewError : 'Fix the highlighted fields to see the preview.';

  const refreshLists = useCallback(() => setListsVersion((n) => n + 1), []);

  useEffect(() => {
    let live = true;
    Promise.all([call('sampling:policies', {}), call('sampling:runs', {})])
      .then(([listing, past]) => {
        if (!live) return;
        setChoices({ failureSignals: listing.failureSignals, sliceFields: listing.sliceFields });
        setPolicies(listing.policies);
        setRuns(past);
        onAudited();
      })
      .catch((error: unknown) => {
        if (live) setOutcome({ tone: 'error', text: userMessage(error), from: 'run' });
      });
    return () => {
      live = false;
    };
  }, [listsVersion, onAudited]);

  // The live preview: after a pause in editing, and again whenever the workspace's cases change.
  useEffect(() => {
    if (hasLocalIssues) return;
    let live = true;
    const timer = setTimeout(() => {
      call('sampling:preview', { policy })
        .then((answer) => {
          if (!live) return;
          if (answer.ok) {
            setSchemaIssues({});
            setPreview(answer.preview);
          } else {
            setSchemaIssues(issuesByPath(answer.issues));
          }
          setPreviewError(null);
          setPreviewKey(key);
          onAudited();
        })
        .catch((error: unknown) => {
          if (!live) return;
          setPreviewError(userMessage(error));
          setPreviewKey(key);
        });
    }, PREVIEW_DELAY_MS);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [policy, key, hasLocalIssues, onAudited]);

  function edit(next: PolicyFormState) {
    setForm(next);
    setOutcome(null);
  }

  function choose(saved: SavedPolicy) {
    setSelected(saved.name);
    setForm(formFromPolicy(saved.policy));
    setOutcome(null);
  }

  function startNew() {
    setSelected(null);
    setForm(EMPTY_FORM);
    setOutcome(null);
  }

  async function save() {
    setBusy('save');
    try {
      const answer = await call('sampling:savePolicy', { policy });
      if (!answer.ok) {
        setSchemaIssues(issuesByPath(answer.issues));
        return;
      }
      setSelected(answer.name);
      setOutcome({
        tone: 'success',
        text: answer.created ? `Saved ${answer.name} as version ${answer.version}.` : `${answer.name} v${answer.version} is unchanged.`,
        from: 'save',
      });
      refreshLists();
    } catch (error) {
      setOutcome({ tone: 'error', text: userMessage(error), from: 'save' });
    } finally {
      setBusy(null);
    }
  }

  async function run() {
    setBusy('run');
    try {
      const answer = await call('sampling:run', { policy });
      if (!answer.ok) {
        setSchemaIssues(issuesByPath(answer.issues));
        return;
      }
      const { run: done } = answer;
      setSelected(done.policyName);
      setFreshRun(done.id);
      setOutcome({
        tone: 'success',
        text: `Run #${done.id} picked ${done.picked} of ${done.candidates ?? 0} cases with ${done.policyName} v${done.policyVersion}, seed ${done.seed}. They are in the review queue.`,
        from: 'run',
      });
      refreshLists();
      onCasesChanged();
    } catch (error) {
      setOutcome({ tone: 'error', text: userMessage(error), from: 'run' });
    } finally {
      setBusy(null);
    }
  }

  const otherIssues = Object.entries(issues).filter(([path]) => !KNOWN_PATHS.has(path));

  return (
    <main className="sampling" data-testid="sampling-screen">
      <div className="sampling-grid">
        <section className="sp-panel sp-editor" aria-label="Sampling policy">
          <PolicyList policies={policies} selected={selected} onSelect={choose} onNew={startNew} />
          <div className="sp-divider" />
          <PolicyForm form={form} issues={issues} failureSignals={choices.failureSignals} sliceFields={choices.sliceFields} onChange={edit} />
          {otherIssues.length > 0 && (
            <ul className="sp-other-issues" role="alert">
              {otherIssues.map(([path, message]) => (
                <li key={path}>
                  <code>{path}</code>: {message}
                </li>
              ))}
            </ul>
          )}
          <div className="sp-editor-actions">
            {outcome?.from === 'save' && (
              <p className={`sp-outcome sp-outcome--${outcome.tone}`} role={outcome.tone === 'error' ? 'alert' : 'status'} data-testid="sampling-save-outcome">
                {outcome.text}
              </p>
            )}
            <button type="button" className="btn" disabled={!valid || busy !== null} onClick={() => void save()} data-testid="sampling-save">
              {busy === 'save' ? 'Saving…' : 'Save policy'}
            </button>
          </div>
        </section>

        <PreviewPanel
          preview={preview}
          stale={stale}
          blocked={blocked}
          running={busy === 'run'}
          canRun={valid && preview !== null && !stale && busy === null}
          onRun={() => void run()}
        >
          {outcome?.from === 'run' && (
            <p className={`sp-banner sp-outcome--${outcome.tone}`} role={outcome.tone === 'error' ? 'alert' : 'status'} data-testid="sampling-outcome">
              {outcome.text}
            </p>
          )}
        </PreviewPanel>
        <RunsTable runs={runs} highlight={freshRun} />
      </div>
    </main>
  );
}

/** Fields the form shows messages beside; any other message is listed under the form. */
const KNOWN_PATHS = new Set([
  'name',
  'failureSignals',
  'strata.fields',
  'strata.minPerStratum',
  'strata.maxPerStratum',
  'baseRate',
  'uncertaintyBoost',
  'budget',
  'seed',
]);
