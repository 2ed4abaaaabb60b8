import { useEffect, useId, useRef, useState } from 'react';
import type { Output } from '../../../../preload/api';
import { basename, plural } from '../../format';
import { call, userMessage } from '../../quarry';

type Preview = Output<'ingest:preview'>;
type Layout = 'prompt' | 'messages' | 'turn';

/** Every mappable target: where it goes in the profile, its label, and the section of the form it sits in. */
const TARGETS = {
  prompt: { label: 'Prompt', section: 'text' },
  response: { label: 'Response', section: 'text' },
  system: { label: 'System prompt', section: 'text' },
  messages: { label: 'Messages list', section: 'text' },
  turnRole: { label: 'Turn role', section: 'text' },
  turnContent: { label: 'Turn text', section: 'text' },
  conversationId: { label: 'Conversation id', section: 'ids' },
  recordId: { label: 'Record id', section: 'ids' },
  timestamp: { label: 'Timestamp', section: 'ids' },
  thumbs: { label: 'Thumbs', section: 'signals' },
  latency_ms: { label: 'Latency (ms)', section: 'signals' },
  cost_usd: { label: 'Cost (USD)', section: 'signals' },
  confidence: { label: 'Confidence', section: 'signals' },
  escalated: { label: 'Escalated', section: 'signals' },
  regenerated: { label: 'Regenerated', section: 'signals' },
  tier: { label: 'Tier', section: 'slices' },
  intent: { label: 'Intent', section: 'slices' },
  language: { label: 'Language', section: 'slices' },
  product_area: { label: 'Product area', section: 'slices' },
  model: { label: 'Model', section: 'slices' },
} as const;
type Target = keyof typeof TARGETS;

const LAYOUT_TARGETS: Record<Layout, Target[]> = {
  prompt: ['prompt', 'response', 'system'],
  messages: ['messages'],
  turn: ['turnRole', 'turnContent'],
};
const SIGNALS: Target[] = ['thumbs', 'latency_ms', 'cost_usd', 'confidence', 'escalated', 'regenerated'];
const SLICES: Target[] = ['tier', 'intent', 'language', 'product_area', 'model'];
const DELIMITERS = [
  { value: ',', label: 'Comma' },
  { value: ';', label: 'Semicolon' },
  { value: '\t', label: 'Tab' },
  { value: '|', label: 'Pipe' },
];

type Fields = Partial<Record<Target, string>>;

/** The form's starting values from the mapping main suggested from the column names. */
function fromSuggestion(s: Record<string, unknown>): { layout: Layout; fields: Fields } {
  const pick = (v: unknown) => (typeof v === 'string' ? v : undefined);
  const signals = (s.signals ?? {}) as Record<string, unknown>;
  const slices = (s.slices ?? {}) as Record<string, unknown>;
  const turn = (s.turn ?? {}) as Record<string, unknown>;
  const fields: Fields = {
    prompt: pick(s.prompt),
    response: pick(s.response),
    system: pick(s.system),
    messages: pick(s.messages),
    turnRole: pick(turn.role),
    turnContent: pick(turn.content),
    conversationId: pick(s.conversationId),
    recordId: pick(s.recordId),
    timestamp: pick(s.timestamp),
    thumbs: pick((signals.thumbs as { field?: string } | undefined)?.field),
  };
  for (const key of ['latency_ms', 'cost_usd', 'confidence', 'escalated', 'regenerated'] as const) fields[key] = pick(signals[key]);
  for (const key of SLICES) fields[key] = pick(slices[key]);
  const layout: Layout = s.messages ? 'messages' : s.turn ? 'turn' : 'prompt';
  return { layout, fields };
}

const list = (text: string) =>
  text
    .split(',')
    .map((v) => v.trim())
    .filter(Boolean);

interface Props {
  path: string;
  /** Why the mapping screen opened on its own (the file is no known format). */
  notice?: string;
  onBack: () => void;
  /** Called with the saved profile's name once it is stored. */
  onSaved: (name: string) => void;
}

/**
 * Builds a source profile for a generic JSONL or CSV log from a preview of its first rows. The preview comes
 * from main already de-identified; the user picks which column feeds each part of a case, names the profile,
 * and it is saved (validated in main, errors naming the field) before the ingest starts with it.
 */
export function FieldMapper({ path, notice, onBack, onSaved }: Props) {
  const id = useId();
  const [preview, setPreview] = useState<Preview | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  /** How the user asked to read the file; until then, what main guessed (the preview's own kind and options). */
  const [override, setOverride] = useState<{ kind: 'jsonl' | 'csv'; delimiter: string; header: boolean } | null>(null);
  const [layout, setLayout] = useState<Layout>('prompt');
  const [fields, setFields] = useState<Fields>({});
  const [thumbsUp, setThumbsUp] = useState('up, 1, true, yes, positive');
  const [thumbsDown, setThumbsDown] = useState('down, -1, false, no, negative');
  const [name, setName] = useState(() => basename(path).replace(/\.(jsonl|ndjson|json|csv)(\.gz)?$/i, '').replace(/[^A-Za-z0-9 ._-]/g, '-').slice(0, 64));
  const [saveError, setSaveError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  // A ref, not state: a preview that arrives after the user changed the form must not overwrite the change.
  const touched = useRef(false);

  useEffect(() => {
    let live = true;
    const options = override
      ? { kind: override.kind, ...(override.kind === 'csv' ? { csv: { delimiter: override.delimiter, header: override.header } } : {}) }
      : {};
    call('ingest:preview', { path, ...options }).then(
      (result) => {
        if (!live) return;
        setPreview(result);
        setLoadError(null);
        if (!touched.current) {
          const suggestion = fromSuggestion(result.suggested);
          setLayout(suggestion.layout);
          setFields(suggestion.fields);
        }
      },
      (error: unknown) => live && setLoadError(userMessage(error)),
    );
    return () => {
      live = false;
    };
  }, [path, override]);

  const kind = override?.kind ?? preview?.kind ?? null;
  const delimiter = override?.delimiter ?? preview?.csv?.delimiter ?? ',';
  const header = override?.header ?? preview?.csv?.header ?? true;
  const reread = (change: Partial<{ kind: 'jsonl' | 'csv'; delimiter: string; header: boolean }>) =>
    setOverride({ kind: kind ?? 'csv', delimiter, header, ...change });

  const columns = preview?.columns ?? [];
  const set = (target: Target, column: string) => {
    touched.current = true;
    setFields((f) => ({ ...f, [target]: column || undefined }));
  };

  function profile() {
    const f = fields;
    const layoutPart =
      layout === 'prompt'
        ? { prompt: f.prompt, response: f.response, system: f.system }
        : layout === 'messages'
          ? { messages: f.messages }
          : { turn: { role: f.turnRole ?? '', content: f.turnContent ?? '' } };
    const signals: Record<string, unknown> = {};
    if (f.thumbs) signals.thumbs = { field: f.thumbs, up: list(thumbsUp), down: list(thumbsDown) };
    for (const key of ['latency_ms', 'cost_usd', 'confidence', 'escalated', 'regenerated'] as const) if (f[key]) signals[key] = f[key];
    const slices: Record<string, string> = {};
    for (const key of SLICES) if (f[key]) slices[key] = f[key];
    return JSON.parse(
      JSON.stringify({
        name: name.trim(),
        kind,
        ...(kind === 'csv' ? { csv: { delimiter, header } } : {}),
        mapping: { recordId: f.recordId, conversationId: f.conversationId, timestamp: f.timestamp, ...layoutPart, signals, slices },
      }),
    ) as unknown;
  }

  async function save() {
    setSaving(true);
    setSaveError(null);
    try {
      const saved = await call('profiles:save', { profile: profile() });
      onSaved(saved.profile.name);
    } catch (error) {
      setSaveError(userMessage(error));
      setSaving(false);
    }
  }

  const select = (target: Target) => (
    <div className="map-field" key={target}>
      <label htmlFor={`${id}-${target}`}>{TARGETS[target].label}</label>
      <select id={`${id}-${target}`} value={fields[target] ?? ''} onChange={(e) => set(target, e.target.value)} data-testid={`map-${target}`}>
        <option value="">Not mapped</option>
        {columns.map((c) => (
          <option key={c.name} value={c.name}>
            {c.name} ({c.type})
          </option>
        ))}
      </select>
    </div>
  );

  return (
    <div className="mapper" data-testid="field-mapper">
      {notice && (
        <p className="mapper-notice" role="status" data-testid="mapper-notice">
          {notice}
        </p>
      )}
      <div className="mapper-source">
        <p className="mapper-file">
          <code title={path}>{basename(path)}</code>
        </p>
        <div className="mapper-source-options">
          <label>
            Read as{' '}
            <select value={kind ?? ''} onChange={(e) => reread({ kind: e.target.value as 'jsonl' | 'csv' })} data-testid="map-kind">
              <option value="jsonl">JSON lines</option>
              <option value="csv">CSV</option>
            </select>
          </label>
          {kind === 'csv' && (
            <>
              <label>
                Delimiter{' '}
                <select value={delimiter} onChange={(e) => reread({ delimiter: e.target.value })} data-testid="map-delimiter">
                  {DELIMITERS.map((d) => (
                    <option key={d.label} value={d.value}>
                      {d.label}
                    </option>
                  ))}
                </select>
              </label>
              <label className="mapper-check">
                <input type="checkbox" checked={header} onChange={(e) => reread({ header: e.target.checked })} data-testid="map-header" /> First row names the
                columns
              </label>
            </>
          )}
        </div>
      </div>

      {loadError && (
        <p className="field-error ingest-error" role="alert" data-testid="mapper-error">
          {loadError}
        </p>
      )}
      {!preview && !loadError && <p className="mapper-loading">Reading and de-identifying the first rows…</p>}
      {preview && (
        <section className="mapper-preview" aria-label="First rows, de-identified">
          <h3>
            First {preview.rows.length} rows <span className="mapper-preview-note">de-identified: personal data appears as placeholders</span>
          </h3>
          <div className="mapper-table-scroll">
            <table data-testid="mapper-preview">
              <thead>
                <tr>
                  <th scope="col" className="num">
                    Line
                  </th>
                  {columns.map((c) => (
                    <th scope="col" key={c.name} title={`${c.name}: ${c.type}, filled in ${c.filled} of ${preview.rows.length} rows`}>
                      <span className="mapper-col">{c.name}</span>
                      <span className="mapper-type">{c.type}</span>
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {preview.rows.map((row) => (
                  <tr key={row.line}>
                    <td className="num">{row.line}</td>
                    {row.cells.map((cell, i) => (
                      <td key={columns[i]?.name ?? i}>{cell}</td>
                    ))}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          {preview.problems.length > 0 && (
            <p className="mapper-problems" data-testid="mapper-problems">
              {plural(preview.problems.length, 'row')} near the top cannot be read (line {[...preview.problems].sort((a, b) => a.line - b.line).map((p) => p.line).join(', ')}), for example: {preview.problems[0]!.reason}. They will be quarantined.
            </p>
          )}
        </section>
      )}

      {preview && (
        <div className="mapper-grid">
          <fieldset className="mapper-group">
            <legend>Conversation</legend>
            <div className="mapper-layout" role="radiogroup" aria-label="How each record holds the text">
              {(
                [
                  ['prompt', 'Prompt and response columns'],
                  ['messages', 'A list of messages'],
                  ['turn', 'One row per turn'],
                ] as const
              ).map(([value, label]) => (
                <label key={value} className="mapper-radio">
                  <input
                    type="radio"
                    name={`${id}-layout`}
                    value={value}
                    checked={layout === value}
                    onChange={() => {
                      touched.current = true;
                      setLayout(value);
                    }}
                    data-testid={`map-layout-${value}`}
                  />
                  {label}
                </label>
              ))}
            </div>
            {LAYOUT_TARGETS[layout].map(select)}
            {select('conversationId')}
          </fieldset>
          <fieldset className="mapper-group">
            <legend>Signals</legend>
            {SIGNALS.map(select)}
            {fields.thumbs && (
              <div className="mapper-values">
                <label>
                  Up values
                  <input type="text" value={thumbsUp} onChange={(e) => setThumbsUp(e.target.value)} data-testid="map-thumbs-up" />
                </label>
                <label>
                  Down values
                  <input type="text" value={thumbsDown} onChange={(e) => setThumbsDown(e.target.value)} data-testid="map-thumbs-down" />
                </label>
              </div>
            )}
          </fieldset>
          <fieldset className="mapper-group">
            <legend>Slices and provenance</legend>
            {SLICES.map(select)}
            {select('recordId')}
            {select('timestamp')}
          </fieldset>
        </div>
      )}

      <footer className="mapper-foot">
        <div className="map-field mapper-name">
          <label htmlFor={`${id}-name`}>Profile name</label>
          <input
            id={`${id}-name`}
            type="text"
            value={name}
            maxLength={64}
            onChange={(e) => setName(e.target.value)}
            aria-invalid={saveError ? true : undefined}
            data-testid="map-profile-name"
          />
        </div>
        <div className="mapper-actions">
          <button type="button" className="btn" onClick={onBack} data-testid="map-back">
            Back
          </button>
          <button type="button" className="btn btn--primary" disabled={!preview || saving || name.trim() === ''} onClick={() => void save()} data-testid="map-save-ingest">
            {saving ? 'Saving…' : 'Save profile and ingest'}
          </button>
        </div>
        {saveError && (
          <p className="field-error mapper-save-error" role="alert" data-testid="map-error">
            {saveError}
          </p>
        )}
      </footer>
    </div>
  );
}
