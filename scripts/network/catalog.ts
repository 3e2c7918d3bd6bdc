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
import { chainIds, linkRole, partProfile, partSku, unitSku } from './catalog-skus.ts';
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
  const builder = new CatalogBuilder(skuCount, todayMs, random);
  for (let generation = 1; !builder.full(); generation++) {
    const series = new Series(generation);
    for (const seed of MODELS) {
      if (builder.full()) break;
      builder.addModel(seed, series);
    }
  }
  return builder.result();
}

/** One repetition of the base catalog: its id suffix, its name suffix, and its shared parts. */
class Series {
  readonly suffix: string;
  readonly label: string;
  /** Shared SKUs of this series by role, with the models they fit so far. */
  readonly shared = new Map<string, string[]>();

  constructor(generation: number) {
    this.suffix = generation === 1 ? '' : `-G${String(generation).padStart(3, '0')}`;
    this.label = generation === 1 ? '' : ` (series ${generation})`;
  }
}

class CatalogBuilder {
  private readonly skus: Sku[] = [];
  private readonly profiles = new Map<string, SkuProfile>();
  private readonly models: EquipmentModel[] = [];
  private readonly modelShare = new Map<string, number>();
  private readonly partsByModelRole = new Map<string, string[]>();
  private readonly suppliers = new Map(SUPPLIERS.map((s) => [s.id, s]));
  private readonly thisMonth: string;

  constructor(
    private readonly skuCount: number,
    todayMs: number,
    private readonly random: Random,
  ) {
    this.thisMonth = firstOfMonthBefore(todayMs, 0);
  }

  full(): boolean {
    return this.skus.length >= this.skuCount;
  }

  addModel(seed: ModelSeed, series: Series): void {
    const skill = SKILLS.find((s) => s.id === seed.skill)!;
    const model: EquipmentModel = {
      id: `${seed.id}${series.suffix}`,
      name: `${seed.name}${series.label}`,
      manufacturer: seed.manufacturer,
      category: skill.category,
      skill: seed.skill,
      minSkillLevel: seed.skill === 'xray' ? 2 : 1,
      designLifeYears: seed.designLifeYears,
      spareUnitSkuId: null,
      components: [...skill.components],
    };
    this.models.push(model);
    this.modelShare.set(model.id, seed.share);
    for (const role of seed.roles.map(roleSeed)) this.addRole(role, seed, model, series);
    if (seed.spareUnit) this.addSpareUnit(seed, model, series);
  }

  /** The SKU of a role for a model, with its older revisions; a shared one only once per series. */
  private addRole(role: RoleSeed, seed: ModelSeed, model: EquipmentModel, series: Series): void {
    const baseKey = role.shared ? role.code : `${role.code}-${seed.code}`;
    const id = role.shared ? `P-${role.code}${series.suffix}` : `P-${role.code}-${seed.code}${series.suffix}`;
    const ids = chainIds(id, baseKey);
    const sharedFits = role.shared ? series.shared.get(role.role) : undefined;
    if (sharedFits) {
      sharedFits.push(model.id);
      linkRole(this.partsByModelRole, model.id, role.role, ids);
      return;
    }
    const fits = [model.id];
    if (role.shared) series.shared.set(role.role, fits);
    const chain = CHAINS.find((c) => c.skuCode === baseKey);
    // Oldest revision first, so each one's `supersedes` lists what came before it.
    const ordered = ids.slice().reverse();
    let previousEndOfLife: string | null = null;
    let added = 0;
    ordered.forEach((skuId, index) => {
      const isCurrent = index === ordered.length - 1;
      const announced = ANNOUNCED_END_OF_LIFE[baseKey];
      const endOfLife = isCurrent
        ? announced === undefined
          ? null
          : this.endOfMonthIn(announced)
        : this.endOfMonthIn(-(chain!.oldestEndOfLifeMonthsAgo - 12 * index));
      const revision = isCurrent ? '' : ` (rev. ${index + 1})`;
      const name = role.shared
        ? `${role.name}${series.label}${revision}`
        : `${role.name} for ${seed.name}${series.label}${revision}`;
      const supersedes = ordered.slice(0, index).reverse();
      const sku = partSku(
        { id: skuId, name, role, model: seed, fits, supersedes, endOfLife },
        this.random,
        this.suppliers,
      );
      if (this.add(sku, partProfile(role, previousEndOfLife, isCurrent))) added++;
      previousEndOfLife = endOfLife;
    });
    if (added > 0) linkRole(this.partsByModelRole, model.id, role.role, ids);
  }

  private addSpareUnit(seed: ModelSeed, model: EquipmentModel, series: Series): void {
    const id = `U-${seed.code}${series.suffix}`;
    const unit = unitSku(id, model.id, `${seed.name}${series.label}`, seed, this.random, this.suppliers);
    const profile: SkuProfile = {
      skill: seed.skill,
      role: 'spare-unit',
      failuresPerMonth: SWAPS_PER_MONTH,
      extraUnits: 0,
      van: false,
      activeFrom: null,
      current: true,
    };
    if (this.add(unit, profile)) model.spareUnitSkuId = id;
  }

  private add(sku: Sku, profile: SkuProfile): boolean {
    if (this.full()) return false;
    this.skus.push(sku);
    this.profiles.set(sku.id, profile);
    return true;
  }

  /** Last day of the month `months` after this one. */
  private endOfMonthIn(months: number): string {
    return addDays(addMonths(this.thisMonth, months + 1), -1);
  }

  result(): Catalog {
    const included = new Set(this.skus.map((sku) => sku.id));
    for (const [key, ids] of this.partsByModelRole)
      this.partsByModelRole.set(
        key,
        ids.filter((id) => included.has(id)),
      );
    for (const sku of this.skus) if (sku.kind === 'part') sku.fits.sort();
    const modelIds = new Set(this.skus.flatMap((sku) => (sku.kind === 'unit' ? [sku.modelId!] : sku.fits)));
    const skus = this.skus.sort(byId);
    return {
      skills: SKILLS.map((s) => ({ id: s.id, name: s.name, nameZh: s.nameZh })),
      suppliers: SUPPLIERS.map((s) => ({ id: s.id, name: s.name, city: s.city })),
      models: this.models.filter((model) => modelIds.has(model.id)).sort(byId),
      skus,
      skuById: new Map(skus.map((sku) => [sku.id, sku])),
      profiles: this.profiles,
      partsByModelRole: this.partsByModelRole,
      modelShare: this.modelShare,
    };
  }
}
