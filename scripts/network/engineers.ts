import type { DemandModel } from './assortment.ts';
import { SKILLS } from './catalog-data.ts';
import type { Catalog } from './catalog.ts';
import type { StockSite } from './geography.ts';
import { idWidth, numberedId } from './ids.ts';
import { mobilePhone, personName } from './names.ts';
import type { Random } from './random.ts';
import type { Engineer, Location, SkillId } from './schema.ts';
import { DAY_MS, formatDateTime, HOUR_MS, startOfDay } from './time.ts';

export interface Workforce {
  engineers: Engineer[];
  vans: Location[];
  /** What each van carries at the start, by van location id, in SKU id order. */
  vanStock: Map<string, { skuId: string; qty: number }[]>;
}

type Shift = Engineer['shifts'][number];

const week = (days: readonly number[], startsAt: string, endsAt: string): Shift[] =>
  days.map((weekday) => ({ weekday, startsAt, endsAt }));

/** Office hours, early and late weekday shifts, and a weekend rota that keeps 7×24 promises staffed. */
const SHIFT_PATTERNS: readonly (readonly [weight: number, shifts: Shift[]])[] = [
  [0.55, week([1, 2, 3, 4, 5], '08:30', '17:30')],
  [0.15, week([1, 2, 3, 4, 5], '07:30', '16:30')],
  [0.1, week([1, 2, 3, 4, 5], '11:00', '20:00')],
  [0.2, week([3, 4, 5, 6, 7], '08:00', '18:00')],
];

const ABSENCE_REASONS = ['annual leave', 'sick leave', 'training course', 'compensatory leave'];

/**
 * Engineers spread over the offices in proportion to the installed base each serves. An engineer's
 * main skill follows the local installed base; some have one or two further skills at a lower
 * level. Every region gets at least a level-2 engineer for every skill (and a level-3 one where it
 * has engineers enough), and every van starts with the fast-moving small parts of its engineer's
 * skills at the home office.
 */
export function buildWorkforce(
  count: number,
  offices: readonly StockSite[],
  demand: DemandModel,
  catalog: Catalog,
  todayMs: number,
  random: Random,
): Workforce {
  const installed = (office: StockSite, skill: SkillId) =>
    demand.installedBySkill.get(office.id)?.get(skill) ?? 0;
  const load = offices.map(
    (office) => 5 + SKILLS.reduce((sum, skill) => sum + installed(office, skill.id), 0),
  );
  const perOffice = apportion(count, load);
  const width = idWidth(count, 3);
  const engineers: Engineer[] = [];
  const homes: StockSite[] = [];

  offices.forEach((office, o) => {
    const skillWeights = SKILLS.map((skill) => installed(office, skill.id) + 10 * skill.engineerShare);
    for (let k = 0; k < perOffice[o]!; k++) {
      const number = engineers.length + 1;
      const person = personName(random);
      const primary = random.weighted(SKILLS, skillWeights).id;
      const skills: Partial<Record<SkillId, number>> = {
        [primary]: random.weighted([1, 2, 3], [0.25, 0.5, 0.25]),
      };
      const extra = random.weighted([0, 1, 2], [0.35, 0.45, 0.2]);
      if (primary === 'his-server' && random.chance(0.6))
        skills.network = random.weighted([1, 2], [0.6, 0.4]);
      for (let e = 0; e < extra; e++) {
        const others = SKILLS.filter((s) => skills[s.id] === undefined);
        if (others.length === 0) break;
        const other = random.weighted(
          others,
          others.map((s) => installed(office, s.id) + 1),
        ).id;
        skills[other] = random.weighted([1, 2], [0.6, 0.4]);
      }
      engineers.push({
        id: numberedId('E-', number, width),
        name: person.name,
        nameZh: person.nameZh,
        homeOfficeId: office.id,
        vanLocationId: numberedId('V-', number, width),
        phone: mobilePhone(random),
        vanCapacity: random.int(6, 10),
        maxJobsPerDay: random.int(4, 8),
        skills: skills as Record<SkillId, number>,
        shifts: random.weighted(
          SHIFT_PATTERNS.map(([, s]) => s),
          SHIFT_PATTERNS.map(([w]) => w),
        ),
        absences: random.chance(0.08) ? [absence(todayMs, random)] : [],
      });
      homes.push(office);
    }
  });
  guaranteeCoverage(engineers, homes);
  for (const engineer of engineers) engineer.skills = sortedSkills(engineer.skills);

  const vans = engineers.map((engineer, i) => vanLocation(engineer, homes[i]!));
  const candidates = new Map(offices.map((office) => [office.id, vanCandidates(office.id, demand, catalog)]));
  const vanStock = new Map(
    engineers.map((engineer) => [
      engineer.vanLocationId,
      vanLoad(engineer, candidates.get(engineer.homeOfficeId)!, catalog, random),
    ]),
  );
  return { engineers, vans, vanStock };
}

/** Splits `total` into integer shares proportional to `weights` (largest remainder), at least 1 each when possible. */
function apportion(total: number, weights: readonly number[]): number[] {
  const floor = total >= weights.length ? 1 : 0;
  const rest = total - floor * weights.length;
  const sum = weights.reduce((a, b) => a + b, 0);
  const exact = weights.map((w) => (rest * w) / sum);
  const shares = exact.map((x) => floor + Math.floor(x));
  const order = exact
    .map((x, i) => [x - Math.floor(x), i] as const)
    .sort((a, b) => b[0] - a[0] || a[1] - b[1]);
  let left = total - shares.reduce((a, b) => a + b, 0);
  for (const [, i] of order) {
    if (left-- <= 0) break;
    shares[i]!++;
  }
  return shares;
}

function guaranteeCoverage(engineers: Engineer[], homes: readonly StockSite[]): void {
  const regions = [...new Set(homes.map((h) => h.place.regionId))];
  for (const region of regions) {
    const staff = engineers.filter((_, i) => homes[i]!.place.regionId === region);
    const wanted = staff.length >= 2 * SKILLS.length ? 3 : 2;
    for (const { id: skill } of SKILLS) {
      const best = Math.max(0, ...staff.map((e) => e.skills[skill] ?? 0));
      if (best >= wanted) continue;
      // Train the engineer who already knows the skill best, or the one with the fewest skills.
      const candidate = staff.slice().sort((a, b) => {
        const byLevel = (b.skills[skill] ?? 0) - (a.skills[skill] ?? 0);
        return byLevel || Object.keys(a.skills).length - Object.keys(b.skills).length;
      })[0];
      if (candidate) candidate.skills[skill] = Math.max(candidate.skills[skill] ?? 0, wanted);
    }
  }
}

function sortedSkills(skills: Engineer['skills']): Engineer['skills'] {
  return Object.fromEntries(
    Object.entries(skills).sort(([a], [b]) => (a < b ? -1 : 1)),
  ) as Engineer['skills'];
}

/** One absence near today: whole days of leave, or a day of training; some cover today. */
function absence(todayMs: number, random: Random): Engineer['absences'][number] {
  const reason = random.pick(ABSENCE_REASONS);
  const firstDay = startOfDay(todayMs) + random.int(-3, 10) * DAY_MS;
  if (reason === 'training course') {
    return {
      startsAt: formatDateTime(firstDay + 9 * HOUR_MS),
      endsAt: formatDateTime(firstDay + 17 * HOUR_MS),
      reason,
    };
  }
  const days = random.int(1, 5);
  return { startsAt: formatDateTime(firstDay), endsAt: formatDateTime(firstDay + days * DAY_MS), reason };
}

function vanLocation(engineer: Engineer, home: StockSite): Location {
  return {
    id: engineer.vanLocationId,
    kind: 'van',
    name: `Van of ${engineer.name}`,
    nameZh: `${engineer.nameZh}的服务车`,
    regionId: home.place.regionId,
    zoneId: null,
    servingOfficeId: home.id,
    customerId: null,
    lat: home.lat,
    lon: home.lon,
    province: home.place.province,
    city: home.place.city,
    county: home.place.name,
    address: `${home.nameZh}停车场`,
    holdsStock: true,
  };
}

/** Current small parts an engineer may carry, by office, fastest-moving first. */
type VanCandidates = { index: number; skill: SkillId; many: boolean }[];

function vanCandidates(officeId: string, demand: DemandModel, catalog: Catalog): VanCandidates {
  const rates = demand.officeDemand.get(officeId);
  if (!rates) return [];
  const candidates: (VanCandidates[number] & { rate: number })[] = [];
  rates.skuIndex.forEach((index, k) => {
    const profile = catalog.profiles.get(catalog.skus[index]!.id)!;
    if (profile.van && profile.current)
      candidates.push({ index, skill: profile.skill, many: profile.extraUnits > 1, rate: rates.rate[k]! });
  });
  return candidates.sort((a, b) => b.rate - a.rate || a.index - b.index);
}

/** The home office's fastest-moving current small parts for the engineer's skills. */
function vanLoad(
  engineer: Engineer,
  candidates: VanCandidates,
  catalog: Catalog,
  random: Random,
): { skuId: string; qty: number }[] {
  const count = random.int(2, 4);
  const chosen: VanCandidates = [];
  for (const candidate of candidates) {
    if (chosen.length === count) break;
    if (engineer.skills[candidate.skill] !== undefined) chosen.push(candidate);
  }
  return chosen
    .sort((a, b) => a.index - b.index)
    .map(({ index, many }) => ({
      skuId: catalog.skus[index]!.id,
      qty: many ? random.int(6, 10) : random.int(1, 2),
    }));
}
