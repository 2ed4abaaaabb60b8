import { mkdirSync, readdirSync, statSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { appendAudit, verifyAuditChain, type AuditEvent } from '../core/audit/audit-log.js';
import type { Deidentifier } from '../core/deid/deidentifier.js';
import { DEFAULT_NER_MODEL } from '../core/deid/create-deidentifier.js';
import { listModels } from '../core/deid/ner/model-catalog.js';
import { addTerm, listTerms, readTermLists, removeTerm } from '../core/deid/term-lists.js';
import { readSetting, writeSetting } from '../core/store/settings.js';
import { PII_LABELS } from '../core/deid/types.js';
import { QuarryError } from '../core/errors.js';
import { ingestLogFile } from '../core/ingest/ingest-file.js';
import { exportGoldenSet } from '../core/review/golden-export.js';
import { decideCase, getCase, listCases, saveExpected } from '../core/review/review-queue.js';
import { openOrCreateWorkspace, workspaceExists, type Workspace } from '../core/store/workspace.js';
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

const LOG_FILE = /\.(jsonl|ndjson|json)$/i;

/**
 * The use cases behind the bridge, for one signed-in reviewer at a time. Every answer is built from the
 * de-identified tables; the bridge validates it against the contract on the way out.
 */
export class QuarryService {
  private workspace: Workspace | null = null;
  private reviewer: string | null = null;
  private actor = '';
  private deidentifier: { modelId: string; ready: Promise<Deidentifier> } | null = null;

  constructor(private readonly options: ServiceOptions) {}

  readonly handlers: Handlers = {
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
    'files:browse': ({ dir }) => browse(resolve(dir ?? this.options.browseStart ?? homedir())),
    'ingest:run': async ({ path, format }) => {
      const { db } = this.open();
      const deidentifier = await this.deidentifierFor(db);
      deidentifier.setTermLists(readTermLists(db));
      const summary = await ingestLogFile(db, deidentifier, resolve(path), { format });
      this.audit({
        action: 'ingest.run',
        objectIds: {
          run: summary.runId,
          format: summary.format,
          ingested: summary.ingested,
          duplicates: summary.duplicates,
          quarantined: summary.quarantined,
        },
      });
      return summary;
    },
    'cases:list': ({ status }) => listCases(this.open().db, status),
    'cases:get': ({ id }) => {
      const found = getCase(this.open().db, id);
      this.audit({ action: 'case.view', objectIds: { case: id } });
      return found;
    },
    'cases:decide': ({ id, decision, expected }) => {
      const decided = decideCase(this.open().db, id, decision, this.reviewer!, expected);
      this.audit({ action: decision === 'accepted' ? 'case.accept' : 'case.reject', objectIds: { case: id } });
      return decided;
    },
    'cases:saveExpected': ({ id, expected }) => {
      const saved = saveExpected(this.open().db, id, expected);
      this.audit({ action: 'case.expected_edit', objectIds: { case: id } });
      return saved;
    },
    'export:golden': ({ profile }) => {
      const { db, dir } = this.open();
      const exportsDir = join(dir, 'exports');
      mkdirSync(exportsDir, { recursive: true });
      const out = join(exportsDir, `golden-${new Date().toISOString().replace(/[:.]/g, '-')}.jsonl`);
      const ids = exportGoldenSet(db, out, profile);
      this.audit({ action: 'export.golden', objectIds: { cases: ids, file: out, profile: profile ?? 'placeholder' } });
      return { path: out, count: ids.length };
    },
    'audit:verify': () => verifyAuditChain(this.open().db),
    'models:list': () => this.modelListing(),
    'models:select': ({ id }) => {
      const { db } = this.open();
      if (!listModels(this.options.modelsDir).some((m) => m.id === id)) {
        throw new QuarryError('model-unknown', `No model "${id}" is installed in ${this.options.modelsDir}.`);
      }
      writeSetting(db, 'ner-model', id);
      this.audit({ action: 'settings.ner_model', objectIds: { model: id } });
      return this.modelListing();
    },
    'terms:list': () => this.termListing(),
    'terms:add': ({ kind, term, label }) => {
      const added = addTerm(this.open().db, kind, term, label ?? null, this.actor);
      this.audit({ action: 'settings.terms_change', objectIds: { term: added.id, list: kind, change: 'add' } });
      return this.termListing();
    },
    'terms:remove': ({ id }) => {
      removeTerm(this.open().db, id);
      this.audit({ action: 'settings.terms_change', objectIds: { term: id, change: 'remove' } });
      return this.termListing();
    },
  };

  private modelListing() {
    const { db } = this.open();
    return { models: listModels(this.options.modelsDir), selected: readSetting(db, 'ner-model') ?? DEFAULT_NER_MODEL };
  }

  /** The de-identifier for the workspace's chosen NER model, rebuilt when the choice changes. */
  private async deidentifierFor(db: Workspace['db']): Promise<Deidentifier> {
    const modelId = readSetting(db, 'ner-model') ?? DEFAULT_NER_MODEL;
    if (this.deidentifier?.modelId !== modelId) {
      await this.closeDeidentifier();
      this.deidentifier = { modelId, ready: this.options.createDeidentifier(modelId) };
    }
    try {
      return await this.deidentifier.ready;
    } catch (error) {
      this.deidentifier = null;
      throw new QuarryError('ner-model-unavailable', `The NER model "${modelId}" could not be loaded: ${(error as Error).message}`);
    }
  }

  private async closeDeidentifier(): Promise<void> {
    const previous = this.deidentifier;
    this.deidentifier = null;
    if (previous) await (await previous.ready.catch(() => null))?.close();
  }

  private termListing() {
    return { terms: listTerms(this.open().db), labels: [...PII_LABELS] };
  }

  /** Opens (creating on first run) the workspace; `actor` is who the audit log names for what follows. */
  unlock(passphrase: string, reviewer: string, actor: string): { created: boolean } {
    this.lock();
    const { workspace, created } = openOrCreateWorkspace(this.options.workspaceDir, passphrase);
    this.workspace = workspace;
    this.reviewer = reviewer;
    this.actor = actor;
    if (created) this.audit({ action: 'workspace.create' });
    this.audit({ action: 'workspace.unlock' });
    return { created };
  }

  private status() {
    return {
      path: this.options.workspaceDir,
      exists: workspaceExists(this.options.workspaceDir),
      unlocked: this.workspace !== null,
      reviewer: this.reviewer,
    };
  }

  private open(): Workspace {
    if (!this.workspace) throw new QuarryError('locked', 'The workspace is locked. Unlock it with your passphrase first.');
    return this.workspace;
  }

  private audit(event: Omit<AuditEvent, 'actor'>): void {
    appendAudit(this.open().db, { ...event, actor: this.actor });
  }

  private lock(): void {
    this.workspace?.close();
    this.workspace = null;
    this.reviewer = null;
  }

  async close(): Promise<void> {
    this.lock();
    await this.closeDeidentifier();
  }
}

interface DirEntry {
  name: string;
  path: string;
  kind: 'dir' | 'file';
  size: number;
}

function browse(dir: string) {
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch (error) {
    throw new QuarryError('folder-unreadable', `Cannot open the folder ${dir}: ${(error as NodeJS.ErrnoException).code ?? 'error'}.`);
  }
  const entries = names
    .filter((name) => !name.startsWith('.'))
    .flatMap((name): DirEntry[] => {
      const path = join(dir, name);
      try {
        const stat = statSync(path);
        if (stat.isDirectory()) return [{ name, path, kind: 'dir', size: 0 }];
        if (stat.isFile() && LOG_FILE.test(name)) return [{ name, path, kind: 'file', size: stat.size }];
      } catch {
        // Broken links and unreadable entries are not offered.
      }
      return [];
    })
    .sort((a, b) => (a.kind === b.kind ? a.name.localeCompare(b.name) : a.kind === 'dir' ? -1 : 1));
  const parent = dirname(dir);
  return { dir, parent: parent === dir ? null : parent, entries };
}
