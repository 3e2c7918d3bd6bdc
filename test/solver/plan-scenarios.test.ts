import { describe, expect, it } from 'vitest';
import {
  assignmentOf,
  at,
  engineer,
  nearYibin,
  solveChecked,
  stopsOf,
  ticket,
  yibinProblem,
} from '../support/plan-scenarios.ts';

describe('plan mode: hand-made scenarios', () => {
  it('sends the qualified engineer to a level-1 tier-A fault with a spare unit inside 4 hours', () => {
    const problem = yibinProblem({
      engineers: [
        engineer('E-1', { skills: { 'his-server': 1 } }),
        engineer('E-2', { skills: { 'his-server': 2 } }),
        engineer('E-3', { start: 'O-LZ', end: 'O-LZ', skills: { 'his-server': 3 } }),
      ],
      tickets: [
        ticket('T-1', 'S-2', {
          level: 1,
          tier: 'A',
          minSkillLevel: 2,
          serviceMinutes: 90,
          spareUnit: { model: 'HIS-R740' },
          due: { onsite: at('10:00'), spareUnit: at('12:00') },
        }),
      ],
      stock: [
        { location: 'O-YB', sku: 'U-HIS-R740', qty: 1 },
        { location: 'D-CTU', sku: 'U-HIS-R740', qty: 2 },
      ],
    });
    const plan = solveChecked(problem);
    const assignment = assignmentOf(plan, 'T-1');
    expect(assignment.engineer).toBe('E-2');
    expect(assignment.commitments.onsite?.met).toBe(true);
    expect(assignment.commitments.spareUnit?.met).toBe(true);
    // The office's own unit, picked up on the way out: no courier minutes, no drive to Chengdu.
    expect(assignment.spareUnit).toMatchObject({ sku: 'U-HIS-R740', from: 'O-YB', via: 'pickup' });
    expect(stopsOf(plan, 'E-2')).toEqual(['pickup O-YB', 'T-1']);
    expect(assignment.why).toContain('his-server 2 ≥ 2');
    expect(assignment.alternatives).toContainEqual({ engineer: 'E-1', rejected: 'skill his-server 1 < 2' });
    expect(plan.summary.commitments.byLevel['1']).toEqual([2, 0]);
  });

  it('sends the least late engineer to a ticket nobody reaches in time instead of leaving it out', () => {
    const problem = yibinProblem({
      engineers: [engineer('E-1'), engineer('E-2', { start: 'O-LZ', end: 'O-LZ' })],
      // S-8 is 40 km south: 52 minutes from Yibin, about two hours from Luzhou.
      tickets: [ticket('T-1', 'S-8', { due: { onsite: at('08:30') } })],
    });
    const plan = solveChecked(problem);
    expect(plan.unassigned).toEqual([]);
    const assignment = assignmentOf(plan, 'T-1');
    expect(assignment.engineer).toBe('E-1');
    expect(assignment.commitments.onsite?.met).toBe(false);
    expect(assignment.commitments.onsite?.slackMinutes).toBeCloseTo(-22, 0);
    // One missed level-2 tier-B commitment (1000 × 2), not the two-fold cost of leaving it out.
    expect(plan.summary.objective[0]).toBe(2000);
    expect(plan.summary.lateMinutes).toBeCloseTo(22, 0);
    expect(assignment.why).toContain('late for the on-site due 08:30');
  });

  it('uses a superseding part from the van', () => {
    const problem = yibinProblem({
      engineers: [engineer('E-1', { vanStock: { 'P-PSU-650': 1 } })],
      tickets: [ticket('T-1', 'S-1', { parts: [{ sku: 'P-PSU-600', qty: 1 }] })],
    });
    const plan = solveChecked(problem);
    expect(assignmentOf(plan, 'T-1').parts).toEqual([
      { sku: 'P-PSU-650', qty: 1, from: 'van', via: 'van', atSite: expect.any(String), forSku: 'P-PSU-600' },
    ]);
  });

  it('picks up a transitively superseding part when nothing else fits and there is no courier', () => {
    const problem = yibinProblem({
      engineers: [engineer('E-1')],
      tickets: [ticket('T-1', 'S-1', { parts: [{ sku: 'P-PSU-600', qty: 1 }] })],
      stock: [{ location: 'D-YB', sku: 'P-PSU-700', qty: 2 }],
      courier: null,
    });
    const plan = solveChecked(problem);
    expect(assignmentOf(plan, 'T-1').parts).toMatchObject([
      { sku: 'P-PSU-700', qty: 1, from: 'D-YB', via: 'pickup', forSku: 'P-PSU-600' },
    ]);
    expect(stopsOf(plan, 'E-1')).toEqual(['pickup D-YB', 'T-1']);
  });

  it('inserts a pickup at the depot when the van lacks the part and that beats a courier', () => {
    // S-3 is 15 km south of the office and D-YB 5 km north: going by D-YB adds 13 minutes of
    // driving, a courier from D-YB would drive 26.
    const problem = yibinProblem({
      engineers: [engineer('E-1')],
      tickets: [ticket('T-1', 'S-2'), ticket('T-2', 'S-3', { parts: [{ sku: 'P-FAN-1', qty: 1 }] })],
      stock: [{ location: 'D-YB', sku: 'P-FAN-1', qty: 3 }],
    });
    const plan = solveChecked(problem);
    // All on one line north–south: either ticket order drives the same 52 minutes.
    const [first, ...tickets] = stopsOf(plan, 'E-1');
    expect(first).toBe('pickup D-YB');
    expect(tickets.sort()).toEqual(['T-1', 'T-2']);
    expect(plan.summary.courierMinutes).toBe(0);
    expect(assignmentOf(plan, 'T-2').parts).toMatchObject([{ sku: 'P-FAN-1', from: 'D-YB', via: 'pickup' }]);
    const pickup = plan.routes[0]!.stops[0]!;
    expect(pickup.type === 'pickup' && pickup.skus).toEqual({ 'P-FAN-1': 1 });
  });

  it('keeps pins: the pinned engineer, the pinned first stop, and the reason when a pin cannot hold', () => {
    const problem = yibinProblem({
      engineers: [
        engineer('E-1', { skills: { 'his-server': 2, xray: 1 } }),
        engineer('E-2', { start: 'O-LZ', end: 'O-LZ' }),
      ],
      tickets: [
        ticket('T-1', 'S-1', { pin: { engineer: 'E-2' } }),
        ticket('T-2', 'S-4', { pin: { engineer: 'E-1', first: true } }),
        ticket('T-3', 'S-2'),
        ticket('T-4', 'S-3', { skill: 'xray', minSkillLevel: 2, pin: { engineer: 'E-1' } }),
      ],
    });
    const plan = solveChecked(problem);
    expect(assignmentOf(plan, 'T-1')).toMatchObject({ engineer: 'E-2', pinned: true });
    expect(stopsOf(plan, 'E-1')[0]).toBe('T-2');
    expect(plan.unassigned).toEqual([{ ticket: 'T-4', reason: 'pinned to E-1, whose xray 1 < 2' }]);
  });

  it('explains why tickets stay unassigned', () => {
    const problem = yibinProblem({
      engineers: [engineer('E-1')],
      tickets: [
        ticket('T-1', 'S-1', { skill: 'xray', minSkillLevel: 3 }),
        ticket('T-2', 'S-2', { parts: [{ sku: 'P-FAN-1', qty: 1 }] }),
        ticket('T-3', 'S-3', { serviceMinutes: 700 }),
      ],
    });
    const plan = solveChecked(problem);
    const reasons = Object.fromEntries(plan.unassigned.map((u) => [u.ticket, u.reason]));
    expect(reasons).toEqual({
      'T-1': 'no engineer with xray ≥ 3',
      'T-2': 'part P-FAN-1 out of stock everywhere reachable',
      'T-3': 'no engineer with his-server ≥ 1 can finish it before their shift ends',
    });
    expect(plan.summary.commitments).toEqual({
      met: 0,
      missed: 0,
      byLevel: { '1': [0, 0], '2': [0, 0], '3': [0, 0] },
    });
    // Three level-2 tier-B tickets left out, each costing its weight once (no commitments).
    expect(plan.summary.objective).toEqual([6000, 0, 0, 0]);
  });

  it('fills the summary completely', () => {
    const problem = yibinProblem({
      engineers: [engineer('E-1'), engineer('E-2')],
      tickets: [ticket('T-1', 'S-1', { due: { onsite: at('12:00') } }), ticket('T-2', 'S-5')],
    });
    const { summary } = solveChecked(problem);
    expect(summary).toMatchObject({
      commitments: { met: 1, missed: 0, byLevel: { '1': [0, 0], '2': [1, 0], '3': [0, 0] } },
      lateMinutes: 0,
      courierMinutes: 0,
      provenOptimal: false,
      lowerBound: null,
      moved: 0,
    });
    expect(summary.travelMinutes).toBeGreaterThan(0);
    expect(summary.objective).toEqual([0, 0, summary.travelMinutes, 0]);
    expect(summary.solveMs).toBeGreaterThan(0);
    expect(summary.method).toMatch(/^regret\+ils/);
  });

  it('places a ticket on the site it lists even far from the office', () => {
    const problem = yibinProblem({
      engineers: [engineer('E-1')],
      tickets: [ticket('T-1', 'S-1')],
      sites: { 'S-1': nearYibin(60, 10) },
    });
    expect(assignmentOf(solveChecked(problem), 'T-1').engineer).toBe('E-1');
  });
});
