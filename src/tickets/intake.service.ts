import type { Knex } from 'knex';
import { localDateOf, type EffectiveProfile } from '../commitments/index.ts';
import { problems } from '../http/problem.ts';
import { commitmentProblem, effectiveProfile } from './contract-terms.ts';
import type { IntakeContextRepository } from './intake-context.repository.ts';
import { replacementNeed, requiredSkill, warrantyDecision } from './intake.ts';
import type { StoredClock, TicketClockRepository } from './ticket-clock.repository.ts';
import { computeTicketClocks } from './ticket-clocks.ts';
import type { TicketEventRepository } from './ticket-event.repository.ts';
import type { TicketRecord, TicketRepository } from './ticket.repository.ts';
import type { TicketCreate, TicketPart } from './ticket.schemas.ts';
import { loadWorkingCalendar } from './working-calendar.ts';

/**
 * A report time may be this far ahead of the service's clock: a caller's clock a few seconds
 * fast is not a report from the future.
 */
export const CLOCK_SKEW_MS = 60_000;

/** The id three strikes see for the ticket being taken in, which has none yet. */
const NEW_TICKET = '(new)';

export interface IntakeDeps {
  now: () => Date;
  tickets: TicketRepository;
  clocks: TicketClockRepository;
  events: TicketEventRepository;
  context: IntakeContextRepository;
}

/** Parts must be catalog parts; a spare unit is asked for with needsSpareUnit instead. */
export async function assertPartsExist(
  context: IntakeContextRepository,
  parts: readonly TicketPart[],
  trx: Knex,
): Promise<void> {
  const known = await context.existingParts(
    parts.map((part) => part.skuId),
    trx,
  );
  const errors = parts.flatMap((part, index) =>
    known.has(part.skuId)
      ? []
      : [{ field: `body.parts[${index}].skuId`, message: `no part with id ${part.skuId}` }],
  );
  if (errors.length) throw problems.validation(errors);
}

export function assertNotFuture(at: Date, now: Date, field: string): void {
  if (at.getTime() > now.getTime() + CLOCK_SKEW_MS)
    throw problems.validation([{ field, message: `is in the future (now is ${now.toISOString()})` }]);
}

/**
 * Takes a ticket in on the given connection or transaction: checks every reference, derives what the
 * ticket needs from the site, its contract and the device, computes its clocks, and writes the
 * ticket, its parts, its clocks and its first event (one statement). Returns the stored ticket
 * and its clocks.
 */
export function createIntake(deps: IntakeDeps) {
  const { context } = deps;

  async function loadSite(siteId: string, trx: Knex) {
    const site = await context.site(siteId, trx);
    if (!site)
      throw problems.validation([{ field: 'body.siteId', message: `no customer site with id ${siteId}` }]);
    return site;
  }

  async function loadContract(customerId: string, on: string, trx: Knex) {
    const contract = await context.contractInForce(customerId, on, trx);
    if (!contract)
      throw problems.validation([
        {
          field: 'body.siteId',
          message: `the site's customer ${customerId} has no contract in force on ${on}`,
        },
      ]);
    let profile: EffectiveProfile;
    try {
      profile = effectiveProfile(contract);
    } catch (error) {
      throw commitmentProblem(error, 'body.siteId', `the terms of contract ${contract.contractId}`) ?? error;
    }
    return { contract, profile };
  }

  async function loadEquipment(equipmentId: string | null | undefined, siteId: string, trx: Knex) {
    if (!equipmentId) return null;
    const equipment = await context.equipment(equipmentId, trx);
    if (!equipment || equipment.siteId !== siteId)
      throw problems.validation([
        { field: 'body.equipmentId', message: `no equipment with id ${equipmentId} at site ${siteId}` },
      ]);
    if (!equipment.active)
      throw problems.validation([
        { field: 'body.equipmentId', message: `equipment ${equipmentId} is not in service` },
      ]);
    return equipment;
  }

  return async function intake(
    input: TicketCreate,
    meta: { actor: string; idempotencyKey?: string; requestHash: string },
    trx: Knex,
  ): Promise<{ ticket: TicketRecord; clocks: StoredClock[] }> {
    const now = deps.now();
    const reportedAt = input.reportedAt ? new Date(input.reportedAt) : now;
    assertNotFuture(reportedAt, now, 'body.reportedAt');
    const site = await loadSite(input.siteId, trx);
    const faultOn = localDateOf(reportedAt, site.timeZone);
    const { contract, profile } = await loadContract(site.customerId, faultOn, trx);
    const equipment = await loadEquipment(input.equipmentId, site.id, trx);
    if (input.needsSpareUnit && !equipment)
      throw problems.validation([
        {
          field: 'body.needsSpareUnit',
          message: "a spare unit is of the device's model: name the equipment",
        },
      ]);
    await assertPartsExist(context, input.parts, trx);

    const faultCode = input.faultCode ?? null;
    const replacement = replacementNeed({
      ticketId: NEW_TICKET,
      equipmentId: equipment?.id ?? null,
      faultCode,
      reportedAt,
      history: equipment ? await context.repairHistory(equipment.id, trx) : [],
      profile,
    });
    let warranty;
    try {
      warranty = warrantyDecision({
        component: input.component ?? null,
        cause: input.cause ?? null,
        faultOn,
        equipment,
        profile,
      });
    } catch (error) {
      throw commitmentProblem(error, 'body.component', 'the warranty cannot be decided') ?? error;
    }
    const spareUnitModelId =
      equipment && (input.needsSpareUnit || replacement.requiresReplacement) ? equipment.modelId : null;
    const subject = {
      kind: input.kind,
      level: input.level,
      tier: contract.tier,
      zoneKind: site.zoneKind,
      reportedAt,
      needsSpareUnit: spareUnitModelId !== null,
    };
    let clocks;
    try {
      clocks = computeTicketClocks({
        ticket: subject,
        profile,
        calendar: await loadWorkingCalendar(trx, site.timeZone),
        events: [],
      });
    } catch (error) {
      throw (
        commitmentProblem(
          error,
          'body.siteId',
          `the clocks of contract ${contract.contractId} at this site`,
        ) ?? error
      );
    }

    const ticket = await deps.tickets.insertWithClocksAndEvent(
      {
        ...subject,
        siteId: site.id,
        customerId: site.customerId,
        equipmentId: equipment?.id ?? null,
        contractId: contract.contractId,
        faultCode,
        component: input.component ?? null,
        cause: input.cause ?? null,
        description: input.description ?? null,
        reportedBy: input.reportedBy ?? meta.actor,
        ...requiredSkill(input.level, equipment?.model ?? null),
        serviceMinutes: input.serviceMinutes ?? 60,
        spareUnitModelId,
        ...replacement,
        warrantyDecision: warranty?.decision ?? null,
        warrantyReason: warranty?.reason ?? null,
        assignedEngineerId: null,
        idempotencyKey: meta.idempotencyKey ?? null,
        requestHash: meta.requestHash,
        parts: input.parts,
      },
      clocks,
      {
        type: 'reported',
        toStatus: 'reported',
        actor: meta.actor,
        at: reportedAt,
        data: {
          recordedAt: now.toISOString(),
          ...(meta.idempotencyKey ? { idempotencyKey: meta.idempotencyKey } : {}),
        },
      },
      trx,
    );
    return { ticket, clocks };
  };
}
