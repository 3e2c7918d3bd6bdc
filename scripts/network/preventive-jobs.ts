import type { InstalledUnit } from './equipment.ts';
import type { Random } from './random.ts';
import type { Contract, PreventiveJob, SkillId } from './schema.ts';
import type { SiteInfo } from './sites.ts';
import { compareIds, idWidth, numberedId } from './ids.ts';
import { DAY_MS, formatDateTime, HOUR_MS, startOfDay } from './time.ts';

/** Twice-a-year work falls due in the next six weeks for about this share of the eligible units. */
const DUE_SOON = 6 / 26;

interface JobDraft {
  site: SiteInfo;
  equipmentId: string | null;
  kind: PreventiveJob['kind'];
  skill: SkillId;
  minSkillLevel: number;
  serviceMinutes: number;
  recurrence: PreventiveJob['recurrence'];
  startMs: number;
  endMs: number;
}

/**
 * Plannable preventive work with windows (commitments.md): monthly inspections of tier-A
 * hospitals' HIS servers, twice-a-year inspections of X-ray units and of tier-B solar
 * installations before the frost, and twice-a-year classroom-equipment training at schools.
 * Windows open between twelve days ago and six weeks ahead and all end after today; the work
 * happens in working hours, 08:30–17:30.
 */
export function buildPreventiveJobs(
  sites: readonly SiteInfo[],
  installed: readonly InstalledUnit[],
  contractsByCustomer: ReadonlyMap<string, Contract>,
  todayMs: number,
  random: Random,
): PreventiveJob[] {
  const today = startOfDay(todayMs);
  const window = (fromDay: number, toDay: number, lengthDays: number) => {
    const start = today + random.int(fromDay, toDay) * DAY_MS;
    return { startMs: start + 8.5 * HOUR_MS, endMs: start + lengthDays * DAY_MS + 17.5 * HOUR_MS };
  };
  const unitsBySite = new Map<string, InstalledUnit[]>();
  for (const unit of installed) {
    const list = unitsBySite.get(unit.site.location.id);
    if (list) list.push(unit);
    else unitsBySite.set(unit.site.location.id, [unit]);
  }
  const tierOf = (site: SiteInfo) => contractsByCustomer.get(site.location.customerId!)!.tier;
  const drafts: JobDraft[] = [];

  for (const site of sites) {
    const units = unitsBySite.get(site.location.id) ?? [];
    const ofSkill = (skill: SkillId) => units.filter((u) => u.model.skill === skill);
    const tier = tierOf(site);
    const server = ofSkill('his-server')[0];
    if (site.kind === 'hospital' && tier === 'A' && server) {
      drafts.push({
        site,
        equipmentId: server.equipment.id,
        kind: 'inspection',
        skill: 'his-server',
        minSkillLevel: 1,
        serviceMinutes: 90,
        recurrence: 'monthly',
        ...window(-5, 20, 6),
      });
    }
    for (const xray of ofSkill('xray')) {
      if (tier !== 'C' && random.chance(DUE_SOON))
        drafts.push({
          site,
          equipmentId: xray.equipment.id,
          kind: 'inspection',
          skill: 'xray',
          minSkillLevel: 2,
          serviceMinutes: 120,
          recurrence: 'twice-a-year',
          ...window(-12, 30, 13),
        });
    }
    const heater = ofSkill('solar-heater')[0];
    if (site.kind === 'solar-installation' && tier === 'B' && heater && random.chance(DUE_SOON * 2)) {
      drafts.push({
        site,
        equipmentId: heater.equipment.id,
        kind: 'inspection',
        skill: 'solar-heater',
        minSkillLevel: 1,
        serviceMinutes: 60,
        recurrence: 'twice-a-year',
        ...window(0, 21, 9),
      });
    }
    const classroom = ofSkill('av-classroom').length > 0;
    if (
      (site.kind === 'school' || site.kind === 'education-centre') &&
      classroom &&
      tier !== 'C' &&
      random.chance(DUE_SOON / 2)
    ) {
      drafts.push({
        site,
        equipmentId: null,
        kind: 'training',
        skill: 'av-classroom',
        minSkillLevel: 1,
        serviceMinutes: 120,
        recurrence: 'twice-a-year',
        ...window(1, 40, 1),
      });
    }
  }

  drafts.sort(
    (a, b) =>
      a.startMs - b.startMs ||
      compareIds(a.site.location.id, b.site.location.id) ||
      compareIds(a.equipmentId ?? '', b.equipmentId ?? ''),
  );
  const width = idWidth(drafts.length, 4);
  return drafts.map((draft, i) => ({
    id: numberedId('PM-', i + 1, width),
    siteId: draft.site.location.id,
    equipmentId: draft.equipmentId,
    kind: draft.kind,
    skill: draft.skill,
    minSkillLevel: draft.minSkillLevel,
    serviceMinutes: draft.serviceMinutes,
    windowStart: formatDateTime(draft.startMs),
    windowEnd: formatDateTime(draft.endMs),
    recurrence: draft.recurrence,
    status: 'planned',
  }));
}
