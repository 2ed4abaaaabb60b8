import type { RawText } from '../text.js';

/** The normalised shape every log format is read into. Texts are raw until the de-identifier has run. */
export interface RawMessage {
  role: string;
  content: RawText;
}

export interface Signals {
  thumbs?: 'up' | 'down';
  regenerated?: boolean;
  user_edited_chars?: number;
  escalated?: boolean;
  schema_valid?: boolean;
  latency_ms?: number;
  cost_usd?: number;
  confidence?: number;
}

export interface Slices {
  tier?: string;
  intent?: string;
  language?: string;
}

export interface RawInteraction {
  recordId: string | null;
  messages: RawMessage[];
  response: RawMessage | null;
  signals: Signals;
  slices: Slices;
}

/** A line that could not be read, with where and why; the reason names fields, never quotes their text. */
export interface QuarantinedRecord {
  line: number;
  reason: string;
}
