import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { CaseDetail } from '../../../preload/api';
import type { OpenedCase } from '../../../preload/contract/review';
import type { ReviewDecision, ReviewDraft, ReviewSettingsView, ReviewState } from '../../../preload/contract/review-actions';
import { useShortcuts } from '../hooks/useShortcuts';
import { call, userMessage } from '../quarry';
import '../styles/review.css';
import { CaseFacts } from './CaseFacts';
import { Conversation, roleLabel } from './Conversation';
import { DecisionBar } from './DecisionBar';
import { ChecklistTab } from './review/ChecklistTab';
import { CHECKLIST_ORDER } from './review/draft';
import { MissedPiiDialog } from './review/MissedPiiDialog';
import { ReasonPicker } from './review/ReasonPicker';
import { ReviewStatusPill } from './review/ReviewStatusPill';
import { knownReviewSettings, reviewSettings, saveReviewSettings } from './review/settings-cache';
import { forgetCase, pendingRead, readCase } from './review/case-cache';
import { RubricTab } from './review/RubricTab';
import { SpanPicker } from './review/SpanPicker';
import { selectedSpan, type MessageSpan } from './review/selection';
import { carriedNotice, carryReplacedNotice, mergeSavedDraft, replacedNotice, type ReplacedNoticeData } from './review/replaced';
import { ReplacedNotice } from './review/ReplacedNotice';
import { TaskTab } from './review/TaskTab';

interface Props {
  id: number;
  onDecided: (detail: CaseDetail) => void;
  onLeaveField: () => void;
  /** A case's row changed without a decision (an undo, a missed-PII redaction): the queue refreshes that row. */
  onChanged?: (detail: CaseDetail) => void;
  /** Opens another case in place of this one (a near-duplicate). */
  onOpenCase?: (id: number) => void;
  /** The queue's selected case, when this one was opened from near-duplicates, with the way back to it. */
  openedFrom?: number;
  onBack?: () => void;
}

type Ready = { detail: CaseDetail; review: ReviewState; settings: ReviewSettingsView };
type Load = { state: 'loading' } | { state: 'failed'; message: string } | ({ state: 'ready' } & Ready);
type Tab = 'task' | 'rubric' | 'checklist' | 'facts';
type Notice = { tone: 'info' | 'error'; text: string } | null;

/** Facts first: a reviewer starts by seeing why the case is here, then writes the task, rubric and checklist. */
const TABS: { id: Tab; label: string; key: string }[] = [
  { id: 'facts', label: 'Facts', key: 'F' },
  { id: 'task', label: 'Task', key: 'T' },
  { id: 'rubric', label: 'Rubric', key: 'B' },
  { id: 'checklist', label: 'Checklist', key: 'C' },
];

const DRAFT_SAVE_DELAY_MS = 1000;

/** What may be stored: empty source entries (left while typing) are dropped. */
function storable(draft: ReviewDraft): ReviewDraft {
  return { ...draft, augmentation: { ...draft.augmentation, requiredSources: draft.augmentation.requiredSources.map((s) => s.trim()).filter(Boolean) } };
}

/**
 * One open case: the conversation, a task panel (task and augmentation, rubric, checklist, facts) and the decision
 * bar. Mounted per case id, so nothing from the previous case can leak into it. The reviewer's work is a draft
 * saved as they go and recorded with their decision; all keys are listed in the cheat sheet.
 */
export function CaseView({ id, onDecided, onLeaveField, onChanged, onOpenCase, openedFrom, onBack }: Props) {
  const [tab, setTab] = useState<Tab>('facts');
  const [busy, setBusy] = useState<ReviewDecision | 'undo' | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<Notice>(null);
  // Identifiers the reviewer typed that main stored as placeholders (or, just after a decision, on the last case).
  const [replaced, setReplaced] = useState<ReplacedNoticeData | null>(() => carriedNotice(id));
  const [picking, setPicking] = useState(false);
  const [choosingSpan, setChoosingSpan] = useState(false);
  const [miss, setMiss] = useState<{ span: MessageSpan; busy: boolean; error: string | null } | null>(null);
  const root = useRef<HTMLElement>(null);
  const taskRef = useRef<HTMLTextAreaElement>(null);
  const augmentRef = useRef<HTMLInputElement>(null);
  const expectedRef = useRef<HTMLTextAreaElement>(null);
  const dirty = useRef<ReviewDraft | null>(null);
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const mounted = useRef(true);

  // A case read ahead (the next in the queue) draws at once; `cases:open` then records the view and brings the
  // current state. Otherwise the case draws when `cases:open` answers.
  const [load, setLoad] = useState<Load>(() => {
    const read = readCase(id);
    const settings = knownReviewSettings();
    return read && settings ? { state: 'ready', detail: read.case, review: read.review, settings } : { state: 'loading' };
  });
  const [draft, setDraft] = useState<ReviewDraft | null>(() => (load.state === 'ready' ? load.review.draft : null));
  const shownDraft = useRef(draft);

  useEffect(() => {
    let live = true;
    let drawn = shownDraft.current !== null;
    const show = (opened: OpenedCase, settings: ReviewSettingsView) => {
      drawn = true;
      setLoad({ state: 'ready', detail: opened.case, review: opened.review, settings });
      // What the reviewer has typed since the case was drawn stays.
      setDraft((current) => (current === shownDraft.current ? (shownDraft.current = opened.review.draft) : current));
    };
    void (async () => {
      try {
        const settings = await reviewSettings();
        const ahead = drawn ? null : pendingRead(id);
        const read = ahead && (await ahead.catch(() => null));
        if (read && live && !drawn) show(read, settings);
        const opened = await call('cases:open', { id });
        forgetCase(id);
        if (live) show(opened, settings);
      } catch (err) {
        // Without a recorded view the case is not left on screen.
        if (live) setLoad({ state: 'failed', message: userMessage(err) });
      }
    })();
    return () => {
      live = false;
    };
  }, [id]);

  const flush = useCallback(async () => {
    clearTimeout(timer.current);
    const pending = dirty.current;
    if (!pending) return;
    dirty.current = null;
    const sent = storable(pending);
    try {
      const saved = await call('review:saveDraft', { id, draft: sent });
      const found = replacedNotice(id, saved.replaced);
      if (!found) return;
      // Saved on the way out (j/k): the next case's view tells the reviewer.
      if (!mounted.current) carryReplacedNotice(found);
      setNotice(null);
      setReplaced(found);
      // The typed values leave the screen too: fields untouched since this save take the stored text.
      setDraft((current) => {
        if (!current) return current;
        const merged = mergeSavedDraft(current, sent, saved.draft);
        if (dirty.current === current) dirty.current = merged;
        return merged;
      });
    } catch (err) {
      setError(userMessage(err));
    }
  }, [id]);

  // Leaving the case (j/k, a click in the queue) keeps what was written.
  useEffect(() => () => void flush(), [flush]);
  useEffect(() => {
    mounted.current = true;
    return () => {
      mounted.current = false;
    };
  }, []);

  const update = useCallback(
    (change: (d: ReviewDraft) => ReviewDraft) => {
      setDraft((current) => {
        if (!current) return current;
        const next = change(current);
        dirty.current = next;
        clearTimeout(timer.current);
        timer.current = setTimeout(() => void flush(), DRAFT_SAVE_DELAY_MS);
        return next;
      });
    },
    [flush],
  );

  const ready = load.state === 'ready' ? load : null;
  const fields = useMemo(
    () => (ready ? [...ready.detail.messages.map((m) => m.content), ...(ready.detail.response ? [ready.detail.response.content] : [])] : []),
    [ready],
  );
  const fieldNames = useMemo(
    () =>
      ready
        ? [...ready.detail.messages.map((m, i) => `${roleLabel(m.role)} · message ${i + 1}`), ...(ready.detail.response ? ['Model response'] : [])]
        : [],
    [ready],
  );
  const labels = useMemo(() => new Map(ready?.detail.placeholders.map(({ placeholder, label }) => [placeholder, label])), [ready?.detail]);

  async function decide(decision: ReviewDecision, reasonCode?: string) {
    if (!ready || !draft || busy) return;
    setBusy(decision);
    setError(null);
    setNotice(null);
    clearTimeout(timer.current);
    dirty.current = null;
    try {
      const result = await call('review:submit', { id, decision, reasonCode, draft: storable(draft) });
      setLoad({ ...ready, detail: result.case, review: result.state });
      const found = replacedNotice(id, result.replaced);
      if (found) {
        setNotice(null);
        setReplaced(found);
        setDraft(result.state.draft);
        // The queue usually moves on to the next case: its view shows the notice.
        carryReplacedNotice(found);
      }
      setBusy(null);
      onDecided(result.case);
    } catch (err) {
      setBusy(null);
      setError(userMessage(err));
    }
  }

  async function undo() {
    if (!ready || busy) return;
    setBusy('undo');
    setError(null);
    try {
      const result = await call('review:undo', {});
      forgetCase(result.caseId);
      setBusy(null);
      const what = result.decision === 'skip' ? 'skip' : result.decision === 'accept' ? 'acceptance' : 'rejection';
      if (result.caseId === id) {
        setLoad({ ...ready, detail: result.case, review: result.state });
        setDraft(result.state.draft);
        setNotice({ tone: 'info', text: `Undid your ${what} of this case.` });
        onChanged?.(result.case);
      } else {
        setNotice({ tone: 'info', text: `Undid your ${what} of case #${result.caseId}; it is ${result.state.status} again.` });
        onChanged?.(result.case);
      }
    } catch (err) {
      setBusy(null);
      setError(userMessage(err));
    }
  }

  async function saveTemplate() {
    if (!ready || !draft?.category) return;
    const { settings } = ready;
    try {
      const saved = await saveReviewSettings({
        doubleReviewShare: settings.doubleReviewShare,
        doubleReviewSeed: settings.doubleReviewSeed,
        reasonCodes: settings.reasonCodes,
        requiredChecklist: settings.requiredChecklist,
        rubricTemplates: { ...settings.rubricTemplates, [draft.category]: draft.rubric },
        // No API key: the stored one stays.
        llm: { enabled: settings.llm.enabled, url: settings.llm.url, model: settings.llm.model },
      });
      setLoad({ ...ready, settings: saved });
      const found = replacedNotice(id, saved.replaced);
      setNotice({
        tone: 'info',
        text: found
          ? `Saved as the template for this category, with ${found.items.map((i) => i.placeholder).join(', ')} in place of what you typed.`
          : 'Saved as the template for this category.',
      });
    } catch (err) {
      setNotice({ tone: 'error', text: userMessage(err) });
    }
  }

  function startMiss() {
    // No text selected: the words of the case are listed to choose from by keyboard.
    if (window.getSelection()?.isCollapsed ?? true) {
      setNotice(null);
      setChoosingSpan(true);
      return;
    }
    const span = selectedSpan(root.current);
    if (typeof span === 'string') {
      setNotice({ tone: 'error', text: span });
      return;
    }
    setNotice(null);
    setMiss({ span, busy: false, error: null });
  }

  async function reportMiss(label: string) {
    if (!ready || !miss) return;
    setMiss({ ...miss, busy: true, error: null });
    try {
      const { field, start, end } = miss.span;
      const result = await call('review:missedPii', { id, field, start, end, label });
      forgetCase(id);
      window.getSelection()?.removeAllRanges();
      setMiss(null);
      const review = await call('review:state', { id });
      setLoad({ ...ready, detail: result.case, review });
      // The queue's row preview may show the text that is now redacted.
      onChanged?.(result.case);
      // An edited task may quote the text that is now redacted: it gets the same placeholder.
      const missed = miss.span.text.trim();
      if (draft?.taskText?.includes(missed)) update((d) => ({ ...d, taskText: d.taskText!.replaceAll(missed, result.placeholder) }));
      setNotice({
        tone: 'info',
        text: `Redacted as ${result.placeholder}${result.occurrences > 1 ? ` in ${result.occurrences} places` : ''} and recorded as a de-identification miss.`,
      });
    } catch (err) {
      setMiss((m) => (m ? { ...m, busy: false, error: userMessage(err) } : m));
    }
  }

  const toggle = (index: number) => {
    if (tab !== 'checklist') return;
    const item = CHECKLIST_ORDER[index]!;
    update((d) => ({ ...d, checklist: { ...d.checklist, [item]: d.checklist[item] !== true } }));
  };

  useShortcuts({
    a: (event) => !event.repeat && void decide('accept'),
    r: (event) => !event.repeat && ready && setPicking(true),
    s: (event) => !event.repeat && void decide('skip'),
    u: (event) => !event.repeat && void undo(),
    m: () => ready && startMiss(),
    t: () => {
      setTab('task');
      // The panel renders the field on the next frame when the tab was switched.
      requestAnimationFrame(() => {
        const el = taskRef.current;
        if (!el) return;
        el.focus();
        el.setSelectionRange(el.value.length, el.value.length);
      });
    },
    g: () => {
      setTab('task');
      requestAnimationFrame(() => augmentRef.current?.focus());
    },
    b: () => setTab('rubric'),
    c: () => setTab('checklist'),
    f: () => setTab('facts'),
    '1': () => toggle(0),
    '2': () => toggle(1),
    '3': () => toggle(2),
    e: () => {
      const el = expectedRef.current;
      if (!el) return;
      el.focus();
      el.setSelectionRange(el.value.length, el.value.length);
    },
  });

  if (load.state === 'loading') return <section className="case-view case-view--loading" aria-busy="true" data-testid="case-detail" />;
  if (load.state === 'failed' || !draft) {
    return (
      <section className="case-view case-view--message" data-testid="case-detail">
        <p role="alert" className="field-error">
          {load.state === 'failed' ? load.message : ''}
        </p>
      </section>
    );
  }

  const { detail, review, settings } = load;
  return (
    <section ref={root} className="case-view" aria-labelledby="case-title" data-testid="case-detail" data-case-id={detail.id} data-review-status={review.status}>
      <header className="case-head">
        <h2 id="case-title">Case #{detail.id}</h2>
        <ReviewStatusPill status={review.status} />
        {review.requiredReviews > 1 && (
          <span className="badge badge--neutral" data-testid="double-review-badge" title="Two reviewers decide this case without seeing each other's decision">
            Blind double review
          </span>
        )}
        {openedFrom !== undefined && (
          <p className="case-detour" data-testid="case-detour">
            Opened as a near-duplicate
            <button type="button" className="btn btn--small" onClick={onBack} data-testid="case-detour-back">
              Back to #{openedFrom}
            </button>
          </p>
        )}
        {replaced && !notice && <ReplacedNotice notice={replaced} onDismiss={() => setReplaced(null)} />}
        {notice && (
          <p className={`case-notice case-notice--${notice.tone}`} role={notice.tone === 'error' ? 'alert' : 'status'} data-testid="case-notice">
            {notice.text}
          </p>
        )}
      </header>
      <div className="case-body">
        <div className="case-reading">
          <Conversation messages={detail.messages} response={detail.response} labels={labels} />
        </div>
        <aside className="task-panel" aria-label="Facts, task, rubric and checklist">
          <div className="tabs" role="tablist" aria-label="Case panels">
            {TABS.map((t) => (
              <button
                key={t.id}
                type="button"
                role="tab"
                aria-selected={tab === t.id}
                className="tab"
                onClick={() => setTab(t.id)}
                data-testid={`tab-${t.id}`}
              >
                {t.label} <kbd>{t.key}</kbd>
              </button>
            ))}
          </div>
          <div className="task-panel-body" role="tabpanel" data-testid={`panel-${tab}`}>
            {tab === 'task' && (
              <TaskTab
                caseId={detail.id}
                draft={draft}
                original={review.originalTask}
                update={update}
                llmEnabled={settings.llm.enabled}
                taskRef={taskRef}
                augmentRef={augmentRef}
                onLeaveField={onLeaveField}
              />
            )}
            {tab === 'rubric' && (
              <RubricTab draft={draft} update={update} templates={settings.rubricTemplates} onSaveTemplate={() => void saveTemplate()} />
            )}
            {tab === 'checklist' && <ChecklistTab draft={draft} update={update} required={settings.requiredChecklist} />}
            {tab === 'facts' && <CaseFacts detail={detail} onOpenCase={onOpenCase} />}
          </div>
        </aside>
      </div>
      <DecisionBar
        review={review}
        draft={draft}
        update={update}
        busy={busy}
        error={error}
        expectedRef={expectedRef}
        onAccept={() => void decide('accept')}
        onReject={() => setPicking(true)}
        onSkip={() => void decide('skip')}
        onUndo={() => void undo()}
        onLeaveField={onLeaveField}
      />
      {picking && (
        <ReasonPicker
          codes={settings.reasonCodes}
          onClose={() => setPicking(false)}
          onPick={(code) => {
            setPicking(false);
            void decide('reject', code);
          }}
        />
      )}
      {choosingSpan && (
        <SpanPicker
          fields={fields}
          fieldNames={fieldNames}
          onClose={() => setChoosingSpan(false)}
          onChoose={(span) => {
            setChoosingSpan(false);
            setMiss({ span, busy: false, error: null });
          }}
        />
      )}
      {miss && (
        <MissedPiiDialog
          length={miss.span.text.trim().length}
          busy={miss.busy}
          error={miss.error}
          onClose={() => setMiss(null)}
          onPick={(label) => void reportMiss(label)}
        />
      )}
    </section>
  );
}
