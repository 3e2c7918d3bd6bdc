import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createCoverageIndex, soleCoversOfSite } from '../../solver/plan/coverage.ts';
import { buildModel, type Model } from '../../solver/plan/model.ts';
import { Problem } from '../../solver/problem.schema.ts';
import { minutesToUnits } from '../../solver/units.ts';
import { benchmarkProblem } from '../support/plan-benchmark-problem.ts';

/**
 * The fourth objective term's rule, read straight from docs/solver.md: a (stock location, SKU)
 * pair is a sole cover when some site has it within the horizon and no other location holding
 * the SKU; legs measured exactly, site by site.
 */
function soleCoverByDefinition(model: Model, pair: number, sites: readonly number[]): boolean {
  const horizon = minutesToUnits(model.problem.options.coverageMinutes);
  const within = (from: number, to: number) => model.travel.units(from, to) <= horizon;
  const location = model.slotLoc[pair]!;
  const rivals = (model.pairsBySku[model.slotSku[pair]!] ?? [])
    .map((other) => model.slotLoc[other]!)
    .filter((at) => at !== location);
  return sites.some((site) => within(location, site) && !rivals.some((rival) => within(rival, site)));
}

function sitesOf(problem: Problem): number[] {
  return problem.locations.flatMap((location, i) => (location.kind === 'site' ? [i] : []));
}

describe('sole covers (objective term 4)', () => {
  it('the site grid answers every pair as the rule read site by site does: scattered depots, clustered sites', () => {
    const point = (spanDegrees: number) =>
      fc.record({
        lat: fc.double({ min: 30, max: 30 + spanDegrees, noNaN: true }),
        lon: fc.double({ min: 104, max: 104 + spanDegrees, noNaN: true }),
      });
    fc.assert(
      fc.property(
        fc.constantFrom(0.3, 1, 3).chain((span) =>
          fc.record({
            depots: fc.array(
              fc.record({ at: point(span), skus: fc.subarray(['A', 'B', 'C'], { minLength: 1 }) }),
              {
                minLength: 2,
                maxLength: 30,
              },
            ),
            // Sites in clusters, so that a cell of the grid holds several sites some way apart.
            clusters: fc.array(
              fc.record({
                center: point(span),
                offsets: fc.array(
                  fc.record({
                    lat: fc.double({ min: -0.15, max: 0.15, noNaN: true }),
                    lon: fc.double({ min: -0.15, max: 0.15, noNaN: true }),
                  }),
                  { minLength: 1, maxLength: 6 },
                ),
              }),
              { minLength: 1, maxLength: 4 },
            ),
            coverageMinutes: fc.integer({ min: 5, max: 240 }),
          }),
        ),
        ({ depots, clusters, coverageMinutes }) => {
          const sites = clusters.flatMap(({ center, offsets }) =>
            offsets.map((offset) => ({ lat: center.lat + offset.lat, lon: center.lon + offset.lon })),
          );
          const problem = Problem.parse({
            now: '2026-11-28T08:00:00+08:00',
            locations: [
              ...depots.map((depot, i) => ({ id: `D-${i}`, kind: 'depot', ...depot.at })),
              ...sites.map((site, i) => ({ id: `S-${i}`, kind: 'site', ...site })),
            ],
            engineers: [],
            stock: depots.flatMap((depot, i) =>
              depot.skus.map((sku) => ({ location: `D-${i}`, sku, qty: 1 })),
            ),
            tickets: [],
            travel: { mode: 'greatCircle', speedKmh: 50, circuity: 1.3 },
            options: { coverageMinutes },
          });
          const model = buildModel(problem);
          const index = createCoverageIndex(model);
          const siteIndices = sitesOf(problem);
          for (let pair = 0; pair < model.pairCount; pair++)
            expect([pair, index.isSoleCover(pair)]).toEqual([
              pair,
              soleCoverByDefinition(model, pair, siteIndices),
            ]);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('the site grid answers every pair as the rule read site by site does: sites on the edge of a reach', () => {
    // Depots R and L and a cluster of sites where R's reach ends, or L's, or both: whether L (or
    // R) is a sole cover depends on single sites of the cluster, which a cell's bounds cannot
    // settle. High latitudes make the longitude factor of the estimate vary across a cell.
    const offset = fc.record({
      lat: fc.integer({ min: -1000, max: 1000 }),
      lon: fc.integer({ min: -1000, max: 1000 }),
    });
    fc.assert(
      fc.property(
        fc.record({
          coverageMinutes: fc.integer({ min: 10, max: 240 }),
          latitude: fc.constantFrom(-45, 0, 30, 62),
          fromR: fc.integer({ min: 0, max: 359 }),
          edgeR: fc.integer({ min: 85, max: 115 }),
          fromL: fc.integer({ min: 0, max: 359 }),
          edgeL: fc.integer({ min: 0, max: 115 }),
          // Offsets in thousandths of the spread, drawn evenly (doubles would crowd the ends).
          offsets: fc.array(offset, { minLength: 1, maxLength: 25 }),
        }),
        ({ coverageMinutes, latitude, fromR, edgeR, fromL, edgeL, offsets }) => {
          const reachKm = ((coverageMinutes / 60) * 50) / 1.3;
          const perLon = 111.2 * Math.cos((latitude * Math.PI) / 180);
          const away = (from: { lat: number; lon: number }, degrees: number, percent: number) => ({
            lat: from.lat + ((percent / 100) * reachKm * Math.sin((degrees * Math.PI) / 180)) / 111.2,
            lon: from.lon + ((percent / 100) * reachKm * Math.cos((degrees * Math.PI) / 180)) / perLon,
          });
          const rival = { lat: latitude, lon: 104 };
          const center = away(rival, fromR, edgeR);
          const spread = (0.06 * reachKm) / 111.2 / 1000;
          const problem = Problem.parse({
            now: '2026-11-28T08:00:00+08:00',
            locations: [
              { id: 'D-R', kind: 'depot', ...rival },
              { id: 'D-L', kind: 'depot', ...away(center, fromL, edgeL) },
              ...offsets.map((o, i) => ({
                id: `S-${i}`,
                kind: 'site',
                lat: center.lat + o.lat * spread,
                lon: center.lon + o.lon * spread,
              })),
            ],
            engineers: [],
            stock: [
              { location: 'D-R', sku: 'A', qty: 1 },
              { location: 'D-L', sku: 'A', qty: 1 },
            ],
            tickets: [],
            travel: { mode: 'greatCircle', speedKmh: 50, circuity: 1.3 },
            options: { coverageMinutes },
          });
          const model = buildModel(problem);
          const index = createCoverageIndex(model);
          const sites = sitesOf(problem);
          for (let pair = 0; pair < model.pairCount; pair++)
            expect([pair, index.isSoleCover(pair)]).toEqual([
              pair,
              soleCoverByDefinition(model, pair, sites),
            ]);
        },
      ),
      { numRuns: 400 },
    );
  });

  it('the site grid answers every pair as the rule read site by site does: generated days', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 1_000_000 }),
        fc.constantFrom(15, 40, 90, 240),
        fc.constantFrom(150, 400, 900),
        (seed, coverageMinutes, sideKm) => {
          const base = benchmarkProblem(seed, { tickets: 120, engineers: 20, offices: 6, depots: 3, sideKm });
          const problem = { ...base, options: { ...base.options, coverageMinutes } };
          const model = buildModel(problem);
          const index = createCoverageIndex(model);
          const sites = sitesOf(problem);
          for (let pair = 0; pair < model.pairCount; pair++)
            expect([pair, index.isSoleCover(pair)]).toEqual([
              pair,
              soleCoverByDefinition(model, pair, sites),
            ]);
        },
      ),
      { numRuns: 12 },
    );
  });

  it('a new site adds exactly the pairs it has alone within reach', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 1_000_000 }),
        fc.constantFrom(15, 40, 90),
        (seed, coverageMinutes) => {
          const base = benchmarkProblem(seed, {
            tickets: 40,
            engineers: 10,
            offices: 4,
            depots: 2,
            sideKm: 300,
          });
          const problem = { ...base, options: { ...base.options, coverageMinutes } };
          const model = buildModel(problem);
          const sites = sitesOf(problem);
          const site = sites[seed % sites.length]!;
          const added = new Set(soleCoversOfSite(model, site));
          for (let pair = 0; pair < model.pairCount; pair++)
            expect([pair, added.has(pair)]).toEqual([pair, soleCoverByDefinition(model, pair, [site])]);
        },
      ),
      { numRuns: 12 },
    );
  });
});
