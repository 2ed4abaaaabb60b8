import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { exportGoldenSet } from '../../core/review/golden-export.js';
import { decideCase, getCase, listCases, saveExpected } from '../../core/review/review-queue.js';
import type { HandlerGroup, ServiceContext } from '../service-context.js';

/** The review queue and the golden-set export. */
export function reviewHandlers(
  ctx: ServiceContext,
): HandlerGroup<'cases:list' | 'cases:get' | 'cases:decide' | 'cases:saveExpected' | 'export:golden'> {
  return {
    'cases:list': ({ status }) => listCases(ctx.open().db, status),
    'cases:get': ({ id }) => {
      const found = getCase(ctx.open().db, id);
      ctx.audit({ action: 'case.view', objectIds: { case: id } });
      return found;
    },
    'cases:decide': ({ id, decision, expected }) => {
      const decided = decideCase(ctx.open().db, id, decision, ctx.reviewer(), expected);
      ctx.audit({ action: decision === 'accepted' ? 'case.accept' : 'case.reject', objectIds: { case: id } });
      return decided;
    },
    'cases:saveExpected': ({ id, expected }) => {
      const saved = saveExpected(ctx.open().db, id, expected);
      ctx.audit({ action: 'case.expected_edit', objectIds: { case: id } });
      return saved;
    },
    'export:golden': ({ profile }) => {
      const { db, dir } = ctx.open();
      const exportsDir = join(dir, 'exports');
      mkdirSync(exportsDir, { recursive: true });
      const out = join(exportsDir, `golden-${new Date().toISOString().replace(/[:.]/g, '-')}.jsonl`);
      const ids = exportGoldenSet(db, out, profile);
      ctx.audit({ action: 'export.golden', objectIds: { cases: ids, file: out, profile: profile ?? 'placeholder' } });
      return { path: out, count: ids.length };
    },
  };
}
