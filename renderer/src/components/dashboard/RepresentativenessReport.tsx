import { useMemo, useState } from 'react';
import { BarChart, HistogramChart } from '../charts';
import { formatValue } from '../charts/chart-options';
import { BandPill, VerdictPill } from './BandPill';
import { formatP, lengthData, overSpecData, POPULATION_LABELS, sliceMixData, SLICE_LABELS, type Report, type SliceField } from './dashboard-data';

/** Palette slots of originals, tasks and production on every chart of the report. */
const POPULATION_COLORS = [0, 1, 7];

/**
 * One representativeness report: the three populations' counts, length histograms with PSI and KS per pair,
 * slice mix with coverage gaps, vocabulary figures (counts and distances, never words) and how much longer final
 * tasks grew than their originals.
 */
export function ReportView({ report, loading }: { report: Report; loading: boolean }) {
  const [field, setField] = useState<string | null>(null);
  const mix = report.slices.find((s) => s.field === field) ?? report.slices[0] ?? null;
  const chars = useMemo(() => lengthData(report.lengths.chars), [report]);
  const tokens = useMemo(() => lengthData(report.lengths.tokens), [report]);
  const mixData = useMemo(() => (mix && mix.values.length > 0 ? sliceMixData(mix) : null), [mix]);
  const over = report.overSpecification;
  const overData = useMemo(() => (over.pairs > 0 ? overSpecData(over) : null), [over]);
  const vocab = report.vocabulary;
  const fieldLabel = (f: string) => (f in SLICE_LABELS ? SLICE_LABELS[f as SliceField] : f);

  return (
    <div className="db-stack" aria-busy={loading} data-testid="db-represent-report">
      <dl className="db-kpis db-kpis--4">
        <div className="db-kpi">
          <dt>Measured</dt>
          <dd className="db-kpi-text">{report.scope.label}</dd>
          <span className="db-kpi-note">
            {report.scope.kind === 'run' ? `mining run #${report.scope.id}` : `release #${report.scope.id}`}
          </span>
        </div>
        <div className="db-kpi">
          <dt>
            <span className="db-swatch" style={{ background: 'var(--chart-1)' }} aria-hidden="true" />
            Originals
          </dt>
          <dd data-testid="db-represent-originals">{report.counts.originals.toLocaleString('en-US')}</dd>
          <span className="db-kpi-note">de-identified requests picked</span>
        </div>
        <div className="db-kpi">
          <dt>
            <span className="db-swatch" style={{ background: 'var(--chart-2)' }} aria-hidden="true" />
            Tasks
          </dt>
          <dd data-testid="db-represent-tasks">{report.counts.tasks.toLocaleString('en-US')}</dd>
          <span className="db-kpi-note">final tasks of accepted cases</span>
        </div>
        <div className="db-kpi">
          <dt>
            <span className="db-swatch" style={{ background: 'var(--chart-8)' }} aria-hidden="true" />
            Production
          </dt>
          <dd>{report.counts.production.toLocaleString('en-US')}</dd>
          <span className="db-kpi-note">
            {report.counts.production < report.counts.productionTotal ? `measured of ${report.counts.productionTotal.toLocaleString('en-US')}` : 'interactions'}
            {report.scope.production === 'ingest-runs' && report.scope.productionRunIds.length > 0 ? ` · ingest run ${report.scope.productionRunIds.map((r) => `#${r}`).join(', ')}` : report.scope.production === 'workspace' ? ' · whole workspace' : ''}
          </span>
        </div>
      </dl>
      {report.notes.length > 0 && (
        <ul className="db-notes db-notes--box" data-testid="db-represent-notes">
          {report.notes.map((n) => (
            <li key={n}>{n}</li>
          ))}
        </ul>
      )}

      <div className="db-grid db-grid--2">
        {(['chars', 'tokens'] as const).map((unit) => {
          const lengths = report.lengths[unit];
          return (
            <div className="db-stack db-stack--tight" key={unit}>
              <HistogramChart
                title={unit === 'chars' ? 'Length in characters' : 'Length in word tokens'}
                subtitle="Share of each population per bin (bins from production’s quantiles)"
                data={unit === 'chars' ? chars : tokens}
                format="percent"
                colors={POPULATION_COLORS}
                height={220}
                testId={`db-chart-length-${unit}`}
              />
              <table className="data-table db-table db-table--compact" data-testid={`db-length-${unit}-table`}>
                <thead>
                  <tr>
                    <th scope="col">Compared</th>
                    <th scope="col" className="num">
                      PSI
                    </th>
                    <th scope="col">Band</th>
                    <th scope="col">KS</th>
                  </tr>
                </thead>
                <tbody>
                  {lengths.comparisons.map((c) => (
                    <tr key={`${c.a}-${c.b}`}>
                      <th scope="row">
                        {POPULATION_LABELS[c.a]} → {POPULATION_LABELS[c.b]}
                      </th>
                      <td className="num mono">{c.psi === null ? '—' : c.psi.toFixed(3)}</td>
                      <td>
                        <BandPill band={c.psiBand} />
                      </td>
                      <td>
                        {c.ks ? (
                          <span className="db-ks">
                            <span className="mono">
                              D {c.ks.statistic.toFixed(3)}, {formatP(c.ks.pValue)}
                            </span>{' '}
                            <VerdictPill text={c.ks.differs ? 'Differs' : 'Similar'} tone={c.ks.differs ? 'warn' : 'none'} />
                          </span>
                        ) : (
                          '—'
                        )}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          );
        })}
      </div>

      <div className="db-grid db-grid--mix">
        <section className="db-stack db-stack--tight" aria-label="Slice mix">
          {report.slices.length > 1 && (
            <div className="db-field-tabs" role="group" aria-label="Slice field">
              {report.slices.map((s) => (
                <button key={s.field} type="button" className="db-chip" aria-pressed={s.field === mix?.field} onClick={() => setField(s.field)} data-testid={`db-represent-field-${s.field}`}>
                  {fieldLabel(s.field)}
                </button>
              ))}
            </div>
          )}
          {mix && mixData ? (
            <>
              <BarChart
                title={`${fieldLabel(mix.field)} mix`}
                subtitle="Share of each population per value"
                data={mixData}
                format="percent"
                colors={POPULATION_COLORS}
                height={220}
                testId="db-chart-slice-mix"
              />
              <div className="db-card db-card--flat" data-testid="db-represent-gaps">
                <h3 className="db-card-title">Coverage gaps</h3>
                <p className="db-card-sub">
                  {fieldLabel(mix.field)} values production has that the picked cases or the tasks lack.{' '}
                  {mix.comparisons.map((c) => (
                    <span key={`${c.a}-${c.b}`} className="db-inline-stat">
                      {POPULATION_LABELS[c.a]} → {POPULATION_LABELS[c.b]}: JS {c.jsDistance === null ? '—' : c.jsDistance.toFixed(3)} <BandPill band={c.band} />
                    </span>
                  ))}
                </p>
                <GapList label="Missing from the picked originals" gaps={mix.gaps.originals} testId="db-gaps-originals" />
                <GapList label="Missing from the tasks" gaps={mix.gaps.tasks} testId="db-gaps-tasks" />
              </div>
            </>
          ) : (
            <p className="db-note">No slice values recorded for these cases.</p>
          )}
        </section>

        <section className="db-card" aria-labelledby="db-vocab-title" data-testid="db-represent-vocabulary">
          <h3 className="db-card-title" id="db-vocab-title">
            Vocabulary
          </h3>
          <p className="db-card-sub">Counts and distances only; the words stay in the vault.</p>
          <table className="data-table db-table db-table--compact">
            <thead>
              <tr>
                <th scope="col">Population</th>
                <th scope="col" className="num">
                  Tokens
                </th>
                <th scope="col" className="num">
                  Distinct
                </th>
                <th scope="col" className="num">
                  Type/token
                </th>
              </tr>
            </thead>
            <tbody>
              {(['originals', 'tasks', 'production'] as const).map((p) => (
                <tr key={p}>
                  <th scope="row">{POPULATION_LABELS[p]}</th>
                  <td className="num">{vocab.populations[p].tokens.toLocaleString('en-US')}</td>
                  <td className="num">{vocab.populations[p].types.toLocaleString('en-US')}</td>
                  <td className="num mono">{vocab.populations[p].typeTokenRatio === null ? '—' : vocab.populations[p].typeTokenRatio!.toFixed(3)}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <dl className="db-facts">
            <div>
              <dt>Task tokens absent from every original</dt>
              <dd data-testid="db-vocab-novel">{formatValue(vocab.novelTaskTokenShare, 'percent')}</dd>
            </div>
            <div>
              <dt>Per task, tokens absent from its own original (mean)</dt>
              <dd>{formatValue(vocab.meanPairedNovelShare, 'percent')}</dd>
            </div>
            {vocab.comparisons.map((c) => (
              <div key={`${c.a}-${c.b}`}>
                <dt>
                  JS distance, top {vocab.topN} words: {POPULATION_LABELS[c.a]} → {POPULATION_LABELS[c.b]}
                </dt>
                <dd>
                  <span className="mono">{c.jsDistance === null ? '—' : c.jsDistance.toFixed(3)}</span> <BandPill band={c.band} />
                </dd>
              </div>
            ))}
          </dl>
        </section>

        <section className="db-stack db-stack--tight" aria-label="Over-specification">
          {overData ? (
            <HistogramChart
              title="Task length against its original"
              subtitle={`Final task ÷ original request, in characters, over ${over.pairs.toLocaleString('en-US')} accepted cases`}
              data={overData}
              colors={[1]}
              height={180}
              testId="db-chart-overspec"
            />
          ) : (
            <div className="db-card db-card--flat">
              <h3 className="db-card-title">Task length against its original</h3>
              <p className="db-note">No accepted cases with a final task in this selection yet.</p>
            </div>
          )}
          <dl className="db-facts db-facts--card" data-testid="db-represent-overspec">
            <div>
              <dt>Tasks over {over.threshold}× their original</dt>
              <dd>{formatValue(over.shareOverThreshold, 'percent')}</dd>
            </div>
            <div>
              <dt>Median ratio · p90</dt>
              <dd>
                {over.p50 === null ? '—' : `${over.p50.toFixed(2)}×`} · {over.p90 === null ? '—' : `${over.p90.toFixed(2)}×`}
              </dd>
            </div>
            <div>
              <dt>Augmented · edited</dt>
              <dd>
                {formatValue(over.augmentedShare, 'percent')} · {formatValue(over.editedShare, 'percent')}
              </dd>
            </div>
          </dl>
        </section>
      </div>
    </div>
  );
}

function GapList({ label, gaps, testId }: { label: string; gaps: Report['slices'][number]['gaps']['originals']; testId: string }) {
  return (
    <div className="db-gap-list" data-testid={testId}>
      <span className="db-label">{label}</span>
      {gaps.length === 0 ? (
        <span className="db-quiet">None</span>
      ) : (
        <span className="db-gaps">
          {gaps.map((g) => (
            <span key={g.value} className="db-gap">
              {g.value} <span className="db-n">{formatValue(g.productionShare, 'percent')}</span>
            </span>
          ))}
        </span>
      )}
    </div>
  );
}
