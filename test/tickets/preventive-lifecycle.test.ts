import { describe, expect, it } from 'vitest';
import {
  allowedPreventiveTransitions,
  isEditable,
  isPreventiveTransitionAllowed,
  nextWindow,
  PREVENTIVE_STATUSES,
} from '../../src/preventive/preventive-lifecycle.ts';

describe('preventive job lifecycle', () => {
  it('goes planned → assigned → done → report_filed, and cancels only before the work is done', () => {
    const legal = new Set([
      'planned->assigned',
      'planned->cancelled',
      'assigned->assigned',
      'assigned->done',
      'assigned->cancelled',
      'done->report_filed',
    ]);
    for (const from of PREVENTIVE_STATUSES)
      for (const to of PREVENTIVE_STATUSES)
        expect(isPreventiveTransitionAllowed(from, to), `${from}->${to}`).toBe(legal.has(`${from}->${to}`));
    expect(allowedPreventiveTransitions('report_filed')).toEqual([]);
    expect(PREVENTIVE_STATUSES.filter(isEditable)).toEqual(['planned', 'assigned']);
  });

  it('plans the next occurrence of recurring work a month or half a year on, keeping the window length', () => {
    const window = { start: new Date('2026-01-31T01:00:00Z'), end: new Date('2026-02-01T09:00:00Z') };
    expect(nextWindow('once', window)).toBeUndefined();
    expect(nextWindow('monthly', window)).toEqual({
      start: new Date('2026-02-28T01:00:00Z'),
      end: new Date('2026-03-01T09:00:00Z'),
    });
    expect(nextWindow('twice-a-year', window)).toEqual({
      start: new Date('2026-07-31T01:00:00Z'),
      end: new Date('2026-08-01T09:00:00Z'),
    });
  });
});
