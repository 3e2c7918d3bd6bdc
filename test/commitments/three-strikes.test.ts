import { describe, expect, it } from 'vitest';
import { decideThreeStrikes, type RepairRecord } from '../../src/commitments/index.ts';

function repair(ticketId: string, faultCode: string, day: number, stillWorking = true): RepairRecord {
  return { ticketId, faultCode, resolvedAt: `2026-0${day}-15T16:00:00+08:00`, stillWorking };
}

const newTicket = (faultCode = 'E-PSU') => ({
  id: 'T-NEW',
  faultCode,
  reportedAt: '2026-09-01T09:00:00+08:00',
});

describe('three strikes (三包)', () => {
  it('sends an engineer for the third ticket of a fault (two repairs so far)', () => {
    const decision = decideThreeStrikes({
      history: [repair('T-1', 'E-PSU', 1), repair('T-2', 'E-PSU', 3)],
      ticket: newTicket(),
    });
    expect(decision.replacement).toBe(false);
    expect(decision.repairs).toEqual(['T-1', 'T-2']);
    expect(decision.reason).toContain('2 earlier repair(s) of fault E-PSU');
  });

  it('needs a replacement unit for the fourth ticket after three repairs of the same fault', () => {
    const decision = decideThreeStrikes({
      history: [repair('T-3', 'E-PSU', 5), repair('T-1', 'E-PSU', 1), repair('T-2', 'E-PSU', 3)],
      ticket: newTicket(),
    });
    expect(decision).toEqual({
      replacement: true,
      repairs: ['T-1', 'T-2', 'T-3'],
      reason:
        '4th ticket for fault E-PSU after 3 repairs (T-1, T-2, T-3); the fault came back after T-3: ' +
        'replace with a new unit of the same brand and model (三包)',
    });
  });

  it('says so when the last repair left the device not working', () => {
    const decision = decideThreeStrikes({
      history: [repair('T-1', 'E-PSU', 1), repair('T-2', 'E-PSU', 3), repair('T-3', 'E-PSU', 5, false)],
      ticket: newTicket(),
    });
    expect(decision.replacement).toBe(true);
    expect(decision.reason).toContain('T-3 left the device not working');
  });

  it('does not count repairs of a different fault', () => {
    const history = [repair('T-1', 'E-PSU', 1), repair('T-2', 'E-PSU', 3), repair('T-3', 'E-PSU', 5)];
    expect(decideThreeStrikes({ history, ticket: newTicket('E-FAN') })).toMatchObject({
      replacement: false,
      repairs: [],
    });
    const mixed = [repair('T-1', 'E-PSU', 1), repair('T-2', 'E-FAN', 3), repair('T-3', 'E-PSU', 5)];
    expect(decideThreeStrikes({ history: mixed, ticket: newTicket() }).replacement).toBe(false);
  });

  it('counts only resolved tickets, each once, resolved before the new report, and not the new ticket', () => {
    const history: RepairRecord[] = [
      repair('T-1', 'E-PSU', 1),
      repair('T-1', 'E-PSU', 1),
      { ticketId: 'T-OPEN', faultCode: 'E-PSU', resolvedAt: null, stillWorking: false },
      { ticketId: 'T-NEW', faultCode: 'E-PSU', resolvedAt: null, stillWorking: false },
      {
        ticketId: 'T-LATER',
        faultCode: 'E-PSU',
        resolvedAt: '2026-09-02T10:00:00+08:00',
        stillWorking: true,
      },
      repair('T-2', 'E-PSU', 3),
    ];
    expect(decideThreeStrikes({ history, ticket: newTicket() })).toMatchObject({
      replacement: false,
      repairs: ['T-1', 'T-2'],
    });
  });

  it('matches fault codes without case or surrounding spaces', () => {
    const history = [repair('T-1', 'e-psu', 1), repair('T-2', ' E-PSU', 3), repair('T-3', 'E-Psu ', 5)];
    expect(decideThreeStrikes({ history, ticket: newTicket() }).replacement).toBe(true);
  });

  it('follows a contract’s own threshold', () => {
    const history = [repair('T-1', 'E-PSU', 1), repair('T-2', 'E-PSU', 3)];
    expect(decideThreeStrikes({ history, ticket: newTicket(), repairsBeforeReplacement: 2 })).toMatchObject({
      replacement: true,
      reason: expect.stringContaining('3rd ticket'),
    });
  });

  it('rejects a threshold below one', () => {
    expect(() =>
      decideThreeStrikes({ history: [], ticket: newTicket(), repairsBeforeReplacement: 0 }),
    ).toThrow(/repairsBeforeReplacement/);
  });
});
