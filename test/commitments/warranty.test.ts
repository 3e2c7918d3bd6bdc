import { describe, expect, it } from 'vitest';
import {
  CommitmentError,
  decideWarranty,
  defaultCatalog,
  lastCoveredDay,
  resolveProfile,
  warrantyEnds,
} from '../../src/commitments/index.ts';

const catalog = defaultCatalog();
const plan1 = resolveProfile(catalog, 'plan-1').warranty;
const plan4 = resolveProfile(catalog, 'plan-4').warranty;

/** Installed and accepted on 15 January 2026. */
const coverStartsOn = '2026-01-15';

describe('warranty ends per component', () => {
  it('gives the main unit 3 years and piping, electrical parts and software support 1 year', () => {
    expect(warrantyEnds(coverStartsOn, plan1)).toEqual({
      'main-unit': '2029-01-15',
      piping: '2027-01-15',
      electrical: '2027-01-15',
      'software-support': '2027-01-15',
    });
  });

  it('ends on the last day of a month that has no corresponding day', () => {
    expect(lastCoveredDay('2026-01-31', 1)).toBe('2026-02-28');
    expect(lastCoveredDay('2028-01-31', 1)).toBe('2028-02-29');
    expect(lastCoveredDay('2026-08-31', 6)).toBe('2027-02-28');
  });
});

describe('warranty decisions', () => {
  it('repairs a main unit inside its warranty for free, to the last covered day', () => {
    for (const faultOn of ['2028-06-01', '2029-01-15']) {
      expect(
        decideWarranty({ component: 'main-unit', coverStartsOn, faultOn, cause: 'normal-use', terms: plan1 }),
      ).toEqual({
        decision: 'free',
        reason: 'main-unit is under warranty until 2029-01-15: parts and labour free',
      });
    }
  });

  it('charges parts at cost and no labour outside the warranty under plan 1', () => {
    const decision = decideWarranty({
      component: 'piping',
      coverStartsOn,
      faultOn: '2027-01-16',
      cause: 'normal-use',
      terms: plan1,
    });
    expect(decision).toEqual({
      decision: 'parts-only',
      reason: 'piping warranty ended 2027-01-15; the contract charges parts at cost, no labour fee',
    });
  });

  it('charges parts and labour outside the warranty under plan 4', () => {
    const decision = decideWarranty({
      component: 'software-support',
      coverStartsOn,
      faultOn: '2027-03-01',
      cause: 'normal-use',
      terms: plan4,
    });
    expect(decision.decision).toBe('parts-and-labour');
  });

  it.each(['user-damage', 'unauthorised-repair', 'force-majeure'] as const)(
    'covers nothing caused by %s, even inside the warranty',
    (cause) => {
      const inside = decideWarranty({
        component: 'main-unit',
        coverStartsOn,
        faultOn: '2026-06-01',
        cause,
        terms: plan1,
      });
      expect(inside).toEqual({
        decision: 'not-covered',
        reason: `${cause} is excluded: neither the warranty nor the contract covers it`,
      });
      const outside = decideWarranty({
        component: 'electrical',
        coverStartsOn,
        faultOn: '2028-06-01',
        cause,
        terms: plan4,
      });
      expect(outside.decision).toBe('not-covered');
    },
  );

  it('covers force majeure when the contract drops that exclusion', () => {
    const terms = resolveProfile(catalog, 'plan-1', {
      warranty: { exclusions: ['user-damage', 'unauthorised-repair'] },
    }).warranty;
    expect(
      decideWarranty({
        component: 'main-unit',
        coverStartsOn,
        faultOn: '2026-06-01',
        cause: 'force-majeure',
        terms,
      }).decision,
    ).toBe('free');
  });

  it('takes the last covered day that the installed base records', () => {
    const question = {
      component: 'main-unit',
      cause: 'normal-use',
      terms: plan1,
      coveredUntil: '2026-12-31',
    } as const;
    expect(decideWarranty({ ...question, faultOn: '2026-12-31' }).decision).toBe('free');
    expect(decideWarranty({ ...question, faultOn: '2027-01-01' }).decision).toBe('parts-only');
  });

  it('rejects a component without a warranty length, and a malformed date', () => {
    expect(() =>
      decideWarranty({
        component: 'compressor',
        coverStartsOn,
        faultOn: '2026-06-01',
        cause: 'normal-use',
        terms: plan1,
      }),
    ).toThrow(CommitmentError);
    expect(() =>
      decideWarranty({
        component: 'main-unit',
        coverStartsOn,
        faultOn: '2026-02-30',
        cause: 'normal-use',
        terms: plan1,
      }),
    ).toThrow(/faultOn/);
  });
});
