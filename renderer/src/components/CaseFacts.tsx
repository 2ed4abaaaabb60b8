import type { CaseDetail, Signals } from '../../../preload/api';
import { basename, formatCost, formatDateTime, formatLatency, plural } from '../format';
import { SIGNAL_NAMES } from './queue/signal-names';
import { describeLabel, PlaceholderChip, RedactedText } from './RedactedText';
import { LOW_CONFIDENCE } from './SignalBadges';
import { StatusPill } from './StatusPill';
import '../styles/case-links.css';

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

/** A mining run's reason as words: failure signals by name, then the sampling phases. */
function reasonName(reason: string): string {
  if (reason in SIGNAL_NAMES) return SIGNAL_NAMES[reason as keyof typeof SIGNAL_NAMES];
  if (reason === 'stratum_minimum') return 'Stratum minimum';
  if (reason === 'base_rate') return 'Base-rate draw';
  return reason.replaceAll('_', ' ');
}

/** Why the case is in front of the reviewer: its failure signals and the mining runs that picked it. */
function WhyQueued({ detail }: { detail: CaseDetail }) {
  return (
    <section data-testid="case-why">
      <h3>Why it is here</h3>
      {detail.queueSignals.length > 0 ? (
        <ul className="badges" aria-label="Failure signals">
          {detail.queueSignals.map((signal) => (
            <li key={signal} className="badge badge--warn" data-testid="case-queue-signal">
              {SIGNAL_NAMES[signal]}
            </li>
          ))}
        </ul>
      ) : (
        <p className="facts-none">No failure signal.</p>
      )}
      {detail.picks.map((pick) => (
        <p key={pick.runId} className="facts-note" data-testid="case-pick">
          Mining run #{pick.runId} ({pick.policyName} v{pick.policyVersion}): {pick.reasons.map(reasonName).join(', ')}
        </p>
      ))}
      <p className="facts-note" data-testid="case-assignee-note">
        {detail.assignee ? `Assigned to ${detail.assignee}` : 'Not assigned'}
      </p>
    </section>
  );
}

/** Other cases in the same near-duplicate cluster, so a reviewer can judge one and recognise the rest; each opens. */
function NearDuplicates({ detail, onOpenCase }: { detail: CaseDetail; onOpenCase?: (id: number) => void }) {
  return (
    <section data-testid="case-near-duplicates">
      <h3>Near-duplicates</h3>
      {detail.nearDuplicates.length === 0 ? (
        <p className="facts-none">None in its cluster.</p>
      ) : (
        <ul className="near-dups">
          {detail.nearDuplicates.map((dup) => (
            <li key={dup.id} data-testid="near-duplicate" data-case-id={dup.id}>
              <button
                type="button"
                className="near-dup-open"
                disabled={!onOpenCase}
                onClick={() => onOpenCase?.(dup.id)}
                aria-label={`Open case ${dup.id}, ${Math.round(dup.similarity * 100)}% similar, ${dup.status}`}
                data-testid="near-duplicate-open"
              >
                <span className="near-dup-head">
                  <span className="case-item-id">#{dup.id}</span>
                  <StatusPill status={dup.status} />
                  <span className="near-dup-sim" title="Estimated similarity of the user text">
                    {Math.round(dup.similarity * 100)}%
                  </span>
                </span>
                <span className="near-dup-preview">
                  <RedactedText text={dup.preview} />
                </span>
              </button>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

/** Everything about a case except the conversation: why it may matter, where it sits, where it came from. */
export function CaseFacts({ detail, onOpenCase }: { detail: CaseDetail; onOpenCase?: (id: number) => void }) {
  const signals = signalFacts(detail.signals);
  const slices: Fact[] = [
    { term: 'Tier', value: detail.slices.tier ?? '—' },
    { term: 'Intent', value: detail.slices.intent ?? '—' },
    { term: 'Language', value: detail.slices.language ?? '—' },
    ...(detail.slices.model ? [{ term: 'Model', value: detail.slices.model, mono: true }] : []),
    ...(detail.slices.product_area ? [{ term: 'Product area', value: detail.slices.product_area }] : []),
  ];
  const { provenance } = detail;
  const origin: Fact[] = [
    { term: 'Run', value: `#${provenance.runId}` },
    { term: 'Source', value: basename(provenance.sourceFile), title: provenance.sourceFile, mono: true },
    { term: 'Line', value: String(provenance.line) },
    { term: 'Record', value: provenance.recordId ?? '—', title: provenance.recordId ?? undefined, mono: true },
    { term: 'Ingested', value: formatDateTime(detail.ingestedAt) },
    ...(detail.seenCount && detail.seenCount > 1 ? [{ term: 'Duplicates', value: `seen ${detail.seenCount} times`, title: 'Exact repeats of this content, merged into this case' }] : []),
  ];

  return (
    <aside className="case-facts" aria-label="Case facts">
      <WhyQueued detail={detail} />
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
      <NearDuplicates detail={detail} onOpenCase={onOpenCase} />
    </aside>
  );
}
