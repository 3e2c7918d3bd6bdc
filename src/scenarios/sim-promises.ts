import { defaultCatalog } from '../commitments/catalog.ts';
import { ProfileTerms } from '../commitments/catalog.schema.ts';
import { mergeTerms } from '../commitments/merge-terms.ts';
import type { Level, Promises, Tier } from '../../solver/simulate/types.ts';
import type { NetworkSnapshot } from './network-snapshot.ts';

const LEVELS: Level[] = [1, 2, 3];
const TIERS: Tier[] = ['A', 'B', 'C'];
const WORKING_DAY_MINUTES = 1440;

const median = (xs: number[]): number | null => {
  if (xs.length === 0) return null;
  const sorted = [...xs].sort((a, b) => a - b);
  return sorted[Math.floor((sorted.length - 1) / 2)]!;
};

/**
 * The simulation's promises (on-site minutes by level × tier, spare-unit minutes by tier) from the
 * contracts in force on `date`: every customer site's figure under its contract's profile (the
 * catalog's defaults, then the profile's terms; a contract's own overrides are not in the
 * snapshot) for the site's zone kind, then the lower median per cell. Working-day clocks count a
 * working day as 1,440 minutes. Both simplifications are reported in `warnings`.
 */
export function promisesFor(
  snapshot: NetworkSnapshot,
  date: string,
): { promises: Promises; warnings: string[] } {
  const warnings: string[] = [];
  const catalog = defaultCatalog();
  const terms = new Map<string, ProfileTerms | null>();
  for (const profile of snapshot.profiles) {
    const parsed = ProfileTerms.safeParse(mergeTerms(catalog.defaults, profile.definition));
    terms.set(profile.id, parsed.success ? parsed.data : null);
    if (!parsed.success)
      warnings.push(`profile ${profile.id} does not parse: its contracts make no promises here`);
  }
  const contractOf = new Map<string, { profileId: string; tier: Tier }>();
  for (const contract of snapshot.contracts)
    if (contract.startsOn <= date && (contract.endsOn === null || contract.endsOn >= date))
      if (!contractOf.has(contract.customerId)) contractOf.set(contract.customerId, contract);
  const zoneKind = new Map(snapshot.zones.map((zone) => [zone.id, zone.kind]));
  const onsite = new Map<string, number[]>();
  const unit = new Map<Tier, number[]>();
  let workingDays = false;
  for (const site of snapshot.locations) {
    if (site.kind !== 'site' || !site.customerId) continue;
    const contract = contractOf.get(site.customerId);
    const profile = contract ? terms.get(contract.profileId) : null;
    if (!contract || !profile) continue;
    const { onsite: onsiteTerms, spareUnit } = profile.clocks;
    const kind = site.zoneId ? zoneKind.get(site.zoneId) : undefined;
    const figures = (kind ? onsiteTerms.byZone[kind] : undefined) ?? onsiteTerms.anyZone;
    const perDay = onsiteTerms.calendar === 'working-days' ? WORKING_DAY_MINUTES : 1;
    for (const level of LEVELS) {
      const figure = figures?.[String(level) as '1' | '2' | '3'];
      if (figure === null || figure === undefined) continue;
      workingDays ||= perDay !== 1;
      const key = `${level}|${contract.tier}`;
      onsite.set(key, [...(onsite.get(key) ?? []), figure * perDay]);
    }
    const unitFigure = spareUnit.byTier[contract.tier];
    if (unitFigure !== null) {
      const unitPerDay = spareUnit.calendar === 'working-days' ? WORKING_DAY_MINUTES : 1;
      workingDays ||= unitPerDay !== 1;
      unit.set(contract.tier, [...(unit.get(contract.tier) ?? []), unitFigure * unitPerDay]);
    }
  }
  if (workingDays) warnings.push('working-day clocks are simulated as 1,440 minutes per working day');
  warnings.push(
    'promises are one figure per level × tier (the median over the sites under contract), not per profile and zone',
  );
  const byTier = (f: (tier: Tier) => number | null) =>
    Object.fromEntries(TIERS.map((tier) => [tier, f(tier)])) as Record<Tier, number | null>;
  return {
    promises: {
      onsiteMinutes: {
        1: byTier((tier) => median(onsite.get(`1|${tier}`) ?? [])),
        2: byTier((tier) => median(onsite.get(`2|${tier}`) ?? [])),
        3: byTier((tier) => median(onsite.get(`3|${tier}`) ?? [])),
      },
      spareUnitMinutes: byTier((tier) => median(unit.get(tier) ?? [])),
    },
    warnings,
  };
}
