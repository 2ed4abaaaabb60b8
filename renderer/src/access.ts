/**
 * What the signed-in role may do, as the renderer sees it: 'workspace:status' lists the channels the role may
 * call, and the UI hides everything else. The check that counts runs in main; this only keeps the screen honest.
 */
import { createContext, useContext } from 'react';
import type { Channel, Role, WorkspaceStatus } from '../../preload/api';

export type May = (channel: Channel) => boolean;

export function mayFor(status: WorkspaceStatus): May {
  const allowed = new Set(status.channels);
  return (channel) => allowed.has(channel);
}

export const AccessContext = createContext<May>(() => false);

/** `may('cases:decide')`: whether the signed-in role may do that; hide the control if not. */
export function useMay(): May {
  return useContext(AccessContext);
}

/** Views that declare no roles are work screens: admin and reviewer. */
export const DEFAULT_VIEW_ROLES: readonly Role[] = ['admin', 'reviewer'];

export const ROLE_LABEL: Record<Role, string> = { admin: 'Admin', reviewer: 'Reviewer', auditor: 'Auditor' };
