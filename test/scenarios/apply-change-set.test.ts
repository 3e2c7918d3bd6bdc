import { describe, expect, it } from 'vitest';
import { applyChangeSet, ChangeSetError } from '../../src/scenarios/apply-change-set.ts';
import { ChangeSet, type ChangeInput } from '../../src/scenarios/change-set.schemas.ts';
import { demandFactor } from '../../src/scenarios/network-snapshot.ts';
import { summarizeNetwork } from '../../src/scenarios/network-summary.ts';
import { aSnapshot } from './snapshot-fixture.ts';

/** Parses like the API does (defaults filled in), then applies to the hand-made network. */
const apply = (changes: ChangeInput[], baseline = aSnapshot()) =>
  applyChangeSet(baseline, ChangeSet.parse(changes));

function failure(changes: ChangeInput[]): ChangeSetError {
  try {
    apply(changes);
  } catch (error) {
    if (error instanceof ChangeSetError) return error;
    throw error;
  }
  throw new Error('the change set applied, but it should not have');
}

const stockAt = (snapshot: ReturnType<typeof aSnapshot>, locationId: string, skuId: string) =>
  snapshot.stock.find((row) => row.locationId === locationId && row.skuId === skuId)?.qty ?? 0;

describe('applyChangeSet', () => {
  it('leaves the baseline untouched and returns it unchanged for an empty set', () => {
    const baseline = aSnapshot();
    const frozen = structuredClone(baseline);
    expect(applyChangeSet(baseline, [])).toEqual(frozen);
    apply(
      [
        { kind: 'remove-engineer', engineerId: 'E-1' },
        { kind: 'add-stock', locationId: 'D-CTU', skuId: 'P-PSU', qty: 3 },
      ],
      baseline,
    );
    expect(baseline).toEqual(frozen);
  });

  it('adds an engineer at an office, with skills, shifts and the default job limit', () => {
    const after = apply([
      {
        kind: 'add-engineer',
        engineerId: 'E-9',
        name: 'Zhao',
        homeLocationId: 'O-CQ',
        skills: { ct: 2 },
        shifts: [{ weekday: 2, startsAt: '09:00', endsAt: '18:00' }],
      },
    ]);
    expect(after.engineers.map((engineer) => engineer.id)).toEqual(['E-1', 'E-2', 'E-9']);
    expect(after.engineers[2]).toEqual({
      id: 'E-9',
      name: 'Zhao',
      homeLocationId: 'O-CQ',
      vanLocationId: null,
      maxJobsPerDay: 6,
      skills: { ct: 2 },
      shifts: [{ weekday: 2, startsAt: '09:00', endsAt: '18:00' }],
    });
  });

  it('refuses an engineer whose id exists or whose home is not an office or depot', () => {
    const base = { kind: 'add-engineer' as const, name: 'X', skills: {}, shifts: [] };
    expect(failure([{ ...base, engineerId: 'E-1', homeLocationId: 'O-CQ' }])).toMatchObject({
      index: 0,
      field: 'engineerId',
    });
    expect(failure([{ ...base, engineerId: 'E-9', homeLocationId: 'S-1' }])).toMatchObject({
      index: 0,
      field: 'homeLocationId',
    });
    expect(failure([{ ...base, engineerId: 'E-9', homeLocationId: 'O-NOPE' }]).reason).toBe(
      'no location O-NOPE',
    );
  });

  it('removes an engineer, and changes skills and shifts (replacing them)', () => {
    const after = apply([
      { kind: 'remove-engineer', engineerId: 'E-2' },
      { kind: 'change-skills', engineerId: 'E-1', skills: { ct: 1, mri: 3 } },
      {
        kind: 'change-shift',
        engineerId: 'E-1',
        shifts: [{ weekday: 6, startsAt: '10:00', endsAt: '14:00' }],
      },
    ]);
    expect(after.engineers).toHaveLength(1);
    expect(after.engineers[0]).toMatchObject({
      id: 'E-1',
      skills: { ct: 1, mri: 3 },
      shifts: [{ weekday: 6, startsAt: '10:00', endsAt: '14:00' }],
    });
  });

  it('names the change when an engineer is unknown, removed earlier or added earlier in the same set', () => {
    expect(failure([{ kind: 'change-skills', engineerId: 'E-404', skills: {} }])).toMatchObject({
      index: 0,
      field: 'engineerId',
      reason: 'no engineer E-404',
    });
    expect(
      failure([
        { kind: 'remove-engineer', engineerId: 'E-1' },
        { kind: 'change-shift', engineerId: 'E-1', shifts: [] },
      ]),
    ).toMatchObject({
      index: 1,
      field: 'engineerId',
      reason: 'engineer E-1 is removed by change 0 of this set',
    });
    const added = failure([
      { kind: 'add-stock', locationId: 'D-CTU', skuId: 'P-PSU', qty: 1 },
      {
        kind: 'add-engineer',
        engineerId: 'E-9',
        name: 'Zhao',
        homeLocationId: 'O-CQ',
        skills: {},
        shifts: [],
      },
      { kind: 'remove-engineer', engineerId: 'E-9' },
    ]);
    expect(added).toMatchObject({ index: 2, field: 'engineerId' });
    expect(added.message).toContain('change 2');
    expect(added.reason).toContain('added by change 1');
  });

  it('lets later changes build on earlier ones: open a depot, stock it, base an engineer there', () => {
    const after = apply([
      {
        kind: 'open-location',
        locationId: 'D-NEW',
        locationKind: 'depot',
        name: 'Leshan depot',
        regionId: 'R-SC',
        lat: 29.55,
        lon: 103.77,
      },
      { kind: 'move-stock', fromLocationId: 'D-CTU', toLocationId: 'D-NEW', skuId: 'P-PSU', qty: 4 },
      { kind: 'add-stock', locationId: 'D-NEW', skuId: 'P-RAID', qty: 2 },
      {
        kind: 'add-engineer',
        engineerId: 'E-9',
        name: 'Zhao',
        homeLocationId: 'D-NEW',
        skills: {},
        shifts: [],
      },
    ]);
    expect(after.locations.find((location) => location.id === 'D-NEW')).toMatchObject({
      kind: 'depot',
      regionId: 'R-SC',
      lat: 29.55,
    });
    expect(stockAt(after, 'D-CTU', 'P-PSU')).toBe(6);
    expect(stockAt(after, 'D-NEW', 'P-PSU')).toBe(4);
    expect(stockAt(after, 'D-NEW', 'P-RAID')).toBe(2);
    expect(after.engineers.find((engineer) => engineer.id === 'E-9')?.homeLocationId).toBe('D-NEW');
  });

  it('refuses opening an existing id or in an unknown region', () => {
    const open = {
      kind: 'open-location' as const,
      locationKind: 'office' as const,
      name: 'X',
      lat: 30,
      lon: 104,
    };
    expect(failure([{ ...open, locationId: 'O-YB', regionId: 'R-SC' }])).toMatchObject({
      field: 'locationId',
    });
    expect(failure([{ ...open, locationId: 'O-NEW', regionId: 'R-XX' }])).toMatchObject({
      field: 'regionId',
    });
  });

  it('closes an office: stock moves, engineers and served sites are reassigned', () => {
    const after = apply([
      {
        kind: 'close-location',
        locationId: 'O-YB',
        stockToLocationId: 'D-CTU',
        reassignToLocationId: 'D-CTU',
      },
    ]);
    expect(after.locations.map((location) => location.id)).not.toContain('O-YB');
    expect(stockAt(after, 'O-YB', 'P-PSU')).toBe(0);
    expect(stockAt(after, 'D-CTU', 'P-PSU')).toBe(12);
    expect(after.engineers.find((engineer) => engineer.id === 'E-1')?.homeLocationId).toBe('D-CTU');
    expect(after.locations.find((location) => location.id === 'S-1')?.servingOfficeId).toBe('D-CTU');
    expect(summarizeNetwork(after).stockUnits).toBe(summarizeNetwork(aSnapshot()).stockUnits);
  });

  it('closes a location and writes its stock off when told to (stockToLocationId null)', () => {
    const after = apply([{ kind: 'close-location', locationId: 'O-CQ', stockToLocationId: null }]);
    expect(after.locations.map((location) => location.id)).toEqual(['D-CTU', 'O-YB', 'S-1', 'V-1']);
    const written = apply([
      { kind: 'close-location', locationId: 'D-CTU', stockToLocationId: null, reassignToLocationId: 'O-YB' },
    ]);
    expect(written.stock).toEqual([
      { locationId: 'O-YB', skuId: 'P-PSU', qty: 2 },
      { locationId: 'V-1', skuId: 'P-PSU', qty: 1 },
    ]);
  });

  it('refuses to close a location with engineers unless told where they go, or a site, or into itself', () => {
    expect(
      failure([{ kind: 'close-location', locationId: 'O-YB', stockToLocationId: 'D-CTU' }]),
    ).toMatchObject({ field: 'reassignToLocationId' });
    expect(failure([{ kind: 'close-location', locationId: 'S-1', stockToLocationId: null }])).toMatchObject({
      field: 'locationId',
    });
    expect(
      failure([{ kind: 'close-location', locationId: 'O-CQ', stockToLocationId: 'O-CQ' }]),
    ).toMatchObject({ field: 'stockToLocationId' });
    expect(failure([{ kind: 'close-location', locationId: 'O-CQ', stockToLocationId: 'S-1' }])).toMatchObject(
      { field: 'stockToLocationId' },
    );
    expect(
      failure([
        { kind: 'close-location', locationId: 'O-CQ', stockToLocationId: null },
        { kind: 'add-stock', locationId: 'O-CQ', skuId: 'P-PSU', qty: 1 },
      ]),
    ).toMatchObject({
      index: 1,
      field: 'locationId',
      reason: 'location O-CQ is removed by change 0 of this set',
    });
  });

  it('moves a depot or a site, not a van', () => {
    const after = apply([{ kind: 'move-location', locationId: 'D-CTU', lat: 30.7, lon: 104.1 }]);
    expect(after.locations[0]).toMatchObject({ id: 'D-CTU', lat: 30.7, lon: 104.1 });
    expect(failure([{ kind: 'move-location', locationId: 'V-1', lat: 30, lon: 104 }])).toMatchObject({
      field: 'locationId',
    });
  });

  it('adds, moves and removes stock; a row emptied disappears', () => {
    const after = apply([
      { kind: 'add-stock', locationId: 'O-CQ', skuId: 'P-FAN', qty: 3 },
      { kind: 'move-stock', fromLocationId: 'D-CTU', toLocationId: 'V-1', skuId: 'P-FAN', qty: 4 },
      { kind: 'remove-stock', locationId: 'O-YB', skuId: 'P-PSU', qty: 2 },
    ]);
    expect(stockAt(after, 'O-CQ', 'P-FAN')).toBe(3);
    expect(stockAt(after, 'V-1', 'P-FAN')).toBe(4);
    expect(after.stock.some((row) => row.locationId === 'D-CTU' && row.skuId === 'P-FAN')).toBe(false);
    expect(after.stock.some((row) => row.locationId === 'O-YB')).toBe(false);
  });

  it('refuses moving or removing stock that is not there, naming the change and its qty', () => {
    const moved = failure([
      { kind: 'remove-stock', locationId: 'D-CTU', skuId: 'P-PSU', qty: 8 },
      { kind: 'move-stock', fromLocationId: 'D-CTU', toLocationId: 'O-YB', skuId: 'P-PSU', qty: 3 },
    ]);
    expect(moved).toMatchObject({
      index: 1,
      field: 'qty',
      reason: 'only 2 of P-PSU available at D-CTU, not 3',
    });
    expect(failure([{ kind: 'remove-stock', locationId: 'O-CQ', skuId: 'P-FAN', qty: 1 }])).toMatchObject({
      index: 0,
      field: 'qty',
    });
    expect(failure([{ kind: 'add-stock', locationId: 'S-1', skuId: 'P-FAN', qty: 1 }])).toMatchObject({
      field: 'locationId',
    });
    expect(failure([{ kind: 'add-stock', locationId: 'D-CTU', skuId: 'P-NOPE', qty: 1 }])).toMatchObject({
      field: 'skuId',
    });
    expect(
      failure([
        { kind: 'move-stock', fromLocationId: 'D-CTU', toLocationId: 'D-CTU', skuId: 'P-FAN', qty: 1 },
      ]),
    ).toMatchObject({ field: 'toLocationId' });
  });

  it("changes a contract's profile and tier, and a site's zone", () => {
    const after = apply([
      { kind: 'change-contract-profile', contractId: 'K-1', profileId: 'hospital-premium', tier: 'A' },
      { kind: 'change-site-zone', siteId: 'S-1', zoneId: 'Z-CTU-SUB' },
    ]);
    expect(after.contracts[0]).toMatchObject({ profileId: 'hospital-premium', tier: 'A' });
    expect(after.locations.find((location) => location.id === 'S-1')?.zoneId).toBe('Z-CTU-SUB');
    expect(
      failure([{ kind: 'change-contract-profile', contractId: 'K-9', profileId: 'hospital-premium' }]),
    ).toMatchObject({ field: 'contractId' });
    expect(
      failure([{ kind: 'change-contract-profile', contractId: 'K-1', profileId: 'gold' }]),
    ).toMatchObject({ field: 'profileId' });
    expect(failure([{ kind: 'change-site-zone', siteId: 'D-CTU', zoneId: 'Z-CTU-SUB' }])).toMatchObject({
      field: 'siteId',
    });
    expect(failure([{ kind: 'change-site-zone', siteId: 'S-1', zoneId: 'Z-NOPE' }])).toMatchObject({
      field: 'zoneId',
    });
  });

  it('scales demand by region, level and months; overlapping rules multiply', () => {
    const after = apply([
      { kind: 'scale-demand', factor: 2, months: [12, 1, 2] },
      { kind: 'scale-demand', factor: 1.5, regionId: 'R-SC', level: 1 },
    ]);
    expect(after.demandScales).toEqual([
      { factor: 2, regionId: null, level: null, months: [1, 2, 12] },
      { factor: 1.5, regionId: 'R-SC', level: 1, months: null },
    ]);
    expect(demandFactor(after, { regionId: 'R-SC', level: 1, month: 1 })).toBe(3);
    expect(demandFactor(after, { regionId: 'R-SC', level: 2, month: 1 })).toBe(2);
    expect(demandFactor(after, { regionId: 'R-CQ', level: 1, month: 7 })).toBe(1);
    expect(failure([{ kind: 'scale-demand', factor: 2, regionId: 'R-XX' }])).toMatchObject({
      field: 'regionId',
    });
  });

  it("changes a supplier's lead time on every SKU it supplies", () => {
    const after = apply([{ kind: 'change-supplier-lead-time', supplierId: 'SUP-1', leadTimeDaysMean: 7 }]);
    expect(after.skus.map((sku) => [sku.id, sku.leadTimeDaysMean, sku.leadTimeDaysSd])).toEqual([
      ['P-FAN', 7, 2],
      ['P-PSU', 7, 3],
      ['P-RAID', 30, 0],
    ]);
    expect(
      failure([{ kind: 'change-supplier-lead-time', supplierId: 'SUP-9', leadTimeDaysMean: 7 }]),
    ).toMatchObject({ field: 'supplierId' });
  });

  it('rejects malformed changes in the schema, naming the path', () => {
    const result = ChangeSet.safeParse([
      { kind: 'add-stock', locationId: 'D-CTU', skuId: 'P-PSU', qty: 1 },
      { kind: 'add-stock', locationId: 'D-CTU', skuId: 'P-PSU', qty: 0 },
      { kind: 'teleport' },
    ]);
    expect(result.success).toBe(false);
    expect(result.error!.issues.map((issue) => issue.path.join('.'))).toEqual(['1.qty', '2.kind']);
  });
});

describe('summarizeNetwork', () => {
  it('counts engineers and locations and values stock per region at unit cost', () => {
    expect(summarizeNetwork(aSnapshot())).toEqual({
      engineers: 2,
      locations: { depot: 1, office: 2, van: 1, site: 1 },
      stockUnits: 17,
      stockValue: 1402,
      stockByRegion: [{ regionId: 'R-SC', units: 17, value: 1402 }],
      demandScales: 0,
    });
  });
});
