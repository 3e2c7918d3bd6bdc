import type { DemandClass, DemandModel, Level, Tier } from '../../solver/simulate/types.ts';
import type { DemandHistory } from './demand-history.repository.ts';
import type { NetworkSnapshot, SnapshotLocation } from './network-snapshot.ts';

/**
 * The simulation's demand model, estimated from what the service recorded (pure).
 *
 * - **Rate** (network tickets per day): given by the run (or its `tickets` over the horizon,
 *   divided by the sum of the days' weekday and seasonal multipliers); else the part units issued per day
 *   over the last 12 months of `demand_history` (the complete record the inventory forecasts use)
 *   divided by the part units an average ticket uses (from past tickets when there are 10 or more,
 *   else the share of fault codes that consume a part); else, without part history, the count of
 *   past on-site tickets over the days they span when there are at least 30 over at least 28 days.
 *   The tickets table alone is not preferred: it holds open work and what was kept, not every
 *   past ticket (the demo's 43 span a year). Multiplied by the run's `demandScale`.
 * - **Where and what**: the rate is split over classes (serving office × skill × level × tier) in
 *   proportion to the installed units of that skill at the office's sites of that tier (the
 *   customer's contract in force on the first day; sites without one count as tier C), times
 *   P(level | skill): past tickets of the skill plus one pseudo-ticket per fault code of the skill
 *   at its typical level. Within a class a site is drawn uniformly.
 * - **Work**: planned service minutes and the minimum skill level are the means over the fault
 *   codes of that skill and level (else of the skill, else of past tickets, else 60 min, level 1).
 * - **Parts and units**: a class needs a part with the share of its fault codes that consume one,
 *   spread over the (at most five) parts fitting its installed models, weighted by their issues at
 *   the serving office over the last 12 months; a spare unit of its most installed model that has
 *   a unit SKU, with the share of its fault codes that need one.
 * - **Profiles**: weekday and hour of day from past tickets' local report times when there are
 *   200 or more, shrunk towards flat (5 pseudo-tickets per weekday, 1 per hour); fewer are too
 *   few (the demo's open tickets were all reported the weekend before "today") and leave both
 *   flat, with a warning. Seasonality from `demand_history`'s monthly totals when it covers 12
 *   months or more (month-of-year index, clipped to 0.5 … 2).
 */
export interface DemandEstimateOptions {
  /** ISO-8601 with offset: the first simulated minute (its offset is local time). */
  start: string;
  days: number;
  ticketsPerDay?: number;
  /** Expected tickets over the horizon (before `demandScale`), seasonality and weekdays included. */
  tickets?: number;
  demandScale?: number;
}

export interface DemandEstimate {
  demand: DemandModel;
  /** Network tickets per day before seasonality and the weekday profile (after `demandScale`). */
  ticketsPerDay: number;
  source: 'given' | 'past-tickets' | 'part-issues';
  warnings: string[];
}

/** History too thin to estimate a rate from: the caller must give one. */
export class DemandEstimateError extends Error {}

const LEVELS: Level[] = [1, 2, 3];
const MIN_TICKETS_FOR_RATE = 30;
const MIN_DAYS_FOR_RATE = 28;
const MIN_TICKETS_FOR_PROFILE = 200;
const DAYS_PER_MONTH = 30.4;
const DAY_MS = 86_400_000;

const sum = (xs: Iterable<number>) => {
  let total = 0;
  for (const x of xs) total += x;
  return total;
};
const mean = (xs: number[], fallback: number) => (xs.length ? sum(xs) / xs.length : fallback);
const add = <K>(map: Map<K, number>, key: K, value: number) => map.set(key, (map.get(key) ?? 0) + value);

/** Minutes east of UTC of an ISO-8601 string ending in ±HH:MM (Z: 0). */
export function offsetMinutesOf(iso: string): number {
  const match = /([+-])(\d{2}):(\d{2})$/.exec(iso);
  if (!match) return 0;
  return (match[1] === '-' ? -1 : 1) * (Number(match[2]) * 60 + Number(match[3]));
}

function nearest(site: SnapshotLocation, offices: SnapshotLocation[]): SnapshotLocation | undefined {
  let best: SnapshotLocation | undefined;
  let bestDistance = Infinity;
  for (const office of offices) {
    const distance =
      (office.lat - site.lat) ** 2 + ((office.lon - site.lon) * Math.cos((site.lat * Math.PI) / 180)) ** 2;
    if (distance < bestDistance) [best, bestDistance] = [office, distance];
  }
  return best;
}

/** Last `months` calendar months of part issues that the history holds. */
function recentMonths(history: DemandHistory, months: number): Set<string> {
  return new Set([...new Set(history.partIssues.map((row) => row.month))].sort().slice(-months));
}

function networkRate(
  history: DemandHistory,
  start: string,
  warnings: string[],
): { rate: number; source: DemandEstimate['source'] } {
  const tickets = history.pastTickets;
  const months = recentMonths(history, 12);
  if (months.size === 0 && tickets.length >= MIN_TICKETS_FOR_RATE) {
    const first = Math.min(...tickets.map((t) => Date.parse(t.reportedAt)));
    const spanDays = (Date.parse(start) - first) / DAY_MS;
    if (spanDays >= MIN_DAYS_FOR_RATE) return { rate: tickets.length / spanDays, source: 'past-tickets' };
  }
  const units = sum(history.partIssues.filter((row) => months.has(row.month)).map((row) => row.qty));
  let unitsPerTicket: number;
  if (tickets.length >= 10)
    unitsPerTicket = mean(
      tickets.map((t) => t.partUnits),
      0,
    );
  else
    unitsPerTicket = mean(
      history.faultCodes.map((code) => (code.needsPart ? 1 : 0)),
      0,
    );
  if (months.size === 0 || units === 0 || unitsPerTicket <= 0)
    throw new DemandEstimateError(
      'too little history to estimate a ticket rate (no part issues, or no tickets or fault codes that use parts)',
    );
  warnings.push(
    `ticket rate estimated from ${units} part units issued over ${months.size} month(s) at ${unitsPerTicket.toFixed(2)} units per ticket`,
  );
  return { rate: units / (months.size * DAYS_PER_MONTH) / unitsPerTicket, source: 'part-issues' };
}

/** Month-of-year index (1..12 → multiplier) from monthly totals; undefined under 12 months. */
function seasonalIndex(history: DemandHistory): Map<number, number> | undefined {
  const totals = new Map<string, number>();
  for (const row of history.partIssues) add(totals, row.month, row.qty);
  if (totals.size < 12) return undefined;
  const overall = sum(totals.values()) / totals.size;
  if (overall <= 0) return undefined;
  const byMonth = new Map<number, number[]>();
  for (const [month, total] of totals) {
    const m = Number(month.slice(5, 7));
    byMonth.set(m, [...(byMonth.get(m) ?? []), total]);
  }
  return new Map(
    [...byMonth].map(([m, values]) => [m, Math.min(2, Math.max(0.5, mean(values, overall) / overall))]),
  );
}

function profiles(
  history: DemandHistory,
  offsetMinutes: number,
  warnings: string[],
): Pick<DemandModel, 'dayOfWeek' | 'hourOfDay'> {
  if (history.pastTickets.length < MIN_TICKETS_FOR_PROFILE) {
    warnings.push(
      `${history.pastTickets.length} past ticket(s) are too few for a weekday or hour-of-day profile: arrivals are flat over the week and the day`,
    );
    return {};
  }
  const weekday = Array.from({ length: 7 }, () => 5);
  const hour = Array.from({ length: 24 }, () => 1);
  for (const ticket of history.pastTickets) {
    const local = new Date(Date.parse(ticket.reportedAt) + offsetMinutes * 60_000);
    weekday[local.getUTCDay()]! += 1;
    hour[local.getUTCHours()]! += 1;
  }
  const weekdayMean = sum(weekday) / 7;
  return { dayOfWeek: weekday.map((w) => w / weekdayMean), hourOfDay: hour };
}

function localDate(start: string, day: number): { month: number; iso: string } {
  const date = new Date(Date.parse(start.slice(0, 10) + 'T00:00:00Z') + day * DAY_MS);
  return { month: date.getUTCMonth() + 1, iso: date.toISOString().slice(0, 10) };
}

export function estimateDemand(
  snapshot: NetworkSnapshot,
  history: DemandHistory,
  options: DemandEstimateOptions,
): DemandEstimate {
  const warnings: string[] = [];
  const scale = options.demandScale ?? 1;
  const season = seasonalIndex(history);
  const byDay = season
    ? Array.from({ length: options.days }, (_, day) => season.get(localDate(options.start, day).month) ?? 1)
    : undefined;
  if (!season) warnings.push('less than 12 months of part issues: no seasonal profile');
  const weekly = profiles(history, offsetMinutesOf(options.start), warnings);
  // A total over the horizon is the mean rate times the sum of the days' multipliers.
  const dayWeights = Array.from(
    { length: options.days },
    (_, day) =>
      (weekly.dayOfWeek?.[new Date(`${localDate(options.start, day).iso}T00:00:00Z`).getUTCDay()] ?? 1) *
      (byDay?.[day] ?? 1),
  );
  const estimated =
    options.tickets !== undefined
      ? { rate: options.tickets / dayWeights.reduce((s, w) => s + w, 0), source: 'given' as const }
      : options.ticketsPerDay !== undefined
        ? { rate: options.ticketsPerDay, source: 'given' as const }
        : networkRate(history, options.start, warnings);
  const rate = estimated.rate * scale;

  const offices = snapshot.locations.filter((l) => l.kind === 'office' || l.kind === 'depot');
  const officeIds = new Set(offices.map((o) => o.id));
  const sites = snapshot.locations.filter((l) => l.kind === 'site');
  const firstDay = localDate(options.start, 0).iso;
  const tierOfCustomer = new Map<string, Tier>();
  for (const contract of snapshot.contracts)
    if (contract.startsOn <= firstDay && (contract.endsOn === null || contract.endsOn >= firstDay))
      if (!tierOfCustomer.has(contract.customerId)) tierOfCustomer.set(contract.customerId, contract.tier);
  let withoutContract = 0;

  // Installed units per site and skill; without an installed base every site counts once per skill.
  const skillsKnown = [
    ...new Set([...history.faultCodes.map((c) => c.skill), ...history.pastTickets.map((t) => t.skill)]),
  ].sort();
  const installed = new Map<string, Map<string, number>>();
  if (history.installedBase.length > 0) {
    for (const row of history.installedBase) {
      const own = installed.get(row.siteId) ?? new Map<string, number>();
      add(own, row.skill, row.units);
      installed.set(row.siteId, own);
    }
  } else {
    warnings.push('no installed base recorded: every site weighs the same for every skill');
    for (const site of sites) installed.set(site.id, new Map(skillsKnown.map((skill) => [skill, 1])));
  }

  // Group sites into (office, skill, tier) cells with their installed weight.
  const cells = new Map<
    string,
    { office: string; skill: string; tier: Tier; weight: number; sites: string[] }
  >();
  for (const site of sites) {
    const office =
      site.servingOfficeId && officeIds.has(site.servingOfficeId)
        ? site.servingOfficeId
        : nearest(site, offices)?.id;
    if (!office) continue;
    let tier = site.customerId ? tierOfCustomer.get(site.customerId) : undefined;
    if (!tier) {
      withoutContract++;
      tier = 'C';
    }
    for (const [skill, units] of installed.get(site.id) ?? []) {
      const key = `${office}|${skill}|${tier}`;
      const cell = cells.get(key) ?? { office, skill, tier, weight: 0, sites: [] };
      cell.weight += units;
      cell.sites.push(site.id);
      cells.set(key, cell);
    }
  }
  if (withoutContract > 0)
    warnings.push(
      `${withoutContract} site(s) have no contract in force on ${firstDay}: their tickets count as tier C`,
    );
  const totalWeight = sum([...cells.values()].map((c) => c.weight));
  if (totalWeight === 0 && rate > 0)
    throw new DemandEstimateError('no customer site with installed equipment to send tickets to');

  const levelShare = new Map<string, number[]>();
  const codesOf = (skill: string, level?: Level) =>
    history.faultCodes.filter((c) => c.skill === skill && (level === undefined || c.typicalLevel === level));
  for (const skill of new Set([...cells.values()].map((c) => c.skill))) {
    const counts = LEVELS.map(
      (level) =>
        codesOf(skill, level).length +
        history.pastTickets.filter((t) => t.skill === skill && t.level === level).length,
    );
    const total = sum(counts);
    levelShare.set(skill, total > 0 ? counts.map((c) => c / total) : [1 / 3, 1 / 3, 1 / 3]);
  }

  const months12 = recentMonths(history, 12);
  const issuesAt = new Map<string, number>();
  for (const row of history.partIssues)
    if (months12.has(row.month)) add(issuesAt, `${row.locationId}|${row.skuId}`, row.qty);
  const modelsBySite = new Map<string, { modelId: string; skill: string; units: number }[]>();
  for (const row of history.installedBase)
    modelsBySite.set(row.siteId, [...(modelsBySite.get(row.siteId) ?? []), row]);
  const unitSkuOfModel = new Map(
    snapshot.skus.filter((s) => s.kind === 'unit' && s.model !== null).map((s) => [s.model!, s.id]),
  );

  const classes: DemandClass[] = [];
  for (const cell of [...cells.values()].sort((a, b) =>
    `${a.office}|${a.skill}|${a.tier}` < `${b.office}|${b.skill}|${b.tier}` ? -1 : 1,
  )) {
    const modelUnits = new Map<string, number>();
    for (const site of cell.sites)
      for (const row of modelsBySite.get(site) ?? [])
        if (row.skill === cell.skill) add(modelUnits, row.modelId, row.units);
    const parts = snapshot.skus
      .filter((sku) => sku.kind === 'part' && sku.fits.some((model) => modelUnits.has(model)))
      .map((sku) => ({ sku: sku.id, weight: (issuesAt.get(`${cell.office}|${sku.id}`) ?? 0) + 0.1 }))
      .sort((a, b) => b.weight - a.weight || (a.sku < b.sku ? -1 : 1))
      .slice(0, 5);
    const partWeight = sum(parts.map((p) => p.weight));
    const unitModel = [...modelUnits]
      .filter(([model]) => unitSkuOfModel.has(model))
      .sort(([a, x], [b, y]) => y - x || (a < b ? -1 : 1))[0]?.[0];
    LEVELS.forEach((level, index) => {
      const ticketsPerDay = (rate * cell.weight * levelShare.get(cell.skill)![index]!) / totalWeight;
      if (!(ticketsPerDay > 0)) return;
      const codes = codesOf(cell.skill, level).length ? codesOf(cell.skill, level) : codesOf(cell.skill);
      const past = history.pastTickets.filter((t) => t.skill === cell.skill);
      const partShare = codes.length
        ? mean(
            codes.map((c) => (c.needsPart ? 1 : 0)),
            0,
          )
        : mean(
            past.map((t) => (t.partUnits > 0 ? 1 : 0)),
            0.5,
          );
      const unitShare = codes.length
        ? mean(
            codes.map((c) => (c.needsSpareUnit ? 1 : 0)),
            0,
          )
        : 0;
      classes.push({
        name: `${cell.office}|${cell.skill}|L${level}|${cell.tier}`,
        sites: [...cell.sites].sort(),
        level,
        tier: cell.tier,
        ticketsPerDay,
        skill: cell.skill,
        minSkillLevel: Math.max(
          1,
          Math.min(
            3,
            Math.round(
              mean(
                (codes.length ? codes : past).map((c) => c.minSkillLevel),
                1,
              ),
            ),
          ),
        ),
        serviceMinutes: Math.round(
          mean(
            (codes.length ? codes : past).map((c) => c.serviceMinutes),
            60,
          ),
        ),
        ...(partShare > 0 && parts.length
          ? {
              parts: parts.map((p) => ({
                sku: p.sku,
                qty: 1,
                probability: (partShare * p.weight) / partWeight,
              })),
            }
          : {}),
        ...(unitShare > 0 && unitModel ? { spareUnit: { model: unitModel, probability: unitShare } } : {}),
      });
    });
  }

  return {
    demand: {
      kind: 'model',
      classes,
      ...weekly,
      ...(byDay ? { byDay } : {}),
    },
    ticketsPerDay: rate,
    source: estimated.source,
    warnings,
  };
}
