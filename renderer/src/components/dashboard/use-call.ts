/**
 * Loads one bridge call for a screen section and keeps its latest answer: a new input (compared as JSON) or a
 * new `version` (bumped when the cases change) loads again, answers to superseded inputs are dropped, and
 * `reload` asks again with the same input. While a new answer loads, the previous one stays on screen.
 * `onAnswer` runs after each answer (the monitor's reads are audit-logged: the chain badge re-checks).
 */
import { useCallback, useEffect, useState } from 'react';
import type { Channel, Input, Output } from '../../../../preload/api';
import { call, userMessage } from '../../quarry';

export interface Loaded<C extends Channel> {
  data: Output<C> | null;
  error: string | null;
  loading: boolean;
  reload: () => void;
}

export function useCall<C extends Channel>(channel: C, input: Input<C> | null, version = 0, onAnswer?: () => void): Loaded<C> {
  const key = input === null ? null : `${version}\u0000${JSON.stringify(input)}`;
  const [state, setState] = useState<{ key: string | null; attempt: number; data: Output<C> | null; error: string | null }>({ key: null, attempt: 0, data: null, error: null });
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    if (key === null) return;
    let live = true;
    call(channel, JSON.parse(key.slice(key.indexOf('\u0000') + 1)) as Input<C>).then(
      (data) => {
        if (!live) return;
        setState({ key, attempt, data, error: null });
        onAnswer?.();
      },
      (error: unknown) => live && setState((prev) => ({ key, attempt, data: prev.data, error: userMessage(error) })),
    );
    return () => {
      live = false;
    };
  }, [channel, key, attempt, onAnswer]);

  const reload = useCallback(() => setAttempt((n) => n + 1), []);
  const current = state.key === key;
  return { data: state.data, error: current ? state.error : null, loading: key !== null && (!current || state.attempt !== attempt), reload };
}
