/** `quarry accounts`: the workspace's local accounts (admin only). New passphrases come from a file or QUARRY_NEW_PASSPHRASE. */
import { readFileSync } from 'node:fs';
import { Option, type Command } from 'commander';
import { addAccount, listAccounts, removeAccount, setAccountPassphrase, setAccountRole } from '../core/accounts/accounts.js';
import { ROLES, type Role } from '../core/accounts/roles.js';
import { QuarryError } from '../core/errors.js';
import { signIn, withWorkspaceOptions, type WorkspaceFlags } from './common.js';

interface NewPassphraseFlags extends WorkspaceFlags {
  newPassphraseFile?: string;
}

function newPassphrase(flags: NewPassphraseFlags): string {
  if (flags.newPassphraseFile) {
    try {
      return readFileSync(flags.newPassphraseFile, 'utf8').replace(/\r?\n$/, '');
    } catch (error) {
      throw new QuarryError('passphrase-file', `Cannot read the new passphrase file ${flags.newPassphraseFile}: ${(error as NodeJS.ErrnoException).code}.`);
    }
  }
  const fromEnv = process.env.QUARRY_NEW_PASSPHRASE;
  if (!fromEnv) throw new QuarryError('passphrase-missing', "No passphrase for the account: set QUARRY_NEW_PASSPHRASE or pass --new-passphrase-file FILE.");
  return fromEnv;
}

const newPassphraseOption = () => new Option('--new-passphrase-file <file>', "the account's passphrase (default: QUARRY_NEW_PASSPHRASE)");

export function registerAccountsCommands(program: Command): void {
  const accounts = program.command('accounts').description('local accounts: admin, reviewer, auditor (admin only)');

  withWorkspaceOptions(accounts.command('list').description('list the accounts and their roles')).action((flags: WorkspaceFlags) => {
    const session = signIn(flags, 'accounts:list');
    try {
      const list = listAccounts(session.open());
      if (!list.length) console.log('Single-user workspace: no accounts yet. `quarry accounts add NAME --role admin` converts it.');
      for (const a of list) console.log(`${a.name.padEnd(24)} ${a.role.padEnd(9)} since ${a.created}`);
    } finally {
      session.end('user');
    }
  });

  withWorkspaceOptions(
    accounts
      .command('add')
      .description('add an account; the first must be an admin, and from then on sign-in needs an account')
      .argument('<name>', 'account name')
      .addOption(new Option('--role <role>', 'the role').choices(ROLES).makeOptionMandatory())
      .addOption(newPassphraseOption()),
  ).action((name: string, flags: NewPassphraseFlags & { role: Role }) => {
    const session = signIn(flags, 'accounts:add');
    try {
      const { converted } = addAccount(session.open(), name, flags.role, newPassphrase(flags));
      if (converted) session.audit({ action: 'workspace.convert', objectIds: { account: name.trim() } });
      session.audit({ action: 'account.add', objectIds: { account: name.trim(), accountRole: flags.role } });
      console.log(`Added ${flags.role} "${name.trim()}".${converted ? ' The workspace passphrase no longer opens it: sign in with an account (--account NAME).' : ''}`);
    } finally {
      session.end('user');
    }
  });

  withWorkspaceOptions(accounts.command('remove').description("remove an account: its passphrase stops opening the workspace").argument('<name>')).action(
    (name: string, flags: WorkspaceFlags) => {
      const session = signIn(flags, 'accounts:remove');
      try {
        const removed = removeAccount(session.open(), name);
        session.audit({ action: 'account.remove', objectIds: { account: removed.name, accountRole: removed.role } });
        console.log(`Removed ${removed.role} "${removed.name}".`);
      } finally {
        session.end('user');
      }
    },
  );

  withWorkspaceOptions(
    accounts.command('set-role').description("change an account's role").argument('<name>').addArgument(
      accounts.createArgument('<role>', 'admin, reviewer or auditor').choices(ROLES),
    ),
  ).action((name: string, role: Role, flags: WorkspaceFlags) => {
    const session = signIn(flags, 'accounts:setRole');
    try {
      const { from, to } = setAccountRole(session.open(), name, role);
      session.audit({ action: 'account.role_change', objectIds: { account: name.trim(), from, to } });
      console.log(`"${name.trim()}" is now ${to} (was ${from}).`);
    } finally {
      session.end('user');
    }
  });

  withWorkspaceOptions(
    accounts.command('passwd').description("set an account's passphrase").argument('<name>').addOption(newPassphraseOption()),
  ).action((name: string, flags: NewPassphraseFlags) => {
    const session = signIn(flags, 'accounts:setPassphrase');
    try {
      setAccountPassphrase(session.open(), name, newPassphrase(flags));
      session.audit({ action: 'account.passphrase_change', objectIds: { account: name.trim() } });
      console.log(`New passphrase set for "${name.trim()}".`);
    } finally {
      session.end('user');
    }
  });
}
