/**
 * What the case view does with the placeholders main put into the reviewer's own text on save: the notice that
 * says so, the saved (de-identified) text taken into the fields the reviewer has not touched since, and the notice
 * carried to the next case when the save was a decision that moved the queue on.
 */
// The shapes of the contract's `replaced` and draft, kept structural so the unit tests can import this file alone.
interface ReplacedIdentifier {
  field: string;
  label: string;
  placeholder: string;
}
interface Criterion {
  text: string;
  met: string;
  unmet: string;
}
interface DraftTexts<C extends Criterion = Criterion> {
  taskText: string | null;
  expected: string;
  rubric: C[];
  augmentation: { persona: string; outputFormat: string; requiredSources: string[]; scope: { temporal: string; comparative: string; geographic: string } };
}

export interface ReplacedNoticeData {
  caseId: number;
  /** One entry per placeholder, in the order first met. */
  items: { label: string; placeholder: string }[];
  /** Set when the notice is about a case other than the one shown (a decision moved the queue on). */
  elsewhere: boolean;
}

export function replacedNotice(caseId: number, replaced: readonly ReplacedIdentifier[] | undefined): ReplacedNoticeData | null {
  const items: ReplacedNoticeData['items'] = [];
  for (const r of replaced ?? []) if (!items.some((i) => i.placeholder === r.placeholder)) items.push({ label: r.label, placeholder: r.placeholder });
  return items.length > 0 ? { caseId, items, elsewhere: false } : null;
}

/** "2 identifiers you typed were replaced:", "1 identifier you typed on case #4 was replaced:". */
export function replacedSentence(notice: ReplacedNoticeData): string {
  const n = notice.items.length;
  const where = notice.elsewhere ? ` on case #${notice.caseId}` : '';
  return n === 1 ? `1 identifier you typed${where} was replaced:` : `${n} identifiers you typed${where} were replaced:`;
}

const pick = (current: string, sent: string, saved: string): string => (current === sent ? saved : current);

/** Required sources as stored: empty entries (left while typing) dropped. */
function storedSources(sources: readonly string[]): string[] {
  return sources.map((s) => s.trim()).filter(Boolean);
}

function mergeSources(current: readonly string[], sent: readonly string[], saved: readonly string[]): string[] {
  const kept = storedSources(current);
  if (kept.length !== sent.length || kept.some((s, i) => s !== sent[i])) return [...current];
  let at = 0;
  return current.map((s) => (s.trim() ? (saved[at++] ?? s) : s));
}

/**
 * The draft on screen after a save that replaced identifiers: every field still as it was sent takes the saved
 * text; a field the reviewer changed meanwhile keeps their edit (the next save de-identifies it in turn).
 */
export function mergeSavedDraft<C extends Criterion, D extends DraftTexts<C>>(current: D, sent: DraftTexts, saved: DraftTexts): D {
  const a = current.augmentation;
  const sameRubric = current.rubric.length === sent.rubric.length && sent.rubric.length === saved.rubric.length;
  return {
    ...current,
    taskText: current.taskText !== null && sent.taskText !== null && saved.taskText !== null ? pick(current.taskText, sent.taskText, saved.taskText) : current.taskText,
    expected: pick(current.expected, sent.expected, saved.expected),
    rubric: sameRubric
      ? current.rubric.map((c, i) => ({
          ...c,
          text: pick(c.text, sent.rubric[i]!.text, saved.rubric[i]!.text),
          met: pick(c.met, sent.rubric[i]!.met, saved.rubric[i]!.met),
          unmet: pick(c.unmet, sent.rubric[i]!.unmet, saved.rubric[i]!.unmet),
        }))
      : current.rubric,
    augmentation: {
      persona: pick(a.persona, sent.augmentation.persona, saved.augmentation.persona),
      outputFormat: pick(a.outputFormat, sent.augmentation.outputFormat, saved.augmentation.outputFormat),
      requiredSources: mergeSources(a.requiredSources, sent.augmentation.requiredSources, saved.augmentation.requiredSources),
      scope: {
        temporal: pick(a.scope.temporal, sent.augmentation.scope.temporal, saved.augmentation.scope.temporal),
        comparative: pick(a.scope.comparative, sent.augmentation.scope.comparative, saved.augmentation.scope.comparative),
        geographic: pick(a.scope.geographic, sent.augmentation.scope.geographic, saved.augmentation.scope.geographic),
      },
    },
  };
}

/**
 * A decision's notice waits here for the case view that opens next. It is read, not taken (a development build
 * mounts views twice), and goes stale after a few seconds, so a case opened later never shows it.
 */
const CARRY_MS = 3000;
let carried: { notice: ReplacedNoticeData; at: number } | null = null;

export function carryReplacedNotice(notice: ReplacedNoticeData): void {
  carried = { notice: { ...notice, elsewhere: true }, at: Date.now() };
}

export function carriedNotice(caseId: number): ReplacedNoticeData | null {
  if (!carried || Date.now() - carried.at > CARRY_MS || carried.notice.caseId === caseId) return null;
  return carried.notice;
}
