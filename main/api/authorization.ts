import type { Channel } from '../../preload/api.js';

/** The roles a workspace account can hold (issue: accounts and roles). */
export type Role = 'admin' | 'reviewer' | 'auditor';

const ALL: readonly Role[] = ['admin', 'reviewer', 'auditor'];
const WORK: readonly Role[] = ['admin', 'reviewer'];
const ADMIN: readonly Role[] = ['admin'];
const OVERSIGHT: readonly Role[] = ['admin', 'auditor'];

/**
 * Which roles may call each bridge channel. Typed over every channel, so a new channel does not compile until it
 * is given its roles here; the check itself runs in main, whatever the UI shows.
 */
export const CHANNEL_ROLES: Record<Channel, readonly Role[]> = {
  'workspace:status': ALL,
  'workspace:unlock': ALL,
  'workspace:lock': ALL,
  'files:browse': WORK,
  'ingest:run': WORK,
  'cases:list': WORK,
  'cases:get': WORK,
  'cases:decide': WORK,
  'cases:saveExpected': WORK,
  'export:golden': WORK,
  'audit:verify': OVERSIGHT,
  'models:list': ALL,
  'models:select': ADMIN,
  'terms:list': WORK,
  'terms:add': ADMIN,
  'terms:remove': ADMIN,
};

export function mayCall(role: Role, channel: Channel): boolean {
  return CHANNEL_ROLES[channel].includes(role);
}
