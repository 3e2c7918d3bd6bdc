import type { Engineer, Ticket } from '../problem.schema.ts';
import type { PartSupply, UnitSupply } from '../plan.schema.ts';
import type { CheckContext } from './context.ts';
import type { Draw } from './ledger.ts';
import type { ViolationSink } from './types.ts';

/** What a plan says about how one ticket's parts and spare unit reach the site. */
export interface SupplyPlan {
  parts: readonly PartSupply[];
  spareUnit?: UnitSupply | null;
}

/** A pickup stop seen so far on the route, and what the route's tickets draw through it. */
export interface PickupVisit {
  location: string;
  drawn: Map<string, number>;
}

export interface SupplyOutcome {
  /** When each part supply is at the site, in the order of the plan's `parts`. */
  partsAtSite: number[];
  /** When the last part is at the site (work cannot start before). */
  partsReady: number;
  /** When the spare unit is at the site; undefined when none is supplied. */
  unitAtSite: number | undefined;
  /** Courier driving units: one trip per stock location couriering to this ticket. */
  courierUnits: number;
  draws: Draw[];
}

interface SupplyJob {
  ctx: CheckContext;
  ticket: Ticket;
  engineer: Engineer;
  site: number;
  arrive: number;
  pickups: ReadonlyMap<string, PickupVisit>;
  sink: ViolationSink;
  draws: Draw[];
  courierFrom: Set<number>;
}

/**
 * Checks one ticket's supplies against its needs and the route so far, and works out when each
 * is at the site. Parts by van or pickup travel with the engineer; a courier's arrival does not.
 */
export function checkSupplies(
  ctx: CheckContext,
  ticket: Ticket,
  engineer: Engineer,
  site: number,
  arrive: number,
  plan: SupplyPlan,
  pickups: ReadonlyMap<string, PickupVisit>,
  sink: ViolationSink,
): SupplyOutcome {
  const job: SupplyJob = {
    ctx,
    ticket,
    engineer,
    site,
    arrive,
    pickups,
    sink,
    draws: [],
    courierFrom: new Set(),
  };
  matchPartsToNeeds(job, plan.parts);
  const partsAtSite = plan.parts.map((supply) => resolveSource(job, supply, supply.qty));
  const unitAtSite = checkSpareUnit(job, plan.spareUnit ?? undefined);
  let courierUnits = 0;
  for (const from of job.courierFrom) courierUnits += ctx.courierDriveUnits(from, site);
  return {
    partsAtSite,
    partsReady: Math.max(arrive, ...partsAtSite),
    unitAtSite,
    courierUnits,
    draws: job.draws,
  };
}

/**
 * Allocates supplies to needs: those naming `forSku` first, then exact SKUs, then superseding
 * ones, so that a greedy pass cannot starve a need an exact SKU was meant for.
 */
function matchPartsToNeeds(job: SupplyJob, supplies: readonly PartSupply[]): void {
  const { ctx, ticket, sink } = job;
  const remaining = new Map<string, number>();
  for (const need of ticket.parts) remaining.set(need.sku, (remaining.get(need.sku) ?? 0) + need.qty);
  const leftover = supplies.map((supply) => supply.qty);
  const take = (i: number, needSku: string): void => {
    const taken = Math.min(leftover[i]!, remaining.get(needSku) ?? 0);
    leftover[i]! -= taken;
    remaining.set(needSku, (remaining.get(needSku) ?? 0) - taken);
  };

  supplies.forEach((supply, i) => {
    if (supply.forSku === undefined) return;
    if (!remaining.has(supply.forSku) || !ctx.skuFit.partFits(supply.sku, supply.forSku)) {
      sink.report(
        'part-incompatible',
        `${supply.sku} does not meet a need of ${ticket.id} for ${supply.forSku}`,
        {
          ticket: ticket.id,
        },
      );
      leftover[i] = 0;
      return;
    }
    take(i, supply.forSku);
  });
  supplies.forEach((supply, i) => {
    if (supply.forSku === undefined && remaining.has(supply.sku)) take(i, supply.sku);
  });
  supplies.forEach((supply, i) => {
    if (supply.forSku !== undefined) return;
    for (const needSku of remaining.keys()) {
      if (leftover[i]! > 0 && ctx.skuFit.partFits(supply.sku, needSku)) take(i, needSku);
    }
  });

  supplies.forEach((supply, i) => {
    if (leftover[i]! <= 0) return;
    const fitsSome = [...remaining.keys()].some((needSku) => ctx.skuFit.partFits(supply.sku, needSku));
    if (fitsSome)
      sink.report('parts-excess', `${leftover[i]} × ${supply.sku} more than ${ticket.id} needs`, {
        ticket: ticket.id,
      });
    else
      sink.report('part-incompatible', `${supply.sku} fits no part need of ${ticket.id}`, {
        ticket: ticket.id,
      });
  });
  const short = [...remaining].filter(([, qty]) => qty > 0).map(([sku, qty]) => `${qty} × ${sku}`);
  if (short.length > 0)
    sink.report('parts-missing', `${ticket.id} lacks ${short.join(', ')}`, { ticket: ticket.id });
}

function checkSpareUnit(job: SupplyJob, supply: UnitSupply | undefined): number | undefined {
  const { ctx, ticket, sink } = job;
  const need = ticket.spareUnit;
  if (!need) {
    if (!supply) return undefined;
    sink.report('unit-incompatible', `${ticket.id} needs no spare unit, yet gets ${supply.sku}`, {
      ticket: ticket.id,
    });
    resolveSource(job, supply, 1);
    return undefined;
  }
  if (!supply) {
    sink.report('unit-missing', `${ticket.id} needs a ${need.model} unit and gets none`, {
      ticket: ticket.id,
    });
    return undefined;
  }
  if (!ctx.skuFit.unitFits(supply.sku, need.model))
    sink.report('unit-incompatible', `${supply.sku} is not a ${need.model} unit`, { ticket: ticket.id });
  return resolveSource(job, supply, 1);
}

/**
 * Records the draw a supply makes and returns when it is at the site. A supply whose source is
 * wrong is reported and taken to arrive with the engineer, so one mistake is one violation.
 */
function resolveSource(
  job: SupplyJob,
  supply: { sku: string; from: string; via: string },
  qty: number,
): number {
  const { ctx, ticket, engineer, sink, arrive } = job;
  const about = { ticket: ticket.id, engineer: engineer.id };
  if (supply.via === 'van') {
    if (supply.from !== 'van')
      sink.report('supply-source', `${supply.sku} via van must come from "van"`, about);
    else job.draws.push({ source: 'van', owner: engineer.id, sku: supply.sku, qty });
    return arrive;
  }
  if (supply.from === 'van') {
    sink.report('supply-source', `${supply.sku} from the van must travel via van, not ${supply.via}`, about);
    return arrive;
  }
  const from = ctx.locationIndex.get(supply.from);
  if (from === undefined) {
    sink.report('unknown-location', `${supply.sku} comes from unknown location ${supply.from}`, about);
    return arrive;
  }
  job.draws.push({ source: 'stock', owner: supply.from, sku: supply.sku, qty });
  if (supply.via === 'pickup') {
    const pickup = job.pickups.get(supply.from);
    if (!pickup)
      sink.report(
        'pickup-missing',
        `${supply.sku} for ${ticket.id} via pickup at ${supply.from}, which the route does not visit before`,
        about,
      );
    else pickup.drawn.set(supply.sku, (pickup.drawn.get(supply.sku) ?? 0) + qty);
    return arrive;
  }
  if (!ctx.problem.courier)
    sink.report(
      'courier-unavailable',
      `${supply.sku} for ${ticket.id} by courier, but the problem has none`,
      about,
    );
  job.courierFrom.add(from);
  return ctx.courierAtSite(from, job.site);
}
