import { readdirSync, statSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { QuarryError } from '../../core/errors.js';
import { ingestLogFile } from '../../core/ingest/ingest-file.js';
import type { HandlerGroup, ServiceContext } from '../service-context.js';

const LOG_FILE = /\.(jsonl|ndjson|json)$/i;

/** Browsing for a log file and ingesting it. */
export function ingestHandlers(ctx: ServiceContext): HandlerGroup<'files:browse' | 'ingest:run'> {
  return {
    'files:browse': ({ dir }) => browse(resolve(dir ?? ctx.options.browseStart ?? homedir())),
    'ingest:run': async ({ path, format }) => {
      const { db } = ctx.open();
      const deidentifier = await ctx.deidentifier();
      const summary = await ingestLogFile(db, deidentifier, resolve(path), { format });
      ctx.audit({
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
  };
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
