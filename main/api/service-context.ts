import type { Role } from '../core/accounts/roles.js';
import type { AuditEvent } from '../core/audit/audit-log.js';
import type { Deidentifier } from '../core/deid/deidentifier.js';
import type { Workspace } from '../core/store/workspace.js';
import type { Channel } from '../../preload/api.js';
import type { Handlers } from './bridge.js';

export interface ServiceOptions {
  workspaceDir: string;
  /** Built on first use: loading the NER model takes a moment and is not needed to unlock. */
  createDeidentifier: (nerModelId: string) => Promise<Deidentifier>;
  /** The station's models folder: Quarry's own NER model and any side-loaded ones. */
  modelsDir: string;
  /** Where the ingest file browser starts. */
  browseStart?: string;
}

/**
 * What every area's handlers get from the service: the open workspace, who is signed in, the audit log and the
 * de-identifier. Each area lives in main/api/handlers/<area>.ts and returns the handlers for its own channels.
 */
export interface ServiceContext {
  readonly options: ServiceOptions;
  /** The unlocked workspace; throws `locked` otherwise. */
  open(): Workspace;
  /** The reviewer name chosen at unlock; throws `locked` when nobody is signed in. */
  reviewer(): string;
  /** Who the audit log names, e.g. `reviewer:ana` or `cli:root`. */
  actor(): string;
  /** Appends to the workspace's audit log as the signed-in actor; ids and counts only, never case text. */
  audit(event: Omit<AuditEvent, 'actor'>): void;
  /**
   * Runs a change and its audit entry in one transaction, so a crash leaves both or neither. Synchronous work
   * only (better-sqlite3 transactions cannot span an await).
   */
  atomically<T>(work: () => T): T;
  /** The de-identifier for the workspace's chosen NER model, with the workspace's term lists applied. */
  deidentifier(): Promise<Deidentifier>;
  /** The signed-in role (a single-user workspace's session is admin); throws `locked` when nobody is signed in. */
  role(): Role;
  /** Re-reads session settings (the idle-lock period) after an admin changed them. */
  refreshSession(): void;
}

/** The handlers of one area: exactly the channels it names. */
export type HandlerGroup<C extends Channel> = Pick<Handlers, C>;
