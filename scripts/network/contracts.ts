import { idWidth, numberedId } from './ids.ts';
import type { Random } from './random.ts';
import type { Contract, Customer, CustomerKind } from './schema.ts';
import { addDays, addMonths, DAY_MS, formatDate } from './time.ts';

/**
 * Commitment profiles of the catalog (data/commitments.json) that contracts refer to. Plan 1
 * charges parts at cost and no labour outside warranty; the others charge parts and labour.
 */
export const PROFILE_IDS = ['plan-5-standard', 'plan-1', 'plan-3', 'plan-4', 'beijing'] as const;
type ProfileId = (typeof PROFILE_IDS)[number];

const TIER_WEIGHTS: Readonly<Record<CustomerKind, readonly [number, number, number]>> = {
  hospital: [0.5, 0.4, 0.1],
  'education-centre': [1, 0, 0],
  school: [0.1, 0.5, 0.4],
  farm: [0, 0.3, 0.7],
  'solar-installation': [0, 0.2, 0.8],
};

function profileFor(customer: Customer, random: Random): ProfileId {
  if (customer.regionId === 'R-BJ') return 'beijing';
  switch (customer.kind) {
    case 'hospital':
      return random.chance(0.15) ? 'plan-1' : 'plan-5-standard';
    case 'education-centre':
    case 'solar-installation':
      return 'plan-1';
    case 'school':
      return 'plan-3';
    case 'farm':
      return 'plan-4';
  }
}

/**
 * A few A- and B-tier customers negotiated better figures than their profile, in the catalog's
 * override format: minutes for 7×24 clocks, keyed by tier, or by zone kind and fault level.
 */
function overridesFor(profileId: ProfileId, tier: Contract['tier'], random: Random): Contract['overrides'] {
  if (tier === 'C' || !random.chance(0.12)) return {};
  const options: Contract['overrides'][] = [
    { clocks: { acknowledge: { byTier: { [tier]: 5 } } } },
    { clocks: { spareUnit: { byTier: { [tier]: 180 } } } },
  ];
  if (profileId === 'plan-5-standard')
    options.push({ clocks: { onsite: { byZone: { 'same-city': { '1': 60 } } } } });
  if (profileId === 'beijing')
    options.push({ clocks: { onsite: { byZone: { 'beijing-urban': { '1': 90 } } } } });
  return random.pick(options);
}

/**
 * One three-year contract per customer, started 13 to 33 months before today: every contract
 * runs today and covers the past year, so the ticket history (three strikes) falls inside it.
 */
export function buildContracts(customers: readonly Customer[], todayMs: number, random: Random): Contract[] {
  const width = idWidth(customers.length, 4);
  return customers.map((customer, i) => {
    const profileId = profileFor(customer, random);
    const tier = random.weighted(['A', 'B', 'C'] as const, TIER_WEIGHTS[customer.kind]);
    const startsOn = formatDate(todayMs - random.int(400, 1000) * DAY_MS);
    return {
      id: numberedId('CT-', i + 1, width),
      customerId: customer.id,
      profileId,
      tier,
      overrides: overridesFor(profileId, tier, random),
      outOfWarrantyPolicy: profileId === 'plan-1' ? 'parts-at-cost-no-labour' : 'parts-and-labour',
      startsOn,
      endsOn: addDays(addMonths(startsOn, 36), -1),
    };
  });
}
