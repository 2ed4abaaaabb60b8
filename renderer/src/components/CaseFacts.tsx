import type { CaseDetail, Signals } from '../../../preload/api';
import { basename, formatCost, formatDateTime, formatLatency, plural } from '../format';
import { describeLabel, PlaceholderChip } from './RedactedText';
import { LOW_CONFIDENCE } from './SignalBadges';

interface Fact {
  term: string;
  value: string;
  warn?: boolean;
  mono?: boolean;
  title?: string;
}

function signalFacts(signals: Signals): Fact[] {
  const facts: Fact[] = [];
  if (signals.thumbs) facts.push({ term: 'Feedback', value: signals.thumbs === 'up' ? 'Thumbs up' : 'Thumbs down', warn: signals.thumbs === 'down' });
  if (signals.regenerated !== undefined) facts.push({ term: 'Regenerated', value: signals.regenerated ? 'Yes' : 'No', warn: signals.regenerated });
  if (signals.user_edited_chars !== undefined) {
    facts.push({ term: 'User edits', value: `${signals.user_edited_chars} chars`, warn: signals.user_edited_chars > 0 });
  }
  if (signals.escalated !== undefined) facts.push({ term: 'Escalated', value: signals.escalated ? 'Yes' : 'No', warn: signals.escalated });
  if (signals.schema_valid !== undefined) {
    facts.push({ term: 'Schema', value: signals.schema_valid ? 'Valid' : 'Invalid', warn: !signals.schema_valid });
  }
  if (signals.confidence !== undefined) {
    facts.push({ term: 'Confidence', value: signals.confidence.toFixed(2), warn: signals.confidence < LOW_CONFIDENCE });
  }
  if (signals.latency_ms !== undefined) facts.push({ term: 'Latency', value: formatLatency(signals.latency_ms) });
  if (signals.cost_usd !== undefined) facts.push({ term: 'Cost', value: formatCost(signals.cost_usd) });
  return facts;
}

function FactList({ facts }: { facts: Fact[] }) {
  return (
    <dl className="facts">
      {facts.map((fact) => (
        <div key={fact.term} className={fact.warn ? 'fact fact--warn' : 'fact'}>
          <dt>{fact.term}</dt>
          <dd className={fact.mono ? 'mono' : undefined} title={fact.title}>
            {fact.value}
          </dd>
        </div>
      ))}
    </dl>
  );
}

/** Everything about a case except the conversation: why it may matter, where it sits, where it came from. */
export function CaseFacts({ detail }: { detail: CaseDetail }) {
  const signals = signalFacts(detail.signals);
  const slices: Fact[] = [
    { term: 'Tier', value: detail.slices.tier ?? '—' },
    { term: 'Intent', value: detail.slices.intent ?? '—' },
    { term: 'Language', value: detail.slices.language ?? '—' },
  ];
  const { provenance } = detail;
  const origin: Fact[] = [
    { term: 'Run', value: `#${provenance.runId}` },
    { term: 'Source', value: basename(provenance.sourceFile), title: provenance.sourceFile, mono: true },
    { term: 'Line', value: String(provenance.line) },
    { term: 'Record', value: provenance.recordId ?? '—', title: provenance.recordId ?? undefined, mono: true },
    { term: 'Ingested', value: formatDateTime(detail.ingestedAt) },
  ];

  return (
    <aside className="case-facts" aria-label="Case facts">
      <section>
        <h3>Signals</h3>
        {signals.length > 0 ? <FactList facts={signals} /> : <p className="facts-none">No signals were logged.</p>}
      </section>
      <section>
        <h3>Slices</h3>
        <FactList facts={slices} />
      </section>
      <section data-testid="case-provenance">
        <h3>Provenance</h3>
        <FactList facts={origin} />
      </section>
      <section>
        <h3>De-identified</h3>
        <p className="facts-note">{plural(detail.findingCount, 'span')} replaced with placeholders</p>
        {detail.placeholders.length > 0 && (
          <ul className="legend">
            {detail.placeholders.map(({ placeholder, label }) => (
              <li key={placeholder}>
                <PlaceholderChip placeholder={placeholder} label={label} />
                <span>{describeLabel(label)}</span>
              </li>
            ))}
          </ul>
        )}
      </section>
    </aside>
  );
}
