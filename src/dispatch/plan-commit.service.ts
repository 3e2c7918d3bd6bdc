import type { Knex } from 'knex';
import { recordAudit } from '../audit/audit.ts';
import { problems } from '../http/problem.ts';
import type { StockLedger } from '../stock/stock-ledger.ts';
import type { StockRepository } from '../stock/stock.repository.ts';
import type { TicketService } from '../tickets/ticket.service.ts';
import type { DispatchPlanRepository, PlanRecord } from './dispatch-plan.repository.ts';
import type { PlanCommitResult } from './dispatch-plan.schemas.ts';
import { planFootprint, snapshotDrift, stockKey, type StockTake } from './plan-commit.ts';

export interface PlanCommitDeps {
  db: Knex;
  now: () => Date;
  plans: DispatchPlanRepository;
  ledger: StockLedger;
  stock: StockRepository;
  tickets: Pick<TicketService, 'transitionWithin'>;
}

/** Tickets a commit leaves alone when the plan keeps them with their engineer: work under way. */
const UNDER_WAY = new Set(['en_route', 'on_site']);

class StalePlan extends Error {
  constructor(readonly drift: Array<{ field: string; message: string }>) {
    super('the plan is stale');
  }
}

/**
 * Commits a solved plan in one transaction: re-read the versions of every ticket, engineer and
 * stock balance the plan touches (locked until the end), refuse with 409 and nothing written if
 * any changed since the plan's snapshot; otherwise write the assignments, assign the tickets,
 * reserve the stock each ticket takes (with the balance version the check saw) and audit it.
 */
export function createPlanCommitService(deps: PlanCommitDeps) {
  const { db, plans, ledger, stock, tickets } = deps;

  function assertCommittable(
    id: string,
    record: PlanRecord | undefined,
  ): asserts record is PlanRecord & {
    plan: NonNullable<PlanRecord['plan']>;
    snapshot: NonNullable<PlanRecord['snapshot']>;
  } {
    if (!record) throw problems.notFound('dispatch plan', id);
    const refuse = (detail: string, code: string) =>
      problems.conflict(detail, code, [{ field: 'params.id', message: detail }]);
    if (record.status === 'committed')
      throw refuse(`plan ${id} is already committed`, 'plan-already-committed');
    if (record.status === 'solving') throw refuse(`plan ${id} is still solving`, 'plan-not-ready');
    if (record.status === 'failed') throw refuse(`plan ${id} failed to solve`, 'plan-failed');
    if (record.status === 'stale')
      throw refuse(`plan ${id} is stale: what it planned with changed; make a new plan`, 'plan-stale');
    if (!record.plan || !record.snapshot) throw refuse(`plan ${id} has no plan to commit`, 'plan-not-ready');
    if (!record.validation?.valid)
      throw refuse(`plan ${id} did not pass the plan checker; it cannot be committed`, 'plan-invalid');
  }

  async function lockVersions(
    trx: Knex.Transaction,
    footprint: ReturnType<typeof planFootprint>,
  ): Promise<{ stock: Map<string, number>; engineers: Map<string, number>; tickets: Map<string, number> }> {
    const ticketRows: Array<{ id: string; version: number }> = await trx('tickets')
      .whereIn('id', footprint.ticketIds)
      .orderBy('id')
      .forUpdate()
      .select('id', 'version');
    const engineerRows: Array<{ id: string; version: number }> = await trx('engineers')
      .whereIn('id', footprint.engineerIds)
      .orderBy('id')
      .forShare()
      .select('id', 'version');
    const pairs = [...new Map(footprint.takes.map((t) => [stockKey(t.locationId, t.skuId), t])).values()];
    const balances = await stock.lockBalances(pairs, trx);
    return {
      tickets: new Map(ticketRows.map((row) => [row.id, row.version])),
      engineers: new Map(engineerRows.map((row) => [row.id, row.version])),
      stock: new Map(balances.map((b) => [stockKey(b.locationId, b.skuId), b.version])),
    };
  }

  /**
   * Brings each ticket's reservations to what the plan takes: a ticket kept from an earlier commit
   * already holds its stock, so only the difference is released or reserved. Releases come first,
   * so a unit one ticket gives up can be taken by another in the same commit (the problem offered
   * held units back to the solver).
   */
  async function reserveStock(
    trx: Knex.Transaction,
    takes: StockTake[],
    ticketIds: string[],
    versions: Map<string, number>,
    actor: string,
  ): Promise<StockTake[]> {
    const movedOnPair = new Map<string, number>();
    const bump = (key: string) => movedOnPair.set(key, (movedOnPair.get(key) ?? 0) + 1);
    const extras: Array<{ take: StockTake; qty: number }> = [];
    for (const ticketId of ticketIds) {
      const reference = { type: 'ticket' as const, id: ticketId };
      const held = new Map(
        (await ledger.reservationsOf(trx, reference)).map((r) => [stockKey(r.locationId, r.skuId), r]),
      );
      const wanted = takes.filter((t) => t.ticketId === ticketId);
      for (const take of wanted) {
        const key = stockKey(take.locationId, take.skuId);
        const extra = take.qty - (held.get(key)?.qty ?? 0);
        held.delete(key);
        if (extra > 0) extras.push({ take, qty: extra });
      }
      // Units held from an earlier commit are given back only where the plan now takes the same
      // SKU elsewhere; a plan that supplies nothing for it (the ticket left out, say) leaves the
      // reservation with the ticket.
      for (const [key, left] of held) {
        if (!wanted.some((take) => take.skuId === left.skuId)) continue;
        await ledger.release(trx, {
          locationId: left.locationId,
          skuId: left.skuId,
          qty: left.qty,
          reference,
          actor,
        });
        bump(key);
      }
    }
    for (const { take, qty } of extras) {
      const key = stockKey(take.locationId, take.skuId);
      await ledger.reserve(trx, {
        locationId: take.locationId,
        skuId: take.skuId,
        qty,
        reference: { type: 'ticket', id: take.ticketId },
        actor,
        path: `plan.assignments.${take.ticketId}`,
        expectedVersion: versions.get(key)! + (movedOnPair.get(key) ?? 0),
      });
      bump(key);
    }
    return extras.map(({ take, qty }) => ({ ...take, qty }));
  }

  async function commitIn(trx: Knex.Transaction, id: string, actor: string): Promise<PlanCommitResult> {
    const record = await plans.lockForCommit(id, trx);
    assertCommittable(id, record);
    const { plan, snapshot } = record;
    const engineers: Array<{ id: string; van_location_id: string | null }> = await trx('engineers')
      .whereIn('id', [...new Set(plan.assignments.map((a) => a.engineer))])
      .select('id', 'van_location_id');
    const footprint = planFootprint(plan, new Map(engineers.map((e) => [e.id, e.van_location_id])));
    const versions = await lockVersions(trx, footprint);
    const drift = snapshotDrift(snapshot, versions);
    if (drift.length > 0) throw new StalePlan(drift);

    const committedAt = deps.now();
    const ticketRows: Array<{ id: string; status: string; assigned_engineer_id: string | null }> = await trx(
      'tickets',
    )
      .whereIn('id', footprint.ticketIds)
      .select('id', 'status', 'assigned_engineer_id');
    const ticketState = new Map(ticketRows.map((row) => [row.id, row]));
    const sequence = new Map<string, number>();
    for (const route of plan.routes)
      route.stops.filter((stop) => stop.type === 'ticket').forEach((stop, i) => sequence.set(stop.ticket, i));

    await plans.insertAssignments(
      plan.assignments.map((a) => ({
        planId: id,
        ticketId: a.ticket,
        engineerId: a.engineer,
        sequence: sequence.get(a.ticket) ?? 0,
        arrive: a.arrive,
        start: a.start,
        end: a.end,
        parts: a.parts,
        spareUnit: a.spareUnit ?? null,
        pinned: a.pinned ?? false,
        createdAt: committedAt,
      })),
      trx,
    );

    let ticketsAssigned = 0;
    for (const assignment of plan.assignments) {
      const ticket = ticketState.get(assignment.ticket)!;
      const keeps = ticket.assigned_engineer_id === assignment.engineer;
      if (keeps && (ticket.status === 'assigned' || UNDER_WAY.has(ticket.status))) continue;
      const note = `dispatch plan ${id}`;
      if (ticket.status === 'reported')
        await tickets.transitionWithin(trx, assignment.ticket, { to: 'acknowledged', note }, actor);
      await tickets.transitionWithin(
        trx,
        assignment.ticket,
        { to: 'assigned', engineerId: assignment.engineer, note },
        actor,
      );
      ticketsAssigned += 1;
    }

    const reservations = await reserveStock(trx, footprint.takes, footprint.ticketIds, versions.stock, actor);
    await plans.setStatus(id, 'committed', trx, { committed_at: committedAt, committed_by: actor });
    await recordAudit(trx, {
      actor,
      action: 'commit',
      entity: 'dispatch_plan',
      entityId: id,
      data: { assignments: plan.assignments.length, ticketsAssigned, reservations },
    });
    return {
      id,
      status: 'committed',
      committedAt: committedAt.toISOString(),
      assignments: plan.assignments.length,
      ticketsAssigned,
      reservations,
    };
  }

  return {
    async commit(id: string, actor: string): Promise<PlanCommitResult> {
      try {
        return await db.transaction((trx) => commitIn(trx, id, actor));
      } catch (error) {
        if (!(error instanceof StalePlan)) throw error;
        // Nothing of the commit was written; the plan itself is marked so nobody tries it again.
        await plans.markStale(id);
        throw problems.conflict(
          `plan ${id} is stale: ${error.drift.length} of the things it planned with changed since it was made; make a new plan`,
          'plan-stale',
          error.drift,
        );
      }
    },
  };
}

export type PlanCommitService = ReturnType<typeof createPlanCommitService>;
