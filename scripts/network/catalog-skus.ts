import { CHAINS, type ModelSeed, type RoleSeed } from './catalog-data.ts';
import type { SkuProfile } from './catalog.ts';
import type { Random } from './random.ts';
import type { Sku } from './schema.ts';

/**
 * Part and spare-unit SKU records. Costs and lead times vary around the role's range and the
 * supplier's usual lead time, drawn from a stream of the SKU's own, so a SKU's figures do not
 * depend on which other SKUs the catalog holds.
 */

/** The current SKU id first, then its older revisions, newest first. */
export function chainIds(id: string, baseKey: string): string[] {
  const chain = CHAINS.find((c) => c.skuCode === baseKey);
  const older = Array.from(
    { length: chain?.revisions ?? 0 },
    (_, i) => `${id}-R${(chain?.revisions ?? 0) - i}`,
  );
  return [id, ...older];
}

export function linkRole(map: Map<string, string[]>, modelId: string, role: string, ids: string[]): void {
  map.set(`${modelId}|${role}`, ids);
}

export function partProfile(role: RoleSeed, activeFrom: string | null, current: boolean): SkuProfile {
  return {
    skill: role.skill,
    role: role.role,
    failuresPerMonth: role.failuresPerMonth,
    extraUnits: role.extraUnits,
    van: role.van,
    activeFrom,
    current,
  };
}

export type SupplierLookup = Map<string, { leadTimeDays: readonly [number, number] }>;

function leadTime(base: readonly [number, number], random: Random): { mean: number; sd: number } {
  const factor = random.float(0.85, 1.15);
  return { mean: Math.round(base[0] * factor * 2) / 2, sd: Math.round(base[1] * factor * 10) / 10 };
}

export interface PartSpec {
  id: string;
  name: string;
  role: RoleSeed;
  model: ModelSeed;
  fits: string[];
  supersedes: string[];
  endOfLife: string | null;
}

export function partSku(spec: PartSpec, root: Random, suppliers: SupplierLookup): Sku {
  const { id, name, role, model, fits, supersedes, endOfLife } = spec;
  const random = root.fork(`sku/${id}`);
  const supplierId = role.supplierId ?? model.supplierId;
  const time = leadTime(role.leadTimeDays ?? suppliers.get(supplierId)!.leadTimeDays, random);
  return {
    id,
    kind: 'part',
    name,
    role: role.role,
    modelId: null,
    fits,
    supersedes,
    unitCost: Math.round(random.float(role.cost[0], role.cost[1])),
    packSize: role.packSize,
    minOrderQty: role.minOrderQty,
    supplierId,
    leadTimeDaysMean: time.mean,
    leadTimeDaysSd: time.sd,
    endOfLife,
    loadUnits: role.loadUnits,
  };
}

export function unitSku(
  id: string,
  modelId: string,
  modelName: string,
  model: ModelSeed,
  root: Random,
  suppliers: SupplierLookup,
): Sku {
  const random = root.fork(`sku/${id}`);
  const time = leadTime(suppliers.get(model.supplierId)!.leadTimeDays, random);
  return {
    id,
    kind: 'unit',
    name: `Spare unit: ${modelName}`,
    role: 'spare-unit',
    modelId,
    fits: [],
    supersedes: [],
    unitCost: Math.round(model.spareUnit!.cost * random.float(0.95, 1.05)),
    packSize: 1,
    minOrderQty: 1,
    supplierId: model.supplierId,
    leadTimeDaysMean: time.mean,
    leadTimeDaysSd: time.sd,
    endOfLife: null,
    loadUnits: model.spareUnit!.loadUnits,
  };
}
