import type { NetworkSnapshot } from '../../src/scenarios/network-snapshot.ts';

/**
 * A small network by hand, in canonical order (see canonicalSnapshot): two regions, a depot and an
 * office in Sichuan, an office in Chongqing, two engineers (one with a van holding stock), a site,
 * three SKUs (two from one supplier), two profiles and a contract.
 */
export function aSnapshot(): NetworkSnapshot {
  return {
    regions: [
      { id: 'R-CQ', name: 'Chongqing', timeZone: 'Asia/Shanghai' },
      { id: 'R-SC', name: 'Sichuan', timeZone: 'Asia/Shanghai' },
    ],
    zones: [
      { id: 'Z-CTU-CITY', regionId: 'R-SC', kind: 'same-city' },
      { id: 'Z-CTU-SUB', regionId: 'R-SC', kind: 'surrounding' },
    ],
    locations: [
      {
        id: 'D-CTU',
        kind: 'depot',
        name: 'Chengdu depot',
        regionId: 'R-SC',
        zoneId: null,
        lat: 30.6,
        lon: 104.0,
        servingOfficeId: null,
        customerId: null,
      },
      {
        id: 'O-CQ',
        kind: 'office',
        name: 'Chongqing office',
        regionId: 'R-CQ',
        zoneId: null,
        lat: 29.5,
        lon: 106.5,
        servingOfficeId: null,
        customerId: null,
      },
      {
        id: 'O-YB',
        kind: 'office',
        name: 'Yibin office',
        regionId: 'R-SC',
        zoneId: null,
        lat: 28.7,
        lon: 104.6,
        servingOfficeId: null,
        customerId: null,
      },
      {
        id: 'S-1',
        kind: 'site',
        name: 'Hospital 1',
        regionId: 'R-SC',
        zoneId: 'Z-CTU-CITY',
        lat: 28.8,
        lon: 104.6,
        servingOfficeId: 'O-YB',
        customerId: 'C-1',
      },
      {
        id: 'V-1',
        kind: 'van',
        name: 'Van 1',
        regionId: 'R-SC',
        zoneId: null,
        lat: 28.7,
        lon: 104.6,
        servingOfficeId: null,
        customerId: null,
      },
    ],
    engineers: [
      {
        id: 'E-1',
        name: 'Li',
        homeLocationId: 'O-YB',
        vanLocationId: 'V-1',
        maxJobsPerDay: 6,
        skills: { 'his-server': 2 },
        shifts: [{ weekday: 1, startsAt: '08:30', endsAt: '17:30' }],
      },
      {
        id: 'E-2',
        name: 'Wang',
        homeLocationId: 'D-CTU',
        vanLocationId: null,
        maxJobsPerDay: 5,
        skills: { ct: 3 },
        shifts: [],
      },
    ],
    stock: [
      { locationId: 'D-CTU', skuId: 'P-FAN', qty: 4 },
      { locationId: 'D-CTU', skuId: 'P-PSU', qty: 10 },
      { locationId: 'O-YB', skuId: 'P-PSU', qty: 2 },
      { locationId: 'V-1', skuId: 'P-PSU', qty: 1 },
    ],
    skus: [
      {
        id: 'P-FAN',
        kind: 'part',
        unitCost: 25.5,
        supplierId: 'SUP-1',
        leadTimeDaysMean: 14,
        leadTimeDaysSd: 2,
      },
      {
        id: 'P-PSU',
        kind: 'part',
        unitCost: 100,
        supplierId: 'SUP-1',
        leadTimeDaysMean: 21,
        leadTimeDaysSd: 3,
      },
      {
        id: 'P-RAID',
        kind: 'part',
        unitCost: 300,
        supplierId: null,
        leadTimeDaysMean: 30,
        leadTimeDaysSd: 0,
      },
    ],
    suppliers: [{ id: 'SUP-1', name: 'Supplier 1' }],
    profiles: [
      { id: 'hospital-premium', name: 'Premium', definition: {} },
      { id: 'hospital-standard', name: 'Standard', definition: {} },
    ],
    contracts: [
      {
        id: 'K-1',
        customerId: 'C-1',
        profileId: 'hospital-standard',
        tier: 'B',
        startsOn: '2026-01-01',
        endsOn: null,
      },
    ],
    demandScales: [],
  };
}
