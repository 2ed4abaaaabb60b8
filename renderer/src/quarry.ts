/**
 * The renderer's only way out: `window.quarry`, installed by whichever shell hosts us. Types come from the
 * bridge contract; importing them as types keeps zod out of the renderer bundle.
 */
import type { Channel, Input, Output, QuarryApi } from '../../preload/api';

declare global {
  interface Window {
    quarry: QuarryApi;
  }
}

export function call<C extends Channel>(channel: C, input: Input<C>): Promise<Output<C>> {
  return window.quarry.invoke(channel, input);
}

/** Bridge errors carry a message written for the user; anything else gets a generic line, never a stack. */
export function userMessage(error: unknown): string {
  if (error instanceof Error && error.message) return error.message;
  return 'Something went wrong. Please try again.';
}
