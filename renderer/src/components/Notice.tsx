export interface NoticeData {
  tone: 'success' | 'error';
  text: string;
  testId: string;
}

/** A one-line outcome under the top bar that stays until dismissed: export paths need to be read, then copied. */
export function Notice({ notice, onDismiss }: { notice: NoticeData; onDismiss: () => void }) {
  return (
    <div className={`notice notice--${notice.tone}`} role={notice.tone === 'error' ? 'alert' : 'status'}>
      <p data-testid={notice.testId}>{notice.text}</p>
      <button type="button" className="btn btn--ghost btn--small" onClick={onDismiss} aria-label="Dismiss">
        Dismiss
      </button>
    </div>
  );
}
