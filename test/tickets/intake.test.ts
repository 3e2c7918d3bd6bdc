import { describe, expect, it } from 'vitest';
import { CommitmentError, defaultCatalog, resolveProfile } from '../../src/commitments/index.ts';
import { effectiveProfile } from '../../src/tickets/contract-terms.ts';
import { replacementNeed, requiredSkill, warrantyDecision } from '../../src/tickets/intake.ts';
import { catalogZoneOf, NO_CATALOG_ZONE } from '../../src/tickets/ticket-clocks.ts';

const plan5 = resolveProfile(defaultCatalog(), 'plan-5-standard');
const equipment = {
  installedOn: '2025-06-01',
  warrantyCardReceivedOn: null,
  componentWarrantyEnds: { 'main-unit': '2027-12-31', electrical: '2026-06-30' },
};

describe('skill a ticket needs', () => {
  it("takes the model's skill, and at least level 2 for a critical fault", () => {
    const model = { skill: 'his-server', minSkillLevel: 1 };
    expect(requiredSkill(1, model)).toEqual({ skill: 'his-server', minSkillLevel: 2 });
    expect(requiredSkill(2, model)).toEqual({ skill: 'his-server', minSkillLevel: 1 });
    expect(requiredSkill(1, { skill: 'mri', minSkillLevel: 3 })).toEqual({ skill: 'mri', minSkillLevel: 3 });
    expect(requiredSkill(3, null)).toEqual({ skill: null, minSkillLevel: 1 });
  });
});

describe('three strikes at intake', () => {
  const repair = (ticketId: string, resolvedAt: string | null, faultCode = 'E-PSU') => ({
    ticketId,
    faultCode,
    resolvedAt,
    stillWorking: true,
  });
  const base = {
    ticketId: '(new)',
    equipmentId: 'EQ-1',
    faultCode: 'E-PSU',
    reportedAt: new Date('2026-11-30T00:00:00Z'),
    profile: plan5,
  };

  it('asks for a replacement on the fourth ticket of a fault repaired three times', () => {
    const history = [
      repair('T-1', '2026-01-01T00:00:00Z'),
      repair('T-2', '2026-03-01T00:00:00Z'),
      repair('T-3', '2026-06-01T00:00:00Z'),
    ];
    const need = replacementNeed({ ...base, history });
    expect(need.requiresReplacement).toBe(true);
    expect(need.replacementReason).toContain('T-1, T-2, T-3');
  });

  it('does not count open tickets, other faults, or a ticket without device or fault code', () => {
    const history = [
      repair('T-1', '2026-01-01T00:00:00Z'),
      repair('T-2', null),
      repair('T-3', '2026-06-01T00:00:00Z', 'E-FAN'),
    ];
    expect(replacementNeed({ ...base, history }).requiresReplacement).toBe(false);
    const three = [
      repair('T-1', '2026-01-01T00:00:00Z'),
      repair('T-2', '2026-02-01T00:00:00Z'),
      repair('T-3', '2026-03-01T00:00:00Z'),
    ];
    expect(replacementNeed({ ...base, faultCode: null, history: three })).toEqual({
      requiresReplacement: false,
      replacementReason: null,
    });
    expect(replacementNeed({ ...base, equipmentId: null, history: three }).requiresReplacement).toBe(false);
  });
});

describe('warranty decision', () => {
  const decide = (over: Partial<Parameters<typeof warrantyDecision>[0]>) =>
    warrantyDecision({
      component: 'main-unit',
      cause: null,
      faultOn: '2026-11-30',
      equipment,
      profile: plan5,
      ...over,
    });

  it('is free inside the recorded warranty and charged outside it by the policy', () => {
    expect(decide({})?.decision).toBe('free');
    expect(decide({ component: 'electrical' })?.decision).toBe('parts-and-labour');
    const plan1 = resolveProfile(defaultCatalog(), 'plan-1');
    expect(decide({ component: 'electrical', profile: plan1 })?.decision).toBe('parts-only');
  });

  it("counts a component the device does not list from installation with the profile's months", () => {
    // Piping: 12 months from 2025-06-01, so covered until 2026-06-01.
    expect(decide({ component: 'piping', faultOn: '2026-06-01' })?.decision).toBe('free');
    expect(decide({ component: 'piping', faultOn: '2026-06-02' })?.decision).toBe('parts-and-labour');
    expect(() => decide({ component: 'flux-capacitor' })).toThrow(CommitmentError);
  });

  it('covers no user damage, and charges a repair whose warranty card arrived late', () => {
    expect(decide({ cause: 'user-damage' })?.decision).toBe('not-covered');
    const late = { ...equipment, warrantyCardReceivedOn: '2025-06-30' };
    const charged = decide({ equipment: late });
    expect(charged?.decision).toBe('parts-and-labour');
    expect(charged?.reason).toContain('warranty card');
    expect(decide({ equipment: { ...equipment, warrantyCardReceivedOn: '2025-06-21' } })?.decision).toBe(
      'free',
    );
  });

  it('decides nothing without a device or a component', () => {
    expect(decide({ component: null })).toBeNull();
    expect(decide({ equipment: null })).toBeNull();
  });
});

describe('contract terms', () => {
  const plan1 = defaultCatalog().profiles.find((profile) => profile.id === 'plan-1')!;
  const contract = {
    contractId: 'K-1',
    profileId: 'plan-1',
    profileName: 'Plan 1',
    profileDefinition: plan1.terms,
    overrides: { clocks: { acknowledge: { byTier: { A: 5 } } } },
    outOfWarrantyPolicy: 'parts-and-labour' as const,
  };

  it("applies the stored profile, the contract's overrides and its out-of-warranty policy", () => {
    const profile = effectiveProfile(contract);
    expect(profile.clocks.acknowledge.byTier).toEqual({ A: 5, B: 120, C: 120 });
    expect(profile.clocks.onsite.anyZone?.['1']).toBe(720);
    // Plan 1 charges parts at cost; this contract's own policy column says parts and labour.
    expect(profile.warranty.outOfWarranty).toBe('parts-and-labour');
  });

  it('takes the stored definition as the profile, and names the contract when it does not resolve', () => {
    const own = effectiveProfile({
      ...contract,
      profileDefinition: { clocks: { onsite: { anyZone: { 1: 60, 2: 90, 3: 120 } } } },
    });
    expect(own.clocks.onsite.anyZone).toEqual({ 1: 60, 2: 90, 3: 120 });
    expect(effectiveProfile({ ...contract, profileDefinition: {} }).clocks.onsite.anyZone).toBeNull();
    expect(() => effectiveProfile({ ...contract, profileDefinition: { clocks: { teleport: {} } } })).toThrow(
      /contract K-1/,
    );
    expect(() =>
      effectiveProfile({ ...contract, overrides: { clocks: { onsite: { byZone: { mars: {} } } } } }),
    ).toThrow(CommitmentError);
  });

  it("maps the network's zone kinds onto the catalog's zones", () => {
    expect(catalogZoneOf('same-city')).toBe('same-city');
    expect(catalogZoneOf('2h')).toBe('beijing-urban');
    expect(catalogZoneOf('48h')).toBe('beijing-outside');
    expect(catalogZoneOf('custom')).toBe(NO_CATALOG_ZONE);
    expect(catalogZoneOf(null)).toBe(NO_CATALOG_ZONE);
  });
});
