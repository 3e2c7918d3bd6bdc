import {
  ANNOUNCED_END_OF_LIFE,
  CHAINS,
  MODELS,
  ROLES,
  SKILLS,
  SUPPLIERS,
  type ModelSeed,
  type RoleSeed,
} from './catalog-data.ts';
import { byId } from './ids.ts';
import type { Random } from './random.ts';
import type { EquipmentModel, SkillId, Skill, Sku, Supplier } from './schema.ts';
import { addDays, addMonths, firstOfMonthBefore } from './time.ts';

/** What the demand, stock and ticket generators need to know about a SKU beyond its record. */
export interface SkuProfile {
  skill: SkillId;
  role: string;
  /** Failures per installed unit of a model it fits, per month (spare units: swaps). */
  failuresPerMonth: number;
  extraUnits: number;
  van: boolean;
  /** First day this revision is sold (its predecessor's end of life), null if always. */
  activeFrom: string | null;
  /** The newest SKU of its supersession chain: what a ticket for a current need asks for. */
  current: boolean;
}

export interface Catalog {
  skills: Skill[];
  suppliers: Supplier[];
  models: EquipmentModel[];
  /** Sorted by id. */
  skus: Sku[];
  skuById: Map<string, Sku>;
  profiles: Map<string, SkuProfile>;
  /** SKUs of a role for a model, newest revision first: key `${modelId}|${role}`. */
  partsByModelRole: Map<string, string[]>;
  /** Installed-base share of each model within its skill. */
  modelShare: Map<string, number>;
}

const SWAPS_PER_MONTH = 0.002;

/** The base catalog's size: what a demo network holds. */
export const BASE_CATALOG_SIZE = countBaseCatalog();

function countBaseCatalog(): number {
  const revisions = CHAINS.reduce((sum, chain) => sum + chain.revisions, 0);
  const sharedRoles = new Set(MODELS.flatMap((model) => model.roles.filter((role) => roleSeed(role).shared)));
  const perModel = MODELS.reduce(
    (sum, model) => sum + model.roles.filter((role) => !roleSeed(role).shared).length,
    0,
  );
  const units = MODELS.filter((model) => model.spareUnit).length;
  return perModel + sharedRoles.size + revisions + units;
}

function roleSeed(role: string): RoleSeed {
  const seed = ROLES.find((r) => r.role === role);
  if (!seed) throw new Error(`unknown part role ${role}`);
  return seed;
}

/**
 * Builds a catalog of exactly `skuCount` SKUs. The base catalog is generation 1; a larger count
 * repeats it as further model series ("-G002", "-G003"…), one model's SKUs after another, and
 * stops mid-series when the count is reached. Models whose SKUs were all cut are left out.
 */
export function buildCatalog(skuCount: number, todayMs: number, random: Random): Catalog {
  const thisMonth = firstOfMonthBefore(todayMs, 0);
  const endOfMonthIn = (months: number) => addDays(addMonths(thisMonth, months + 1), -1);
  const supplierById = new Map(SUPPLIERS.map((s) => [s.id, s]));
  const skus: Sku[] = [];
  const profiles = new Map<string, SkuProfile>();
  const models: EquipmentModel[] = [];
  const modelShare = new Map<string, number>();
  const partsByModelRole = new Map<string, string[]>();
  const sharedFits = new Map<string, string[]>();

  const add = (sku: Sku, profile: SkuProfile): boolean => {
    if (skus.length >= skuCount) return false;
    skus.push(sku);
    profiles.set(sku.id, profile);
    return true;
  };

  for (let generation = 1; skus.length < skuCount; generation++) {
    const suffix = generation === 1 ? '' : `-G${String(generation).padStart(3, '0')}`;
    const series = generation === 1 ? '' : ` (series ${generation})`;
    const sharedDone = new Set<string>();
    for (const seed of MODELS) {
      if (skus.length >= skuCount) break;
      const modelId = `${seed.id}${suffix}`;
      const modelCode = `${seed.code}${suffix}`;
      const spareUnitSkuId = seed.spareUnit ? `U-${modelCode}` : null;
      const skill = SKILLS.find((s) => s.id === seed.skill)!;
      models.push({
        id: modelId,
        name: `${seed.name}${series}`,
        manufacturer: seed.manufacturer,
        category: skill.category,
        skill: seed.skill,
        minSkillLevel: seed.skill === 'xray' ? 2 : 1,
        designLifeYears: seed.designLifeYears,
        spareUnitSkuId: null,
        components: [...skill.components],
      });
      modelShare.set(modelId, seed.share);

      for (const role of seed.roles.map(roleSeed)) {
        const shared = role.shared;
        const baseKey = shared ? role.code : `${role.code}-${seed.code}`;
        const id = shared ? `P-${role.code}${suffix}` : `P-${role.code}-${modelCode}`;
        const fitsKey = `${id}`;
        if (shared && sharedDone.has(role.role)) {
          sharedFits.get(fitsKey)?.push(modelId);
          linkRole(partsByModelRole, modelId, role.role, chainIds(id, baseKey));
          continue;
        }
        const ids = chainIds(id, baseKey);
        const chain = CHAINS.find((c) => c.skuCode === baseKey);
        const fits = [modelId];
        if (shared) {
          sharedDone.add(role.role);
          sharedFits.set(fitsKey, fits);
        }
        // Oldest revision first, so each one's `supersedes` lists what came before it.
        const ordered = ids.slice().reverse();
        let previousEndOfLife: string | null = null;
        let added = 0;
        ordered.forEach((skuId, index) => {
          const isCurrent = index === ordered.length - 1;
          const endOfLife = isCurrent
            ? ANNOUNCED_END_OF_LIFE[baseKey] === undefined
              ? null
              : endOfMonthIn(ANNOUNCED_END_OF_LIFE[baseKey])
            : endOfMonthIn(-(chain!.oldestEndOfLifeMonthsAgo - 12 * index));
          const revision = isCurrent ? '' : ` (rev. ${index + 1})`;
          const name = shared
            ? `${role.name}${series}${revision}`
            : `${role.name} for ${seed.name}${series}${revision}`;
          const sku = partSku(
            skuId,
            name,
            role,
            seed,
            fits,
            ordered.slice(0, index).reverse(),
            endOfLife,
            random,
            supplierById,
          );
          if (add(sku, partProfile(role, previousEndOfLife, isCurrent))) added++;
          previousEndOfLife = endOfLife;
        });
        if (added > 0) linkRole(partsByModelRole, modelId, role.role, ids);
      }
      if (seed.spareUnit && spareUnitSkuId) {
        const unit = unitSku(spareUnitSkuId, modelId, `${seed.name}${series}`, seed, random, supplierById);
        if (
          add(unit, {
            skill: seed.skill,
            role: 'spare-unit',
            failuresPerMonth: SWAPS_PER_MONTH,
            extraUnits: 0,
            van: false,
            activeFrom: null,
            current: true,
          })
        ) {
          models[models.length - 1]!.spareUnitSkuId = spareUnitSkuId;
        }
      }
    }
  }

  const included = new Set(skus.map((sku) => sku.id));
  for (const [key, ids] of partsByModelRole)
    partsByModelRole.set(
      key,
      ids.filter((id) => included.has(id)),
    );
  for (const sku of skus) if (sku.kind === 'part') sku.fits.sort();
  const modelIds = new Set(skus.flatMap((sku) => (sku.kind === 'unit' ? [sku.modelId!] : sku.fits)));
  return {
    skills: SKILLS.map((s) => ({ id: s.id, name: s.name, nameZh: s.nameZh })),
    suppliers: SUPPLIERS.map((s) => ({ id: s.id, name: s.name, city: s.city })),
    models: models.filter((model) => modelIds.has(model.id)).sort(byId),
    skus: skus.sort(byId),
    skuById: new Map(skus.map((sku) => [sku.id, sku])),
    profiles,
    partsByModelRole,
    modelShare,
  };
}

/** The current SKU id first, then its older revisions, newest first. */
function chainIds(id: string, baseKey: string): string[] {
  const chain = CHAINS.find((c) => c.skuCode === baseKey);
  const older = Array.from(
    { length: chain?.revisions ?? 0 },
    (_, i) => `${id}-R${(chain?.revisions ?? 0) - i}`,
  );
  return [id, ...older];
}

function linkRole(map: Map<string, string[]>, modelId: string, role: string, ids: string[]): void {
  map.set(`${modelId}|${role}`, ids);
}

function partProfile(role: RoleSeed, activeFrom: string | null, current: boolean): SkuProfile {
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

type SupplierLookup = Map<string, { leadTimeDays: readonly [number, number] }>;

function leadTime(base: readonly [number, number], random: Random): { mean: number; sd: number } {
  const factor = random.float(0.85, 1.15);
  return { mean: Math.round(base[0] * factor * 2) / 2, sd: Math.round(base[1] * factor * 10) / 10 };
}

function partSku(
  id: string,
  name: string,
  role: RoleSeed,
  model: ModelSeed,
  fits: string[],
  supersedes: string[],
  endOfLife: string | null,
  root: Random,
  suppliers: SupplierLookup,
): Sku {
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

function unitSku(
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
