import { useEffect, useRef, useState, type FormEvent, type KeyboardEvent } from 'react';
import type { DeidTerm, ModelListing, TermListing } from '../../../preload/api';
import { plural } from '../format';
import { call, userMessage } from '../quarry';
import { Modal } from './Modal';
import { describeLabel } from './RedactedText';

type Kind = DeidTerm['kind'];
type Load = { state: 'loading' } | { state: 'failed'; message: string } | { state: 'ready'; listing: TermListing };
/** Where an error belongs: under one list's add row, or at the top when the lists themselves failed. */
type TermsError = { where: Kind | 'load'; message: string };
type ModelLoad = { state: 'loading' } | { state: 'failed'; message: string } | { state: 'ready'; listing: ModelListing };
/** The line beside the model picker: what the last change did, or why it failed. */
type ModelStatus = { tone: 'ok' | 'error'; message: string } | null;
type Model = ModelListing['models'][number];

/** One option line: the id and the entity types it finds. Built-in models are grouped under "Quarry". */
const modelLine = (model: Model) => (model.labels.length > 0 ? `${model.id} — ${model.labels.join(', ')}` : model.id);

const MIN_TERM = 2;
const MAX_TERM = 200;
const DEFAULT_LABEL = 'PERSON';

const SECTIONS: Record<Kind, { title: string; hint: string; empty: string; placeholder: string }> = {
  deny: {
    title: 'Always redact',
    hint: 'Names, codes and identifiers the detector might miss. Every occurrence becomes a placeholder of the chosen type.',
    empty: 'Nothing on the deny list yet.',
    placeholder: 'e.g. Ward 7B, a project code name',
  },
  allow: {
    title: 'Never redact',
    hint: "Words that look personal but are not: product names, your organisation's own name. They stay as written.",
    empty: 'Nothing on the allow list yet.',
    placeholder: 'e.g. your product or organisation name',
  },
};

const sameTerm = (a: string, b: string) => a.localeCompare(b, undefined, { sensitivity: 'accent' }) === 0;

/**
 * The workspace's detection model, deny-list (always redact, as a chosen type) and allow-list (never redact).
 * Add with Enter; rows take focus, arrow keys walk them and Delete removes one. Changes only affect logs
 * ingested afterwards.
 */
interface Props {
  /** Called after a term was added or removed or the model changed: each change lands in the audit log. */
  onChanged: () => void;
  onClose: () => void;
}

export function TermsDialog({ onChanged, onClose }: Props) {
  const [load, setLoad] = useState<Load>({ state: 'loading' });
  const [error, setError] = useState<TermsError | null>(null);
  const [busy, setBusy] = useState(false);
  const [drafts, setDrafts] = useState<Record<Kind, string>>({ deny: '', allow: '' });
  const [label, setLabel] = useState(DEFAULT_LABEL);
  const [fresh, setFresh] = useState<number | null>(null);
  const [models, setModels] = useState<ModelLoad>({ state: 'loading' });
  const [modelBusy, setModelBusy] = useState(false);
  const [modelStatus, setModelStatus] = useState<ModelStatus>(null);
  const inputs = { deny: useRef<HTMLInputElement>(null), allow: useRef<HTMLInputElement>(null) };
  const lists = { deny: useRef<HTMLUListElement>(null), allow: useRef<HTMLUListElement>(null) };
  // After a removal, which row (by id) or input should take focus once the new listing has rendered.
  const focusNext = useRef<{ kind: Kind; id: number | null } | null>(null);

  useEffect(() => {
    let live = true;
    call('terms:list', {}).then(
      (listing) => {
        if (!live) return;
        setLoad({ state: 'ready', listing });
        if (listing.labels.length > 0 && !listing.labels.includes(DEFAULT_LABEL)) setLabel(listing.labels[0]!);
      },
      (failure: unknown) => live && setLoad({ state: 'failed', message: userMessage(failure) }),
    );
    call('models:list', {}).then(
      (listing) => live && setModels({ state: 'ready', listing }),
      (failure: unknown) => live && setModels({ state: 'failed', message: userMessage(failure) }),
    );
    return () => {
      live = false;
    };
  }, []);

  // Start where the work is: the deny-list input.
  useEffect(() => {
    if (load.state === 'ready') inputs.deny.current?.focus();
    // eslint-disable-next-line react-hooks/exhaustive-deps -- refs are stable; run once when the lists arrive
  }, [load.state]);

  useEffect(() => {
    const target = focusNext.current;
    if (!target || load.state !== 'ready') return;
    focusNext.current = null;
    const row = target.id === null ? null : lists[target.kind].current?.querySelector<HTMLElement>(`[data-term-id="${target.id}"]`);
    (row ?? inputs[target.kind].current)?.focus();
    // eslint-disable-next-line react-hooks/exhaustive-deps -- refs are stable
  }, [load]);

  useEffect(() => {
    if (fresh === null) return;
    const row = document.querySelector<HTMLElement>(`[data-term-id="${fresh}"]`);
    row?.scrollIntoView({ block: 'nearest' });
    const timer = setTimeout(() => setFresh(null), 1600);
    return () => clearTimeout(timer);
  }, [fresh]);

  const listing = load.state === 'ready' ? load.listing : null;

  async function add(kind: Kind, event: FormEvent) {
    event.preventDefault();
    if (busy || !listing) return;
    const term = drafts[kind].trim().replace(/\s+/g, ' ');
    if (term.length < MIN_TERM) {
      setError({ where: kind, message: `A term needs at least ${MIN_TERM} characters.` });
      inputs[kind].current?.focus();
      return;
    }
    setBusy(true);
    try {
      const next = await call('terms:add', kind === 'deny' ? { kind, term, label } : { kind, term });
      const added = next.terms.find((t) => t.kind === kind && sameTerm(t.term, term));
      setLoad({ state: 'ready', listing: next });
      setDrafts((d) => ({ ...d, [kind]: '' }));
      setError(null);
      setFresh(added?.id ?? null);
      onChanged();
    } catch (failure) {
      setError({ where: kind, message: userMessage(failure) });
    } finally {
      setBusy(false);
      inputs[kind].current?.focus();
    }
  }

  async function remove(term: DeidTerm) {
    if (busy || !listing) return;
    const siblings = listing.terms.filter((t) => t.kind === term.kind);
    const at = siblings.findIndex((t) => t.id === term.id);
    const neighbour = siblings[at + 1] ?? siblings[at - 1] ?? null;
    setBusy(true);
    try {
      const next = await call('terms:remove', { id: term.id });
      focusNext.current = { kind: term.kind, id: neighbour?.id ?? null };
      setLoad({ state: 'ready', listing: next });
      setError(null);
      onChanged();
    } catch (failure) {
      setError({ where: term.kind, message: userMessage(failure) });
    } finally {
      setBusy(false);
    }
  }

  function onRowKeyDown(kind: Kind, term: DeidTerm, event: KeyboardEvent<HTMLLIElement>) {
    if (event.target !== event.currentTarget) return;
    if (event.key === 'Delete' || event.key === 'Backspace') {
      event.preventDefault();
      void remove(term);
    } else if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault();
      const rows = [...(lists[kind].current?.querySelectorAll<HTMLElement>('[data-term-id]') ?? [])];
      const index = rows.indexOf(event.currentTarget);
      if (event.key === 'ArrowUp' && index === 0) inputs[kind].current?.focus();
      else rows[event.key === 'ArrowDown' ? Math.min(index + 1, rows.length - 1) : index - 1]?.focus();
    }
  }

  function onInputKeyDown(kind: Kind, event: KeyboardEvent<HTMLInputElement>) {
    if (event.key !== 'ArrowDown') return;
    const first = lists[kind].current?.querySelector<HTMLElement>('[data-term-id]');
    if (first) {
      event.preventDefault();
      first.focus();
    }
  }

  async function selectModel(id: string) {
    if (modelBusy || models.state !== 'ready' || id === models.listing.selected) return;
    setModelBusy(true);
    setModelStatus(null);
    try {
      const next = await call('models:select', { id });
      setModels({ state: 'ready', listing: next });
      setModelStatus({ tone: 'ok', message: `Later ingests use ${next.selected}.` });
      onChanged();
    } catch (failure) {
      setModelStatus({ tone: 'error', message: userMessage(failure) });
    } finally {
      setModelBusy(false);
    }
  }

  function modelRow() {
    const modelListing = models.state === 'ready' ? models.listing : null;
    const installed = modelListing?.models ?? [];
    const selected = installed.find((m) => m.id === modelListing?.selected) ?? null;
    const builtIn = installed.filter((m) => m.builtIn);
    const station = installed.filter((m) => !m.builtIn);
    const status: ModelStatus = models.state === 'failed' ? { tone: 'error', message: models.message } : modelStatus;
    const option = (m: Model) => (
      <option key={m.id} value={m.id}>
        {modelLine(m)}
      </option>
    );
    return (
      <div className="terms-model">
        <label htmlFor="terms-model-select" className="terms-model-label">
          Detection model
        </label>
        <select
          id="terms-model-select"
          className="select"
          value={modelListing?.selected ?? ''}
          disabled={!modelListing || modelBusy}
          title={selected ? modelLine(selected) : undefined}
          aria-describedby="terms-model-status"
          aria-invalid={status?.tone === 'error' ? true : undefined}
          onChange={(event) => void selectModel(event.target.value)}
          data-testid="ner-model-select"
        >
          {!modelListing && <option value="">{models.state === 'loading' ? 'Loading models…' : 'Models unavailable'}</option>}
          {modelListing && !selected && (
            <option value={modelListing.selected}>{modelListing.selected} — not installed</option>
          )}
          {builtIn.length > 0 && <optgroup label="Quarry">{builtIn.map(option)}</optgroup>}
          {station.length > 0 && <optgroup label="Installed on this station">{station.map(option)}</optgroup>}
        </select>
        {selected?.builtIn && (
          <span className="badge badge--neutral terms-model-badge" title="Ships with Quarry">
            Quarry
          </span>
        )}
        <p
          id="terms-model-status"
          className={status?.tone === 'error' ? 'terms-model-status field-error' : 'terms-model-status'}
          role="status"
          aria-live="polite"
          data-tone={status?.tone}
          data-testid="ner-model-status"
        >
          {modelBusy ? 'Switching…' : status?.message}
        </p>
      </div>
    );
  }

  function section(kind: Kind) {
    const copy = SECTIONS[kind];
    const terms = listing?.terms.filter((t) => t.kind === kind) ?? [];
    const headingId = `terms-${kind}-title`;
    const errorId = `terms-${kind}-error`;
    const sectionError = error?.where === kind ? error.message : null;
    return (
      <section className="terms-section" aria-labelledby={headingId} data-kind={kind}>
        <header className="terms-section-head">
          <h3 id={headingId}>
            {copy.title}
            <span className="terms-count">{terms.length}</span>
          </h3>
          <p className="field-hint">{copy.hint}</p>
        </header>

        <form className="terms-add" onSubmit={(event) => void add(kind, event)}>
          <input
            ref={inputs[kind]}
            type="text"
            value={drafts[kind]}
            maxLength={MAX_TERM}
            placeholder={copy.placeholder}
            aria-label={kind === 'deny' ? 'Term to always redact' : 'Term to never redact'}
            aria-invalid={sectionError ? true : undefined}
            aria-describedby={sectionError ? errorId : undefined}
            autoComplete="off"
            spellCheck={false}
            onChange={(event) => {
              setDrafts((d) => ({ ...d, [kind]: event.target.value }));
              if (error?.where === kind) setError(null);
            }}
            onKeyDown={(event) => onInputKeyDown(kind, event)}
            data-testid={`term-input-${kind}`}
          />
          {kind === 'deny' && (
            <select
              className="select"
              value={label}
              onChange={(event) => setLabel(event.target.value)}
              aria-label="Redact as type"
              title="Type the term is redacted as"
              data-testid="term-label-deny"
            >
              {(listing?.labels ?? [label]).map((l) => (
                <option key={l} value={l}>
                  {l}
                </option>
              ))}
            </select>
          )}
          <button type="submit" className="btn" disabled={busy || !listing} data-testid={`term-add-${kind}`}>
            Add
          </button>
        </form>
        {sectionError && (
          <p id={errorId} className="field-error terms-error" role="alert" data-testid="terms-error">
            {sectionError}
          </p>
        )}

        <ul className="terms-list" ref={lists[kind]} aria-label={copy.title} aria-busy={load.state === 'loading'}>
          {listing && terms.length === 0 && <li className="terms-empty">{copy.empty}</li>}
          {terms.map((term, index) => (
            <li
              key={term.id}
              className={fresh === term.id ? 'term term--fresh' : 'term'}
              // One tab stop per list; arrow keys walk the rest.
              tabIndex={index === 0 ? 0 : -1}
              aria-label={
                term.label ? `${term.term}, redacted as ${describeLabel(term.label)}` : `${term.term}, never redacted`
              }
              aria-keyshortcuts="Delete"
              onKeyDown={(event) => onRowKeyDown(kind, term, event)}
              data-term-id={term.id}
              data-kind={kind}
              data-testid="term-row"
            >
              <span className="term-text" title={term.term}>
                {term.term}
              </span>
              {term.label && (
                <span className="ph term-label" data-label={term.label} title={`Redacted as ${describeLabel(term.label)}`}>
                  {term.label}
                </span>
              )}
              <button
                type="button"
                className="btn btn--ghost btn--small term-remove"
                tabIndex={-1}
                disabled={busy}
                aria-label={`Remove “${term.term}” from the ${kind} list`}
                title="Remove (Delete)"
                onClick={() => void remove(term)}
                data-testid="term-remove"
              >
                Remove
              </button>
            </li>
          ))}
        </ul>
      </section>
    );
  }

  const total = listing?.terms.length ?? 0;

  return (
    <Modal title="Redaction lists" onClose={onClose} closable={!busy && !modelBusy} size="xwide" testId="terms-dialog">
      <p className="terms-scope" data-testid="terms-scope">
        <strong>Changes apply to logs you ingest from now on.</strong> Cases already in this workspace are not
        re-processed.
      </p>
      {load.state === 'failed' && (
        <p className="field-error ingest-error" role="alert" data-testid="terms-error">
          {load.message}
        </p>
      )}
      {modelRow()}
      <div className="terms-columns" aria-busy={load.state === 'loading'}>
        {section('deny')}
        {section('allow')}
      </div>
      <footer className="terms-foot">
        <p className="field-hint">
          <kbd>Enter</kbd> adds · <kbd>↓</kbd> moves into the list · <kbd>Delete</kbd> removes the focused term. A term on
          both lists is redacted.
        </p>
        <span className="terms-total" role="status" aria-live="polite">
          {listing ? plural(total, 'term') : ''}
        </span>
      </footer>
    </Modal>
  );
}
