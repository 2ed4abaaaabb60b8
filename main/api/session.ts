import { mirror } from '../core/accounts/accounts.js';
import { idleLockMinutes } from '../core/accounts/idle-lock.js';
import type { Role } from '../core/accounts/roles.js';
import { checkSignInAllowed, pendingSignInFailures, recordSignInFailure, settleSignInFailures } from '../core/accounts/sign-in-guard.js';
import { appendAudit, type AuditEvent, type AuditSource } from '../core/audit/audit-log.js';
import { writeCheckpoint } from '../core/audit/checkpoints.js';
import { QuarryError } from '../core/errors.js';
import { forgetSecret, registerSecret } from '../core/logging/index.js';
import { openOrCreateWorkspace, readWorkspaceFile, workspaceExists, type Workspace } from '../core/store/workspace.js';

const LOCKED = 'The workspace is locked. Unlock it with your passphrase first.';

/**
 * One signed-in session of the workspace: who (account or, single-user, the reviewer name), their role, where
 * from (ui or cli), and the idle timer. Sign-in is rate-limited per account and failures reach the audit log
 * at the next successful unlock. Ending the session (lock, idle, close) records it, signs a checkpoint and
 * closes the database, which zeroes the data key the workspace held.
 */
export class Session {
  private workspace: Workspace | null = null;
  private name: string | null = null;
  private actorName = '';
  private signedInRole: Role | null = null;
  private source: AuditSource = 'cli';
  private idleTimer: NodeJS.Timeout | null = null;
  private idleMs = 0;
  /** Why the last session ended, when it ended by itself. */
  lockedReason: 'idle' | null = null;

  /** `onEnd`: called once a session that was open has ended (lock, idle lock, switch, close). */
  constructor(
    private readonly workspaceDir: string,
    private readonly onEnd: () => void = () => undefined,
  ) {}

  /** Whether the workspace folder holds accounts (sign-in by account name) rather than one shared passphrase. */
  hasAccounts(): boolean {
    return workspaceExists(this.workspaceDir) && readWorkspaceFile(this.workspaceDir).accounts.length > 0;
  }

  /**
   * Opens (creating on first run) the workspace. Single-user: `name` is the reviewer name and `actor` what the
   * audit log calls them. With accounts: `name` is the account name, which the audit log then uses.
   */
  signIn(passphrase: string, name: string, actor: string, source: AuditSource): { created: boolean } {
    this.end('switch');
    registerSecret('session-passphrase', passphrase);
    const dir = this.workspaceDir;
    const accounts = this.hasAccounts();
    // A CLI run without --account / QUARRY_ACCOUNT passes its default actor; let the workspace ask for an account.
    const account = accounts && !(source === 'cli' && name.startsWith('cli:')) ? name : undefined;
    const counted = accounts ? (account ?? '') : '';
    if (workspaceExists(dir)) checkSignInAllowed(dir, counted, name);
    let opened: { workspace: Workspace; created: boolean };
    try {
      opened = openOrCreateWorkspace(dir, passphrase, account);
    } catch (error) {
      if (error instanceof QuarryError && error.code === 'wrong-passphrase') recordSignInFailure(dir, counted, name);
      throw error;
    }
    const { workspace, created } = opened;
    this.workspace = workspace;
    this.signedInRole = workspace.account?.role ?? 'admin';
    this.name = workspace.account?.name ?? name;
    this.actorName = workspace.account?.name ?? actor;
    this.source = source;
    this.lockedReason = null;
    if (created) this.audit({ action: 'workspace.create' });
    const failures = pendingSignInFailures(dir);
    for (const failure of failures) {
      appendAudit(workspace.db, {
        actor: failure.account || '(none given)',
        source,
        action: 'workspace.unlock_failed',
        outcome: 'failure',
        at: failure.at,
        objectIds: { reason: failure.reason, workstation: failure.workstation },
      });
    }
    settleSignInFailures(dir, counted, failures.length);
    if (workspace.account) mirror(workspace);
    this.audit({ action: 'workspace.unlock' });
    this.refresh();
    return { created };
  }

  open(): Workspace {
    if (!this.workspace) throw new QuarryError('locked', LOCKED);
    return this.workspace;
  }

  isOpen(): boolean {
    return this.workspace !== null;
  }

  reviewer(): string {
    if (!this.name) throw new QuarryError('locked', LOCKED);
    return this.name;
  }

  displayName(): string | null {
    return this.name;
  }

  actor(): string {
    return this.actorName;
  }

  /** The signed-in role, or null when locked. */
  role(): Role | null {
    return this.workspace ? this.signedInRole : null;
  }

  audit(event: Omit<AuditEvent, 'actor'>): void {
    appendAudit(this.open().db, { role: this.signedInRole ?? '', source: this.source, ...event, actor: this.actorName });
  }

  /** Re-reads the idle-lock period and restarts the timer. */
  refresh(): void {
    if (!this.workspace) return;
    this.idleMs = idleLockMinutes(this.workspace.db) * 60_000;
    this.touch();
  }

  idleMinutes(): number | null {
    return this.workspace ? this.idleMs / 60_000 : null;
  }

  /** A user action: the idle timer starts again. */
  touch(): void {
    if (!this.workspace || this.idleMs <= 0) return;
    if (this.idleTimer) clearTimeout(this.idleTimer);
    this.idleTimer = setTimeout(() => this.end('idle'), this.idleMs);
    // The timer must not keep a CLI run alive after its work is done.
    this.idleTimer.unref();
  }

  /** Ends the session: recorded, checkpointed, database closed and the key zeroed. */
  end(reason: 'user' | 'idle' | 'switch' | 'close'): void {
    if (this.idleTimer) clearTimeout(this.idleTimer);
    this.idleTimer = null;
    const workspace = this.workspace;
    if (workspace) {
      try {
        this.audit({ action: reason === 'idle' ? 'workspace.idle_lock' : 'workspace.lock', objectIds: { reason } });
        writeCheckpoint(workspace.db);
      } finally {
        workspace.close();
      }
    }
    this.workspace = null;
    forgetSecret('session-passphrase');
    this.name = null;
    this.signedInRole = null;
    this.lockedReason = reason === 'idle' && workspace ? 'idle' : null;
    if (workspace) this.onEnd();
  }
}
