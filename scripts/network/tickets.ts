import type { Catalog } from './catalog.ts';
import type { InstalledUnit } from './equipment.ts';
import { FAULT_SEEDS, type FaultSeed } from './fault-codes.ts';
import { idWidth, numberedId } from './ids.ts';
import { personName } from './names.ts';
import type { Random } from './random.ts';
import type { Contract, Ticket } from './schema.ts';
import { DAY_MS, formatDateTime, HOUR_MS, MINUTE_MS } from './time.ts';

/** Open tickets were reported within this many hours before "today". */
const REPORT_WINDOW_HOURS = 16;
/** Share of open tickets that need a spare unit on site. */
const SPARE_UNIT_SHARE = 0.08;
/** Days before today of the three earlier repairs of the three-strikes device. */
const PRIOR_REPAIR_DAYS = [290, 170, 55];

interface Draft {
  unit: InstalledUnit;
  fault: FaultSeed;
  reportedMs: number;
  closed: boolean;
  forceSpareUnit: boolean;
}

/**
 * Today's open tickets, reported over the last hours: a mix of fault levels and kinds drawn from
 * the installed base, some needing parts (sometimes an older revision than the one now sold), a
 * few a spare unit; and one device whose fault was repaired three times before (three closed
 * tickets with the same fault code), so that its open ticket is the fourth: a three-strikes case.
 * Ids follow the order of reporting, in the service's "T-000001" format.
 */
export function buildTickets(
  count: number,
  installed: readonly InstalledUnit[],
  catalog: Catalog,
  contractsByCustomer: ReadonlyMap<string, Contract>,
  todayMs: number,
  random: Random,
): Ticket[] {
  if (count === 0 || installed.length === 0) return [];
  const applicable = new Map<string, FaultSeed[]>();
  const faultsOf = (unit: InstalledUnit): FaultSeed[] => {
    let faults = applicable.get(unit.model.id);
    if (!faults) {
      faults = FAULT_SEEDS.filter((fault) => fits(fault, unit, catalog));
      applicable.set(unit.model.id, faults);
    }
    return faults;
  };
  const reportedMs = () => todayMs - (5 + (REPORT_WINDOW_HOURS * 60 - 5) * random.next() ** 1.5) * MINUTE_MS;
  const drafts: Draft[] = [];

  const withSpareUnit = installed.filter((unit) => unit.model.spareUnitSkuId);
  const spareUnitCount = withSpareUnit.length > 0 ? Math.min(count, Math.round(count * SPARE_UNIT_SHARE)) : 0;
  for (let i = 0; i < spareUnitCount; i++) {
    const unit = random.pick(withSpareUnit);
    const faults = faultsOf(unit);
    const severe = faults.filter((f) => f.needsSpareUnit);
    const fault = random.weighted(
      severe.length ? severe : faults,
      (severe.length ? severe : faults).map((f) => f.weight),
    );
    drafts.push({ unit, fault, reportedMs: reportedMs(), closed: false, forceSpareUnit: true });
  }

  const repairable = installed.filter((unit) =>
    faultsOf(unit).some((f) => f.partRole && f.ticketKind === 'fault'),
  );
  if (drafts.length < count && repairable.length > 0) {
    const unit = random.pick(repairable);
    const faults = faultsOf(unit).filter((f) => f.partRole && f.ticketKind === 'fault');
    const fault = random.weighted(
      faults,
      faults.map((f) => f.weight),
    );
    for (const days of PRIOR_REPAIR_DAYS) {
      drafts.push({
        unit,
        fault,
        reportedMs: todayMs - days * DAY_MS - random.int(1, 8) * HOUR_MS,
        closed: true,
        forceSpareUnit: false,
      });
    }
    drafts.push({ unit, fault, reportedMs: reportedMs(), closed: false, forceSpareUnit: false });
  }

  const withFaults = installed.filter((unit) => faultsOf(unit).length > 0);
  let open = drafts.filter((d) => !d.closed).length;
  for (; open < count && withFaults.length > 0; open++) {
    const unit = random.pick(withFaults);
    const faults = faultsOf(unit);
    drafts.push({
      unit,
      fault: random.weighted(
        faults,
        faults.map((f) => f.weight),
      ),
      reportedMs: reportedMs(),
      closed: false,
      forceSpareUnit: false,
    });
  }

  drafts.sort((a, b) => a.reportedMs - b.reportedMs);
  const width = idWidth(drafts.length, 6);
  return drafts.map((draft, i) =>
    ticket(numberedId('T-', i + 1, width), draft, catalog, contractsByCustomer, todayMs, random),
  );
}

function fits(fault: FaultSeed, unit: InstalledUnit, catalog: Catalog): boolean {
  if (fault.skill !== unit.model.skill) return false;
  if (fault.partRole)
    return (catalog.partsByModelRole.get(`${unit.model.id}|${fault.partRole}`)?.length ?? 0) > 0;
  return !fault.needsSpareUnit || unit.model.spareUnitSkuId !== null;
}

function ticket(
  id: string,
  draft: Draft,
  catalog: Catalog,
  contractsByCustomer: ReadonlyMap<string, Contract>,
  todayMs: number,
  random: Random,
): Ticket {
  const { unit, fault } = draft;
  const customerId = unit.site.location.customerId!;
  const contract = contractsByCustomer.get(customerId)!;
  const ageMinutes = (todayMs - draft.reportedMs) / MINUTE_MS;
  const acknowledged = draft.closed || ageMinutes > 20;
  const acknowledgedMs =
    draft.reportedMs + random.int(2, Math.max(2, Math.min(25, Math.floor(ageMinutes) - 1))) * MINUTE_MS;
  const parts = partsFor(fault, unit, catalog, draft.closed, random);
  const level = random.chance(0.7)
    ? fault.typicalLevel
    : (Math.min(3, Math.max(1, fault.typicalLevel + random.pick([-1, 1]))) as 1 | 2 | 3);
  const spareUnit = draft.forceSpareUnit || (fault.needsSpareUnit && unit.model.spareUnitSkuId !== null);
  const firstPart = parts[0] ? catalog.skuById.get(parts[0].skuId) : undefined;
  return {
    id,
    siteId: unit.site.location.id,
    customerId,
    equipmentId: unit.equipment.id,
    contractId: contract.id,
    kind: fault.ticketKind,
    level: draft.forceSpareUnit ? 1 : level,
    tier: contract.tier,
    faultCode: fault.id,
    component: fault.component,
    cause: draft.closed
      ? `${firstPart ? `${firstPart.name} worn out; replaced` : 'Fault cleared on site'}.`
      : null,
    description: `${fault.name}: ${unit.model.name}, serial ${unit.equipment.serial}.`,
    status: draft.closed ? 'closed' : acknowledged ? 'acknowledged' : 'reported',
    reportedAt: formatDateTime(draft.reportedMs),
    acknowledgedAt: acknowledged ? formatDateTime(acknowledgedMs) : null,
    resolvedAt: draft.closed ? formatDateTime(draft.reportedMs + random.int(20, 40) * HOUR_MS) : null,
    reportedBy: personName(random).name,
    skill: fault.skill,
    minSkillLevel: Math.max(fault.minSkillLevel, unit.model.minSkillLevel),
    serviceMinutes: Math.round((fault.serviceMinutes * random.float(0.8, 1.25)) / 5) * 5,
    spareUnitModelId: spareUnit && unit.model.spareUnitSkuId ? unit.model.id : null,
    parts,
  };
}

/**
 * The parts the fault usually needs: the current SKU, or (for an open ticket on a device that
 * carries an older revision) the revision it carries, which a newer SKU in stock may replace.
 */
function partsFor(
  fault: FaultSeed,
  unit: InstalledUnit,
  catalog: Catalog,
  closed: boolean,
  random: Random,
): Ticket['parts'] {
  if (!fault.partRole) return [];
  const revisions = catalog.partsByModelRole.get(`${unit.model.id}|${fault.partRole}`) ?? [];
  const skuId = revisions.length > 1 && !closed && random.chance(0.4) ? revisions[1] : revisions[0];
  if (!skuId) return [];
  const extra = catalog.profiles.get(skuId)!.extraUnits;
  return [{ skuId, qty: Math.min(10, 1 + random.poisson(extra)) }];
}
