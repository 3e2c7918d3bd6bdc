import { distanceKm, scatterAround, type Point } from './geo.ts';
import {
  CITY_GROUPS,
  DEMO_STOCK_LOCATIONS,
  PROVINCES,
  REGIONS,
  type ProvinceName,
  type StockLocationSeed,
} from './geography-data.ts';
import { idWidth, numberedId } from './ids.ts';
import type { Random } from './random.ts';
import { streetAddress } from './names.ts';
import type { Location, Region } from './schema.ts';
import { TIME_ZONE } from './time.ts';

/** A district or county seat, with its city and province. */
export interface Place extends Point {
  name: string;
  nameZh: string;
  city: string;
  cityZh: string;
  province: ProvinceName;
  regionId: string;
  urban: boolean;
  /** Relative density of customer sites around the place. */
  weight: number;
}

export const PLACES: readonly Place[] = CITY_GROUPS.flatMap((group) =>
  group.places.map(([name, nameZh, lat, lon], index): Place => {
    const urban = index < group.urban;
    return {
      name,
      nameZh,
      lat,
      lon,
      city: group.city,
      cityZh: group.cityZh,
      province: group.province,
      regionId: PROVINCES[group.province].regionId,
      urban,
      // Urban districts share the city's weight; each county around it gets a smaller share.
      weight: urban ? group.weight / group.urban : group.weight / 8,
    };
  }),
);

export function findPlace(city: string, name: string): Place {
  const place = PLACES.find((p) => p.city === city && p.name === name);
  if (!place) throw new Error(`no place ${name} in ${city}`);
  return place;
}

export function buildRegions(): Region[] {
  return REGIONS.map((region) => ({
    id: region.id,
    name: region.name,
    nameZh: region.nameZh,
    timeZone: TIME_ZONE,
  }));
}

/** A depot or an office: where stock is held and, for offices, where engineers start. */
export interface StockSite extends Point {
  id: string;
  kind: 'depot' | 'office';
  name: string;
  nameZh: string;
  place: Place;
}

/** Every `DEPOT_EVERY`-th location a scale network adds is a depot, the rest are offices. */
const DEPOT_EVERY = 10;

/**
 * The network's depots and offices: a prefix of the demo's sixteen real ones, and beyond them (for
 * a scale network) offices and depots at further county seats, then again near the same seats.
 */
export function buildStockSites(count: number, random: Random): StockSite[] {
  const seeded = DEMO_STOCK_LOCATIONS.slice(0, count).map((seed) => seededSite(seed));
  const extra = count - seeded.length;
  if (extra <= 0) return seeded;

  const used = new Set(seeded.map((site) => site.place));
  const candidates = PLACES.filter((place) => !used.has(place))
    .map((place, order) => ({ place, order }))
    .sort((a, b) => b.place.weight - a.place.weight || a.order - b.order)
    .map(({ place }) => place);
  const width = idWidth(count, 4);
  const sites = seeded.slice();
  for (let i = 0; i < extra; i++) {
    const place = candidates[i % candidates.length] as Place;
    const round = Math.floor(i / candidates.length);
    const kind = i % DEPOT_EVERY === DEPOT_EVERY - 1 ? 'depot' : 'office';
    const point =
      round === 0
        ? { lat: place.lat, lon: place.lon }
        : scatterAround(place, 12, PROVINCES[place.province].box, random);
    const short = place.name.replace(/ (District|County)$/, '');
    const suffix = round === 0 ? '' : ` ${round + 1}`;
    sites.push({
      id: numberedId(kind === 'depot' ? 'D-' : 'O-', seeded.length + i + 1, width),
      kind,
      name: `${short} ${kind}${suffix}`,
      nameZh: `${place.nameZh}${kind === 'depot' ? '备件库' : '服务站'}${round === 0 ? '' : round + 1}`,
      place,
      ...point,
    });
  }
  return sites;
}

function seededSite(seed: StockLocationSeed): StockSite {
  const place = findPlace(seed.city, seed.place);
  return {
    id: seed.id,
    kind: seed.kind,
    name: seed.name,
    nameZh: seed.nameZh,
    place,
    lat: place.lat,
    lon: place.lon,
  };
}

/** The nearest of `candidates` to `point` (the first of equals), or undefined when there are none. */
export function nearest<T extends Point>(point: Point, candidates: readonly T[]): T | undefined {
  let best: T | undefined;
  let bestKm = Infinity;
  for (const candidate of candidates) {
    const km = distanceKm(point, candidate);
    if (km < bestKm) {
      best = candidate;
      bestKm = km;
    }
  }
  return best;
}

/** Postal address in Chinese down to the county: province, city (not for a municipality), county. */
export function addressPrefix(place: Place): string {
  const province = PROVINCES[place.province];
  return province.municipality
    ? `${province.nameZh}${place.nameZh}`
    : `${province.nameZh}${place.cityZh}${place.nameZh}`;
}

/** The location record of a depot or an office; an office is served (replenished) by `depotId`. */
export function stockSiteLocation(site: StockSite, depotId: string | null, random: Random): Location {
  return {
    id: site.id,
    kind: site.kind,
    name: site.name,
    nameZh: site.nameZh,
    regionId: site.place.regionId,
    zoneId: null,
    servingOfficeId: depotId,
    customerId: null,
    lat: site.lat,
    lon: site.lon,
    province: site.place.province,
    city: site.place.city,
    county: site.place.name,
    address: `${addressPrefix(site.place)}${streetAddress(false, random)}`,
    holdsStock: true,
  };
}
