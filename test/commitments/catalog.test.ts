import { describe, expect, it } from 'vitest';
import {
  CommitmentCatalog,
  CommitmentError,
  defaultCatalog,
  parseCatalog,
  resolveProfile,
} from '../../src/commitments/index.ts';

const catalog = defaultCatalog();

function thrown(action: () => unknown): CommitmentError {
  try {
    action();
  } catch (error) {
    if (error instanceof CommitmentError) return error;
    throw error;
  }
  throw new Error('expected a CommitmentError');
}

describe('the bundled catalog', () => {
  it('names the three fault levels and the three tiers in English and Chinese', () => {
    expect(catalog.levels.map((l) => [l.level, l.name.en])).toEqual([
      [1, 'critical'],
      [2, 'major'],
      [3, 'minor'],
    ]);
    expect(catalog.levels.every((l) => /[\u4e00-\u9fff]/.test(l.name.zh))).toBe(true);
    expect(catalog.tiers.map((t) => t.tier)).toEqual(['A', 'B', 'C']);
  });

  it('holds the default figures of commitments.md and their calendars', () => {
    const { clocks } = catalog.defaults;
    expect(clocks.acknowledge).toEqual({ calendar: '7x24', byTier: { A: 10, B: 10, C: 30 } });
    expect(clocks.answer).toEqual({ calendar: '7x24', byTier: { A: 60, B: 60, C: 60 } });
    expect(clocks.remote).toEqual({ calendar: '7x24', byTier: { A: 480, B: 480, C: 480 } });
    expect(clocks.complex).toEqual({ calendar: 'working-days', byTier: { A: 3, B: 3, C: 3 } });
    expect(clocks.spareUnit).toEqual({ calendar: '7x24', byTier: { A: 240, B: 240, C: null } });
    expect(clocks.report).toEqual({ calendar: 'working-days', byTier: { A: 3, B: 3, C: 5 } });
    expect(clocks.arrange).toEqual({ calendar: '7x24', byTier: { A: 120, B: 120, C: 120 } });
    expect(clocks.onsite.calendar).toBe('7x24');
    expect(catalog.defaults.atRiskShare).toBe(0.25);
    expect(catalog.defaults.warranty.months).toEqual({
      'main-unit': 36,
      piping: 12,
      electrical: 12,
      'software-support': 12,
    });
    expect(catalog.defaults.threeStrikes.repairsBeforeReplacement).toBe(3);
  });

  it('resolves every profile into complete terms', () => {
    for (const profile of catalog.profiles) {
      expect(resolveProfile(catalog, profile.id).profileId).toBe(profile.id);
    }
  });

  it('gives plan 1 a 2-hour response and parts at cost, plan 4 parts and labour', () => {
    const plan1 = resolveProfile(catalog, 'plan-1');
    expect(plan1.clocks.acknowledge.byTier).toEqual({ A: 120, B: 120, C: 120 });
    expect(plan1.warranty.outOfWarranty).toBe('parts-at-cost-no-labour');
    expect(resolveProfile(catalog, 'plan-4').warranty.outOfWarranty).toBe('parts-and-labour');
  });
});

describe('contract overrides', () => {
  it('change one figure and keep every other', () => {
    const profile = resolveProfile(catalog, 'plan-5-standard', {
      atRiskShare: 0.4,
      clocks: { acknowledge: { byTier: { A: 5 } }, report: { byTier: { C: 4 } } },
      warranty: { months: { 'main-unit': 60 } },
    });
    expect(profile.atRiskShare).toBe(0.4);
    expect(profile.clocks.acknowledge.byTier).toEqual({ A: 5, B: 10, C: 30 });
    expect(profile.clocks.report.byTier).toEqual({ A: 3, B: 3, C: 4 });
    expect(profile.warranty.months).toEqual({
      'main-unit': 60,
      piping: 12,
      electrical: 12,
      'software-support': 12,
    });
    expect(profile.clocks.onsite.byZone['same-city']).toEqual({ '1': 120, '2': 120, '3': 120 });
  });

  it('can add a zone, promise a spare unit to tier C, or switch a clock’s calendar', () => {
    const profile = resolveProfile(catalog, 'plan-1', {
      clocks: {
        onsite: { byZone: { 'same-city': { '1': 120, '2': 240, '3': 480 } } },
        spareUnit: { byTier: { C: 480 } },
        complex: { calendar: '7x24', byTier: { A: 1440, B: 1440, C: 1440 } },
      },
    });
    expect(profile.clocks.onsite.byZone['same-city']).toEqual({ '1': 120, '2': 240, '3': 480 });
    expect(profile.clocks.onsite.anyZone).toEqual({ '1': 720, '2': 720, '3': 720 });
    expect(profile.clocks.spareUnit.byTier.C).toBe(480);
    expect(profile.clocks.complex.calendar).toBe('7x24');
  });

  it('treat null or undefined as no overrides', () => {
    expect(resolveProfile(catalog, 'plan-3', null)).toEqual(resolveProfile(catalog, 'plan-3'));
  });

  it('reject unknown keys with their paths', () => {
    const error = thrown(() =>
      resolveProfile(catalog, 'plan-5-standard', {
        clocks: { acknowledge: { byTier: { D: 5 } }, hotline: { byTier: { A: 1 } } },
        slaPenalty: 100,
      }),
    );
    expect(error.code).toBe('invalid-overrides');
    expect(error.issues.map((i) => i.path).sort()).toEqual([
      'clocks.acknowledge.byTier.D',
      'clocks.hotline',
      'slaPenalty',
    ]);
  });

  it('reject a zone the catalog does not define', () => {
    const error = thrown(() =>
      resolveProfile(catalog, 'plan-5-standard', { clocks: { onsite: { byZone: { mars: { '1': 60 } } } } }),
    );
    expect(error.issues).toEqual([{ path: 'clocks.onsite.byZone.mars', message: 'unknown zone' }]);
  });

  it('reject figures that are not whole positive numbers, and shares outside 0..1', () => {
    const error = thrown(() =>
      resolveProfile(catalog, 'plan-5-standard', {
        atRiskShare: 1.5,
        clocks: { report: { byTier: { A: 2.5 } }, acknowledge: { byTier: { B: -10 } } },
      }),
    );
    expect(error.issues.map((i) => i.path).sort()).toEqual([
      'atRiskShare',
      'clocks.acknowledge.byTier.B',
      'clocks.report.byTier.A',
    ]);
  });

  it('reject a new zone that leaves levels without a figure', () => {
    const error = thrown(() =>
      resolveProfile(catalog, 'plan-1', { clocks: { onsite: { byZone: { surrounding: { '1': 60 } } } } }),
    );
    expect(error.issues.map((i) => i.path)).toEqual([
      'clocks.onsite.byZone.surrounding.2',
      'clocks.onsite.byZone.surrounding.3',
    ]);
  });

  it('reject an unknown warranty exclusion or out-of-warranty policy', () => {
    const error = thrown(() =>
      resolveProfile(catalog, 'plan-1', {
        warranty: { exclusions: ['acts-of-cats'], outOfWarranty: 'free-forever' },
      }),
    );
    expect(error.issues.map((i) => i.path).sort()).toEqual([
      'warranty.exclusions.0',
      'warranty.outOfWarranty',
    ]);
  });

  it('reject an unknown profile', () => {
    const error = thrown(() => resolveProfile(catalog, 'plan-9'));
    expect(error.code).toBe('unknown-profile');
    expect(error.issues[0]?.message).toContain('plan-5-standard');
  });
});

describe('catalog validation', () => {
  const valid = structuredClone(catalog);

  it('accepts the bundled catalog as data', () => {
    expect(CommitmentCatalog.safeParse(valid).success).toBe(true);
  });

  it('rejects a profile that names an unknown zone', () => {
    const bad = structuredClone(catalog);
    bad.profiles[0]!.terms.clocks!.onsite!.byZone = { atlantis: { '1': 1, '2': 1, '3': 1 } };
    expect(() => parseCatalog(bad)).toThrow(
      /profiles\.0\.terms\.clocks\.onsite\.byZone\.atlantis: unknown zone/,
    );
  });

  it('rejects duplicated profiles and a missing level', () => {
    const bad = structuredClone(catalog);
    bad.profiles.push(bad.profiles[0]!);
    bad.levels.pop();
    const error = thrown(() => parseCatalog(bad));
    expect(error.code).toBe('invalid-catalog');
    expect(error.issues.map((i) => i.path).sort()).toEqual(['levels', 'profiles']);
  });

  it('rejects a profile whose terms stay incomplete with the defaults', () => {
    const bad = structuredClone(catalog);
    bad.profiles[1]!.terms.clocks!.onsite!.anyZone = { '1': 720 };
    expect(() => parseCatalog(bad)).toThrow(/profiles\.1\.terms\.clocks\.onsite\.anyZone\.2/);
  });
});
