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

/**
 * One OTLP log record, from an OTLP/JSON logs export (`{ resourceLogs: [{ resource, scopeLogs: [{ logRecords }] }] }`).
 * GenAI instrumentations write their events this way (the OpenTelemetry contrib OpenAI instrumentation puts all
 * message content in them), tied to the span they belong to by trace and span id.
 */
export interface OtlpLogRecord {
  path: string;
  traceId: string | null;
  spanId: string | null;
  timeMs: number | null;
  /** The record's `eventName` (SDKs since the event API moved into logs) or its older `event.name` attribute. */
  eventName: string | null;
  attributes: Record<string, unknown>;
  /** The decoded body: a map for GenAI events (`{ content }`, `{ index, message }`, …). */
  body: unknown;
  resource: Record<string, unknown>;
}

export function isOtlpLogsExport(record: unknown): record is { resourceLogs: unknown[] } {
  return isObject(record) && Array.isArray(record.resourceLogs);
}

function optionalId(value: unknown): string | null {
  // Records logged outside any span carry empty (or all-zero) ids.
  return typeof value === 'string' && value !== '' && !/^0+$/.test(value) ? value : null;
}

/** The event names of every log record in an export, for format detection; tolerant of malformed parts. */
export function otlpLogEventNames(record: unknown): string[] {
  if (!isOtlpLogsExport(record)) return [];
  const names: string[] = [];
  for (const resource of record.resourceLogs) {
    for (const scope of isObject(resource) && Array.isArray(resource.scopeLogs) ? resource.scopeLogs : []) {
      for (const log of isObject(scope) && Array.isArray(scope.logRecords) ? scope.logRecords : []) {
        if (!isObject(log)) continue;
        if (typeof log.eventName === 'string') names.push(log.eventName);
        for (const attribute of Array.isArray(log.attributes) ? log.attributes : []) {
          if (isObject(attribute) && attribute.key === 'event.name' && isObject(attribute.value) && typeof attribute.value.stringValue === 'string') names.push(attribute.value.stringValue);
        }
      }
    }
  }
  return names;
}

export function otlpLogRecords(record: unknown): OtlpLogRecord[] {
  if (!isOtlpLogsExport(record)) throw new RecordError('resourceLogs', 'missing: expected an OTLP logs export');
  const logs: OtlpLogRecord[] = [];
  record.resourceLogs.forEach((resourceLogs, r) => {
    const rPath = `resourceLogs.${r}`;
    if (!isObject(resourceLogs)) throw new RecordError(rPath, 'expected an object');
    const resource = isObject(resourceLogs.resource) ? attributes(resourceLogs.resource.attributes, `${rPath}.resource.attributes`) : {};
    array(resourceLogs.scopeLogs, `${rPath}.scopeLogs`).forEach((scopeLogs, s) => {
      const sPath = `${rPath}.scopeLogs.${s}`;
      if (!isObject(scopeLogs)) throw new RecordError(sPath, 'expected an object');
      array(scopeLogs.logRecords, `${sPath}.logRecords`).forEach((log, i) => {
        const path = `${sPath}.logRecords.${i}`;
        if (!isObject(log)) throw new RecordError(path, 'expected an object');
        const attrs = attributes(log.attributes, `${path}.attributes`);
        const legacyName = attrs['event.name'];
        const eventName = typeof log.eventName === 'string' && log.eventName !== '' ? log.eventName : typeof legacyName === 'string' ? legacyName : null;
        logs.push({
          path,
          traceId: optionalId(log.traceId),
          spanId: optionalId(log.spanId),
          timeMs: nanosToMs(log.timeUnixNano, `${path}.timeUnixNano`) ?? nanosToMs(log.observedTimeUnixNano, `${path}.observedTimeUnixNano`),
          eventName,
          attributes: attrs,
          body: log.body === undefined ? undefined : anyValue(log.body, `${path}.body`),
          resource,
        });
      });
    });
  });
  return logs;
}

/** `service.name` as a slice, unless it is the SDK's placeholder for a service that never named itself. */
export function serviceName(resource: Record<string, unknown>): string | undefined {
  const name = resource['service.name'];
  return typeof name === 'string' && name !== '' && !name.startsWith('unknown_service') ? name : undefined;
}
