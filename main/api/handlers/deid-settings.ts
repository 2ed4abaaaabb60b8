import { DEFAULT_NER_MODEL } from '../../core/deid/create-deidentifier.js';
import { listModels } from '../../core/deid/ner/model-catalog.js';
import { addTerm, listTerms, removeTerm } from '../../core/deid/term-lists.js';
import { PII_LABELS } from '../../core/deid/types.js';
import { QuarryError } from '../../core/errors.js';
import { readSetting, writeSetting } from '../../core/store/settings.js';
import type { HandlerGroup, ServiceContext } from '../service-context.js';

/** The workspace's de-identification settings: its NER model and its allow- and deny-lists. */
export function deidSettingsHandlers(
  ctx: ServiceContext,
): HandlerGroup<'models:list' | 'models:select' | 'terms:list' | 'terms:add' | 'terms:remove'> {
  const modelListing = () => ({
    models: listModels(ctx.options.modelsDir),
    selected: readSetting(ctx.open().db, 'ner-model') ?? DEFAULT_NER_MODEL,
  });
  const termListing = () => ({ terms: listTerms(ctx.open().db), labels: [...PII_LABELS] });
  return {
    'models:list': () => modelListing(),
    'models:select': ({ id }) => {
      const { db } = ctx.open();
      if (!listModels(ctx.options.modelsDir).some((m) => m.id === id)) {
        throw new QuarryError('model-unknown', `No model "${id}" is installed in ${ctx.options.modelsDir}.`);
      }
      writeSetting(db, 'ner-model', id);
      ctx.audit({ action: 'settings.ner_model', objectIds: { model: id } });
      return modelListing();
    },
    'terms:list': () => termListing(),
    'terms:add': ({ kind, term, label }) => {
      const added = addTerm(ctx.open().db, kind, term, label ?? null, ctx.actor());
      ctx.audit({ action: 'settings.terms_change', objectIds: { term: added.id, list: kind, change: 'add' } });
      return termListing();
    },
    'terms:remove': ({ id }) => {
      removeTerm(ctx.open().db, id);
      ctx.audit({ action: 'settings.terms_change', objectIds: { term: id, change: 'remove' } });
      return termListing();
    },
  };
}
