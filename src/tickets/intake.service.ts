import type { Knex } from 'knex';
import { localDateOf, type EffectiveProfile, type WorkingCalendar } from '../commitments/index.ts';
import { problems } from '../http/problem.ts';
import { commitmentProblem, effectiveProfile } from './contract-terms.ts';
import type { IntakeContextRepository } from './intake-context.repository.ts';
import { replacementNeed, requiredSkill, warrantyDecision } from './intake.ts';
import { contractInForceOn, readIntakeFacts, type IntakeFacts } from './intake-facts.repository.ts';
import type { StoredClock } from './ticket-clock.repository.ts';
import { computeTicketClocks } from './ticket-clocks.ts';
import type { NewIntake, TicketRecord, TicketRepository } from './ticket.repository.ts';
import type { TicketCreate, TicketPart } from './ticket.schemas.ts';
import { workingCalendarFor } from './working-calendar.ts';

/**
 * A report time may be this far ahead of the service's clock: a caller's clock a few seconds
 * fast is not a report from the future.
 */
export const CLOCK_SKEW_MS = 60_000;

/** The id three strikes see for the ticket being taken in, which has none yet. */
const NEW_TICKET = '(new)';

/** Parts must be catalog parts; a spare unit is asked for with needsSpareUnit instead. */
export async function assertPartsExist(
  context: IntakeContextRepository,
  parts: readonly TicketPart[],
  trx: Knex,
): Promise<void> {
  assertPartsKnown(
    parts,
    await context.existingParts(
      parts.map((part) => part.skuId),
      trx,
    ),
  );
}

function assertPartsKnown(parts: readonly TicketPart[], knownParts: ReadonlySet<string>): void {
  const errors = parts.flatMap((part, index) =>
    knownParts.has(part.skuId)
      ? []
      : [{ field: `body.parts[${index}].skuId`, message: `no part with id ${part.skuId}` }],
  );
  if (errors.length) throw problems.validation(errors);
}

export function assertNotFuture(at: Date, now: Date, field: string): void {
  if (at.getTime() > now.getTime() + CLOCK_SKEW_MS)
    throw problems.validation([{ field, message: `is in the future (now is ${now.toISOString()})` }]);
}

/** One request to take a ticket in. */
export interface IntakeRequest {
  input: TicketCreate;
  meta: { actor: string; idempotencyKey?: string; requestHash: string };
}

/** What became of one request. */
export type IntakeOutcome =
  | { kind: 'created'; ticket: TicketRecord; clocks: StoredClock[] }
  /**
   * Its idempotency key is taken, by an earlier ticket, a concurrent intake elsewhere, or an
   * earlier request of the same batch: the caller answers with the ticket holding it.
   */
  | { kind: 'key-taken' };

export interface IntakeDeps {
  db: Knex;
  now: () => Date;
  tickets: TicketRepository;
}

/**
 * Takes a batch of tickets in with two statements whatever its size: one read of every fact the
 * batch is derived from (sites, contracts, devices, parts, keys taken), then, for each request
 * on its own, the checks and the derivation (skill, three strikes, warranty, clocks), then one
 * write of every ticket that passed, with its parts, clocks and first event. A request that
 * fails its checks fails alone; so does one the database refuses (the batch is then written
 * ticket by ticket to find it). Answers one outcome or error per request, in order.
 */
export function createIntake(deps: IntakeDeps) {
  const { db } = deps;

  async function calendarsFor(facts: IntakeFacts): Promise<Map<string, WorkingCalendar>> {
    const calendars = new Map<string, WorkingCalendar>();
    for (const { timeZone } of facts.sites.values())
      if (!calendars.has(timeZone))
        calendars.set(timeZone, await workingCalendarFor(db, facts.calendarFingerprint, timeZone));
    return calendars;
  }

  /** Writes the batch in one statement; if the database refuses it, ticket by ticket. */
  async function write(intakes: readonly NewIntake[]): Promise<Array<TicketRecord | undefined | Error>> {
    try {
      return await deps.tickets.insertIntakes(intakes, db);
    } catch (error) {
      // Only a refusal of the data itself can be one ticket's fault; a lost connection is everyone's.
      if (intakes.length === 1 || !isDataError(error)) throw error;
      // One after another, in the batch's order: of two requests with one key, the first wins.
      const stored: Array<TicketRecord | undefined | Error> = [];
      for (const intake of intakes) {
        try {
          stored.push((await deps.tickets.insertIntakes([intake], db))[0]);
        } catch (refused) {
          stored.push(refused instanceof Error ? refused : new Error(String(refused)));
        }
      }
      return stored;
    }
  }

  return async function intake(requests: readonly IntakeRequest[]): Promise<Array<IntakeOutcome | Error>> {
    const facts = await readIntakeFacts(db, {
      siteIds: unique(requests.map((r) => r.input.siteId)),
      equipmentIds: unique(requests.flatMap((r) => (r.input.equipmentId ? [r.input.equipmentId] : []))),
      historyEquipmentIds: unique(
        requests.flatMap((r) => (r.input.equipmentId && r.input.faultCode ? [r.input.equipmentId] : [])),
      ),
      skuIds: unique(requests.flatMap((r) => r.input.parts.map((part) => part.skuId))),
      idempotencyKeys: unique(
        requests.flatMap((r) => (r.meta.idempotencyKey ? [r.meta.idempotencyKey] : [])),
      ),
    });
    const calendars = await calendarsFor(facts);
    const now = deps.now();
    const outcomes: Array<IntakeOutcome | Error> = new Array(requests.length);
    const derived: Array<{ index: number; intake: NewIntake }> = [];
    requests.forEach((request, index) => {
      const key = request.meta.idempotencyKey;
      if (key && facts.takenKeys.has(key)) {
        outcomes[index] = { kind: 'key-taken' };
        return;
      }
      try {
        derived.push({ index, intake: deriveIntake(request, facts, calendars, now) });
      } catch (error) {
        outcomes[index] = error instanceof Error ? error : new Error(String(error));
      }
    });
    const stored = derived.length ? await write(derived.map((d) => d.intake)) : [];
    derived.forEach(({ index, intake }, i) => {
      const ticket = stored[i];
      outcomes[index] =
        ticket instanceof Error
          ? ticket
          : ticket
            ? { kind: 'created', ticket, clocks: [...intake.clocks] }
            : { kind: 'key-taken' };
    });
    return outcomes;
  };
}

const unique = (values: readonly string[]): string[] => [...new Set(values)];

/** SQLSTATE classes 22 (data exception) and 23 (integrity constraint violation). */
function isDataError(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && (code.startsWith('22') || code.startsWith('23'));
}

/**
 * Checks one request against the facts and derives its ticket, clocks and first event, or
 * throws a problem naming the field at fault (the same checks, in the same order, as ever).
 */
export function deriveIntake(
  { input, meta }: IntakeRequest,
  facts: IntakeFacts,
  calendars: ReadonlyMap<string, WorkingCalendar>,
  now: Date,
): NewIntake {
  const reportedAt = input.reportedAt ? new Date(input.reportedAt) : now;
  assertNotFuture(reportedAt, now, 'body.reportedAt');
  const site = facts.sites.get(input.siteId);
  if (!site)
    throw problems.validation([
      { field: 'body.siteId', message: `no customer site with id ${input.siteId}` },
    ]);
  const faultOn = localDateOf(reportedAt, site.timeZone);
  const { contract, profile } = contractTerms(facts, site.customerId, faultOn);
  const equipment = deviceAt(facts, input.equipmentId, site.id);
  if (input.needsSpareUnit && !equipment)
    throw problems.validation([
      { field: 'body.needsSpareUnit', message: "a spare unit is of the device's model: name the equipment" },
    ]);
  assertPartsKnown(input.parts, facts.parts);

  const faultCode = input.faultCode ?? null;
  const replacement = replacementNeed({
    ticketId: NEW_TICKET,
    equipmentId: equipment?.id ?? null,
    faultCode,
    reportedAt,
    history: equipment ? (facts.repairHistory.get(equipment.id) ?? []) : [],
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
      calendar: calendars.get(site.timeZone)!,
      events: [],
    });
  } catch (error) {
    throw (
      commitmentProblem(error, 'body.siteId', `the clocks of contract ${contract.contractId} at this site`) ??
      error
    );
  }
  return {
    ticket: {
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
    event: {
      type: 'reported',
      toStatus: 'reported',
      actor: meta.actor,
      at: reportedAt,
      data: {
        recordedAt: now.toISOString(),
        ...(meta.idempotencyKey ? { idempotencyKey: meta.idempotencyKey } : {}),
      },
    },
  };
}

function contractTerms(facts: IntakeFacts, customerId: string, on: string) {
  const contract = contractInForceOn(facts.contractsByCustomer.get(customerId) ?? [], on);
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

function deviceAt(facts: IntakeFacts, equipmentId: string | null | undefined, siteId: string) {
  if (!equipmentId) return null;
  const equipment = facts.equipment.get(equipmentId);
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
