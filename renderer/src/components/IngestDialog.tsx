import { useState } from 'react';
import type { IngestResult } from '../../../preload/api';
import { basename } from '../format';
import { call, userMessage } from '../quarry';
import { FileBrowser } from './FileBrowser';
import { IngestSummary } from './IngestSummary';
import { Modal } from './Modal';

type Step =
  | { step: 'browse'; error?: string }
  | { step: 'running'; path: string }
  | { step: 'done'; result: IngestResult };

interface Props {
  startDir?: string;
  onDirChange: (dir: string) => void;
  onIngested: () => void;
  onClose: () => void;
}

/** Pick a log, run it through de-identification, and report what came in and what was set aside. */
export function IngestDialog({ startDir, onDirChange, onIngested, onClose }: Props) {
  const [step, setStep] = useState<Step>({ step: 'browse' });

  async function ingest(path: string) {
    setStep({ step: 'running', path });
    try {
      const result = await call('ingest:run', { path });
      setStep({ step: 'done', result });
      onIngested();
    } catch (error) {
      setStep({ step: 'browse', error: userMessage(error) });
    }
  }

  return (
    <Modal title="Ingest log" onClose={onClose} closable={step.step !== 'running'} wide testId="ingest-dialog">
      {step.step === 'browse' && (
        <>
          {step.error && (
            <p className="field-error ingest-error" role="alert" data-testid="ingest-error">
              {step.error}
            </p>
          )}
          <FileBrowser startDir={startDir} onDirChange={onDirChange} onChoose={(path) => void ingest(path)} />
        </>
      )}
      {step.step === 'running' && (
        <div className="ingest-running" role="status" aria-live="polite" data-testid="ingest-busy">
          <span className="spinner" aria-hidden="true" />
          <div>
            <p className="ingest-running-title">
              Ingesting <code>{basename(step.path)}</code>…
            </p>
            <p className="ingest-running-note">
              Finding and replacing personal data with the local model. Large logs can take a minute.
            </p>
          </div>
        </div>
      )}
      {step.step === 'done' && (
        <>
          <IngestSummary result={step.result} />
          <div className="modal-actions">
            <button type="button" className="btn" onClick={() => setStep({ step: 'browse' })}>
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
