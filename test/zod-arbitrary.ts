/**
 * fast-check arbitraries built from zod (v4) schemas, for fuzzing the bridge with input its contract accepts:
 * objects with their own fields (required ones always, optional ones sometimes), enums and literals, ISO times,
 * regex-shaped strings, numbers inside their bounds, arrays and records of the right shapes, unions and
 * refinements (what a refinement refuses is left to the caller to skip). Each leaf leans hostile: boundary
 * lengths and numbers, unicode, NUL, path tricks and the caller's pool of loaded values, whenever the leaf's own
 * schema accepts them. A schema kind this module does not know throws, naming it, so no field is fuzzed blind.
 */
import fc from 'fast-check';
import type { z } from 'zod';

interface Def {
  type: string;
  [key: string]: unknown;
}

interface CheckDef {
  check: string;
  value?: number | bigint;
  inclusive?: boolean;
  minimum?: number;
  maximum?: number;
  length?: number;
  format?: string;
  pattern?: RegExp;
}

const defOf = (schema: unknown): Def => (schema as { _zod: { def: Def } })._zod.def;
const checksOf = (def: Def): CheckDef[] => ((def.checks as Array<{ _zod: { def: CheckDef } }> | undefined) ?? []).map((c) => c._zod.def);

export interface ArbitraryOptions {
  /** Values to try wherever a leaf's schema accepts them (paths, names, ids the workspace knows). */
  pool: readonly unknown[];
  /** What `z.any()` / `z.unknown()` fields get. */
  anything: fc.Arbitrary<unknown>;
}

/** ISO 8601 times with and without offsets, over a wide range, and the edges. */
const isoTimes = fc.oneof(
  fc.date({ min: new Date('1970-01-01T00:00:00Z'), max: new Date('2100-01-01T00:00:00Z'), noInvalidDate: true }).map((d) => d.toISOString()),
  fc
    .tuple(fc.date({ min: new Date('2000-01-01T00:00:00Z'), max: new Date('2040-01-01T00:00:00Z'), noInvalidDate: true }), fc.integer({ min: -12, max: 14 }))
    .map(([d, h]) => `${d.toISOString().slice(0, 19)}${h < 0 ? '-' : '+'}${String(Math.abs(h)).padStart(2, '0')}:00`),
  fc.constantFrom('0001-01-01T00:00:00Z', '9999-12-31T23:59:59.999Z', '2026-03-29T02:30:00+14:00', '2026-01-01T00:00:00-12:00', '1970-01-01T00:00:00Z', '2028-02-29T00:00:00Z'),
);
const isoDates = fc.date({ min: new Date('1970-01-01T00:00:00Z'), max: new Date('2100-01-01T00:00:00Z'), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10));

function stringArbitrary(schema: z.ZodType, def: Def, options: ArbitraryOptions): fc.Arbitrary<unknown> {
  const checks = checksOf(def);
  let min = 0;
  let max = Infinity;
  const formats: CheckDef[] = [];
  if (typeof def.format === 'string') formats.push({ check: 'string_format', format: def.format, pattern: def.pattern as RegExp | undefined });
  for (const c of checks) {
    if (c.check === 'min_length') min = Math.max(min, c.minimum ?? 0);
    if (c.check === 'max_length') max = Math.min(max, c.maximum ?? Infinity);
    if (c.check === 'length_equals') min = max = c.length ?? 0;
    if (c.check === 'string_format') formats.push(c);
  }
  const shaped = formats.map((f): fc.Arbitrary<string> => {
    switch (f.format) {
      case 'datetime':
        return isoTimes;
      case 'date':
        return isoDates;
      case 'email':
        return fc.emailAddress();
      case 'uuid':
      case 'guid':
        return fc.uuid();
      case 'url':
        return fc.webUrl();
      case 'regex':
      case 'starts_with':
      case 'ends_with':
      case 'includes':
        if (f.pattern) return fc.stringMatching(f.pattern);
        break;
    }
    if (f.pattern) return fc.stringMatching(f.pattern);
    throw new Error(`zod-arbitrary: string format ${String(f.format)} is not supported`);
  });
  const cap = Number.isFinite(max) ? max : min + 40;
  const sized = (fill: string) => fill.repeat(Math.ceil(Math.max(min, 1) / fill.length)).slice(0, Math.max(min, 1));
  const generic = fc.oneof(
    fc.string({ minLength: min, maxLength: Math.min(cap, min + 40) }),
    fc.string({ unit: 'grapheme', minLength: min, maxLength: Math.min(cap, min + 20) }),
    fc.constantFrom(sized('x'), sized('😀'), sized('\u202e'), sized(' a'), 'x'.repeat(Math.min(cap, 70_000)), 'é'.repeat(Math.min(cap, 5000))),
  );
  const pooled = options.pool.filter((v) => typeof v === 'string' && schema.safeParse(v).success);
  const arbs: Array<fc.Arbitrary<unknown>> = shaped.length ? shaped : [generic];
  if (pooled.length) arbs.push(fc.constantFrom(...pooled));
  return fc.oneof(...arbs);
}

function numberArbitrary(schema: z.ZodType, def: Def, options: ArbitraryOptions): fc.Arbitrary<unknown> {
  let min = -Number.MAX_VALUE;
  let max = Number.MAX_VALUE;
  let minExcluded = false;
  let maxExcluded = false;
  let integer = false;
  for (const c of checksOf(def)) {
    if (c.check === 'greater_than' && Number(c.value) >= min) [min, minExcluded] = [Number(c.value), !c.inclusive];
    if (c.check === 'less_than' && Number(c.value) <= max) [max, maxExcluded] = [Number(c.value), !c.inclusive];
    if (c.check === 'number_format') integer = ['safeint', 'int32', 'uint32'].includes(c.format ?? '');
    if (c.check === 'multiple_of') integer = true;
  }
  const pooled = options.pool.filter((v) => typeof v === 'number' && schema.safeParse(v).success);
  const edges = [min, max, minExcluded ? min + 1 : min, maxExcluded ? max - 1 : max, 0, 1, -1, 0.5, 2 ** 31, Number.MAX_SAFE_INTEGER, 1e308].filter(
    (v) => Number.isFinite(v) && schema.safeParse(v).success,
  );
  const ranged = integer
    ? fc.integer({ min: Math.max(Math.ceil(min + (minExcluded ? 1 : 0)), Number.MIN_SAFE_INTEGER), max: Math.min(Math.floor(max - (maxExcluded ? 1 : 0)), Number.MAX_SAFE_INTEGER) })
    : fc.double({ min, max, minExcluded, maxExcluded, noNaN: true, noDefaultInfinity: true });
  const smallRange = integer && Number.isFinite(min) && min > -1e6 ? fc.integer({ min: Math.ceil(min + (minExcluded ? 1 : 0)), max: Math.min(Math.ceil(min) + 50, Math.floor(max - (maxExcluded ? 1 : 0))) }) : ranged;
  const all = [...new Set([...pooled, ...edges])];
  return all.length ? fc.oneof(ranged, smallRange, fc.constantFrom(...all)) : fc.oneof(ranged, smallRange);
}

/** An arbitrary for values of `schema`, leaning hostile; see the module comment. */
export function arbitraryFor(schema: z.ZodType, options: ArbitraryOptions, depth = 0): fc.Arbitrary<unknown> {
  const def = defOf(schema);
  const inner = (s: unknown) => arbitraryFor(s as z.ZodType, options, depth + 1);
  if (depth > 12) throw new Error('zod-arbitrary: schema nests deeper than 12 levels');
  switch (def.type) {
    case 'string':
      return stringArbitrary(schema, def, options);
    case 'number':
      return numberArbitrary(schema, def, options);
    case 'boolean':
      return fc.boolean();
    case 'null':
      return fc.constant(null);
    case 'undefined':
    case 'void':
      return fc.constant(undefined);
    case 'any':
    case 'unknown':
      return options.anything;
    case 'enum':
      return fc.constantFrom(...Object.values(def.entries as Record<string, string | number>));
    case 'literal':
      return fc.constantFrom(...(def.values as unknown[]));
    case 'optional':
    case 'default':
    case 'prefault':
      return fc.option(inner(def.innerType), { nil: undefined, freq: 1 });
    case 'nullable':
      return fc.option(inner(def.innerType), { nil: null, freq: 3 });
    case 'readonly':
    case 'catch':
    case 'nonoptional':
      return inner(def.innerType);
    case 'pipe':
      return inner(def.in);
    case 'lazy':
      return inner((def.getter as () => unknown)());
    case 'union':
      return fc.oneof(...(def.options as unknown[]).map(inner));
    case 'intersection':
      return fc.tuple(inner(def.left), inner(def.right)).map(([a, b]) => (typeof a === 'object' && typeof b === 'object' ? { ...a, ...b } : a));
    case 'tuple':
      return fc.tuple(...(def.items as unknown[]).map(inner));
    case 'array': {
      let minLength = 0;
      let maxLength = 4;
      for (const c of checksOf(def)) {
        if (c.check === 'min_length') minLength = c.minimum ?? 0;
        if (c.check === 'max_length') maxLength = Math.min(c.maximum ?? 4, Math.max(4, minLength + 3));
        if (c.check === 'length_equals') minLength = maxLength = c.length ?? 0;
      }
      return fc.array(inner(def.element), { minLength, maxLength: Math.max(minLength, maxLength) });
    }
    case 'record': {
      const keyDef = defOf(def.keyType);
      const value = inner(def.valueType);
      // A record keyed by an enum (or literals) needs every key.
      if (keyDef.type === 'enum') return fc.record(Object.fromEntries(Object.values(keyDef.entries as Record<string, string>).map((k) => [k, value])));
      return fc.dictionary(inner(def.keyType) as fc.Arbitrary<string>, value, { maxKeys: 3 });
    }
    case 'object': {
      const shape = def.shape as Record<string, z.ZodType>;
      const fields = Object.fromEntries(Object.entries(shape).map(([k, s]) => [k, inner(s)]));
      return fc.record(fields).map((r) => Object.fromEntries(Object.entries(r).filter(([, v]) => v !== undefined)));
    }
    default:
      throw new Error(`zod-arbitrary: schema type ${def.type} is not supported`);
  }
}
