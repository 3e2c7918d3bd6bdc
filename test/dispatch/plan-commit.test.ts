import { describe, expect, it } from 'vitest';
import { planFootprint, snapshotDrift } from '../../src/dispatch/plan-commit.ts';
import { richPlan } from '../support/plan-fixtures.ts';

describe('what a plan touches', () => {
  it('takes van stock from the engineer’s van, pickups and couriers from their location, per ticket', () => {
    const plan = richPlan();
    const vans = new Map(plan.routes.map((r) => [r.engineer, `VAN-${r.engineer}`]));
    const footprint = planFootprint(plan, vans);
    expect(footprint.ticketIds).toEqual([...new Set(plan.assignments.map((a) => a.ticket))].sort());
    const expected = plan.assignments.flatMap((a) => [
      ...a.parts.map((p) => ({
        ticketId: a.ticket,
        locationId: p.via === 'van' ? `VAN-${a.engineer}` : p.from,
        skuId: p.sku,
        qty: p.qty,
      })),
      ...(a.spareUnit
        ? [{ ticketId: a.ticket, locationId: a.spareUnit.from, skuId: a.spareUnit.sku, qty: 1 }]
        : []),
    ]);
    const total = (takes: Array<{ qty: number }>) => takes.reduce((sum, t) => sum + t.qty, 0);
    expect(total(footprint.takes)).toBe(total(expected));
    for (const take of expected)
      expect(footprint.takes).toContainEqual(
        expect.objectContaining({ ticketId: take.ticketId, locationId: take.locationId, skuId: take.skuId }),
      );
  });

  it('names every changed or unknown version, and nothing when all match', () => {
    const snapshot = {
      takenAt: '2026-11-28T00:00:00Z',
      stockVersions: { 'D-1:P-1': 3 },
      engineerVersions: { 'E-1': 1 },
      ticketVersions: { 'T-1': 2 },
    };
    const same = {
      stock: new Map([['D-1:P-1', 3]]),
      engineers: new Map([['E-1', 1]]),
      tickets: new Map([['T-1', 2]]),
    };
    expect(snapshotDrift(snapshot, same)).toEqual([]);
    const drift = snapshotDrift(snapshot, {
      stock: new Map([['D-1:P-1', 4]]),
      engineers: new Map([['E-9', 1]]),
      tickets: new Map([['T-1', 2]]),
    });
    expect(drift.map((d) => d.field)).toEqual(['stockVersions.D-1:P-1', 'engineerVersions.E-9']);
    expect(drift[0]!.message).toContain('version 3 → 4');
  });
});
