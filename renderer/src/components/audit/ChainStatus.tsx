import type { AuditStatus } from '../../../../preload/api';
import { plural } from '../../format';

function when(ts: string): string {
  return new Date(ts).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' });
}

/** The audit chain at a glance: intact or broken (and where), and the last signed checkpoint. */
export function ChainStatus({ chain }: { chain: AuditStatus | null }) {
  if (!chain) {
    return (
      <div className="av-chain av-chain--checking" data-testid="chain-status" data-state="checking">
        Verifying the audit chain…
      </div>
    );
  }
  const checkpoint = chain.lastCheckpoint
    ? `Last signed checkpoint #${chain.lastCheckpoint.seq}, ${when(chain.lastCheckpoint.ts)}`
    : 'No signed checkpoint yet';
  return chain.ok ? (
    <div className="av-chain av-chain--ok" data-testid="chain-status" data-state="ok">
      <strong>Chain intact</strong>
      <span>
        {plural(chain.entries, 'entry', 'entries')} · {plural(chain.checkpoints, 'signed checkpoint')}
      </span>
      <span className="av-chain-sub">{checkpoint}</span>
    </div>
  ) : (
    <div className="av-chain av-chain--broken" role="alert" data-testid="chain-status" data-state="broken">
      <strong>Chain broken at #{chain.firstBroken ?? '?'}</strong>
      <span>{chain.reason}</span>
      <span className="av-chain-sub">{checkpoint}</span>
    </div>
  );
}
