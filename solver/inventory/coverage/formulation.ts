import {
  ModelBuilder,
  term,
  type LinearExpression,
  type LinearTerm,
  type MipModel,
} from '../../exact/model.ts';
import { appendAll } from './arrays.ts';
import { transferCostLookup } from './movements.ts';
import { effectiveCapacity, type ModelNetwork } from './network.ts';
import type { CoverageInput } from './types.ts';

/**
 * The coverage MIP of ../shared/docs/inventory.md for one or more models, written once in the
 * solver-neutral form of solver/exact/model.ts (so HiGHS and javascript-lp-solver both solve it):
 *
 *   n_{p,l}   integer  units of model p at location l after the moves
 *   u_{p,l,s} binary   location l is sized for level s (s = 1..S_l; none chosen = level 0)
 *   x_{p,l,g} integer  sites of group g covered by l (a group of identical sites, see network.ts)
 *   y_{p,a,l} ≥ 0      units moved from a to l;   z_{p,l} ≥ 0  units bought for l (continuous:
 *                      with integer n and stock the flow rows are totally unimodular, and the
 *                      moves are re-derived from n afterwards)
 *   m_{p,g}   integer  sites of g left uncovered (only in the soft model)
 *
 *   Σ_l x_{l,g} (+ m_g) = |g|                       every coverable site covered once
 *   Σ_g λ_g x_{l,g} ≤ Σ_s Λmax(s) u_{l,s}            the level serves its sites at fill rate f*
 *   Σ_s u_{l,s} ≤ 1,  Σ_s s u_{l,s} ≤ n_l            one level, held on the shelf
 *   n_l = stock_l + Σ_a y_{a,l} − Σ_b y_{l,b} + z_l  units are moved or bought, never lost
 *   x_{l,g} ≤ |g| Σ_{s ≥ level(λ_g)} u_{l,s}          linking cuts for a tighter relaxation
 *   capacity: n_l ≤ cap_l per model (a relaxation) or Σ_p n_{p,l} ≤ cap_l (shared), where
 *             cap_l = max(capacity, units held now): stock already there is never forced out
 *   budget:   Σ unitCost z ≤ B (per model as a relaxation, or over all models)
 *   minimise  Σ holding n + Σ transfer y + Σ unitCost z
 *             (written as Σ (unitCost + holding) z + Σ transfer y: Σ n = stock + Σ z)
 *
 * S_l is the smallest level serving every site l can reach (a larger one is never needed).
 * Transfer arcs: all of them on small networks; on large ones, for each destination, the cheapest
 * sources until their stock covers that destination's largest level (and at least MIN_ARCS),
 * plus the LARGEST_HOLDERS locations holding the most stock.
 * Movements are re-derived exactly from the levels afterwards (movements.ts).
 */
export interface ModelVariables {
  readonly network: ModelNetwork;
  readonly stock: ReadonlyMap<number, number>;
  readonly purchase: ReadonlyMap<number, number>;
  readonly transfers: readonly { from: number; to: number; variable: number; unitCost: number }[];
  readonly levels: ReadonlyMap<number, readonly { units: number; variable: number }[]>;
  /** Per group (same index as network.groups): the assignment variable per reachable location. */
  readonly assign: readonly (readonly { location: number; variable: number }[])[];
  /** Per group, the miss variable (soft model only). */
  readonly miss: readonly (number | null)[];
}

export interface CoverageFormulation {
  readonly model: MipModel;
  readonly cost: LinearExpression;
  /** Σ λ × uncovered sites (empty in the hard model). */
  readonly missed: LinearExpression;
  readonly perModel: readonly ModelVariables[];
}

export interface FormulationOptions {
  /** Allow sites to stay uncovered (stage 1 then minimises the uncovered rate). */
  readonly soft: boolean;
  /** Write capacity and budget across all the models given (true) or per model (a relaxation). */
  readonly shared: boolean;
  /** Λmax(s) for s = 0, 1, … (at least up to the largest level any location needs). */
  readonly lambdaMax: readonly number[];
}

const FULL_ARC_LIMIT = 4000;
const MIN_ARCS = 4;
const LARGEST_HOLDERS = 3;

export function formulate(
  input: CoverageInput,
  networks: readonly ModelNetwork[],
  options: FormulationOptions,
): CoverageFormulation {
  const builder = new ModelBuilder();
  const cost: LinearTerm[] = [];
  const missed: LinearTerm[] = [];
  const costOf = transferCostLookup(input.transferCost);
  const capacityTerms = new Map<number, LinearTerm[]>();
  const budgetTerms: LinearTerm[] = [];
  const perModel: ModelVariables[] = [];

  for (const network of networks) {
    const { model } = network;
    const tag = (name: string) => `${model.id}:${name}`;
    const sources = network.stock.flatMap((units, l) => (units > 0 ? [l] : []));
    const places = [...new Set([...network.covering, ...sources])].sort((a, b) => a - b);
    const capacityOf = (l: number) => effectiveCapacity(input, l);

    const stock = new Map<number, number>();
    for (const l of places) {
      const upper = options.shared ? Number.POSITIVE_INFINITY : capacityOf(l);
      const variable = builder.addVariable(tag(`n_${l}`), 0, upper, true);
      stock.set(l, variable);
      if (input.locations[l]!.capacity !== undefined) {
        const terms = capacityTerms.get(l) ?? [];
        terms.push(term(variable));
        capacityTerms.set(l, terms);
      }
    }

    const levels = new Map<number, { units: number; variable: number }[]>();
    const purchase = new Map<number, number>();
    const modelBudget: LinearTerm[] = [];
    for (const l of network.covering) {
      const rate = network.reachableRate.get(l)!;
      const top = Math.min(levelFor(rate, options.lambdaMax), capacityOf(l));
      const ladder: { units: number; variable: number }[] = [];
      for (let s = 1; s <= top; s++) ladder.push({ units: s, variable: builder.binary(tag(`u_${l}_${s}`)) });
      levels.set(l, ladder);
      if (ladder.length > 0) {
        builder.atMost(
          tag(`one_level_${l}`),
          ladder.map((u) => term(u.variable)),
          1,
        );
        builder.atMost(
          tag(`on_shelf_${l}`),
          [...ladder.map((u) => term(u.variable, u.units)), term(stock.get(l)!, -1)],
          0,
        );
      }
      const z = builder.continuous(tag(`z_${l}`), 0, Number.POSITIVE_INFINITY);
      purchase.set(l, z);
      // Σ_l n_l = current units + Σ_l z_l (the balance rows), so the holding cost of the final
      // stock is a constant plus holding × purchases: the objective carries only the part that
      // depends on the decision, which keeps a relative gap meaningful.
      cost.push(term(z, model.unitCost + model.holdingCostPerYear));
      modelBudget.push(term(z, model.unitCost));
    }

    const transfers = chooseArcs(network, sources, levels, (a, b) =>
      costOf(input.locations[a]!.id, input.locations[b]!.id),
    ).map(({ from, to, unitCost }) => {
      const variable = builder.continuous(tag(`y_${from}_${to}`), 0, Number.POSITIVE_INFINITY);
      cost.push(term(variable, unitCost));
      return { from, to, variable, unitCost };
    });
    const flowTerms = new Map<number, LinearTerm[]>(places.map((l) => [l, [term(stock.get(l)!)]]));
    for (const y of transfers) {
      flowTerms.get(y.to)!.push(term(y.variable, -1));
      flowTerms.get(y.from)!.push(term(y.variable, 1));
    }
    for (const l of places) {
      const terms = flowTerms.get(l)!;
      const z = purchase.get(l);
      if (z !== undefined) terms.push(term(z, -1));
      builder.equal(tag(`balance_${l}`), terms, network.stock[l]!);
    }

    const served = new Map<number, LinearTerm[]>();
    const assign = network.groups.map((group, g) => {
      const size = group.siteIds.length;
      const vars = group.reach.map((r) => {
        const variable = builder.addVariable(tag(`x_${r.location}_${g}`), 0, size, true);
        const terms = served.get(r.location) ?? [];
        terms.push(term(variable, group.ratePerYear));
        served.set(r.location, terms);
        return { location: r.location, variable };
      });
      return vars;
    });
    const miss = network.groups.map((group, g) => {
      const size = group.siteIds.length;
      const vars = assign[g]!.map((a) => term(a.variable));
      if (!options.soft) {
        builder.equal(tag(`cover_${g}`), vars, size);
        return null;
      }
      const m = builder.addVariable(tag(`m_${g}`), 0, size, true);
      missed.push(term(m, group.ratePerYear));
      builder.equal(tag(`cover_${g}`), [...vars, term(m)], size);
      return m;
    });
    // Linking cuts (redundant for integers, strong for the LP relaxation): a location serves sites
    // of rate λ only when its level alone could serve one of them, s ≥ level(λ).
    network.groups.forEach((group, g) => {
      const needed = levelFor(group.ratePerYear, options.lambdaMax);
      for (const a of assign[g]!) {
        const enough = levels.get(a.location)!.filter((u) => u.units >= needed);
        builder.atMost(
          tag(`link_${a.location}_${g}`),
          [term(a.variable), ...enough.map((u) => term(u.variable, -group.siteIds.length))],
          0,
        );
      }
    });
    for (const [l, terms] of served) {
      const ladder = levels.get(l)!;
      builder.atMost(
        tag(`fill_${l}`),
        [...terms, ...ladder.map((u) => term(u.variable, -options.lambdaMax[u.units]!))],
        0,
      );
    }
    if (input.purchaseBudget !== undefined) {
      if (options.shared) appendAll(budgetTerms, modelBudget);
      else builder.atMost(tag('budget'), modelBudget, input.purchaseBudget);
    }
    perModel.push({ network, stock, purchase, transfers, levels, assign, miss });
  }

  if (options.shared) {
    for (const [l, terms] of capacityTerms)
      builder.atMost(`capacity_${l}`, terms, effectiveCapacity(input, l));
    if (input.purchaseBudget !== undefined && budgetTerms.length > 0)
      builder.atMost('budget', budgetTerms, input.purchaseBudget);
  }
  return { model: builder.build(), cost, missed, perModel };
}

/** The smallest s with Λmax(s) ≥ rate (the table is built long enough by the caller). */
export function levelFor(rate: number, lambdaMax: readonly number[]): number {
  const s = lambdaMax.findIndex((value) => value >= rate);
  if (s < 0) throw new Error(`level table too short for rate ${rate}`);
  return s;
}

function chooseArcs(
  network: ModelNetwork,
  sources: readonly number[],
  levels: ReadonlyMap<number, readonly { units: number }[]>,
  costOf: (from: number, to: number) => number,
): { from: number; to: number; unitCost: number }[] {
  const all = sources.length * network.covering.length <= FULL_ARC_LIMIT;
  const largest = [...sources]
    .sort((a, b) => network.stock[b]! - network.stock[a]! || a - b)
    .slice(0, LARGEST_HOLDERS);
  const arcs: { from: number; to: number; unitCost: number }[] = [];
  for (const to of network.covering) {
    const candidates = sources
      .filter((from) => from !== to)
      .map((from) => ({ from, to, unitCost: costOf(from, to) }))
      .sort((a, b) => a.unitCost - b.unitCost || a.from - b.from);
    if (all) {
      appendAll(arcs, candidates);
      continue;
    }
    const need = levels.get(to)!.length;
    let gathered = 0;
    let taken = 0;
    const chosen = new Set<number>();
    for (const arc of candidates) {
      if (gathered >= need && taken >= MIN_ARCS) break;
      arcs.push(arc);
      chosen.add(arc.from);
      gathered += network.stock[arc.from]!;
      taken++;
    }
    // The largest holders (a central depot) can feed any destination, however far.
    for (const from of largest) {
      if (from === to || chosen.has(from)) continue;
      arcs.push({ from, to, unitCost: costOf(from, to) });
    }
  }
  return arcs;
}
