import type { RawText } from '../text.js';

/** The normalised shape every log format is read into. Texts are raw until the de-identifier has run. */
export interface RawMessage {
  role: string;
  content: RawText;
}

/** A score an evaluator (a model judge, a human annotator, a metric) gave the interaction. */
export interface Evaluation {
  name: string;
  score?: number;
  label?: string;
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
  input_tokens?: number;
  output_tokens?: number;
  /** Position among the alternative replies a human ranked; 0 is the best. */
  rank?: number;
  evaluations?: Evaluation[];
}

export interface Slices {
  tier?: string;
  intent?: string;
  language?: string;
  model?: string;
  product_area?: string;
}

export interface RawInteraction {
  recordId: string | null;
  /** The source's conversation or session id, kept in the vault so later work can group turns. */
  conversationId?: string;
  /** When the source says the exchange happened, as the source wrote it (generic profiles map it). */
  timestamp?: string;
  messages: RawMessage[];
  response: RawMessage | null;
  signals: Signals;
  slices: Slices;
}

/** A line that could not be read, with where and why; the reason names fields, never quotes their text. */
export interface QuarantinedRecord {
  line: number;
  /** The field at fault (a JSON path or CSV column), or null when the whole record is unreadable. */
  field: string | null;
  reason: string;
}
