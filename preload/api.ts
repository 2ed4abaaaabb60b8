/**
 * The bridge contract: every channel the renderer may call, with zod schemas for its input and output.
 * Imported by main/api (validation), preload (channel list) and, as types, by the renderer.
 * Each area declares its channels in preload/contract/<area>.ts; this file joins them. Depends on zod only.
 */
import { z } from 'zod';
import { coreChannels } from './contract/core.js';
import { ingestChannels } from './contract/ingest.js';
import { accountsChannels } from './contract/accounts.js';
import { auditChannels } from './contract/audit.js';
import { reviewChannels } from './contract/review.js';
import { retentionChannels } from './contract/retention.js';
import { reviewActionsChannels } from './contract/review-actions.js';
import { samplingChannels } from './contract/sampling.js';
import { representativenessChannels } from './contract/representativeness.js';
import { releasesChannels } from './contract/releases.js';
import { monitorChannels } from './contract/monitor.js';

export * from './schemas.js';

/** Channel name → input and output schema. The only calls the renderer can make. */
export const contract = {
  ...coreChannels,
  ...ingestChannels,
  ...accountsChannels,
  ...auditChannels,
  ...reviewChannels,
  ...retentionChannels,
  ...reviewActionsChannels,
  ...samplingChannels,
  ...representativenessChannels,
  ...releasesChannels,
  ...monitorChannels,
} as const;

export type Contract = typeof contract;
export type Channel = keyof Contract;
export type Input<C extends Channel> = z.input<Contract[C]['input']>;
export type Output<C extends Channel> = z.output<Contract[C]['output']>;
export const CHANNELS = Object.keys(contract) as Channel[];

/** Errors a user can meet travel as `{ code, message }`; the message is written for the user. */
export const BridgeError = z.object({ code: z.string(), message: z.string() });
export type BridgeError = z.infer<typeof BridgeError>;

/** What `window.quarry` looks like in the renderer, in both shells. */
export interface QuarryApi {
  invoke<C extends Channel>(channel: C, input: Input<C>): Promise<Output<C>>;
}
