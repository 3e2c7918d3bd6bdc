import { toIso } from '../http/schemas.ts';
import type { StoredClock } from './ticket-clock.repository.ts';
import { evaluateClocks, nextDueAt } from './ticket-clocks.ts';
import type { TicketRecord } from './ticket.repository.ts';
import type { Ticket } from './ticket.schemas.ts';

/** A stored ticket as the API shows it: its clocks evaluated at `now`, internals left out. */
export function toTicketView(ticket: TicketRecord, clocks: readonly StoredClock[], now: Date): Ticket {
  return {
    id: ticket.id,
    siteId: ticket.siteId,
    customerId: ticket.customerId,
    equipmentId: ticket.equipmentId,
    contractId: ticket.contractId,
    kind: ticket.kind,
    level: ticket.level,
    tier: ticket.tier,
    zoneKind: ticket.zoneKind,
    faultCode: ticket.faultCode,
    component: ticket.component,
    cause: ticket.cause,
    description: ticket.description,
    status: ticket.status,
    reportedAt: toIso(ticket.reportedAt)!,
    reportedBy: ticket.reportedBy,
    skill: ticket.skill,
    minSkillLevel: ticket.minSkillLevel,
    serviceMinutes: ticket.serviceMinutes,
    needsSpareUnit: ticket.spareUnitModelId !== null,
    spareUnitModelId: ticket.spareUnitModelId,
    requiresReplacement: ticket.requiresReplacement,
    replacementReason: ticket.replacementReason,
    warranty:
      ticket.warrantyDecision && ticket.warrantyReason
        ? {
            decision: ticket.warrantyDecision as NonNullable<Ticket['warranty']>['decision'],
            reason: ticket.warrantyReason,
          }
        : null,
    assignedEngineerId: ticket.assignedEngineerId,
    parts: ticket.parts,
    clocks: evaluateClocks(clocks, now),
    nextDueAt: nextDueAt(clocks),
    version: ticket.version,
    createdAt: toIso(ticket.createdAt)!,
    updatedAt: toIso(ticket.updatedAt)!,
  };
}
