import { describe, expect, it } from 'vitest';
import { insideBox } from '../../scripts/network/geo.ts';
import { PROVINCES, type ProvinceName } from '../../scripts/network/geography-data.ts';
import { DEMO_SIZE } from '../../scripts/network/index.ts';
import { DEMO_DIR, readNetwork } from './network-files.ts';

const network = readNetwork(DEMO_DIR);
const todayMs = Date.parse(network.manifest.today);
const today = network.manifest.today.slice(0, 10);
const location = new Map(network.locations.map((l) => [l.id, l]));
const openTickets = network.tickets.filter((t) => t.status !== 'closed');

/** Average inter-demand interval (inventory.md): the first interval counts from the series' start. */
function adi(values: readonly number[]): number {
  const at = values.flatMap((v, i) => (v > 0 ? [i] : []));
  const intervals = at.map((i, k) => (k === 0 ? i + 1 : i - at[k - 1]!));
  return intervals.reduce((a, b) => a + b, 0) / intervals.length;
}

describe('the demo network is realistic', () => {
  it('has the demo size: 3 depots, 13 offices, 400 sites, 60 engineers, 159 SKUs, about 40 open tickets', () => {
    const count = (kind: string) => network.locations.filter((l) => l.kind === kind).length;
    expect([count('depot'), count('office'), count('site')]).toEqual([3, 13, DEMO_SIZE.sites]);
    expect(network.engineers).toHaveLength(DEMO_SIZE.engineers);
    expect(network.skus.filter((s) => s.kind === 'unit')).toHaveLength(10);
    expect(network.skus.filter((s) => s.kind === 'part').length).toBeGreaterThanOrEqual(140);
    expect(openTickets).toHaveLength(DEMO_SIZE.tickets);
  });

  it('places every location inside its province', () => {
    const outside = network.locations.filter((l) => !insideBox(l, PROVINCES[l.province as ProvinceName].box));
    expect(outside.map((l) => l.id)).toEqual([]);
  });

  it('zones sites by their serving office: same city, surrounding area, other provinces, Beijing districts', () => {
    const zone = new Map(network.zones.map((z) => [z.id, z]));
    const sites = network.locations.filter((l) => l.kind === 'site');
    for (const site of sites) {
      const office = location.get(site.servingOfficeId!)!;
      const kind = zone.get(site.zoneId!)!.kind;
      if (kind === 'same-city') expect(site.city, site.id).toBe(office.city);
      if (kind === 'surrounding') expect(site.province, site.id).toBe(office.province);
      if (kind === 'other-province') expect(site.province, site.id).not.toBe(office.province);
      if (kind.startsWith('beijing-')) expect(office.regionId, site.id).toBe('R-BJ');
    }
    const kinds = new Set(sites.map((s) => zone.get(s.zoneId!)!.kind));
    expect([...kinds].sort()).toEqual(
      network.zones
        .map((z) => z.kind)
        .filter((k, i, all) => all.indexOf(k) === i)
        .sort(),
    );
  });

  it('has a qualified engineer (level 2 or more) for every skill in every region', () => {
    const gaps = network.regions.flatMap((region) =>
      network.skills
        .filter(
          ({ id }) =>
            !network.engineers.some(
              (e) => location.get(e.homeOfficeId)!.regionId === region.id && (e.skills[id] ?? 0) >= 2,
            ),
        )
        .map(({ id }) => `${region.id}: ${id}`),
    );
    expect(gaps).toEqual([]);
  });

  it('gives every ticket a skill that exists and an engineer qualified for it', () => {
    const skills = new Set(network.skills.map((s) => s.id));
    for (const ticket of network.tickets) {
      expect(skills.has(ticket.skill), ticket.id).toBe(true);
      expect(
        network.engineers.some((e) => (e.skills[ticket.skill] ?? 0) >= ticket.minSkillLevel),
        ticket.id,
      ).toBe(true);
    }
  });

  it('has open tickets of every level, reported over the last hours, some needing parts and a few a spare unit', () => {
    expect(new Set(openTickets.map((t) => t.level))).toEqual(new Set([1, 2, 3]));
    for (const ticket of openTickets) {
      const age = todayMs - Date.parse(ticket.reportedAt);
      expect(age, ticket.id).toBeGreaterThan(0);
      expect(age, ticket.id).toBeLessThanOrEqual(16 * 3_600_000);
    }
    expect(openTickets.filter((t) => t.parts.length > 0).length).toBeGreaterThan(openTickets.length / 2);
    expect(openTickets.filter((t) => t.spareUnitModelId !== null).length).toBeGreaterThanOrEqual(2);
  });

  it('has one device whose open ticket follows three closed repairs of the same fault', () => {
    const closed = network.tickets.filter((t) => t.status === 'closed');
    const fourth = openTickets.filter(
      (t) => closed.filter((c) => c.equipmentId === t.equipmentId && c.faultCode === t.faultCode).length >= 3,
    );
    expect(fourth).toHaveLength(1);
    expect(closed.every((c) => c.resolvedAt !== null && c.resolvedAt < fourth[0]!.reportedAt)).toBe(true);
  });

  it('has intermittent, seasonal demand history: mostly zeros, most series with ADI above 1.32', () => {
    const values = network.demandHistory.flatMap((s) => s.values);
    expect(values.filter((v) => v === 0).length / values.length).toBeGreaterThan(0.8);
    const enough = network.demandHistory.filter((s) => s.values.filter((v) => v > 0).length >= 2);
    expect(enough.length).toBeGreaterThan(100);
    expect(enough.filter((s) => adi(s.values) > 1.32).length / enough.length).toBeGreaterThan(0.8);
    const role = new Map(network.skus.map((s) => [s.id, s.role]));
    const tubes = network.demandHistory.filter((s) => role.get(s.skuId) === 'vacuum-tube');
    const first = Number(network.manifest.historyStart.slice(5, 7)) - 1;
    const month = (m: number) =>
      tubes.reduce(
        (sum, s) => sum + s.values.filter((_, t) => (first + t) % 12 === m).reduce((a, b) => a + b, 0),
        0,
      );
    expect(month(0) + month(1) + month(11)).toBeGreaterThan(month(5) + month(6) + month(7));
  });

  it('has supersession chains and parts at their end of life', () => {
    expect(network.skus.some((s) => s.supersedes.length >= 2)).toBe(true);
    expect(network.skus.some((s) => s.endOfLife !== null && s.endOfLife < today)).toBe(true);
    expect(
      network.skus.some((s) => s.endOfLife !== null && s.endOfLife > today && s.supersedes.length === 0),
    ).toBe(true);
  });

  it('keeps contracts running today and preventive windows ahead of today', () => {
    for (const contract of network.contracts)
      expect(contract.startsOn <= today && today <= contract.endsOn, contract.id).toBe(true);
    for (const job of network.preventiveJobs) {
      expect(Date.parse(job.windowEnd), job.id).toBeGreaterThan(todayMs);
      expect(Date.parse(job.windowStart), job.id).toBeLessThan(Date.parse(job.windowEnd));
    }
    expect(new Set(network.preventiveJobs.map((j) => `${j.kind}/${j.recurrence}`))).toEqual(
      new Set(['inspection/monthly', 'inspection/twice-a-year', 'training/twice-a-year']),
    );
  });
});
