import { useEffect, useMemo, useState } from 'react';
import type { CaseDetail } from '../../../preload/api';
import { call, userMessage } from '../quarry';
import { CaseFacts } from './CaseFacts';
import { Conversation } from './Conversation';
import { DecisionBar } from './DecisionBar';
import { StatusPill } from './StatusPill';

interface Props {
  id: number;
  onDecided: (detail: CaseDetail) => void;
  onLeaveField: () => void;
}

type Load = { state: 'loading' } | { state: 'failed'; message: string } | { state: 'ready'; detail: CaseDetail };

/** One open case. Mounted per case id, so nothing from the previous case (draft, errors) can leak into it. */
export function CaseView({ id, onDecided, onLeaveField }: Props) {
  const [load, setLoad] = useState<Load>({ state: 'loading' });

  useEffect(() => {
    let live = true;
    call('cases:get', { id }).then(
      (detail) => live && setLoad({ state: 'ready', detail }),
      (error: unknown) => live && setLoad({ state: 'failed', message: userMessage(error) }),
    );
    return () => {
      live = false;
    };
  }, [id]);

  const detail = load.state === 'ready' ? load.detail : null;
  const labels = useMemo(
    () => new Map(detail?.placeholders.map(({ placeholder, label }) => [placeholder, label])),
    [detail],
  );

  if (load.state === 'loading') return <section className="case-view case-view--loading" aria-busy="true" data-testid="case-detail" />;
  if (load.state === 'failed') {
    return (
      <section className="case-view case-view--message" data-testid="case-detail">
        <p role="alert" className="field-error">
          {load.message}
        </p>
      </section>
    );
  }

  const ready = load.detail;
  const update = (next: CaseDetail) => setLoad({ state: 'ready', detail: next });
  return (
    <section className="case-view" aria-labelledby="case-title" data-testid="case-detail" data-case-id={ready.id}>
      <header className="case-head">
        <h2 id="case-title">Case #{ready.id}</h2>
        <StatusPill status={ready.status} />
      </header>
      <div className="case-body">
        <div className="case-reading">
          <Conversation messages={ready.messages} response={ready.response} labels={labels} />
        </div>
        <CaseFacts detail={ready} />
      </div>
      <DecisionBar
        detail={ready}
        onChange={update}
        onDecided={(next) => {
          update(next);
          onDecided(next);
        }}
        onLeaveField={onLeaveField}
      />
    </section>
  );
}
