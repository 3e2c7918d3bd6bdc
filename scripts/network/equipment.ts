import type { Catalog } from './catalog.ts';
import { idWidth, numberedId } from './ids.ts';
import { weightedTable, type Random } from './random.ts';
import type { ComponentName, CustomerKind, Equipment, EquipmentModel, SkillId } from './schema.ts';
import type { SiteInfo } from './sites.ts';
import { addDays, addMonths, DAY_MS, formatDate } from './time.ts';

/** Warranty per component, in months from installation: the catalog's defaults (commitments.md). */
export const WARRANTY_MONTHS: Readonly<Record<ComponentName, number>> = {
  'main-unit': 36,
  piping: 12,
  electrical: 12,
  'software-support': 12,
};

/** How many units of each kind a site of a customer kind has: [min, max], and the chance of any. */
type Mix = readonly (readonly [skill: SkillId, min: number, max: number, chance: number])[];

const MIX: Readonly<Record<CustomerKind, Mix>> = {
  hospital: [
    ['his-server', 1, 3, 1],
    ['xray', 1, 2, 0.7],
    ['network', 1, 2, 1],
    ['solar-heater', 1, 1, 0.3],
  ],
  school: [
    ['av-classroom', 2, 6, 1],
    ['network', 1, 1, 0.5],
    ['solar-heater', 1, 1, 0.2],
  ],
  'education-centre': [
    ['av-classroom', 4, 8, 1],
    ['his-server', 1, 2, 1],
    ['network', 1, 2, 1],
  ],
  farm: [['farm-machinery', 1, 4, 1]],
  'solar-installation': [['solar-heater', 1, 5, 1]],
};

export interface InstalledUnit {
  equipment: Equipment;
  model: EquipmentModel;
  site: SiteInfo;
}

/**
 * The installed base: units of the models a site's kind uses, installed within their design life,
 * each component under warranty for its own term from installation. Warranty cards mostly come
 * back within 20 days; a few arrive late or never (the claim is then not recognised).
 */
export function buildEquipment(
  sites: readonly SiteInfo[],
  catalog: Catalog,
  todayMs: number,
  random: Random,
): InstalledUnit[] {
  const pickModel = new Map<SkillId, (r: Random) => EquipmentModel>();
  for (const skill of catalog.skills) {
    const models = catalog.models.filter((m) => m.skill === skill.id);
    if (models.length > 0)
      pickModel.set(
        skill.id,
        weightedTable(
          models,
          models.map((m) => catalog.modelShare.get(m.id) ?? 1),
        ),
      );
  }
  const drafts: { site: SiteInfo; model: EquipmentModel }[] = [];
  for (const site of sites) {
    for (const [skill, min, max, chance] of MIX[site.kind]) {
      const pick = pickModel.get(skill);
      if (!pick || !random.chance(chance)) continue;
      const units = random.int(min, max);
      for (let k = 0; k < units; k++) drafts.push({ site, model: pick(random) });
    }
  }

  const width = idWidth(drafts.length, 5);
  const today = formatDate(todayMs);
  return drafts.map(({ site, model }, index) => {
    const lifeDays = model.designLifeYears * 365 * 0.9;
    const daysAgo = Math.round(20 + lifeDays * random.next() ** 1.2);
    const installedOn = formatDate(todayMs - daysAgo * DAY_MS);
    const equipment: Equipment = {
      id: numberedId('EQ-', index + 1, width),
      siteId: site.location.id,
      modelId: model.id,
      serial: serialNumber(model, installedOn, index, random),
      installedOn,
      warrantyCardReceivedOn: warrantyCard(installedOn, today, random),
      components: model.components.map((component) => ({
        component,
        warrantyEnd: addDays(addMonths(installedOn, WARRANTY_MONTHS[component]), -1),
      })),
    };
    return { equipment, model, site };
  });
}

function warrantyCard(installedOn: string, today: string, random: Random): string | null {
  const roll = random.next();
  if (roll < 0.04) return null;
  const received = addDays(installedOn, roll < 0.07 ? random.int(21, 60) : random.int(2, 18));
  return received <= today ? received : null;
}

/** Manufacturer code, year and month of installation, then a base-36 number unique in the network. */
function serialNumber(model: EquipmentModel, installedOn: string, index: number, random: Random): string {
  const maker = model.manufacturer
    .replace(/[^A-Za-z0-9]/g, '')
    .slice(0, 3)
    .toUpperCase();
  const yymm = installedOn.slice(2, 4) + installedOn.slice(5, 7);
  const check = 'ABCDEFGHJKLMNPQRSTUVWXYZ'[random.int(0, 23)];
  return `${maker}${yymm}${(index + 1).toString(36).toUpperCase().padStart(5, '0')}${check}`;
}
