/**
 * The network as a what-if simulation sees it: plain, JSON-serialisable data read from the
 * database at one moment (see scenario-network.repository.ts), then changed by a scenario's change
 * set (apply-change-set.ts). Arrays are sorted by id (stock by location, then SKU) so that the same
 * network always gives the same snapshot, the same fingerprint and the same simulation input.
 */
export type StockHoldingKind = 'depot' | 'office' | 'van';
export type SnapshotLocationKind = StockHoldingKind | 'site';

export interface SnapshotRegion {
  id: string;
  name: string;
  timeZone: string;
}

export interface SnapshotZone {
  id: string;
  regionId: string;
  /** The commitment catalog's zone kind (same-city, surrounding, …): profiles' hours depend on it. */
  kind: string;
}

export interface SnapshotLocation {
  id: string;
  kind: SnapshotLocationKind;
  name: string;
  regionId: string;
  zoneId: string | null;
  lat: number;
  lon: number;
  /** For a site: the office or depot that serves it. */
  servingOfficeId: string | null;
  /** For a site: the customer it belongs to (whose contracts apply). */
  customerId: string | null;
}

export interface SnapshotShift {
  /** ISO weekday, 1 = Monday … 7 = Sunday. */
  weekday: number;
  /** HH:MM, local to the engineer's region. */
  startsAt: string;
  endsAt: string;
}

export interface SnapshotEngineer {
  id: string;
  name: string;
  /** The office or depot the engineer starts from. */
  homeLocationId: string;
  /** The engineer's van, a stock location of kind 'van'; null for an engineer without one. */
  vanLocationId: string | null;
  maxJobsPerDay: number;
  /** Skill → level 1..3. */
  skills: Record<string, number>;
  shifts: SnapshotShift[];
}

export interface SnapshotStock {
  locationId: string;
  skuId: string;
  /** Units available (on hand less reserved); only positive quantities are listed. */
  qty: number;
}

export interface SnapshotSku {
  id: string;
  kind: 'part' | 'unit';
  /** For a spare unit: the equipment model it is. */
  model: string | null;
  /** For a part: the equipment models it fits (sorted). */
  fits: string[];
  /** The SKUs this one replaces (sorted): a need for one of them may be met with this one. */
  supersedes: string[];
  unitCost: number;
  packSize: number;
  minOrderQty: number;
  supplierId: string | null;
  leadTimeDaysMean: number;
  leadTimeDaysSd: number;
}

export interface SnapshotSupplier {
  id: string;
  name: string;
}

export interface SnapshotProfile {
  id: string;
  name: string;
  /** The profile's figures (validated by src/commitments when it was saved). */
  definition: unknown;
}

export interface SnapshotContract {
  id: string;
  customerId: string;
  profileId: string;
  tier: 'A' | 'B' | 'C';
  startsOn: string;
  endsOn: string | null;
}

/**
 * A multiplier on ticket demand. Null fields match everything; where several rules match a
 * ticket, their factors multiply (see demandFactor).
 */
export interface DemandScale {
  factor: number;
  regionId: string | null;
  level: number | null;
  /** Calendar months 1..12 the rule applies in. */
  months: number[] | null;
}

export interface NetworkSnapshot {
  regions: SnapshotRegion[];
  zones: SnapshotZone[];
  /** Active depots, offices, vans and customer sites. */
  locations: SnapshotLocation[];
  /** Active engineers. */
  engineers: SnapshotEngineer[];
  stock: SnapshotStock[];
  skus: SnapshotSku[];
  suppliers: SnapshotSupplier[];
  profiles: SnapshotProfile[];
  contracts: SnapshotContract[];
  /** Empty on the live network: demand as the demand model forecasts it. */
  demandScales: DemandScale[];
}

/** How much a ticket's demand is scaled: the product of every matching rule's factor. */
export function demandFactor(
  snapshot: Pick<NetworkSnapshot, 'demandScales'>,
  ticket: { regionId: string; level: number; month: number },
): number {
  let factor = 1;
  for (const rule of snapshot.demandScales) {
    if (rule.regionId !== null && rule.regionId !== ticket.regionId) continue;
    if (rule.level !== null && rule.level !== ticket.level) continue;
    if (rule.months !== null && !rule.months.includes(ticket.month)) continue;
    factor *= rule.factor;
  }
  return factor;
}

export const isStockHolding = (kind: SnapshotLocationKind): kind is StockHoldingKind => kind !== 'site';

const compare = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
const byId = <T extends { id: string }>(rows: T[]) => [...rows].sort((a, b) => compare(a.id, b.id));

/**
 * The snapshot in its canonical order (by id in code-unit order, whatever the database's
 * collation; stock by location then SKU): equal networks give equal JSON and fingerprints.
 */
export function canonicalSnapshot(snapshot: NetworkSnapshot): NetworkSnapshot {
  return {
    regions: byId(snapshot.regions),
    zones: byId(snapshot.zones),
    locations: byId(snapshot.locations),
    engineers: byId(snapshot.engineers).map((engineer) => ({
      ...engineer,
      skills: Object.fromEntries(Object.entries(engineer.skills).sort(([a], [b]) => compare(a, b))),
      shifts: [...engineer.shifts].sort((a, b) => a.weekday - b.weekday),
    })),
    stock: [...snapshot.stock].sort(
      (a, b) => compare(a.locationId, b.locationId) || compare(a.skuId, b.skuId),
    ),
    skus: byId(snapshot.skus),
    suppliers: byId(snapshot.suppliers),
    profiles: byId(snapshot.profiles),
    contracts: byId(snapshot.contracts),
    demandScales: snapshot.demandScales,
  };
}
