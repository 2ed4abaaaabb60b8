import { isObject, RecordError } from './format.js';

/**
 * OTLP/JSON trace export requests (`{ resourceSpans: [{ resource, scopeSpans: [{ spans }] }] }`), decoded into
 * plain spans with their attributes as a key → value record. Shared by the OTel GenAI and OpenInference readers.
 */
export interface OtlpEvent {
  name: string;
  attributes: Record<string, unknown>;
  /** Where the event sits in the record, for error messages. */
  path: string;
}

export interface OtlpSpan {
  path: string;
  traceId: string;
  spanId: string;
  parentSpanId: string | null;
  startMs: number | null;
  endMs: number | null;
  attributes: Record<string, unknown>;
  events: OtlpEvent[];
  resource: Record<string, unknown>;
}

/** Decodes an OTLP `AnyValue`: int64s arrive as strings in OTLP/JSON, lists and maps recursively. */
function anyValue(value: unknown, path: string): unknown {
  if (!isObject(value)) throw new RecordError(path, 'expected an OTLP AnyValue object');
  if ('stringValue' in value) return value.stringValue;
  if ('boolValue' in value) return value.boolValue;
  if ('intValue' in value || 'doubleValue' in value) {
    const raw = value.intValue ?? value.doubleValue;
    const number = typeof raw === 'string' ? Number(raw) : raw;
    if (typeof number !== 'number' || Number.isNaN(number)) throw new RecordError(path, 'expected a number');
    return number;
  }
  if ('arrayValue' in value) {
    const values = isObject(value.arrayValue) ? (value.arrayValue.values ?? []) : undefined;
    if (!Array.isArray(values)) throw new RecordError(`${path}.arrayValue.values`, 'expected an array');
    return values.map((v, i) => anyValue(v, `${path}.arrayValue.values.${i}`));
  }
  if ('kvlistValue' in value) {
    const values = isObject(value.kvlistValue) ? (value.kvlistValue.values ?? []) : undefined;
    if (!Array.isArray(values)) throw new RecordError(`${path}.kvlistValue.values`, 'expected an array');
    return attributes(values, `${path}.kvlistValue.values`);
  }
  if ('bytesValue' in value) return value.bytesValue;
  return undefined;
}

function attributes(list: unknown, path: string): Record<string, unknown> {
  if (list === undefined) return {};
  if (!Array.isArray(list)) throw new RecordError(path, 'expected an array of {key, value}');
  const out: Record<string, unknown> = {};
  list.forEach((entry, i) => {
    if (!isObject(entry) || typeof entry.key !== 'string') throw new RecordError(`${path}.${i}.key`, 'expected a string');
    if (entry.value === undefined) return;
    out[entry.key] = anyValue(entry.value, `${path}.${i}.value`);
  });
  return out;
}

function array(value: unknown, path: string): unknown[] {
  if (value === undefined) return [];
  if (!Array.isArray(value)) throw new RecordError(path, 'expected an array');
  return value;
}

function id(value: unknown, path: string): string {
  if (typeof value !== 'string' || value === '') throw new RecordError(path, 'expected a non-empty id');
  return value;
}

/** Nanoseconds since the epoch (a string in OTLP/JSON) to milliseconds, without losing the sub-ms part first. */
function nanosToMs(value: unknown, path: string): number | null {
  if (value === undefined || value === null || value === '' || value === '0' || value === 0) return null;
  if (typeof value === 'number') return value / 1e6;
  if (typeof value !== 'string' || !/^\d+$/.test(value)) throw new RecordError(path, 'expected nanoseconds as a digit string');
  const nanos = BigInt(value);
  return Number(nanos / 1000n) / 1000;
}

export function isOtlpExport(record: unknown): record is { resourceSpans: unknown[] } {
  return isObject(record) && Array.isArray(record.resourceSpans);
}

/** The attribute keys of every span in an export, for format detection; tolerant of malformed parts. */
export function otlpAttributeKeys(record: unknown): string[] {
  if (!isOtlpExport(record)) return [];
  const keys: string[] = [];
  for (const resource of record.resourceSpans) {
    for (const scope of isObject(resource) && Array.isArray(resource.scopeSpans) ? resource.scopeSpans : []) {
      for (const span of isObject(scope) && Array.isArray(scope.spans) ? scope.spans : []) {
        if (!isObject(span) || !Array.isArray(span.attributes)) continue;
        for (const attribute of span.attributes) if (isObject(attribute) && typeof attribute.key === 'string') keys.push(attribute.key);
      }
    }
  }
  return keys;
}

export function otlpSpans(record: unknown): OtlpSpan[] {
  if (!isOtlpExport(record)) throw new RecordError('resourceSpans', 'missing: expected an OTLP trace export');
  const spans: OtlpSpan[] = [];
  record.resourceSpans.forEach((resourceSpans, r) => {
    const rPath = `resourceSpans.${r}`;
    if (!isObject(resourceSpans)) throw new RecordError(rPath, 'expected an object');
    const resource = isObject(resourceSpans.resource) ? attributes(resourceSpans.resource.attributes, `${rPath}.resource.attributes`) : {};
    array(resourceSpans.scopeSpans, `${rPath}.scopeSpans`).forEach((scopeSpans, s) => {
      const sPath = `${rPath}.scopeSpans.${s}`;
      if (!isObject(scopeSpans)) throw new RecordError(sPath, 'expected an object');
      array(scopeSpans.spans, `${sPath}.spans`).forEach((span, i) => {
        const path = `${sPath}.spans.${i}`;
        if (!isObject(span)) throw new RecordError(path, 'expected an object');
        spans.push({
          path,
          traceId: id(span.traceId, `${path}.traceId`),
          spanId: id(span.spanId, `${path}.spanId`),
          parentSpanId: typeof span.parentSpanId === 'string' && span.parentSpanId !== '' ? span.parentSpanId : null,
          startMs: nanosToMs(span.startTimeUnixNano, `${path}.startTimeUnixNano`),
          endMs: nanosToMs(span.endTimeUnixNano, `${path}.endTimeUnixNano`),
          attributes: attributes(span.attributes, `${path}.attributes`),
          events: array(span.events, `${path}.events`).map((event, e) => {
            const ePath = `${path}.events.${e}`;
            if (!isObject(event) || typeof event.name !== 'string') throw new RecordError(`${ePath}.name`, 'expected a string');
            return { name: event.name, attributes: attributes(event.attributes, `${ePath}.attributes`), path: ePath };
          }),
          resource,
        });
      });
    });
  });
  return spans;
}
