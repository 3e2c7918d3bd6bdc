import type { CoverageFormulation, ModelVariables } from './formulation.ts';
import type { GreedyPlacement, SiteAssignment, UnservedSite } from './greedy.ts';
import type { MipRun } from './mip.ts';
import type { ModelNetwork } from './network.ts';
import type { CoverageMethod, CoverageSolverStatus } from './types.ts';

/**
 * What one model's placement comes to, kept small on purpose: a national night has about a
 * thousand models, and holding every model's formulation and solver values until the end cost
 * gigabytes (docs/benchmarks.md, "Nightly reorder run at national scale"). A model is turned
 * into this as soon as it is solved, and its formulation is dropped.
 */
export interface ModelOutcome {
  readonly network: ModelNetwork;
  /** Units per location index after the moves (the current stock where there is no placement). */
  readonly target: readonly number[];
  /** null: no placement at all (stock stays as it is and every coverable site is uncovered). */
  readonly placed: { assignments: SiteAssignment[]; left: UnservedSite[] } | null;
  readonly method: CoverageMethod;
  readonly status: CoverageSolverStatus | 'heuristic';
  /** Transfer + purchase cost of the placement, and the best lower bound known on it. */
  readonly objective: number | null;
  readonly bound: number | null;
  readonly proven: boolean;
  readonly ms: number;
  readonly note: string;
}

/** The outcome of a greedy placement, with the best lower bound known (0 when nothing better). */
export function greedyOutcome(
  network: ModelNetwork,
  greedy: GreedyPlacement,
  ms: number,
  note: string,
  bound = 0,
): ModelOutcome {
  // Every cost is ≥ 0, so a placement that moves and buys nothing is optimal.
  const proven = greedy.left.length === 0 && greedy.objective - bound <= 1e-6;
  return {
    network,
    target: greedy.target,
    placed: { assignments: greedy.assignments, left: greedy.left },
    method: 'greedy',
    status: proven ? 'optimal' : 'heuristic',
    objective: greedy.objective,
    bound: Math.min(bound, greedy.objective),
    proven,
    ms,
    note: proven ? `${note}; proven optimal (it costs ${greedy.objective}, the lower bound)` : note,
  };
}

/** The outcomes of a MIP run, one per model it held. */
export function mipOutcomes(
  form: CoverageFormulation,
  run: MipRun,
  ms: number,
  note: string,
): ModelOutcome[] {
  return form.perModel.map((vars) => {
    const { network } = vars;
    const target = [...network.stock];
    if (run.values) for (const [l, variable] of vars.stock) target[l] = Math.round(run.values[variable]!);
    return {
      network,
      target,
      placed: run.values ? assignSites(network, vars, run.values) : null,
      method: 'mip',
      status: run.status,
      objective: form.perModel.length === 1 ? run.objective : null,
      // Where HiGHS stopped before a bound, 0 is one (every cost is ≥ 0).
      bound: form.perModel.length === 1 ? (run.bound ?? (run.values ? 0 : null)) : null,
      proven: run.proven,
      ms,
      note,
    };
  });
}

/**
 * Splits each group's per-location counts back into sites: sites in order, each to the nearest
 * location that still has a count for the group (the sites of a group are interchangeable for the
 * MIP, so any split is equally valid; this one keeps travel short). Sites beyond the counts are
 * the ones the soft model left uncovered.
 */
function assignSites(
  network: ModelNetwork,
  vars: ModelVariables,
  values: Float64Array,
): { assignments: SiteAssignment[]; left: UnservedSite[] } {
  const assignments: SiteAssignment[] = [];
  const left: UnservedSite[] = [];
  network.groups.forEach((group, g) => {
    const counts = vars.assign[g]!.map((a) => Math.round(values[a.variable]!));
    for (const siteId of group.siteIds) {
      const minutes = group.minutesBySite.get(siteId)!;
      let best = -1;
      let nearest = 0;
      counts.forEach((count, k) => {
        if (count > 0 && (best < 0 || minutes[k]! < minutes[best]!)) best = k;
        if (minutes[k]! < minutes[nearest]!) nearest = k;
      });
      if (best < 0) {
        left.push({
          siteId,
          rate: group.ratePerYear,
          nearest: { location: group.reach[nearest]!.location, minutes: minutes[nearest]! },
        });
        continue;
      }
      counts[best]!--;
      assignments.push({
        siteId,
        location: group.reach[best]!.location,
        minutes: minutes[best]!,
        rate: group.ratePerYear,
      });
    }
  });
  return { assignments, left };
}
