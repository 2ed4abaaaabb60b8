import { useState } from 'react';
import type { EvalSetDto, ImportIssue } from '../../../../preload/contract/releases';
import { basename, plural } from '../../format';
import { call, userMessage } from '../../quarry';
import { Modal } from '../Modal';
import { PathPicker } from './PathPicker';

interface Props {
  set: string;
  onImported: (set: EvalSetDto, imported: number) => void;
  onClose: () => void;
}

const isJsonl = (name: string) => /\.(jsonl|ndjson)$/i.test(name);

/** How many bad lines the dialog lists before summing up the rest. */
const SHOWN_ISSUES = 20;

/**
 * Bring an existing golden set (JSONL, one golden.jsonl record a line) into the eval set. Main validates every
 * line and de-identifies the text before storing; one bad line stores nothing, and each is listed with its field.
 */
export function ImportDialog({ set, onImported, onClose }: Props) {
  const [path, setPath] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [issues, setIssues] = useState<ImportIssue[]>([]);

  async function run() {
    if (!path || busy) return;
    setBusy(true);
    setError(null);
    setIssues([]);
    try {
      const answer = await call('evalsets:import', { set, path });
      if (answer.ok) {
        onImported(answer.set, answer.imported);
        return;
      }
      setIssues(answer.issues);
    } catch (e) {
      setError(userMessage(e));
    }
    setBusy(false);
  }

  return (
    <Modal title={`Import a golden set into ${set}`} onClose={onClose} closable={!busy} size="wide" testId="rl-import-dialog">
      <p className="rl-dialog-lede">
        Choose a JSONL file with one golden.jsonl record per line. Every text is de-identified before it is stored; if any line is
        invalid, nothing is imported. Imported cases join the set’s next release and every release after it.
      </p>
      <PathPicker mode="file" accept={isJsonl} picked={path} onPick={setPath} testId="rl-import-picker" />
      {issues.length > 0 && (
        <div className="rl-issues" role="alert" data-testid="rl-import-issues">
          <p>
            Nothing was imported: {plural(issues.length, 'problem')} in {basename(issues[0]!.file)}.
          </p>
          <ul>
            {issues.slice(0, SHOWN_ISSUES).map((issue, i) => (
              <li key={i} data-testid="rl-import-issue">
                Line {issue.line}, <code>{issue.field}</code>: {issue.message}
              </li>
            ))}
          </ul>
          {issues.length > SHOWN_ISSUES && <p>…and {plural(issues.length - SHOWN_ISSUES, 'more problem')}.</p>}
        </div>
      )}
      {error && (
        <p className="field-error" role="alert" data-testid="rl-import-error">
          {error}
        </p>
      )}
      <div className="modal-actions">
        <span className="rl-dialog-choice">{path ? basename(path) : 'No file chosen'}</span>
        <button type="button" className="btn" onClick={onClose} disabled={busy}>
          Cancel
        </button>
        <button type="button" className="btn btn--primary" disabled={!path || busy} onClick={() => void run()} data-testid="rl-import-submit">
          {busy ? 'Importing…' : 'Import'}
        </button>
      </div>
    </Modal>
  );
}
