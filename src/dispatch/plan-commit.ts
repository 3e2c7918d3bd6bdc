import type { Plan } from '../../solver/index.ts';
import type { DispatchSnapshot } from './problem-builder.ts';

/**
 * What a plan touches, read off the plan alone: the tickets it assigns, the engineers it sends,
 * and the stock it takes, per ticket and (location, SKU). Van stock is the engineer's van
 * location; a pickup or courier takes stock at its `from` location.
 */
export interface StockTake {
  ticketId: string;
  locationId: string;
  skuId: string;
  qty: number;
}

export interface PlanFootprint {
  ticketIds: string[];
  engineerIds: string[];
  takes: StockTake[];
}

export const stockKey = (locationId: string, skuId: string) => `${locationId}:${skuId}`;

export function planFootprint(plan: Plan, vanOf: ReadonlyMap<string, string | null>): PlanFootprint {
  const takes = new Map<string, StockTake>();
  const take = (ticketId: string, locationId: string, skuId: string, qty: number) => {
    const key = `${ticketId}\u001f${stockKey(locationId, skuId)}`;
    const existing = takes.get(key);
    if (existing) existing.qty += qty;
    else takes.set(key, { ticketId, locationId, skuId, qty });
  };
  for (const assignment of plan.assignments) {
    const locationOf = (from: string, via: string) => {
      if (via !== 'van') return from;
      const van = vanOf.get(assignment.engineer);
      if (!van) throw new Error(`plan takes van stock of ${assignment.engineer}, who has no van`);
      return van;
    };
    for (const part of assignment.parts)
      take(assignment.ticket, locationOf(part.from, part.via), part.sku, part.qty);
    const unit = assignment.spareUnit;
    if (unit) take(assignment.ticket, locationOf(unit.from, unit.via), unit.sku, 1);
  }
  return {
    ticketIds: [...new Set(plan.assignments.map((a) => a.ticket))].sort(),
    engineerIds: [...new Set(plan.assignments.map((a) => a.engineer))].sort(),
    takes: [...takes.values()],
  };
}

export interface SnapshotDrift {
  field: string;
  message: string;
}

/**
 * What changed since the snapshot among the things the plan touches. Versions the snapshot does
 * not hold count as changed: the plan cannot be shown to still be right about them.
 */
export function snapshotDrift(
  snapshot: DispatchSnapshot,
  current: {
    stock: ReadonlyMap<string, number>;
    engineers: ReadonlyMap<string, number>;
    tickets: ReadonlyMap<string, number>;
  },
): SnapshotDrift[] {
  const drift: SnapshotDrift[] = [];
  const compare = (
    what: string,
    field: string,
    seen: Record<string, number>,
    now: ReadonlyMap<string, number>,
  ) => {
    for (const [id, version] of now) {
      const before = seen[id];
      if (before === undefined)
        drift.push({ field: `${field}.${id}`, message: `${what} ${id} was not in the plan's snapshot` });
      else if (before !== version)
        drift.push({
          field: `${field}.${id}`,
          message: `${what} ${id} changed since the plan was made (version ${before} → ${version})`,
        });
    }
  };
  compare('stock', 'stockVersions', snapshot.stockVersions, current.stock);
  compare('engineer', 'engineerVersions', snapshot.engineerVersions, current.engineers);
  compare('ticket', 'ticketVersions', snapshot.ticketVersions, current.tickets);
  return drift;
}
