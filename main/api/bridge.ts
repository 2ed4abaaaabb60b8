import { contract, type BridgeError, type Channel, type Contract, type Output } from '../../preload/api.js';
import { QuarryError } from '../core/errors.js';
import { log } from '../core/logging/index.js';
import type { z } from 'zod';

/**
 * Set by the service on its handlers: throws (`locked`, `forbidden`) when the signed-in role may not call the
 * channel. The bridge calls it before validating the input, so a forbidden call learns nothing about the shape
 * the channel expects; the service's handlers check again for callers that do not come through the bridge.
 */
export const AUTHORIZE: unique symbol = Symbol('quarry.authorize');

/** One use case per channel; input already validated against the contract. */
export type Handlers = {
  [C in Channel]: (input: z.output<Contract[C]['input']>) => Promise<Output<C>> | Output<C>;
} & { readonly [AUTHORIZE]?: (channel: Channel) => void };

export type Envelope = { ok: true; value: unknown } | { ok: false; error: BridgeError };

/** Where a call came from, as the shell sees it: the frame's URL and whether it is the window's main frame. */
export interface Sender {
  url: string;
  isMainFrame: boolean;
}

export interface BridgeOptions {
  /** `protocol//host` of the app's own pages, e.g. `app://quarry`; calls from anywhere else are dropped. */
  appOrigin: string;
  /** Sees every call and its answer; the canary test uses it to prove no payload carries raw text. */
  tap?: (channel: string, input: unknown, envelope: Envelope) => void;
  logError?: (error: unknown) => void;
}

export interface Bridge {
  invoke(sender: Sender, channel: unknown, input: unknown): Promise<Envelope>;
}

function originOf(url: string): string | null {
  try {
    const parsed = new URL(url);
    return `${parsed.protocol}//${parsed.host}`;
  } catch {
    return null;
  }
}

function fail(code: string, message: string): Envelope {
  return { ok: false, error: { code, message } };
}

function isChannel(channel: unknown): channel is Channel {
  return typeof channel === 'string' && Object.hasOwn(contract, channel);
}

/**
 * The single IPC wrapper both shells use: checks the sender, asks the service whether the signed-in role may
 * call the channel, validates input and output against the contract,
 * and turns errors into `{ code, message }` written for the user. There is no generic call-anything channel.
 */
export function createBridge(handlers: Handlers, options: BridgeOptions): Bridge {
  const logError = options.logError ?? ((error: unknown) => log.error('[quarry] handler failed:', error));
  return {
    async invoke(sender, channel, input) {
      const envelope = await dispatch(sender, channel, input);
      options.tap?.(String(channel), input, envelope);
      return envelope;
    },
  };

  async function dispatch(sender: Sender, channel: unknown, input: unknown): Promise<Envelope> {
    if (!sender.isMainFrame || originOf(sender.url) !== options.appOrigin) {
      return fail('untrusted-sender', 'This call did not come from Quarry’s own window and was refused.');
    }
    if (!isChannel(channel)) return fail('unknown-channel', `Quarry has no operation called ${String(channel).slice(0, 60)}.`);
    try {
      handlers[AUTHORIZE]?.(channel);
    } catch (error) {
      if (error instanceof QuarryError) return fail(error.code, error.message);
      logError(error);
      return fail('internal', 'Quarry could not complete this operation. Details are in the application log.');
    }
    const spec = contract[channel];
    const parsedInput = spec.input.safeParse(input ?? {});
    if (!parsedInput.success) {
      const issue = parsedInput.error.issues[0];
      return fail('invalid-input', `${channel}: field ${issue?.path.join('.') || '(input)'}: ${issue?.message}`);
    }
    try {
      const handler = handlers[channel] as (value: unknown) => unknown;
      const value = await handler(parsedInput.data);
      const parsedOutput = spec.output.safeParse(value);
      if (!parsedOutput.success) {
        logError(new Error(`${channel}: output does not match the contract at ${parsedOutput.error.issues[0]?.path.join('.')}`));
        return fail('internal', 'Quarry could not complete this operation. Details are in the application log.');
      }
      return { ok: true, value: parsedOutput.data };
    } catch (error) {
      if (error instanceof QuarryError) return fail(error.code, error.message);
      logError(error);
      return fail('internal', 'Quarry could not complete this operation. Details are in the application log.');
    }
  }
}
