import type { OpenedCase } from '../../../../preload/contract/review';
import { call } from '../../quarry';

/**
 * Cases read ahead of being shown (`cases:peek`, which records no view), so stepping to the next case draws at
 * once. An entry is handed out only while fresh; the case view then calls `cases:open`, which records
 * the view in the audit log and brings the current state. A change to a case drops its entry.
 */

/** Older reads are not shown, even for an instant. */
const FRESH_MS = 15_000;
const MAX_ENTRIES = 6;

interface Entry {
  at: number;
  read: Promise<OpenedCase>;
  value?: OpenedCase;
}

const entries = new Map<number, Entry>();

/** Starts reading a case ahead, unless it is already read or being read. Failures are forgotten quietly. */
export function prefetchCase(id: number): void {
  const existing = entries.get(id);
  if (existing && performance.now() - existing.at < FRESH_MS) return;
  const entry: Entry = { at: performance.now(), read: call('cases:peek', { id }) };
  entry.read.then(
    (value) => {
      entry.value = value;
    },
    () => {
      if (entries.get(id) === entry) entries.delete(id);
    },
  );
  entries.set(id, entry);
  while (entries.size > MAX_ENTRIES) entries.delete(entries.keys().next().value!);
}

/** The case if it was read ahead, is fresh and has arrived. The case view drops it once `cases:open` answers. */
export function readCase(id: number): OpenedCase | null {
  const entry = entries.get(id);
  if (!entry?.value || performance.now() - entry.at >= FRESH_MS) return null;
  return entry.value;
}

/** A read of the case still on its way, to wait for rather than asking twice. */
export function pendingRead(id: number): Promise<OpenedCase> | null {
  const entry = entries.get(id);
  if (!entry || entry.value || performance.now() - entry.at >= FRESH_MS) return null;
  return entry.read;
}

/** The case changed (a decision, an undo, a redaction): a read taken before may be out of date. */
export function forgetCase(id: number): void {
  entries.delete(id);
}
