import { useCallback, useEffect, useState } from 'react';
import type { Output } from '../../../../preload/api';
import type { EvalSetDto, ReleaseSummaryDto } from '../../../../preload/contract/releases';
import { useMay } from '../../access';
import { formatDateTime, plural } from '../../format';
import { call, userMessage } from '../../quarry';
import { CreateReleaseDialog } from './CreateReleaseDialog';
import { CreateSetDialog } from './CreateSetDialog';
import { DiffView } from './DiffView';
import { EvalSetList } from './EvalSetList';
import { ExportReleaseDialog } from './ExportReleaseDialog';
import { GrowthView } from './GrowthView';
import { ImportDialog } from './ImportDialog';
import { ReleaseDetail } from './ReleaseDetail';
import { ReleaseTable } from './ReleaseTable';
import { versionLabel } from './release-format';
import '../../styles/releases.css';

type Catalog = Output<'evalsets:list'>;
type Tab = 'releases' | 'diff' | 'growth';
type Dialog = { kind: 'new-set' } | { kind: 'import' } | { kind: 'new-release' } | { kind: 'export'; release: ReleaseSummaryDto } | null;

interface Props {
  /** Bumped when cases changed elsewhere: growth and the next release's scope follow. */
  casesVersion: number;
  /** Creating, deciding, importing and exporting are audit-logged; the chain badge re-checks. */
  onAudited: () => void;
}

const TABS: ReadonlyArray<{ id: Tab; label: string }> = [
  { id: 'releases', label: 'Releases' },
  { id: 'diff', label: 'Compare' },
  { id: 'growth', label: 'Growth' },
];

/**
 * The Releases screen: eval sets on the left; for the chosen set its numbered releases (state, creator,
 * approver, counts) with one release's manifest and cases, the comparison of two releases, and growth per week.
 * Buttons a role may not use are hidden; main enforces the same rules (and four eyes) on every call.
 */
export function ReleasesScreen({ casesVersion, onAudited }: Props) {
  const may = useMay();
  const [catalog, setCatalog] = useState<Catalog | null>(null);
  const [me, setMe] = useState<string | null>(null);
  const [currentSet, setCurrentSet] = useState<string | null>(null);
  const [releases, setReleases] = useState<ReleaseSummaryDto[] | null>(null);
  const [releaseId, setReleaseId] = useState<number | null>(null);
  const [tab, setTab] = useState<Tab>('releases');
  const [dialog, setDialog] = useState<Dialog>(null);
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [version, setVersion] = useState(0);
  const bump = useCallback(() => setVersion((n) => n + 1), []);

  useEffect(() => {
    let live = true;
    call('workspace:status', {}).then(
      (status) => live && setMe(status.reviewer),
      () => undefined, // Without the name the four-eyes hint is missing; main still refuses a creator's approval.
    );
    return () => {
      live = false;
    };
  }, []);

  useEffect(() => {
    let live = true;
    call('evalsets:list', {}).then(
      (next) => {
        if (!live) return;
        setCatalog(next);
        setError(null);
        setCurrentSet((current) => (current && next.sets.some((s) => s.name === current) ? current : (next.sets[0]?.name ?? null)));
      },
      (e: unknown) => live && setError(userMessage(e)),
    );
    return () => {
      live = false;
    };
  }, [version, casesVersion]);

  useEffect(() => {
    if (!currentSet) return;
    let live = true;
    call('releases:list', { set: currentSet }).then(
      (next) => {
        if (!live) return;
        setReleases(next);
        setReleaseId((current) => (current && next.some((r) => r.id === current) ? current : (next[0]?.id ?? null)));
      },
      (e: unknown) => live && setError(userMessage(e)),
    );
    return () => {
      live = false;
    };
  }, [currentSet, version]);

  const set: EvalSetDto | undefined = catalog?.sets.find((s) => s.name === currentSet);
  const shownReleases = set && releases && releases.every((r) => r.evalSetId === set.id) ? releases : null;

  function chooseSet(name: string) {
    if (name === currentSet) return;
    setReleases(null);
    setReleaseId(null);
    setNotice(null);
    setCurrentSet(name);
  }

  function changed(message: string | null) {
    setNotice(message);
    onAudited();
    bump();
  }

  return (
    <main className="rl" data-testid="releases-view">
      <EvalSetList sets={catalog?.sets ?? null} selected={currentSet} onSelect={chooseSet} onNew={() => setDialog({ kind: 'new-set' })} />

      <section className="rl-main" aria-label={set ? `Eval set ${set.name}` : 'Eval set'}>
        {error && (
          <p className="rl-message rl-message--error" role="alert" data-testid="rl-error">
            {error}
          </p>
        )}
        {catalog && !set && (
          <div className="rl-empty rl-empty--big" data-testid="rl-no-set">
            <h1 className="rl-title">Golden-set releases</h1>
            <p>
              An eval set freezes accepted cases into numbered, immutable releases (v1, v2, …). Each release is approved by a second
              admin before it can be exported for your CI; regression cases are carried into every later release unchanged.
            </p>
            {may('evalsets:create') && (
              <button type="button" className="btn btn--primary" onClick={() => setDialog({ kind: 'new-set' })} data-testid="rl-new-set-empty">
                Create an eval set
              </button>
            )}
          </div>
        )}
        {set && (
          <>
            <header className="rl-head">
              <div className="rl-head-text">
                <h1 className="rl-title" data-testid="rl-set-title">
                  {set.name}
                </h1>
                {set.description && <p className="rl-lede">{set.description}</p>}
                <p className="rl-meta">
                  Created by {set.createdBy} {formatDateTime(set.createdAt)} · {plural(set.releases, 'release')}
                  {set.importedCases > 0 && ` · ${plural(set.importedCases, 'imported case')}`}
                </p>
              </div>
              <div className="rl-head-actions">
                {may('evalsets:import') && (
                  <button type="button" className="btn" onClick={() => setDialog({ kind: 'import' })} data-testid="rl-import">
                    Import JSONL…
                  </button>
                )}
                {may('releases:create') && (
                  <button type="button" className="btn btn--primary" onClick={() => setDialog({ kind: 'new-release' })} data-testid="rl-new-release">
                    New release {versionLabel((set.latestVersion ?? 0) + 1)}…
                  </button>
                )}
              </div>
            </header>

            {notice && (
              <div className="rl-message rl-message--ok" role="status">
                <p data-testid="rl-notice">{notice}</p>
                <button type="button" className="btn btn--ghost btn--small" onClick={() => setNotice(null)} data-testid="rl-notice-dismiss">
                  Dismiss
                </button>
              </div>
            )}

            <div className="rl-tabs" role="tablist" aria-label="Views of the set">
              {TABS.map((t) => (
                <button
                  key={t.id}
                  type="button"
                  role="tab"
                  className="rl-tab"
                  aria-selected={tab === t.id}
                  onClick={() => setTab(t.id)}
                  data-testid={`rl-tab-${t.id}`}
                >
                  {t.label}
                </button>
              ))}
            </div>

            {tab === 'releases' && shownReleases && shownReleases.length === 0 && (
              <p className="rl-empty" data-testid="rl-no-releases">
                No releases yet.{may('releases:create') ? ' “New release” freezes the accepted cases as v1.' : ''}
              </p>
            )}
            {tab === 'releases' && shownReleases && shownReleases.length > 0 && (
              <>
                <ReleaseTable releases={shownReleases} selected={releaseId} onSelect={(r) => setReleaseId(r.id)} />
                {releaseId && (
                  <ReleaseDetail
                    key={releaseId}
                    releaseId={releaseId}
                    me={me}
                    version={version}
                    onDecided={(r) => changed(`${r.evalSet} ${versionLabel(r.version)} is ${r.state}.`)}
                    onExport={(r) => setDialog({ kind: 'export', release: r })}
                  />
                )}
              </>
            )}
            {tab === 'diff' && shownReleases && <DiffView key={`${set.id}:${shownReleases.length}`} releases={shownReleases} />}
            {tab === 'growth' && <GrowthView set={set.name} version={version + casesVersion} />}
          </>
        )}
      </section>

      {dialog?.kind === 'new-set' && (
        <CreateSetDialog
          existing={catalog?.sets.map((s) => s.name) ?? []}
          onClose={() => setDialog(null)}
          onCreated={(created) => {
            setDialog(null);
            setCurrentSet(created.name);
            setReleases(null);
            setReleaseId(null);
            changed(`Created the eval set ${created.name}.`);
          }}
        />
      )}
      {dialog?.kind === 'import' && set && (
        <ImportDialog
          set={set.name}
          onClose={() => setDialog(null)}
          onImported={(_, imported) => {
            setDialog(null);
            changed(`Imported ${plural(imported, 'case')} into ${set.name}; they go into the next release.`);
          }}
        />
      )}
      {dialog?.kind === 'new-release' && set && catalog && (
        <CreateReleaseDialog
          set={set}
          profiles={catalog.profiles}
          onClose={() => setDialog(null)}
          onCreated={(created) => {
            setDialog(null);
            setReleaseId(created.id);
            setTab('releases');
            changed(`Created ${created.evalSet} ${versionLabel(created.version)} with ${plural(created.counts.total, 'case')}; it waits for a second admin’s approval.`);
          }}
        />
      )}
      {dialog?.kind === 'export' && catalog && (
        <ExportReleaseDialog release={dialog.release} formats={catalog.formats} onExported={onAudited} onClose={() => setDialog(null)} />
      )}
    </main>
  );
}
