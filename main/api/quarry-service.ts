import { appendAudit, verifyAuditChain, type AuditEvent } from '../core/audit/audit-log.js';
import type { Deidentifier } from '../core/deid/deidentifier.js';
import { DEFAULT_NER_MODEL } from '../core/deid/create-deidentifier.js';
import { readTermLists } from '../core/deid/term-lists.js';
import { QuarryError } from '../core/errors.js';
import { readSetting } from '../core/store/settings.js';
import { openOrCreateWorkspace, workspaceExists, type Workspace } from '../core/store/workspace.js';
import type { Handlers } from './bridge.js';
import { deidSettingsHandlers } from './handlers/deid-settings.js';
import { ingestHandlers } from './handlers/ingest.js';
import { reviewHandlers } from './handlers/review.js';
import type { ServiceContext, ServiceOptions } from './service-context.js';

export type { ServiceOptions } from './service-context.js';

/**
 * The use cases behind the bridge, for one signed-in reviewer at a time. This class owns the session (workspace,
 * reviewer, de-identifier); each area's handlers live in ./handlers/ and reach the session through a
 * ServiceContext. Every answer is built from the de-identified tables; the bridge validates it on the way out.
 */
export class QuarryService {
  private workspace: Workspace | null = null;
  private signedIn: string | null = null;
  private actorName = '';
  private ner: { modelId: string; ready: Promise<Deidentifier> } | null = null;

  private readonly context: ServiceContext;
  readonly handlers: Handlers;

  constructor(private readonly options: ServiceOptions) {
    this.context = {
      options,
      open: () => this.open(),
      reviewer: () => {
        if (!this.signedIn) throw new QuarryError('locked', 'The workspace is locked. Unlock it with your passphrase first.');
        return this.signedIn;
      },
      actor: () => this.actorName,
      audit: (event) => this.audit(event),
      deidentifier: () => this.deidentifierFor(this.open().db),
    };
    this.handlers = {
      'workspace:status': () => this.status(),
      'workspace:unlock': ({ passphrase, reviewer }) => {
        this.unlock(passphrase, reviewer, `reviewer:${reviewer}`);
        return this.status();
      },
      'workspace:lock': () => {
        if (this.workspace) this.audit({ action: 'workspace.lock' });
        this.lock();
        return this.status();
      },
      'audit:verify': () => verifyAuditChain(this.open().db),
      ...ingestHandlers(this.context),
      ...reviewHandlers(this.context),
      ...deidSettingsHandlers(this.context),
    };
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

  /** Opens (creating on first run) the workspace; `actor` is who the audit log names for what follows. */
  unlock(passphrase: string, reviewer: string, actor: string): { created: boolean } {
    this.lock();
    const { workspace, created } = openOrCreateWorkspace(this.options.workspaceDir, passphrase);
    this.workspace = workspace;
    this.signedIn = reviewer;
    this.actorName = actor;
    if (created) this.audit({ action: 'workspace.create' });
    this.audit({ action: 'workspace.unlock' });
    return { created };
  }

  private status() {
    return {
      path: this.options.workspaceDir,
      exists: workspaceExists(this.options.workspaceDir),
      unlocked: this.workspace !== null,
      reviewer: this.signedIn,
    };
  }

  private open(): Workspace {
    if (!this.workspace) throw new QuarryError('locked', 'The workspace is locked. Unlock it with your passphrase first.');
    return this.workspace;
  }

  private audit(event: Omit<AuditEvent, 'actor'>): void {
    appendAudit(this.open().db, { ...event, actor: this.actorName });
  }

  private lock(): void {
    this.workspace?.close();
    this.workspace = null;
    this.signedIn = null;
  }

  async close(): Promise<void> {
    this.lock();
    await this.closeDeidentifier();
  }
}
