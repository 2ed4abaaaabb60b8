import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { describeQuery, listAudit } from '../../core/audit/audit-query.js';
import { writeAuditExport } from '../../core/audit/export-file.js';
import { QuarryError } from '../../core/errors.js';
import type { HandlerGroup, ServiceContext } from '../service-context.js';

const EXTENSION = { jsonl: 'jsonl', csv: 'csv', fhir: 'fhir.json' } as const;

/** The auditor view: the filtered log (ids and counts only) and its export with checkpoint signatures. */
export function auditHandlers(ctx: ServiceContext): HandlerGroup<'audit:list' | 'audit:export'> {
  return {
    'audit:list': ({ limit, ...query }) => {
      const listing = listAudit(ctx.open().db, query, limit ?? 5000);
      return {
        records: listing.rows.map((row) => ({
          seq: row.seq,
          ts: row.ts,
          actor: row.actor,
          role: row.role,
          workstation: row.workstation,
          source: row.source,
          action: row.action,
          objectIds: row.object_ids,
          outcome: row.outcome,
          hash: row.hash,
        })),
        total: listing.total,
        actors: listing.actors,
        types: listing.types,
      };
    },
    'audit:export': ({ format, ...query }) => {
      const { db, dir, publicKey } = ctx.open();
      if (!publicKey) throw new QuarryError('audit-key-missing', 'This workspace has no audit signing key yet; lock and unlock it once, then export again.');
      const exportsDir = join(dir, 'exports');
      mkdirSync(exportsDir, { recursive: true });
      const out = join(exportsDir, `audit-${new Date().toISOString().replace(/[:.]/g, '-')}.${EXTENSION[format]}`);
      // The export is itself an audited event, recorded before the file so the file includes it when it matches.
      ctx.audit({ action: 'audit.export', objectIds: { format, file: out, ...describeQuery(query) } });
      const count = writeAuditExport(db, publicKey, query, format, out);
      return { path: out, count, verifyCommand: `quarry audit verify-export '${out}'` };
    },
  };
}
