import type { Change } from './change-set.schemas.ts';
import {
  canonicalSnapshot,
  isStockHolding,
  type NetworkSnapshot,
  type SnapshotEngineer,
  type SnapshotLocation,
  type SnapshotStock,
} from './network-snapshot.ts';

/**
 * A change that cannot be applied: `index` is its position in the change set, `field` the key of
 * the change at fault (the API reports `body.changes[index].field`).
 */
export class ChangeSetError extends Error {
  constructor(
    readonly index: number,
    readonly field: string,
    readonly reason: string,
  ) {
    super(`change ${index} (${field}): ${reason}`);
    this.name = 'ChangeSetError';
  }
}

const stockKey = (locationId: string, skuId: string) => `${locationId}\u0000${skuId}`;

/**
 * The network after a change set: the changes apply in order, each seeing the ones before it (a
 * depot opened by change 2 can receive stock in change 5). The baseline is not modified; the
 * result is new plain data, sorted like a snapshot read from the database. The first change that
 * does not fit the network it meets throws a ChangeSetError naming it.
 */
export function applyChangeSet(baseline: NetworkSnapshot, changes: readonly Change[]): NetworkSnapshot {
  const state = new WorkingNetwork(structuredClone(baseline));
  changes.forEach((change, index) => state.apply(change, index));
  return state.toSnapshot();
}

class WorkingNetwork {
  private readonly locations: Map<string, SnapshotLocation>;
  private readonly engineers: Map<string, SnapshotEngineer>;
  private readonly stock: Map<string, SnapshotStock>;
  private readonly regionIds: Set<string>;
  private readonly zoneIds: Set<string>;
  private readonly skuIds: Set<string>;
  private readonly supplierIds: Set<string>;
  private readonly profileIds: Set<string>;
  /** Which change added or removed an id, so that a later conflicting change can say which. */
  private readonly addedBy = new Map<string, number>();
  private readonly removedBy = new Map<string, number>();

  constructor(private readonly snapshot: NetworkSnapshot) {
    this.locations = new Map(snapshot.locations.map((location) => [location.id, location]));
    this.engineers = new Map(snapshot.engineers.map((engineer) => [engineer.id, engineer]));
    this.stock = new Map(snapshot.stock.map((row) => [stockKey(row.locationId, row.skuId), row]));
    this.regionIds = new Set(snapshot.regions.map((region) => region.id));
    this.zoneIds = new Set(snapshot.zones.map((zone) => zone.id));
    this.skuIds = new Set(snapshot.skus.map((sku) => sku.id));
    this.supplierIds = new Set(snapshot.suppliers.map((supplier) => supplier.id));
    this.profileIds = new Set(snapshot.profiles.map((profile) => profile.id));
  }

  apply(change: Change, index: number): void {
    switch (change.kind) {
      case 'add-engineer': {
        if (this.engineers.has(change.engineerId))
          throw new ChangeSetError(index, 'engineerId', `engineer ${change.engineerId} already exists`);
        this.officeOrDepot(index, 'homeLocationId', change.homeLocationId);
        this.engineers.set(change.engineerId, {
          id: change.engineerId,
          name: change.name,
          homeLocationId: change.homeLocationId,
          vanLocationId: null,
          maxJobsPerDay: change.maxJobsPerDay,
          skills: { ...change.skills },
          shifts: change.shifts.map((shift) => ({ ...shift })),
        });
        this.addedBy.set(`engineer:${change.engineerId}`, index);
        return;
      }
      case 'remove-engineer': {
        const added = this.addedBy.get(`engineer:${change.engineerId}`);
        if (added !== undefined)
          throw new ChangeSetError(
            index,
            'engineerId',
            `engineer ${change.engineerId} is added by change ${added} of this set: drop that change instead`,
          );
        this.engineer(index, change.engineerId);
        this.engineers.delete(change.engineerId);
        this.removedBy.set(`engineer:${change.engineerId}`, index);
        return;
      }
      case 'change-skills':
        this.engineer(index, change.engineerId).skills = { ...change.skills };
        return;
      case 'change-shift':
        this.engineer(index, change.engineerId).shifts = change.shifts.map((shift) => ({ ...shift }));
        return;
      case 'open-location': {
        if (this.locations.has(change.locationId))
          throw new ChangeSetError(index, 'locationId', `location ${change.locationId} already exists`);
        if (!this.regionIds.has(change.regionId))
          throw new ChangeSetError(index, 'regionId', `no region ${change.regionId}`);
        this.locations.set(change.locationId, {
          id: change.locationId,
          kind: change.locationKind,
          name: change.name,
          regionId: change.regionId,
          zoneId: null,
          lat: change.lat,
          lon: change.lon,
          servingOfficeId: null,
          customerId: null,
        });
        this.addedBy.set(`location:${change.locationId}`, index);
        return;
      }
      case 'close-location':
        return this.closeLocation(change, index);
      case 'move-location': {
        const location = this.location(index, 'locationId', change.locationId);
        if (location.kind === 'van')
          throw new ChangeSetError(
            index,
            'locationId',
            `${change.locationId} is a van: it moves with its engineer`,
          );
        location.lat = change.lat;
        location.lon = change.lon;
        return;
      }
      case 'add-stock':
        this.stockHolding(index, 'locationId', change.locationId);
        this.sku(index, change.skuId);
        this.addStock(change.locationId, change.skuId, change.qty);
        return;
      case 'move-stock':
        this.stockHolding(index, 'fromLocationId', change.fromLocationId);
        this.stockHolding(index, 'toLocationId', change.toLocationId);
        if (change.fromLocationId === change.toLocationId)
          throw new ChangeSetError(index, 'toLocationId', 'is the location the stock moves from');
        this.sku(index, change.skuId);
        this.takeStock(index, change.fromLocationId, change.skuId, change.qty);
        this.addStock(change.toLocationId, change.skuId, change.qty);
        return;
      case 'remove-stock':
        this.stockHolding(index, 'locationId', change.locationId);
        this.sku(index, change.skuId);
        this.takeStock(index, change.locationId, change.skuId, change.qty);
        return;
      case 'change-contract-profile': {
        const contract = this.snapshot.contracts.find((candidate) => candidate.id === change.contractId);
        if (!contract) throw new ChangeSetError(index, 'contractId', `no contract ${change.contractId}`);
        if (!this.profileIds.has(change.profileId))
          throw new ChangeSetError(index, 'profileId', `no commitment profile ${change.profileId}`);
        contract.profileId = change.profileId;
        if (change.tier) contract.tier = change.tier;
        return;
      }
      case 'change-site-zone': {
        const site = this.location(index, 'siteId', change.siteId);
        if (site.kind !== 'site')
          throw new ChangeSetError(
            index,
            'siteId',
            `${change.siteId} is a ${site.kind}, not a customer site`,
          );
        if (!this.zoneIds.has(change.zoneId))
          throw new ChangeSetError(index, 'zoneId', `no zone ${change.zoneId}`);
        site.zoneId = change.zoneId;
        return;
      }
      case 'scale-demand':
        if (change.regionId !== undefined && !this.regionIds.has(change.regionId))
          throw new ChangeSetError(index, 'regionId', `no region ${change.regionId}`);
        this.snapshot.demandScales.push({
          factor: change.factor,
          regionId: change.regionId ?? null,
          level: change.level ?? null,
          months: change.months ? [...change.months].sort((a, b) => a - b) : null,
        });
        return;
      case 'change-supplier-lead-time': {
        if (!this.supplierIds.has(change.supplierId))
          throw new ChangeSetError(index, 'supplierId', `no supplier ${change.supplierId}`);
        for (const sku of this.snapshot.skus)
          if (sku.supplierId === change.supplierId) {
            sku.leadTimeDaysMean = change.leadTimeDaysMean;
            if (change.leadTimeDaysSd !== undefined) sku.leadTimeDaysSd = change.leadTimeDaysSd;
          }
        return;
      }
    }
  }

  private closeLocation(change: Extract<Change, { kind: 'close-location' }>, index: number): void {
    const closing = this.location(index, 'locationId', change.locationId);
    if (closing.kind === 'site' || closing.kind === 'van')
      throw new ChangeSetError(
        index,
        'locationId',
        `${change.locationId} is a ${closing.kind}: only a depot or an office can be closed`,
      );
    if (change.stockToLocationId !== null) {
      if (change.stockToLocationId === change.locationId)
        throw new ChangeSetError(index, 'stockToLocationId', 'is the location being closed');
      this.stockHolding(index, 'stockToLocationId', change.stockToLocationId);
    }
    const based = [...this.engineers.values()].filter((engineer) => engineer.homeLocationId === closing.id);
    if (change.reassignToLocationId !== undefined) {
      if (change.reassignToLocationId === change.locationId)
        throw new ChangeSetError(index, 'reassignToLocationId', 'is the location being closed');
      this.officeOrDepot(index, 'reassignToLocationId', change.reassignToLocationId);
    } else if (based.length > 0)
      throw new ChangeSetError(
        index,
        'reassignToLocationId',
        `${based.length} engineer(s) are based at ${closing.id} (${based
          .slice(0, 3)
          .map((engineer) => engineer.id)
          .join(', ')}${based.length > 3 ? ', …' : ''}): say where they go`,
      );
    const target = change.reassignToLocationId ?? null;
    for (const engineer of based) engineer.homeLocationId = target!;
    for (const location of this.locations.values())
      if (location.servingOfficeId === closing.id) location.servingOfficeId = target;
    for (const [key, row] of this.stock)
      if (row.locationId === closing.id) {
        this.stock.delete(key);
        if (change.stockToLocationId !== null) this.addStock(change.stockToLocationId, row.skuId, row.qty);
      }
    this.locations.delete(closing.id);
    this.removedBy.set(`location:${closing.id}`, index);
  }

  private notThere(kind: string, id: string): string {
    const removed = this.removedBy.get(`${kind}:${id}`);
    return removed === undefined
      ? `no ${kind} ${id}`
      : `${kind} ${id} is removed by change ${removed} of this set`;
  }

  private engineer(index: number, id: string): SnapshotEngineer {
    const engineer = this.engineers.get(id);
    if (!engineer) throw new ChangeSetError(index, 'engineerId', this.notThere('engineer', id));
    return engineer;
  }

  private location(index: number, field: string, id: string): SnapshotLocation {
    const location = this.locations.get(id);
    if (!location) throw new ChangeSetError(index, field, this.notThere('location', id));
    return location;
  }

  private stockHolding(index: number, field: string, id: string): SnapshotLocation {
    const location = this.location(index, field, id);
    if (!isStockHolding(location.kind))
      throw new ChangeSetError(index, field, `${id} is a customer site: it holds no stock`);
    return location;
  }

  private officeOrDepot(index: number, field: string, id: string): SnapshotLocation {
    const location = this.location(index, field, id);
    if (location.kind !== 'office' && location.kind !== 'depot')
      throw new ChangeSetError(index, field, `${id} is a ${location.kind}, not an office or a depot`);
    return location;
  }

  private sku(index: number, id: string): void {
    if (!this.skuIds.has(id)) throw new ChangeSetError(index, 'skuId', `no SKU ${id}`);
  }

  private addStock(locationId: string, skuId: string, qty: number): void {
    const key = stockKey(locationId, skuId);
    const row = this.stock.get(key);
    if (row) row.qty += qty;
    else this.stock.set(key, { locationId, skuId, qty });
  }

  private takeStock(index: number, locationId: string, skuId: string, qty: number): void {
    const key = stockKey(locationId, skuId);
    const available = this.stock.get(key)?.qty ?? 0;
    if (available < qty)
      throw new ChangeSetError(
        index,
        'qty',
        `only ${available} of ${skuId} available at ${locationId}, not ${qty}`,
      );
    if (available === qty) this.stock.delete(key);
    else this.stock.get(key)!.qty = available - qty;
  }

  toSnapshot(): NetworkSnapshot {
    return canonicalSnapshot({
      ...this.snapshot,
      locations: [...this.locations.values()],
      engineers: [...this.engineers.values()],
      stock: [...this.stock.values()],
    });
  }
}
