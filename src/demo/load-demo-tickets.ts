import type { Services } from '../services.ts';
import type { DemoNetwork } from './demo-files.ts';
import type { TimeShift } from './time-shift.ts';

type DemoTicket = DemoNetwork['tickets'][number];
type Step = {
  to: 'acknowledged' | 'assigned' | 'en_route' | 'on_site' | 'resolved' | 'report_filed' | 'closed';
  at: number;
  engineerId?: string;
};

const MINUTE = 60_000;

/**
 * Takes the demo's tickets in through the ticket service, oldest first, so that the three
 * repairs of the three-strikes device are history when its fourth ticket arrives. Each ticket's
 * recorded progress (acknowledged, or repaired and closed) is replayed as lifecycle transitions.
 * The idempotency key makes a load that was interrupted safe to run again.
 */
export async function loadDemoTickets(
  services: Services,
  network: DemoNetwork,
  shift: TimeShift,
  actor: string,
): Promise<number> {
  const byReportTime = [...network.tickets].sort(
    (a, b) => Date.parse(a.reportedAt) - Date.parse(b.reportedAt),
  );
  for (const demo of byReportTime) {
    const { ticket, created } = await services.tickets.create(
      {
        siteId: demo.siteId,
        equipmentId: demo.equipmentId,
        level: demo.level,
        kind: demo.kind,
        faultCode: demo.faultCode,
        component: demo.component,
        cause: null,
        description: demo.description,
        parts: demo.parts.map((part) => ({ skuId: part.skuId, qty: part.qty })),
        needsSpareUnit: demo.spareUnitModelId !== null,
        serviceMinutes: demo.serviceMinutes,
        reportedAt: shift.time(demo.reportedAt),
        reportedBy: demo.reportedBy,
      },
      { actor, idempotencyKey: `demo-${demo.id}` },
    );
    if (!created) continue;
    for (const step of progressOf(demo, network, shift))
      await services.tickets.transition(
        ticket.id,
        {
          to: step.to,
          at: new Date(step.at).toISOString(),
          ...(step.engineerId ? { engineerId: step.engineerId } : {}),
        },
        actor,
      );
  }
  return network.tickets.length;
}

/** The transitions that bring a new ticket to the demo ticket's recorded state. */
function progressOf(demo: DemoTicket, network: DemoNetwork, shift: TimeShift): Step[] {
  const steps: Step[] = [];
  const acknowledgedAt = shift.time(demo.acknowledgedAt);
  if (acknowledgedAt) steps.push({ to: 'acknowledged', at: Date.parse(acknowledgedAt) });
  const resolvedAt = shift.time(demo.resolvedAt);
  if (demo.status !== 'closed' || !resolvedAt) return steps;
  const resolved = Date.parse(resolvedAt);
  const onSite = resolved - demo.serviceMinutes * MINUTE;
  const acknowledged = acknowledgedAt ? Date.parse(acknowledgedAt) : Date.parse(shift.time(demo.reportedAt));
  const engineer = network.engineers.find((e) => (e.skills[demo.skill] ?? 0) >= demo.minSkillLevel);
  if (!engineer) return steps;
  steps.push(
    { to: 'assigned', at: acknowledged + (onSite - acknowledged) / 4, engineerId: engineer.id },
    { to: 'en_route', at: acknowledged + (onSite - acknowledged) / 2 },
    { to: 'on_site', at: onSite },
    { to: 'resolved', at: resolved },
    { to: 'report_filed', at: resolved + 24 * 60 * MINUTE },
    { to: 'closed', at: resolved + 48 * 60 * MINUTE },
  );
  return steps;
}
