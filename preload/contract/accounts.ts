import { z } from 'zod';
import { Empty, Role } from '../schemas.js';

/** One account as the UI sees it: never a passphrase or a key wrap. */
export const AccountSummary = z.object({ name: z.string(), role: Role, created: z.string(), you: z.boolean() });
export type AccountSummary = z.infer<typeof AccountSummary>;

export const AccountListing = z.object({
  /** 'single-user' until the first account is added (the shared passphrase then stops working). */
  mode: z.enum(['single-user', 'accounts']),
  accounts: z.array(AccountSummary),
  idleLockMinutes: z.number(),
});
export type AccountListing = z.infer<typeof AccountListing>;

const AccountName = z.string().trim().min(1).max(64);
const Passphrase = z.string().min(8, 'Choose a passphrase of at least 8 characters.').max(1024);

/** Workspace accounts and the idle lock (admin only, enforced in main). */
export const accountsChannels = {
  'accounts:list': { input: Empty, output: AccountListing },
  'accounts:add': { input: z.object({ name: AccountName, role: Role, passphrase: Passphrase }).strict(), output: AccountListing },
  'accounts:remove': { input: z.object({ name: AccountName }).strict(), output: AccountListing },
  'accounts:setRole': { input: z.object({ name: AccountName, role: Role }).strict(), output: AccountListing },
  'accounts:setPassphrase': { input: z.object({ name: AccountName, passphrase: Passphrase }).strict(), output: AccountListing },
  'accounts:setIdleLock': { input: z.object({ minutes: z.number().int().min(1).max(1440) }).strict(), output: AccountListing },
} as const;
