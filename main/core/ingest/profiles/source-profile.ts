/**
 * A source profile: how to read a generic JSONL or CSV log that is none of the known formats. It names the file
 * kind, CSV options and a field mapping: which column (CSV) or JSON path (JSONL, dot-separated, array indices as
 * numbers) holds each part of an interaction. Profiles are saved by name and versioned in the workspace.
 */
import { QuarryError } from '../../errors.js';
import { SIGNAL_KEYS, SLICE_KEYS, SourceProfile, type FieldMapping } from '../../../../preload/contract/source-profile.js';

export {
  BOOLEAN_SIGNALS,
  CsvOptions,
  FieldMapping,
  FieldRef,
  SIGNAL_KEYS,
  SLICE_KEYS,
  SourceProfile,
  type SourceProfileInput,
} from '../../../../preload/contract/source-profile.js';

/** A saved profile: the profile and the version it was stored as. */
export interface StoredProfile {
  version: number;
  profile: SourceProfile;
  createdBy: string;
  createdAt: string;
}

/** Validates a profile, listing every problem with its path (`mapping.turn.role: Required`). */
export function parseSourceProfile(input: unknown, where = 'the source profile'): SourceProfile {
  const parsed = SourceProfile.safeParse(input);
  if (parsed.success) return parsed.data;
  const problems = parsed.error.issues.map((issue) => {
    const path = issue.path.map(String).join('.') || '(profile)';
    const message = issue.code === 'unrecognized_keys' ? `unknown field ${issue.keys.join(', ')}` : issue.message;
    return `${path}: ${message}`;
  });
  throw new QuarryError('profile-invalid', `${where} is not valid: ${problems.join('; ')}.`);
}

/** Every field the mapping reads, for the mapping UI and for checking a CSV header. */
export function mappedFields(mapping: FieldMapping): string[] {
  const { signals, slices } = mapping;
  return [
    mapping.recordId,
    mapping.conversationId,
    mapping.timestamp,
    mapping.prompt,
    mapping.response,
    mapping.system,
    mapping.messages,
    mapping.turn?.role,
    mapping.turn?.content,
    signals.thumbs?.field,
    ...SIGNAL_KEYS.map((k) => signals[k]),
    ...(signals.evaluations ?? []).map((e) => e.field),
    ...SLICE_KEYS.map((k) => slices[k]),
  ].filter((f): f is string => f !== undefined);
}
