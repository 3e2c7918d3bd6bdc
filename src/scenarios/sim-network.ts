import type { Courier, Travel, Weights } from '../../solver/problem.schema.ts';
import type { DemandClass, SimEngineer, SimNetwork } from '../../solver/simulate/types.ts';
import type { NetworkSnapshot, SnapshotEngineer } from './network-snapshot.ts';

/**
 * The bridge from a (changed) NetworkSnapshot to the simulation's input (solver/simulate). What the
 * simulation's types cannot express is not guessed: it is listed in `warnings`, for the run to
 * show beside its results.
 */
export interface SimNetworkOptions {
  travel: Travel;
  courier: Courier | null;
  weights?: Weights;
}

const minuteOfDay = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));

/**
 * The simulation gives an engineer one daily window on some days; the network has a window per
 * weekday. The window worked on most days is kept (ties: the earlier start), on those days.
 */
function simShift(engineer: SnapshotEngineer, warnings: string[]): SimEngineer['shift'] {
  if (engineer.shifts.length === 0) return { startMinute: 0, endMinute: 0, days: [] };
  const windows = new Map<string, number[]>();
  for (const shift of engineer.shifts) {
    const key = `${shift.startsAt}-${shift.endsAt}`;
    windows.set(key, [...(windows.get(key) ?? []), shift.weekday % 7]);
  }
  const [window, days] = [...windows].sort(
    ([a, da], [b, db]) => db.length - da.length || (a < b ? -1 : 1),
  )[0]!;
  if (windows.size > 1)
    warnings.push(
      `engineer ${engineer.id} works ${windows.size} different daily windows; the simulation keeps ${window} on ${days.length} day(s)`,
    );
  return {
    startMinute: minuteOfDay(window.slice(0, 5)),
    endMinute: minuteOfDay(window.slice(6, 11)),
    days: days.sort((a, b) => a - b),
  };
}

export function toSimNetwork(
  snapshot: NetworkSnapshot,
  options: SimNetworkOptions,
): { network: SimNetwork; warnings: string[] } {
  const warnings: string[] = [];
  const vanOwner = new Map(
    snapshot.engineers
      .filter((engineer) => engineer.vanLocationId !== null)
      .map((engineer) => [engineer.vanLocationId!, engineer.id]),
  );
  const vanStock = new Map<string, Record<string, number>>();
  const stock: SimNetwork['stock'] = [];
  const kindOf = new Map(snapshot.locations.map((location) => [location.id, location.kind]));
  for (const row of snapshot.stock) {
    if (kindOf.get(row.locationId) !== 'van') {
      stock.push({ location: row.locationId, sku: row.skuId, qty: row.qty });
      continue;
    }
    const owner = vanOwner.get(row.locationId);
    if (!owner) {
      warnings.push(`van ${row.locationId} has no engineer: its ${row.qty} × ${row.skuId} are left out`);
      continue;
    }
    const own = vanStock.get(owner) ?? {};
    own[row.skuId] = (own[row.skuId] ?? 0) + row.qty;
    vanStock.set(owner, own);
  }
  const network: SimNetwork = {
    locations: snapshot.locations
      .filter((location) => location.kind !== 'van')
      .map((location) => ({
        id: location.id,
        lat: location.lat,
        lon: location.lon,
        kind: location.kind as 'depot' | 'office' | 'site',
      })),
    engineers: snapshot.engineers.map((engineer) => ({
      id: engineer.id,
      home: engineer.homeLocationId,
      skills: { ...engineer.skills },
      ...(vanStock.has(engineer.id) ? { vanStock: vanStock.get(engineer.id) } : {}),
      shift: simShift(engineer, warnings),
    })),
    stock,
    skus: snapshot.skus.map((sku) => ({
      sku: sku.id,
      kind: sku.kind,
      ...(sku.model !== null ? { model: sku.model } : {}),
      fits: [...sku.fits],
      supersedes: [...sku.supersedes],
      unitCost: sku.unitCost,
      packSize: sku.packSize,
      minOrderQty: sku.minOrderQty,
    })),
    travel: options.travel,
    courier: options.courier,
    ...(options.weights ? { weights: options.weights } : {}),
  };
  return { network, warnings };
}

/** The calendar month of each simulated day, from the local date of an ISO start with offset. */
function monthsOfDays(start: string, days: number): number[] {
  const [year, month, day] = start.slice(0, 10).split('-').map(Number) as [number, number, number];
  return Array.from(
    { length: days },
    (_, index) => new Date(Date.UTC(year, month - 1, day + index)).getUTCMonth() + 1,
  );
}

/**
 * A scenario's demand scales as the demand model takes them: per class (`classScale`) and per
 * simulated day (`byDay`). A rule limited to some months applies per class when the horizon lies
 * wholly inside (or outside) those months; a month rule over all regions and levels becomes
 * `byDay`; a month rule for one region or level over a horizon that straddles its months, or a
 * region rule over a class whose sites span regions, cannot be expressed and is reported.
 */
export function demandScalesFor(
  snapshot: NetworkSnapshot,
  classes: Pick<DemandClass, 'name' | 'sites' | 'level'>[],
  horizon: { start: string; days: number },
): { classScale: Record<string, number>; byDay?: number[]; warnings: string[] } {
  const warnings: string[] = [];
  const regionOf = new Map(snapshot.locations.map((location) => [location.id, location.regionId]));
  const classScale: Record<string, number> = Object.fromEntries(classes.map((c) => [c.name, 1]));
  const dayMonths = monthsOfDays(horizon.start, horizon.days);
  let byDay: number[] | undefined;
  snapshot.demandScales.forEach((rule, ruleIndex) => {
    const inMonths =
      rule.months === null ? dayMonths.map(() => true) : dayMonths.map((m) => rule.months!.includes(m));
    if (!inMonths.some(Boolean)) return;
    if (!inMonths.every(Boolean)) {
      if (rule.regionId !== null || rule.level !== null) {
        warnings.push(
          `demand rule ${ruleIndex} (×${rule.factor} in months ${rule.months!.join(', ')}) covers part of the horizon for one region or level: not applied`,
        );
        return;
      }
      byDay ??= dayMonths.map(() => 1);
      inMonths.forEach((inside, day) => {
        if (inside) byDay![day]! *= rule.factor;
      });
      return;
    }
    for (const demandClass of classes) {
      if (rule.level !== null && rule.level !== demandClass.level) continue;
      if (rule.regionId !== null) {
        const inRegion = demandClass.sites.filter((site) => regionOf.get(site) === rule.regionId).length;
        if (inRegion === 0) continue;
        if (inRegion < demandClass.sites.length) {
          warnings.push(
            `demand rule ${ruleIndex} (×${rule.factor} in ${rule.regionId}): class ${demandClass.name} has sites in other regions too: not applied to it`,
          );
          continue;
        }
      }
      classScale[demandClass.name]! *= rule.factor;
    }
  });
  return { classScale, ...(byDay ? { byDay } : {}), warnings };
}
