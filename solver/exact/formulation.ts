import type { Draft, DraftStop } from './draft.ts';
import { addCommitments } from './formulation-commitments.ts';
import { addRouting, type RoutingVariables } from './formulation-routes.ts';
import { nodeKey, type RouteNode } from './route-node.ts';
import { addSupply, type SupplyVariables } from './formulation-supply.ts';
import type { ExactInstance } from './instance.ts';
import { ModelBuilder, term, type LinearExpression, type LinearTerm, type MipModel } from './model.ts';

/**
 * The dispatch problem as one MIP with its objective terms kept apart, so that a lexicographic
 * driver can optimise them one after another, and a decoder from a MIP solution back to a draft.
 * Every term is in integer units (time in 1/100 minute, coverage and moves in counts; term 1 in
 * the problem's weights), which is what lets a stage be fixed exactly at its optimum.
 */
export interface ExactFormulation {
  readonly model: MipModel;
  /** Stage objectives in lexicographic order (see stagesOf). */
  readonly objectives: readonly LinearExpression[];
  /** Whether the objective takes only integer values, so a gap below 1 proves optimality. */
  readonly integral: readonly boolean[];
  /** Which objective terms (1–5: missed, late, travel, coverage, moves) each stage decides. */
  readonly stageTerms: readonly (readonly number[])[];
  readonly arcCount: number;
  decode(values: Float64Array): Draft;
}

export function buildFormulation(instance: ExactInstance): ExactFormulation {
  const builder = new ModelBuilder();
  const routing = addRouting(builder, instance);
  const supply = addSupply(builder, instance, routing);
  const commitments = addCommitments(builder, instance, routing, supply);

  const travel = [
    ...routing.arcs.filter((arc) => arc.cost !== 0).map((arc) => term(arc.variable, arc.cost)),
    ...supply.trips.map((trip) => term(trip.variable, trip.drive)),
  ];
  const moves = instance.tickets.flatMap((ticket) => {
    const previous = ticket.source.previousEngineer;
    if (previous == null) return [];
    return [...routing.assigned.entries()]
      .filter(([e, map]) => map.has(ticket.index) && instance.engineers[e]!.id !== previous)
      .map(([, map]) => term(map.get(ticket.index)!));
  });
  const coverage = supply.coverage.map((v) => term(v));
  return {
    model: builder.build(),
    ...stagesOf(commitments.missed, commitments.late, travel, coverage, moves, instance.integerWeights),
    arcCount: routing.arcs.length,
    decode: (values) => decode(instance, routing, supply, values),
  };
}

/** Largest objective coefficient we let the merged last stage reach before keeping stages apart. */
const MERGED_COEFFICIENT_LIMIT = 1e7;

/**
 * The stages to solve. Terms 3 (travel), 4 (coverage) and 5 (moves) are merged into one stage
 * with weights that keep them lexicographic: coverage and moves are small counts, so travel ×
 * (maxCoverage + 1)(maxMoves + 1) + coverage × (maxMoves + 1) + moves orders exactly as the three
 * stages would, in integers small enough for the solver's tolerances. Terms 1 and 2 span too wide
 * a range to merge (weights of millions times minutes in hundredths) and stay stages of their own.
 */
function stagesOf(
  missed: LinearTerm[],
  late: LinearTerm[],
  travel: LinearTerm[],
  coverage: LinearTerm[],
  moves: LinearTerm[],
  integerWeights: boolean,
): Pick<ExactFormulation, 'objectives' | 'integral' | 'stageTerms'> {
  const movesFactor = moves.length + 1;
  const coverageFactor = (coverage.length + 1) * movesFactor;
  const largestLeg = Math.max(0, ...travel.map((t) => t.coefficient));
  if (largestLeg * coverageFactor <= MERGED_COEFFICIENT_LIMIT) {
    const merged = [
      ...travel.map((t) => term(t.variable, t.coefficient * coverageFactor)),
      ...coverage.map((t) => term(t.variable, movesFactor)),
      ...moves,
    ];
    return {
      objectives: [missed, late, merged],
      integral: [integerWeights, true, true],
      stageTerms: [[1], [2], [3, 4, 5]],
    };
  }
  return {
    objectives: [missed, late, travel, coverage, moves],
    integral: [integerWeights, true, true, true, true],
    stageTerms: [[1], [2], [3], [4], [5]],
  };
}

function decode(
  instance: ExactInstance,
  routing: RoutingVariables,
  supply: SupplyVariables,
  values: Float64Array,
): Draft {
  const chosen = (variable: number) => values[variable]! > 0.5;
  const routes: DraftStop[][] = instance.engineers.map((engineer) => {
    const next = new Map<string, RouteNode>();
    for (const arc of routing.arcs)
      if (arc.engineer === engineer.index && chosen(arc.variable)) next.set(nodeKey(arc.from), arc.to);
    const stops: DraftStop[] = [];
    let node = next.get('start');
    // A valid solution is one path; the bound on steps only guards against a malformed one.
    for (let steps = 0; node && node.kind !== 'end' && steps <= next.size; steps++) {
      stops.push(
        node.kind === 'ticket'
          ? { kind: 'ticket', ticket: node.ticket }
          : { kind: 'pickup', location: (node as { location: number }).location },
      );
      node = next.get(nodeKey(node));
    }
    return stops;
  });
  const parts: Draft['parts'] = [];
  const units: Draft['units'] = [];
  for (const supplyVariable of supply.supplies) {
    const qty = Math.round(values[supplyVariable.variable]!);
    if (qty <= 0) continue;
    const { ticket, need, sku, source } = supplyVariable;
    if (need < 0) units.push({ ticket, sku, source });
    else parts.push({ ticket, need, sku, qty, source });
  }
  return { routes, parts, units };
}
