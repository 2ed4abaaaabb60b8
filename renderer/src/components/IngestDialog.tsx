import { useEffect, useState } from 'react';
import type { Output } from '../../../preload/api';
import { call, userMessage } from '../quarry';
import { FileBrowser } from './FileBrowser';
import { FieldMapper } from './ingest/FieldMapper';
import { IngestProgress } from './ingest/IngestProgress';
import { IngestSummary } from './IngestSummary';
import { Modal } from './Modal';
import '../styles/ingest.css';

type Progress = Output<'ingest:progress'>;
type Profiles = Output<'profiles:list'>;

type Step =
  | { step: 'browse'; error?: string }
  | { step: 'map'; path: string; notice?: string }
  | { step: 'running'; progress: Progress; cancelling: boolean }
  | { step: 'done'; result: Output<'ingest:run'> };

/** How often the dialog asks main how the job is doing. */
const POLL_MS = 250;
const AUTO = '';

interface Props {
  startDir?: string;
  onDirChange: (dir: string) => void;
  onIngested: () => void;
  onClose: () => void;
}

function waiting(jobId: string, file: string): Progress {
  return { jobId, file, state: 'starting', bytes: 0, totalBytes: 0, records: 0, ingested: 0, duplicates: 0, quarantined: 0, ratePerSec: 0, etaSec: null, result: null, error: null };
}

/**
 * Pick a log, read it as a known format or through a source profile (built here from a de-identified preview
 * when the file is generic), follow the ingest as a job with progress and cancel, and report what came in and
 * what was set aside.
 */
export function IngestDialog({ startDir, onDirChange, onIngested, onClose }: Props) {
  const [step, setStep] = useState<Step>({ step: 'browse' });
  const [profiles, setProfiles] = useState<Profiles>([]);
  const [profile, setProfile] = useState(AUTO);
  const jobId = step.step === 'running' ? step.progress.jobId : null;

  useEffect(() => {
    if (step.step !== 'browse') return;
    let live = true;
    call('profiles:list', {}).then(
      (list) => live && setProfiles(list),
      () => undefined, // Without the list the dialog still ingests known formats.
    );
    return () => {
      live = false;
    };
  }, [step.step]);

  useEffect(() => {
    if (!jobId) return;
    let live = true;
    const timer = setInterval(() => {
      call('ingest:progress', { jobId }).then(
        (progress) => {
          if (!live) return;
          if (progress.state === 'finished' || progress.state === 'cancelled') {
            setStep({ step: 'done', result: progress.result! });
            onIngested();
          } else if (progress.state === 'failed') {
            const error = progress.error ?? { code: 'ingest-failed', message: 'The ingest failed.' };
            setStep(
              error.code === 'ingest-format-unknown'
                ? { step: 'map', path: progress.file, notice: 'This file is not a known log format. Map its fields to read it.' }
                : { step: 'browse', error: error.message },
            );
          } else setStep((s) => (s.step === 'running' ? { ...s, progress } : s));
        },
        (error: unknown) => live && setStep({ step: 'browse', error: userMessage(error) }),
      );
    }, POLL_MS);
    return () => {
      live = false;
      clearInterval(timer);
    };
  }, [jobId, onIngested]);

  async function ingest(path: string, withProfile: string) {
    if (!withProfile && /\.csv(\.gz)?$/i.test(path)) {
      setStep({ step: 'map', path, notice: 'CSV files are read through a source profile. Map the columns once; the profile is saved for next time.' });
      return;
    }
    try {
      const { jobId: started } = await call('ingest:start', withProfile ? { path, profile: withProfile } : { path });
      setStep({ step: 'running', progress: waiting(started, path), cancelling: false });
    } catch (error) {
      setStep({ step: 'browse', error: userMessage(error) });
    }
  }

  async function cancel() {
    if (step.step !== 'running') return;
    setStep({ ...step, cancelling: true });
    try {
      await call('ingest:cancel', { jobId: step.progress.jobId });
    } catch (error) {
      setStep({ step: 'browse', error: userMessage(error) });
    }
  }

  const title = step.step === 'map' ? 'Map fields' : 'Ingest log';
  return (
    <Modal title={title} onClose={onClose} closable={step.step !== 'running'} size={step.step === 'map' ? 'xwide' : 'wide'} testId="ingest-dialog">
      {step.step === 'browse' && (
        <>
          {step.error && (
            <p className="field-error ingest-error" role="alert" data-testid="ingest-error">
              {step.error}
            </p>
          )}
          <div className="ingest-readas">
            <label htmlFor="ingest-profile">Read as</label>
            <select id="ingest-profile" value={profile} onChange={(e) => setProfile(e.target.value)} data-testid="ingest-profile">
              <option value={AUTO}>Known log format, detected from the file</option>
              {profiles.map((p) => (
                <option key={p.profile.name} value={p.profile.name}>
                  Profile {p.profile.name} (v{p.version}, {p.profile.kind === 'csv' ? 'CSV' : 'JSON lines'})
                </option>
              ))}
            </select>
          </div>
          <FileBrowser
            startDir={startDir}
            onDirChange={onDirChange}
            onChoose={(path) => void ingest(path, profile)}
            onMap={(path) => setStep({ step: 'map', path })}
          />
        </>
      )}
      {step.step === 'map' && (
        <FieldMapper
          path={step.path}
          notice={step.notice}
          onBack={() => setStep({ step: 'browse' })}
          onSaved={(name) => {
            setProfile(name);
            void ingest(step.path, name);
          }}
        />
      )}
      {step.step === 'running' && <IngestProgress progress={step.progress} cancelling={step.cancelling} onCancel={() => void cancel()} />}
      {step.step === 'done' && (
        <>
          <IngestSummary result={step.result} />
          <div className="modal-actions">
            <button type="button" className="btn" onClick={() => setStep({ step: 'browse' })} data-testid="ingest-another">
              Ingest another log
            </button>
            <button type="button" className="btn btn--primary" autoFocus onClick={onClose} data-testid="ingest-done">
              Review cases
            </button>
          </div>
        </>
      )}
    </Modal>
  );
}
