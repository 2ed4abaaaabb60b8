import type { ReleaseState } from '../../../../preload/contract/releases';
import { STATE_LABEL } from './release-format';

/** A release's state as a pill: colour and word, so it reads without colour too. */
export function ReleaseStatePill({ state }: { state: ReleaseState }) {
  return (
    <span className={`rl-state rl-state--${state}`} data-testid="rl-state" data-state={state}>
      {STATE_LABEL[state]}
    </span>
  );
}
