import type { Channel } from '../../preload/api.js';
import type { Role } from '../core/accounts/roles.js';
import { QuarryError } from '../core/errors.js';

export type { Role } from '../core/accounts/roles.js';

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
  'ingest:start': WORK,
  'ingest:progress': WORK,
  'ingest:cancel': WORK,
  'ingest:preview': WORK,
  'profiles:list': WORK,
  'profiles:save': WORK,
  'quarantine:list': ALL,
  'ingest:runs': ALL,
  'ingest:resume': WORK,
  'quarantine:export': ALL,
  'cases:list': WORK,
  'cases:get': WORK,
  'cases:open': WORK,
  'cases:peek': WORK,
  'cases:page': WORK,
  'cases:counts': WORK,
  'cases:facets': WORK,
  'cases:assign': WORK,
  'cases:claim': WORK,
  'cases:decide': WORK,
  'cases:saveExpected': WORK,
  'export:golden': WORK,
  'audit:verify': OVERSIGHT,
  'audit:list': OVERSIGHT,
  'audit:export': OVERSIGHT,
  'accounts:list': ADMIN,
  'accounts:add': ADMIN,
  'accounts:remove': ADMIN,
  'accounts:setRole': ADMIN,
  'accounts:setPassphrase': ADMIN,
  'accounts:setIdleLock': ADMIN,
  'models:list': ALL,
  'models:select': ADMIN,
  'terms:list': WORK,
  'terms:add': ADMIN,
  'terms:remove': ADMIN,
  'retention:overview': ADMIN,
  'retention:setPeriod': ADMIN,
  'retention:setAuditPeriod': ADMIN,
  'retention:purgeNow': ADMIN,
  'review:state': WORK,
  'review:saveDraft': WORK,
  'review:submit': WORK,
  'review:undo': WORK,
  'review:missedPii': WORK,
  'review:suggest': WORK,
  'review:agreement': ALL,
  'review:adjudicate': WORK,
  'review:settings': ALL,
  'review:saveSettings': ADMIN,
  'sampling:policies': WORK,
  'sampling:savePolicy': WORK,
  'sampling:preview': WORK,
  'sampling:run': WORK,
  'sampling:runs': ALL,
  'representativeness:run': ALL,
  'representativeness:release': ALL,
  'evalsets:list': ALL,
  'evalsets:create': WORK,
  'evalsets:import': WORK,
  'releases:list': ALL,
  'releases:get': ALL,
  'releases:create': WORK,
  'releases:approve': ADMIN,
  'releases:reject': ADMIN,
  'releases:diff': ALL,
  'releases:export': ADMIN,
  'releases:growth': ALL,
  'monitor:overview': ALL,
  'monitor:drift': ALL,
  'monitor:alerts': ALL,
  'monitor:mineAlert': WORK,
  'monitor:coverage': ALL,
  'monitor:thresholds': ALL,
  'monitor:setThresholds': ADMIN,
};

export function mayCall(role: Role, channel: Channel): boolean {
  return CHANNEL_ROLES[channel].includes(role);
}

/** The channels a role may call, for 'workspace:status' (the renderer hides the rest). */
export function channelsFor(role: Role): Channel[] {
  return (Object.keys(CHANNEL_ROLES) as Channel[]).filter((channel) => mayCall(role, channel));
}

/** Channels that work without a signed-in session. */
export const SESSIONLESS: ReadonlySet<Channel> = new Set<Channel>(['workspace:status', 'workspace:unlock', 'workspace:lock']);

/**
 * The check itself, run in main before any handler: `role` is the signed-in role, or null when locked.
 * Throws `locked` for a channel that needs a session, `forbidden` for one the role may not call (after
 * `onDenied` has recorded it).
 */
export function authorizeCall(channel: Channel, role: Role | null, onDenied: (channel: Channel, role: Role) => void): void {
  if (SESSIONLESS.has(channel)) return;
  if (role === null) throw new QuarryError('locked', 'The workspace is locked. Unlock it with your passphrase first.');
  if (!mayCall(role, channel)) {
    onDenied(channel, role);
    throw new QuarryError('forbidden', `Your role (${role}) does not allow this operation (${channel}). Ask an admin if you need it.`);
  }
}
