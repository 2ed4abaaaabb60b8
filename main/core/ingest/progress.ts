/**
 * Ingest progress: how far through the file a run is (bytes read of its size on disk), how many records it has
 * seen and what became of them, the record rate and an ETA. Rate and ETA are smoothed over the whole run so far,
 * which is steady enough for a bar and honest about slow starts (model loading).
 */

export type IngestState = 'running' | 'finished' | 'cancelled' | 'failed';

export interface IngestProgress {
  state: IngestState;
  /** Bytes read from disk (compressed bytes for gzip input). */
  bytes: number;
  totalBytes: number;
  /** Records read (lines or CSV rows), including the ones quarantined. */
  records: number;
  ingested: number;
  duplicates: number;
  quarantined: number;
  /** Records per second since the run started. */
  ratePerSec: number;
  /** Seconds left at the current byte rate; null until it can be estimated. */
  etaSec: number | null;
}

export class ProgressClock {
  private readonly started: number;

  constructor(private readonly now: () => number = () => performance.now()) {
    this.started = now();
  }

  elapsedSec(): number {
    return Math.max((this.now() - this.started) / 1000, 1e-3);
  }

  /** Completes a progress snapshot with its rate and ETA. */
  snapshot(counts: Omit<IngestProgress, 'ratePerSec' | 'etaSec'>): IngestProgress {
    const elapsed = this.elapsedSec();
    const bytesPerSec = counts.bytes / elapsed;
    const left = Math.max(counts.totalBytes - counts.bytes, 0);
    const etaSec = counts.state !== 'running' ? 0 : counts.bytes > 0 && elapsed >= 0.2 ? Math.round(left / bytesPerSec) : null;
    return { ...counts, ratePerSec: Math.round((counts.records / elapsed) * 10) / 10, etaSec };
  }
}

/** "12.3 MB", for progress lines. */
export function formatMegabytes(bytes: number): string {
  return `${(bytes / 1e6).toFixed(1)} MB`;
}

/** "812 B", "4.9 KB", "12.3 MB", "1.2 GB": a size at the scale it has, for run lists. */
export function formatSize(bytes: number): string {
  if (bytes < 1000) return `${bytes} B`;
  const [divisor, unit] = bytes < 1e6 ? [1e3, 'KB'] : bytes < 1e9 ? [1e6, 'MB'] : [1e9, 'GB'];
  return `${(bytes / divisor).toFixed(1)} ${unit}`;
}

/** "1h 02m", "3m 05s", "42s" or "–" when unknown. */
export function formatEta(seconds: number | null): string {
  if (seconds === null || !Number.isFinite(seconds)) return '–';
  const s = Math.max(0, Math.round(seconds));
  if (s >= 3600) return `${Math.floor(s / 3600)}h ${String(Math.floor((s % 3600) / 60)).padStart(2, '0')}m`;
  if (s >= 60) return `${Math.floor(s / 60)}m ${String(s % 60).padStart(2, '0')}s`;
  return `${s}s`;
}
