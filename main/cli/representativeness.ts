/**
 * `quarry represent --run N | --release N [--json]`: how a mining run's or a release's originals and final tasks
 * compare with the production mix they came from (length, vocabulary, slice mix, coverage gaps,
 * over-specification). Prints numbers, ids and slice values only.
 */
import type { Command } from 'commander';
import { QuarryError } from '../core/errors.js';
import { checkProductionScope, representReleaseById, representRun, type RepresentativenessReport } from '../core/representativeness/index.js';
import { openSession, withWorkspaceOptions, type WorkspaceFlags } from './common.js';

type RepresentFlags = WorkspaceFlags & { run?: string; release?: string; json?: boolean; production: string; bins: string; topN: string };

function whole(flag: string, value: string): number {
  const n = /^\d+$/.test(value) ? Number(value) : NaN;
  if (!Number.isSafeInteger(n) || n < 1) throw new QuarryError('represent-flag', `${flag} must be a whole number of at least 1 (got "${value}").`);
  return n;
}

const fixed = (v: number | null, digits = 3) => (v === null ? '-' : v.toFixed(digits));
const percent = (v: number | null) => (v === null ? '-' : `${(v * 100).toFixed(1)}%`);

function printReport(r: RepresentativenessReport): void {
  const scope = r.scope.production === 'workspace' ? 'the whole workspace' : `ingest run(s) ${r.scope.productionRunIds.join(', ') || '(none)'}`;
  console.log(`Representativeness of ${r.scope.kind} ${r.scope.id} (${r.scope.label}); production: ${scope}`);
  const measured = r.counts.production < r.counts.productionTotal ? ` (${r.counts.production} measured)` : '';
  console.log(`Cases: ${r.counts.originals} original(s), ${r.counts.tasks} accepted task(s), ${r.counts.productionTotal} production${measured}`);
  for (const unit of ['chars', 'tokens'] as const) {
    const d = r.lengths[unit];
    console.log(`Length (${unit}): median originals ${fixed(d.summary.originals.p50, 0)}, tasks ${fixed(d.summary.tasks.p50, 0)}, production ${fixed(d.summary.production.p50, 0)}`);
    for (const c of d.comparisons) {
      const ks = c.ks ? `KS D=${fixed(c.ks.statistic)} p=${c.ks.pValue.toPrecision(3)}${c.ks.differs ? ' (differs)' : ''}` : 'KS -';
      console.log(`  ${c.b} vs ${c.a}: PSI ${fixed(c.psi)} (${c.psiBand ?? '-'}), ${ks}`);
    }
  }
  const v = r.vocabulary;
  const ttr = (p: 'originals' | 'tasks' | 'production') => `${fixed(v.populations[p].typeTokenRatio)} (${v.populations[p].types}/${v.populations[p].tokens})`;
  console.log(`Vocabulary: type/token originals ${ttr('originals')}, tasks ${ttr('tasks')}, production ${ttr('production')}`);
  console.log(`  task tokens absent from the originals: ${percent(v.novelTaskTokenShare)}; per task, absent from its own original: ${percent(v.meanPairedNovelShare)}`);
  for (const c of v.comparisons) console.log(`  ${c.b} vs ${c.a}: JS distance (top ${v.topN} words) ${fixed(c.jsDistance)} (${c.band ?? '-'})`);
  console.log('Slice mix (JS distance to production: originals / tasks) and coverage gaps:');
  for (const s of r.slices) {
    const js = (b: string) => {
      const c = s.comparisons.find((x) => x.a === 'production' && x.b === b);
      return c?.jsDistance == null ? '-' : `${fixed(c.jsDistance)} (${c.band})`;
    };
    console.log(`  ${s.field}: ${js('originals')} / ${js('tasks')}`);
    for (const who of ['originals', 'tasks'] as const) {
      const gaps = s.gaps[who];
      if (gaps.length > 0) console.log(`    missing from the ${who === 'originals' ? 'sample' : 'tasks'}: ${gaps.map((g) => `${g.value} (${percent(g.productionShare)})`).join(', ')}`);
    }
  }
  const o = r.overSpecification;
  console.log(
    `Over-specification: ${o.pairs} task(s); length ratio median ${fixed(o.p50, 2)}, p90 ${fixed(o.p90, 2)}; ` +
      `more than ${o.threshold}x their original: ${percent(o.shareOverThreshold)}; augmented ${percent(o.augmentedShare)}, edited ${percent(o.editedShare)}`,
  );
  for (const note of r.notes) console.log(`Note: ${note}`);
}

export function registerRepresentativenessCommands(program: Command): void {
  withWorkspaceOptions(
    program
      .command('represent')
      .description("compare a mining run's or a release's originals and final tasks with the production mix: length, vocabulary, slice mix, gaps")
      .option('--run <id>', 'a mining (sampling) run')
      .option('--release <id>', 'a release')
      .option('--production <scope>', 'production: ingest-runs (the runs the cases came from) or workspace', 'ingest-runs')
      .option('--bins <n>', 'length bins at production quantiles', '10')
      .option('--top-n <n>', 'words in the vocabulary distance', '200')
      .option('--json', 'the full report as JSON'),
  ).action((flags: RepresentFlags) => {
    if ((flags.run === undefined) === (flags.release === undefined)) {
      throw new QuarryError('represent-scope', 'Name exactly one of --run N (a mining run) or --release N (a release).');
    }
    const production = checkProductionScope(flags.production);
    const options = { production, bins: whole('--bins', flags.bins), topN: whole('--top-n', flags.topN) };
    const channel = flags.run !== undefined ? 'representativeness:run' : 'representativeness:release';
    const id = whole(flags.run !== undefined ? '--run' : '--release', (flags.run ?? flags.release)!);
    const { workspace, audit, close } = openSession(flags, channel);
    try {
      const kind = flags.run !== undefined ? 'run' : 'release';
      const report = kind === 'run' ? representRun(workspace.db, id, options) : representReleaseById(workspace.db, id, options);
      audit({
        action: `representativeness.${kind}`,
        objectIds: { [kind]: id, production, originals: report.counts.originals, tasks: report.counts.tasks, productionCases: report.counts.productionTotal },
      });
      if (flags.json) console.log(JSON.stringify(report, null, 2));
      else printReport(report);
    } finally {
      close();
    }
  });
}
