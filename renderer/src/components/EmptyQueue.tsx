export function EmptyQueue({ onIngest }: { onIngest: () => void }) {
  return (
    <main className="empty-queue" data-testid="empty-queue">
      <div className="empty-queue-card">
        <h2>No cases yet — Ingest a log to start</h2>
        <p>
          Choose a JSONL chat log. Quarry de-identifies every conversation on this machine before it becomes a case,
          and nothing leaves the workspace.
        </p>
        <button type="button" className="btn btn--primary" onClick={onIngest} data-testid="empty-ingest">
          Ingest log…
        </button>
      </div>
    </main>
  );
}
