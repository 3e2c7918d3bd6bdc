import { describe, expect, it } from 'vitest';
import { clockStatus, type CommitmentClock } from '../../src/commitments/index.ts';

/** A 4-hour clock from 08:00 to 12:00 in Shanghai; at risk in its last hour (25 % of 240 min). */
const clock: Pick<CommitmentClock, 'due' | 'budgetMinutes' | 'atRiskShare'> = {
  due: '2026-11-24T12:00:00+08:00',
  budgetMinutes: 240,
  atRiskShare: 0.25,
};

const at = (time: string) => `2026-11-24T${time}+08:00`;

describe('clock status', () => {
  it.each([
    ['08:10:00', 'running', 230],
    ['11:00:00', 'running', 60],
    ['11:00:30', 'at-risk', 59.5],
    ['11:59:00', 'at-risk', 1],
    ['12:00:00', 'at-risk', 0],
    ['12:01:00', 'breached', -1],
    ['15:00:00', 'breached', -180],
  ] as const)('running at %s: %s with %s minutes left', (now, status, remainingMinutes) => {
    expect(clockStatus(clock, null, at(now))).toEqual({ status, remainingMinutes });
  });

  it.each([
    ['11:30:00', 'met', 30],
    ['12:00:00', 'met', 0],
    ['12:05:00', 'breached', -5],
  ] as const)('stopped at %s: %s with %s minutes to spare', (stoppedAt, status, remainingMinutes) => {
    expect(clockStatus(clock, at(stoppedAt), at('18:00:00'))).toEqual({ status, remainingMinutes });
  });

  it('stays met after the due time once stopped in time, whatever now is', () => {
    expect(clockStatus(clock, at('09:00:00'), at('08:30:00')).status).toBe('met');
    expect(clockStatus(clock, at('09:00:00'), '2026-12-31T00:00:00Z').status).toBe('met');
  });

  it('walks running → at risk → breached as time passes without a stop', () => {
    const states = ['09:00:00', '11:30:00', '12:30:00'].map(
      (now) => clockStatus(clock, null, at(now)).status,
    );
    expect(states).toEqual(['running', 'at-risk', 'breached']);
  });

  it('follows the clock’s own at-risk share', () => {
    expect(clockStatus({ ...clock, atRiskShare: 0.5 }, null, at('10:30:00')).status).toBe('at-risk');
    expect(clockStatus({ ...clock, atRiskShare: 0.1 }, null, at('10:30:00')).status).toBe('running');
  });

  it('compares instants, not wall-clock strings: UTC and Shanghai agree', () => {
    expect(clockStatus(clock, '2026-11-24T03:59:00Z', '2026-11-24T05:00:00Z')).toEqual({
      status: 'met',
      remainingMinutes: 1,
    });
  });

  it('rejects a stop time without an offset', () => {
    expect(() => clockStatus(clock, '2026-11-24T11:00:00', at('11:00:00'))).toThrow(/stoppedAt/);
  });
});
