/**
 * When an interaction happened. Format readers keep the source's timestamp in `RawInteraction.timestamp`: ISO from
 * `fromUnixSeconds` (OpenAI `created`) and `fromEpochMs` (a span's parsed start), text as written otherwise. At
 * insert `occurredAt` turns whatever a source wrote into an ISO UTC instant, or falls back to the ingest time when
 * it cannot be read. Never throws: a bad timestamp must not cost a record.
 */

/** Instants outside this span are taken as misread (a unit mix-up, a zero) and fall back. */
const EARLIEST_MS = Date.UTC(1990, 0, 1);
const LATEST_MS = Date.UTC(2200, 0, 1);

function isoOfMs(ms: number): string | undefined {
  return Number.isFinite(ms) && ms >= EARLIEST_MS && ms < LATEST_MS ? new Date(ms).toISOString() : undefined;
}

function numberOf(value: unknown): number | undefined {
  if (typeof value === 'number') return value;
  if (typeof value === 'string' && /^\d+(\.\d+)?$/.test(value.trim())) return Number(value.trim());
  return undefined;
}

/** Unix seconds (OpenAI `created`) → ISO, or undefined when absent or implausible. */
export function fromUnixSeconds(value: unknown): string | undefined {
  const n = numberOf(value);
  return n === undefined ? undefined : isoOfMs(n * 1000);
}

/** Epoch milliseconds (a span's parsed start) → ISO, or undefined. */
export function fromEpochMs(value: number | null | undefined): string | undefined {
  return value === null || value === undefined ? undefined : isoOfMs(value);
}

/** A text timestamp as the source wrote it, when it is a non-empty string; else undefined. */
export function textTimestamp(value: unknown): string | undefined {
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;
}

const ZONELESS = /^(\d{4}-\d{2}-\d{2})(?:[T ](\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?))?$/;

/** Milliseconds since the epoch of a source's timestamp, or null when it cannot be read. */
export function parseSourceTimestamp(value: string | undefined | null): number | null {
  if (value === undefined || value === null) return null;
  const text = value.trim();
  if (text === '') return null;
  if (/^\d+(\.\d+)?$/.test(text)) {
    // Bare numbers: seconds, milliseconds, microseconds or nanoseconds since the epoch, by magnitude.
    const n = Number(text);
    const ms = n < 1e11 ? n * 1000 : n < 1e14 ? n : n < 1e17 ? n / 1e3 : n / 1e6;
    return isoOfMs(ms) === undefined ? null : Math.floor(ms);
  }
  // A date or date-time without a zone is UTC (Date.parse would read it in the station's zone).
  const zoneless = ZONELESS.exec(text);
  const ms = zoneless ? Date.parse(`${zoneless[1]}T${zoneless[2] ?? '00:00:00'}Z`) : Date.parse(text);
  return isoOfMs(ms) === undefined ? null : ms;
}

/** The ISO UTC instant an interaction happened: its source timestamp if readable, else `fallback` (the ingest time). */
export function occurredAt(timestamp: string | undefined, fallback: string): string {
  const ms = parseSourceTimestamp(timestamp);
  return ms === null ? fallback : new Date(ms).toISOString();
}
