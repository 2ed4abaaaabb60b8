import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { exportGoldenSet } from '../../core/review/golden-export.js';
import { assignCases, claimNext } from '../../core/review/queue-assign.js';
import { pageCases, queueCounts, queueFacets } from '../../core/review/queue-page.js';
import { reviewState } from '../../core/review/case-reviews.js';
import { decideCase, getCase, listCases, saveExpected } from '../../core/review/review-queue.js';
import { reviewerTextAuditIds, scanReviewerText, sealReviewerText } from '../../core/review/reviewer-text.js';
import type { HandlerGroup, ServiceContext } from '../service-context.js';

type QueueChannel = 'cases:list' | 'cases:page' | 'cases:counts' | 'cases:facets' | 'cases:assign' | 'cases:claim' | 'cases:get' | 'cases:open' | 'cases:peek';

/** The review queue (paged listing, counts, assignment, the open case), decisions and the golden-set export. */
export function reviewHandlers(
  ctx: ServiceContext,
): HandlerGroup<QueueChannel | 'cases:decide' | 'cases:saveExpected' | 'export:golden'> {
  return {
    'cases:list': ({ status }) => listCases(ctx.open().db, status),
    'cases:page': ({ offset, limit, filter, sort, dir, count }) =>
      pageCases(ctx.open().db, filter, { sort, dir }, offset, limit, ctx.reviewer(), count),
    'cases:counts': () => queueCounts(ctx.open().db),
    'cases:facets': () => queueFacets(ctx.open().db),
    'cases:assign': ({ ids, reviewer }) =>
      ctx.atomically(() => {
        const assigned = assignCases(ctx.open().db, ids, reviewer);
        ctx.audit({ action: reviewer === null ? 'case.unassign' : 'case.assign', objectIds: { cases: assigned, ...(reviewer === null ? {} : { assignee: reviewer }) } });
        return { ids: assigned };
      }),
    'cases:claim': ({ count, filter, sort, dir }) =>
      ctx.atomically(() => {
        const me = ctx.reviewer();
        const claimed = claimNext(ctx.open().db, me, count, filter, { sort, dir });
        if (claimed.length > 0) ctx.audit({ action: 'case.assign', objectIds: { cases: claimed, assignee: me } });
        return { ids: claimed };
      }),
    'cases:get': ({ id }) => {
      const found = getCase(ctx.open().db, id);
      ctx.audit({ action: 'case.view', objectIds: { case: id } });
      return found;
    },
    'cases:open': ({ id }) => {
      const { db } = ctx.open();
      const opened = { case: getCase(db, id), review: reviewState(db, id, ctx.reviewer()) };
      ctx.audit({ action: 'case.view', objectIds: { case: id } });
      return opened;
    },
    // A read ahead of showing: no view is recorded until `cases:open`.
    'cases:peek': ({ id }) => {
      const { db } = ctx.open();
      return { case: getCase(db, id), review: reviewState(db, id, ctx.reviewer()) };
    },
    // The expected behaviour is reviewer-written: de-identified before it is stored (core/review/reviewer-text.ts).
    'cases:decide': async ({ id, decision, expected }) => {
      const texts = expected === undefined ? [] : [{ field: 'expected', text: expected }];
      const scan = await scanReviewerText(ctx.open().db, () => ctx.deidentifier(), id, texts);
      return ctx.atomically(() => {
        const { db } = ctx.open();
        const sealed = sealReviewerText(db, scan, ctx.reviewer());
        const decided = decideCase(db, id, decision, ctx.reviewer(), expected === undefined ? undefined : (sealed.texts[0]?.text ?? expected));
        if (sealed.replaced.length > 0) ctx.audit({ action: 'review.text_deidentified', objectIds: reviewerTextAuditIds(id, sealed) });
        ctx.audit({ action: decision === 'accepted' ? 'case.accept' : 'case.reject', objectIds: { case: id } });
        return decided;
      });
    },
    'cases:saveExpected': async ({ id, expected }) => {
      const scan = await scanReviewerText(ctx.open().db, () => ctx.deidentifier(), id, [{ field: 'expected', text: expected }]);
      return ctx.atomically(() => {
        const { db } = ctx.open();
        const sealed = sealReviewerText(db, scan, ctx.reviewer());
        const saved = saveExpected(db, id, sealed.texts[0]?.text ?? expected);
        if (sealed.replaced.length > 0) ctx.audit({ action: 'review.text_deidentified', objectIds: reviewerTextAuditIds(id, sealed) });
        ctx.audit({ action: 'case.expected_edit', objectIds: { case: id } });
        return saved;
      });
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
