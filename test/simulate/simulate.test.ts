import { describe, expect, it } from 'vitest';
import { simulate, type SimulationInput, type SimulationResult } from '../../solver/simulate/index.ts';
import { tinyNetwork } from './networks.ts';

const run = (input: SimulationInput, replication = 0, seed = 7): SimulationResult =>
  simulate(input, { seed, replication });

describe('simulate: a tiny network timed by hand', () => {
  // E1 starts at O at 08:00 (minute 480). T1 is reported at 09:00 (540) at S1 and needs one P1,
  // held only at depot D: O→D 20 min, pickup 10 min, D→S1 40 min, on site at 610, 60 min of work.
  for (const policy of ['nearest-free', 'optimized'] as const) {
    it(`${policy}: pickup at 560, on site at 610, done at 670`, () => {
      const result = run(tinyNetwork(policy));
      expect(result.tickets).toEqual([
        {
          id: 'T1',
          level: 2,
          tier: 'A',
          arrivedAt: 540,
          engineer: 'E1',
          onsiteAt: 610,
          endAt: 670,
          unitAt: null,
          onsiteDue: 540 + 480,
          unitDue: null,
        },
      ]);
      expect(result.movements).toEqual([
        { at: 560, location: 'D', sku: 'P1', qty: -1, kind: 'issue', ticket: 'T1' },
      ]);
      const { kpis } = result;
      expect(kpis.promises.overall).toEqual({ met: 1, missed: 0, share: 1 });
      expect(kpis.responseMinutes.p50).toBe(70);
      // Busy from leaving O (540) to the end of the work (670); the shift is 10 h.
      expect(kpis.engineers.busyMinutes).toBe(130);
      expect(kpis.engineers.shiftMinutes).toBe(600);
      // One day has no nightly snapshot: the value at the end, 2 P1 left × 100.
      expect(kpis.stock.averageValue).toBe(200);
    });
  }

  it('a late report waits for the next shift and the clock is missed by the simulated times', () => {
    const input = tinyNetwork('nearest-free');
    input.days = 2;
    const t1 = input.demand.kind === 'replay' ? input.demand.tickets[0]! : null;
    // Reported at 17:30 (1050): O→D→S1 takes 70 min, past the 18:00 shift end, so E1 goes the next
    // morning at 08:00 (1920): pickup at 1940, on site at 1990; the 8 h on-site clock (due 1530) is missed.
    t1!.at = 1050;
    const result = run(input);
    const outcome = result.tickets[0]!;
    expect(outcome.onsiteAt).toBe(1990);
    expect(outcome.endAt).toBe(2050);
    expect(result.kpis.promises.overall).toEqual({ met: 0, missed: 1, share: 0 });
  });

  for (const policy of ['nearest-free', 'optimized'] as const) {
    it(`${policy}: a job is given only if its planned end is within the shift (overtime only from overruns)`, () => {
      const at = (reported: number, serviceMinutes: number) => {
        const input = tinyNetwork(policy);
        input.days = 2;
        const t1 = input.demand.kind === 'replay' ? input.demand.tickets[0]! : null;
        // Reported at `reported`: O→D 20, pickup 10, D→S1 40: on site 70 min later.
        t1!.at = reported;
        t1!.serviceMinutes = serviceMinutes;
        return run(input).tickets[0]!;
      };
      // 16:00 (960): on site at 1030, done at 1090 > 1080 (18:00): not given today; next morning
      // O at 08:00 (1920), on site at 1990.
      expect(at(960, 60).onsiteAt).toBe(1990);
      // The same report with 45 min of work ends at 1075: given now.
      expect(at(960, 45).onsiteAt).toBe(1030);
    });
  }

  it('nearest-free: an engineer takes only local work (within 120 min of driving)', () => {
    const far = (minutes: number) => {
      const input = tinyNetwork('nearest-free');
      if (input.network.travel.mode !== 'matrix') throw new Error('matrix expected');
      // O ↔ S1 set to `minutes`; the depot stays 20 min from O and 40 from S1.
      input.network.travel.minutes[0]![2] = minutes;
      input.network.travel.minutes[2]![0] = minutes;
      return run(input).tickets[0]!;
    };
    expect(far(110).engineer).toBe('E1');
    expect(far(130)).toMatchObject({ engineer: null, onsiteAt: null });
  });

  it('a spare unit by courier: handling, driving ÷ speed factor, then the sampled delay', () => {
    const input = tinyNetwork('nearest-free');
    input.serviceTimeCv = 0;
    input.network.courier = { handlingMinutes: 30, speedFactor: 2 };
    input.network.skus.push({ sku: 'U1', kind: 'unit', model: 'M1', unitCost: 1000 });
    input.network.stock.push({ location: 'D', sku: 'U1', qty: 1 });
    const t1 = input.demand.kind === 'replay' ? input.demand.tickets[0]! : null;
    t1!.spareUnit = { model: 'M1' };
    const result = run(input);
    // Courier leaves D at 540 + 30, drives 40 ÷ 2 = 20 min: the unit is on site at 590 (no delay by default).
    expect(result.tickets[0]!.unitAt).toBe(590);
    expect(result.tickets[0]!.unitDue).toBe(540 + 240);
    expect(result.kpis.unitWithin4h).toEqual({ eligible: 1, within: 1, share: 1 });
    expect(result.movements.filter((m) => m.sku === 'U1')).toEqual([
      { at: 540, location: 'D', sku: 'U1', qty: -1, kind: 'issue', ticket: 'T1' },
    ]);
  });
});
