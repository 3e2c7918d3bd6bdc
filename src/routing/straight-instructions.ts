import type { RouteLanguage } from './types.ts';

/**
 * Instructions for a straight-line leg of the great-circle model, where there are no roads and
 * therefore no turns: one "head <direction> for <distance> to <stop>" and one arrival.
 */
export interface StraightLeg {
  /** Initial bearing in degrees, -180..180 (0 = north, 90 = east). */
  bearing: number;
  distanceKm: number;
  stopName?: string;
  /** 1-based number of the stop this leg ends at, named when stopName is absent. */
  stopNumber: number;
}

const compass: Record<RouteLanguage, readonly string[]> = {
  en: ['north', 'north-east', 'east', 'south-east', 'south', 'south-west', 'west', 'north-west'],
  'zh-Hans': ['北', '东北', '东', '东南', '南', '西南', '西', '西北'],
};

/** The nearest of the eight compass points. */
export function compassPoint(language: RouteLanguage, bearingDegrees: number): string {
  const octant = Math.round((((bearingDegrees % 360) + 360) % 360) / 45) % 8;
  return compass[language][octant]!;
}

/** Metres below 1 km (to 10 m), one decimal below 10 km, whole kilometres above. */
export function formatDistance(language: RouteLanguage, km: number): string {
  const [metre, kilometre] = language === 'en' ? [' m', ' km'] : ['米', '公里'];
  if (km < 1) return `${Math.round(km * 100) * 10}${metre}`;
  if (km < 10) return `${Math.round(km * 10) / 10}${kilometre}`;
  return `${Math.round(km)}${kilometre}`;
}

/** The stop's name, or "stop 2" / "第2站" when it has none. */
export function stopLabel(language: RouteLanguage, stopNumber: number, name?: string): string {
  if (name) return name;
  return language === 'en' ? `stop ${stopNumber}` : `第${stopNumber}站`;
}

export function straightLegInstructions(
  language: RouteLanguage,
  leg: StraightLeg,
): { depart: string; arrive: string } {
  const direction = compassPoint(language, leg.bearing);
  const distance = formatDistance(language, leg.distanceKm);
  const stop = stopLabel(language, leg.stopNumber, leg.stopName);
  if (language === 'en') {
    return { depart: `Head ${direction} for ${distance} to ${stop}`, arrive: `Arrive at ${stop}` };
  }
  return { depart: `向${direction}行驶${distance}，前往${stop}`, arrive: `到达${stop}` };
}
