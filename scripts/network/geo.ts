import type { Random } from './random.ts';

/** Mean earth radius in km, the value turf uses, so distances here agree with the solver's. */
const EARTH_RADIUS_KM = 6371.0088;
const KM_PER_DEGREE = (Math.PI * EARTH_RADIUS_KM) / 180;

export interface Point {
  lat: number;
  lon: number;
}

export interface BoundingBox {
  minLat: number;
  maxLat: number;
  minLon: number;
  maxLon: number;
}

/** Great-circle distance in km (haversine). */
export function distanceKm(a: Point, b: Point): number {
  const toRad = Math.PI / 180;
  const dLat = (b.lat - a.lat) * toRad;
  const dLon = (b.lon - a.lon) * toRad;
  const h =
    Math.sin(dLat / 2) ** 2 + Math.cos(a.lat * toRad) * Math.cos(b.lat * toRad) * Math.sin(dLon / 2) ** 2;
  return 2 * EARTH_RADIUS_KM * Math.asin(Math.min(1, Math.sqrt(h)));
}

export function insideBox(point: Point, box: BoundingBox): boolean {
  return (
    point.lat >= box.minLat && point.lat <= box.maxLat && point.lon >= box.minLon && point.lon <= box.maxLon
  );
}

/** Coordinates rounded to 5 decimals (about a metre): enough for routing, short in JSON. */
export function roundPoint(point: Point): Point {
  return { lat: Math.round(point.lat * 1e5) / 1e5, lon: Math.round(point.lon * 1e5) / 1e5 };
}

/**
 * A point uniformly inside the disc of `radiusKm` around `centre`, kept inside `box` (a draw that
 * falls outside is repeated, then the centre itself is used), rounded to 5 decimals.
 */
export function scatterAround(centre: Point, radiusKm: number, box: BoundingBox, random: Random): Point {
  for (let attempt = 0; attempt < 8; attempt++) {
    const r = radiusKm * Math.sqrt(random.next());
    const angle = random.next() * 2 * Math.PI;
    const point = roundPoint({
      lat: centre.lat + (r * Math.cos(angle)) / KM_PER_DEGREE,
      lon: centre.lon + (r * Math.sin(angle)) / (KM_PER_DEGREE * Math.cos((centre.lat * Math.PI) / 180)),
    });
    if (insideBox(point, box)) return point;
  }
  return roundPoint(centre);
}
