import { addAccount, listAccounts, removeAccount, setAccountPassphrase, setAccountRole } from '../../core/accounts/accounts.js';
import { idleLockMinutes, setIdleLockMinutes } from '../../core/accounts/idle-lock.js';
import type { AccountListing } from '../../../preload/contract/accounts.js';
import type { HandlerGroup, ServiceContext } from '../service-context.js';

type AccountChannels =
  | 'accounts:list'
  | 'accounts:add'
  | 'accounts:remove'
  | 'accounts:setRole'
  | 'accounts:setPassphrase'
  | 'accounts:setIdleLock';

/**
 * Workspace accounts and the idle lock; admin only (CHANNEL_ROLES, checked before these run). Every change is
 * audit-logged with the account's name and role, never a passphrase.
 */
export function accountsHandlers(ctx: ServiceContext): HandlerGroup<AccountChannels> {
  const listing = (): AccountListing => {
    const workspace = ctx.open();
    const you = workspace.account?.name.toLowerCase();
    const accounts = listAccounts(workspace).map((a) => ({ ...a, you: a.name.toLowerCase() === you }));
    return { mode: accounts.length ? 'accounts' : 'single-user', accounts, idleLockMinutes: idleLockMinutes(workspace.db) };
  };
  return {
    'accounts:list': listing,
    'accounts:add': ({ name, role, passphrase }) => {
      const { converted } = addAccount(ctx.open(), name, role, passphrase);
      if (converted) ctx.audit({ action: 'workspace.convert', objectIds: { account: name.trim() } });
      ctx.audit({ action: 'account.add', objectIds: { account: name.trim(), accountRole: role } });
      return listing();
    },
    'accounts:remove': ({ name }) => {
      const removed = removeAccount(ctx.open(), name);
      ctx.audit({ action: 'account.remove', objectIds: { account: removed.name, accountRole: removed.role } });
      return listing();
    },
    'accounts:setRole': ({ name, role }) => {
      const { from, to } = setAccountRole(ctx.open(), name, role);
      ctx.audit({ action: 'account.role_change', objectIds: { account: name.trim(), from, to } });
      return listing();
    },
    'accounts:setPassphrase': ({ name, passphrase }) => {
      setAccountPassphrase(ctx.open(), name, passphrase);
      ctx.audit({ action: 'account.passphrase_change', objectIds: { account: name.trim() } });
      return listing();
    },
    'accounts:setIdleLock': ({ minutes }) => {
      setIdleLockMinutes(ctx.open().db, minutes);
      ctx.audit({ action: 'settings.idle_lock', objectIds: { minutes } });
      ctx.refreshSession();
      return listing();
    },
  };
}
