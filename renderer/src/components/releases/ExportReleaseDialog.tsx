import { useState } from 'react';
import type { Output } from '../../../../preload/api';
import type { ReleaseExportFormat, ReleaseSummaryDto } from '../../../../preload/contract/releases';
import { formatBytes, plural } from '../../format';
import { call, userMessage } from '../../quarry';
import { Modal } from '../Modal';
import { PathPicker } from './PathPicker';
import { FORMAT_INFO, exportFolderName, isPlainFolderName, joinPath, versionLabel } from './release-format';

type Written = Output<'releases:export'>;

interface Props {
  release: ReleaseSummaryDto;
  formats: readonly ReleaseExportFormat[];
  /** Each export is audit-logged. */
  onExported: () => void;
  onClose: () => void;
}

/** A format whose folder already held an export, and what main said about it. */
interface Existing {
  format: ReleaseExportFormat;
  dir: string;
  message: string;
}

const errorCode = (e: unknown) => (e as { code?: unknown } | null)?.code;

/**
 * Export an approved release: pick formats and a folder; each format is written as its own folder
 * `<folder>/<set>-v<N>/<format>/`, all or nothing, so two formats never overwrite each other's manifest. A
 * format folder that already holds an export is not touched: the dialog says so and offers Replace, which swaps
 * the whole folder for the new export. Lists every file written.
 */
export function ExportReleaseDialog({ release, formats, onExported, onClose }: Props) {
  const [chosen, setChosen] = useState<ReleaseExportFormat[]>(formats.includes('golden-jsonl') ? ['golden-jsonl'] : formats.slice(0, 1));
  const [dir, setDir] = useState<string | null>(null);
  const [folder, setFolder] = useState(exportFolderName(release.evalSet, release.version));
  const [busy, setBusy] = useState<ReleaseExportFormat | null>(null);
  const [written, setWritten] = useState<Written[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [existing, setExisting] = useState<Existing[]>([]);

  const folderOk = isPlainFolderName(folder);
  const target = dir && folderOk ? joinPath(dir, folder.trim()) : null;

  function toggle(format: ReleaseExportFormat) {
    setChosen((now) => (now.includes(format) ? now.filter((f) => f !== format) : formats.filter((f) => f === format || now.includes(f))));
  }

  /** Exports `todo`; with `overwrite` false, folders that already hold an export are set aside for Replace. */
  async function run(todo: readonly ReleaseExportFormat[], overwrite: boolean) {
    if (!target || todo.length === 0) return;
    setError(null);
    setExisting([]);
    const done: Written[] = overwrite ? [...written] : [];
    const found: Existing[] = [];
    if (!overwrite) setWritten([]);
    for (const format of todo) {
      setBusy(format);
      const dir = joinPath(target, format);
      try {
        done.push(await call('releases:export', { id: release.id, format, dir, overwrite }));
        setWritten([...done]);
      } catch (e) {
        if (!overwrite && errorCode(e) === 'export-exists') {
          found.push({ format, dir, message: userMessage(e) });
          continue;
        }
        setError(`${FORMAT_INFO[format].name}: ${userMessage(e)}`);
        break;
      }
    }
    setBusy(null);
    setExisting(found);
    if (done.length > 0) onExported();
  }

  const files = written.reduce((n, w) => n + w.files.length, 0);

  return (
    <Modal title={`Export ${release.evalSet} ${versionLabel(release.version)}`} onClose={onClose} closable={busy === null} size="xwide" testId="rl-export-dialog">
      <div className="rl-export-grid">
        <fieldset className="rl-formats" disabled={busy !== null} data-testid="rl-export-formats">
          <legend>Formats</legend>
          {formats.map((format) => (
            <label key={format} className="rl-format">
              <input type="checkbox" checked={chosen.includes(format)} onChange={() => toggle(format)} data-testid={`rl-export-format-${format}`} />
              <span>
                <span className="rl-format-name">{FORMAT_INFO[format].name}</span>
                <span className="rl-format-detail">{FORMAT_INFO[format].detail}</span>
              </span>
            </label>
          ))}
        </fieldset>
        <div className="rl-export-where">
          <PathPicker mode="folder" picked={dir} onPick={setDir} testId="rl-export-picker" />
          <div className="field">
            <label htmlFor="rl-export-folder">Subfolder (created if missing)</label>
            <input
              id="rl-export-folder"
              type="text"
              value={folder}
              onChange={(e) => setFolder(e.target.value)}
              aria-invalid={!folderOk || undefined}
              data-testid="rl-export-folder"
            />
            {!folderOk && <p className="field-error">Use one folder name, without slashes.</p>}
          </div>
          <p className="rl-export-target" data-testid="rl-export-target">
            {target ? (
              <>
                Writes to <code>{joinPath(target, chosen.length === 1 ? chosen[0]! : '<format>')}</code>
              </>
            ) : (
              'Choose a folder.'
            )}
          </p>
        </div>
      </div>

      {error && (
        <p className="field-error" role="alert" data-testid="rl-export-error">
          {error}
        </p>
      )}
      {written.length > 0 && (
        <div className="rl-written rl-export-dialog-result" role="status" data-testid="rl-export-result">
          <p className="rl-written-head">
            Wrote {plural(files, 'file')} in {plural(written.length, 'format')}. The export is recorded in the audit log.
          </p>
          {written.map((w) => (
            <section key={w.format} className="rl-written-format" data-testid="rl-export-written" data-format={w.format}>
              <h3>
                {FORMAT_INFO[w.format].name} <code>{w.dir}</code>
                {w.replaced && <span className="rl-replaced">replaced</span>}
              </h3>
              <ul className="rl-files">
                {w.files.map((f) => (
                  <li key={f.path} title={`sha256 ${f.sha256}`} data-testid="rl-export-file">
                    <code>{f.path}</code> <span className="rl-file-size">{formatBytes(f.bytes)}</span>
                  </li>
                ))}
              </ul>
            </section>
          ))}
        </div>
      )}

      {existing.length > 0 && (
        <div className="rl-existing" role="alert" data-testid="rl-export-existing">
          <p className="rl-existing-head">
            {existing.length === 1 ? 'This folder already has an export' : `${existing.length} of these folders already have an export`}. Nothing in{' '}
            {existing.length === 1 ? 'it' : 'them'} was changed.
          </p>
          <ul className="rl-existing-list">
            {existing.map((x) => (
              <li key={x.format} data-testid="rl-export-existing-item" data-format={x.format}>
                <span className="rl-existing-name">{FORMAT_INFO[x.format].name}</span>
                <span className="rl-existing-what">{x.message.replace(/ Replace it .*$/, '').replace(/^.* already holds /, 'holds ')}</span>
                <code>{x.dir}</code>
              </li>
            ))}
          </ul>
          <p className="rl-existing-help">Replace swaps each folder for the export of {versionLabel(release.version)}, whole. Keep leaves them as they are.</p>
          <div className="rl-existing-actions">
            <button type="button" className="btn" onClick={() => setExisting([])} data-testid="rl-export-keep">
              Keep existing
            </button>
            <button type="button" className="btn btn--reject" onClick={() => void run(existing.map((x) => x.format), true)} data-testid="rl-export-replace">
              Replace {existing.length === 1 ? 'export' : `${existing.length} exports`}
            </button>
          </div>
        </div>
      )}
      <div className="modal-actions">
        <button type="button" className="btn" onClick={onClose} disabled={busy !== null} data-testid="rl-export-close">
          {written.length > 0 ? 'Done' : 'Cancel'}
        </button>
        <button
          type="button"
          className="btn btn--primary"
          disabled={!target || chosen.length === 0 || busy !== null || existing.length > 0}
          onClick={() => void run(chosen, false)}
          data-testid="rl-export-submit"
        >
          {busy ? `Writing ${FORMAT_INFO[busy].name}…` : chosen.length > 1 ? `Export ${chosen.length} formats` : 'Export'}
        </button>
      </div>
    </Modal>
  );
}
