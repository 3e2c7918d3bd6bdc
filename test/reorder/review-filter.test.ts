import { describe, expect, it } from 'vitest';
import type { SuggestionDraft } from '../../src/reorder/reorder-decisions.ts';
import { createPhaseTimer } from '../../src/reorder/phase-timer.ts';
import { needsReview } from '../../src/reorder/review-filter.ts';

const quiet = {
  action: 'none',
  coverageAtRisk: false,
  alerts: [{ code: 'too-little-history', message: '' }],
} as unknown as SuggestionDraft;

describe('which suggestions a run stores for review', () => {
  it('drops a pair with no action, coverage met and only informational alerts', () => {
    expect(needsReview(quiet)).toBe(false);
    expect(needsReview({ ...quiet, alerts: [] })).toBe(false);
    expect(
      needsReview({
        ...quiet,
        alerts: [
          { code: 'no-demand', message: '' },
          { code: 'lumpy-demand', message: '' },
        ],
      }),
    ).toBe(false);
  });

  it('keeps any action, coverage at risk, and an alert that asks for a decision', () => {
    for (const action of ['buy', 'transfer', 'last-time-buy'] as const)
      expect(needsReview({ ...quiet, action })).toBe(true);
    expect(needsReview({ ...quiet, coverageAtRisk: true })).toBe(true);
    for (const code of ['end-of-life-passed', 'obsolescence-risk', 'target-unreachable', 'coverage-at-risk'])
      expect(needsReview({ ...quiet, alerts: [...quiet.alerts, { code, message: '' }] })).toBe(true);
  });
});

describe('the phase timer', () => {
  it('adds up each phase by the injected clock, also when the work throws', async () => {
    let now = 0;
    const timer = createPhaseTimer(() => now);
    await timer.time('read', () => {
      now += 5;
    });
    await expect(
      timer.time('plan', async () => {
        now += 7;
        throw new Error('boom');
      }),
    ).rejects.toThrow('boom');
    await timer.time('read', () => {
      now += 1;
    });
    const report = timer.report();
    expect(report.ms).toEqual({ read: 6, plan: 7 });
    expect(Object.keys(report.rssMiBAfter)).toEqual(['read', 'plan']);
    expect(report.rssMiBAfter.read).toBeGreaterThan(0);
  });
});
