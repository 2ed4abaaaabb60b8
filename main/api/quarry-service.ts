import { verifyAuditChainFrom, type VerifiedPrefix } from '../core/audit/audit-log.js';
import type { Deidentifier } from '../core/deid/deidentifier.js';
import { DEFAULT_NER_MODEL } from '../core/deid/create-deidentifier.js';
import { readTermLists } from '../core/deid/term-lists.js';
import { QuarryError } from '../core/errors.js';
import { readSetting } from '../core/store/settings.js';
import { workspaceExists, type Workspace } from '../core/store/workspace.js';
import type { Channel } from '../../preload/api.js';
import { authorizeCall, channelsFor } from './authorization.js';
import { AUTHORIZE, type Handlers } from './bridge.js';
import { accountsHandlers } from './handlers/accounts.js';
import { auditHandlers } from './handlers/audit.js';
import { deidSettingsHandlers } from './handlers/deid-settings.js';
import { ingestHandlers } from './handlers/ingest.js';
import { retentionHandlers } from './handlers/retention.js';
import { reviewActionsHandlers } from './handlers/review-actions.js';
import { reviewHandlers } from './handlers/review.js';
import { samplingHandlers } from './handlers/sampling.js';
import { representativenessHandlers } from './handlers/representativeness.js';
import { releasesHandlers } from './handlers/releases.js';
import { monitorHandlers } from './handlers/monitor.js';
import type { ServiceContext, ServiceOptions } from './service-context.js';
import { Session } from './session.js';

export type { ServiceOptions } from './service-context.js';

/**
 * The use cases behind the bridge, for one signed-in reviewer at a time. This class owns the session (workspace,
 * reviewer, de-identifier); each area's handlers live in ./handlers/ and reach the session through a
 * ServiceContext. Every answer is built from the de-identified tables; the bridge validates it on the way out.
 */
export class QuarryService {
  private readonly session: Session;
  private ner: { modelId: string; ready: Promise<Deidentifier> } | null = null;
  /** How far this session has verified the audit chain (per open database). */
  private verifiedAudit: { db: Workspace['db']; prefix: VerifiedPrefix } | null = null;

  private readonly context: ServiceContext;
  readonly handlers: Handlers;

  constructor(private readonly options: ServiceOptions) {
    // A locked workspace leaves no raw text in memory: the de-identifier drops the texts it keeps between calls.
    this.session = new Session(options.workspaceDir, () => void this.ner?.ready.then((deidentifier) => deidentifier.forget()).catch(() => undefined));
    this.context = {
      options,
      open: () => this.session.open(),
      reviewer: () => this.session.reviewer(),
      actor: () => this.session.actor(),
      audit: (event) => this.session.audit(event),
      atomically: (work) => this.session.open().db.transaction(work)(),
      deidentifier: () => this.deidentifierFor(this.session.open().db),
      role: () => {
        const role = this.session.role();
        if (!role) throw new QuarryError('locked', 'The workspace is locked. Unlock it with your passphrase first.');
        return role;
      },
      refreshSession: () => this.session.refresh(),
    };
    this.handlers = this.guarded({
      'workspace:status': () => this.status(),
      'workspace:unlock': ({ passphrase, reviewer }) => {
        this.session.signIn(passphrase, reviewer, `reviewer:${reviewer}`, 'ui');
        return this.status();
      },
      'workspace:lock': () => {
        this.session.end('user');
        return this.status();
      },
      'audit:verify': () => {
        // The badge asks after every audited action: walk the whole chain once per session, then only what
        // was added since (`quarry audit verify` and the Audit view's check always walk it all).
        const { db, publicKey } = this.session.open();
        const prior = this.verifiedAudit?.db === db ? this.verifiedAudit.prefix : null;
        const { verdict, prefix } = verifyAuditChainFrom(db, publicKey, prior);
        this.verifiedAudit = prefix ? { db, prefix } : null;
        return verdict;
      },
      ...accountsHandlers(this.context),
      ...auditHandlers(this.context),
      ...ingestHandlers(this.context),
      ...reviewHandlers(this.context),
      ...retentionHandlers(this.context),
      ...reviewActionsHandlers(this.context),
      ...deidSettingsHandlers(this.context),
      ...samplingHandlers(this.context),
      ...representativenessHandlers(this.context),
      ...releasesHandlers(this.context),
      ...monitorHandlers(this.context),
    });
  }

  /**
   * Every handler checks the signed-in role against CHANNEL_ROLES before it runs (a denied call is audit-logged
   * with outcome 'denied'), and every call but the renderer's status poll counts as activity for the idle lock.
   */
  private guarded(handlers: Handlers): Handlers {
    const authorize = (channel: Channel) =>
      authorizeCall(channel, this.session.role(), (denied) =>
        this.session.audit({ action: 'access.denied', objectIds: { channel: denied }, outcome: 'denied' }),
      );
    const wrapped = Object.fromEntries(
      Object.entries(handlers).map(([channel, handler]) => [
        channel,
        (input: unknown) => {
          authorize(channel as Channel);
          if (channel !== 'workspace:status') this.session.touch();
          return (handler as (value: unknown) => unknown)(input);
        },
      ]),
    );
    Object.defineProperty(wrapped, AUTHORIZE, { value: authorize });
    return wrapped as unknown as Handlers;
  }

  /** The de-identifier for the workspace's chosen NER model, rebuilt when the choice changes. */
  private async deidentifierFor(db: Workspace['db']): Promise<Deidentifier> {
    const modelId = readSetting(db, 'ner-model') ?? DEFAULT_NER_MODEL;
    if (this.ner?.modelId !== modelId) {
      await this.closeDeidentifier();
      this.ner = { modelId, ready: this.options.createDeidentifier(modelId) };
    }
    let deidentifier: Deidentifier;
    try {
      deidentifier = await this.ner.ready;
    } catch (error) {
      this.ner = null;
      throw new QuarryError('ner-model-unavailable', `The NER model "${modelId}" could not be loaded: ${(error as Error).message}`);
    }
    deidentifier.setTermLists(readTermLists(db));
    return deidentifier;
  }

  private async closeDeidentifier(): Promise<void> {
    const previous = this.ner;
    this.ner = null;
    if (previous) await (await previous.ready.catch(() => null))?.close();
  }

  /**
   * Opens (creating on first run) the workspace from the command line or a test. Single-user workspace:
   * `reviewer` is the name recorded with decisions and `actor` the audit log's name. With accounts: `reviewer`
   * is the account name (the CLI's --account), and the account's own passphrase is needed.
   */
  unlock(passphrase: string, reviewer: string, actor: string): { created: boolean } {
    return this.session.signIn(passphrase, reviewer, actor, 'cli');
  }

  /** What the renderer needs to know about the session; `channels` drives what the UI shows. */
  private status() {
    const role = this.session.role();
    return {
      path: this.options.workspaceDir,
      exists: workspaceExists(this.options.workspaceDir),
      unlocked: this.session.isOpen(),
      reviewer: this.session.displayName(),
      role,
      accounts: this.session.hasAccounts(),
      channels: role ? channelsFor(role) : [],
      lockedReason: this.session.lockedReason,
      idleLockMinutes: this.session.idleMinutes(),
    };
  }

  async close(): Promise<void> {
    this.session.end('close');
    await this.closeDeidentifier();
  }
}
