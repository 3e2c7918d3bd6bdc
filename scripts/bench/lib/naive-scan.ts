import { distance } from '@turf/distance';
import type { Problem } from '../../../solver/problem.schema.ts';

/**
 * The candidates benchmark's baseline: the nearest qualified engineer by straight-line distance
 * from their start, found by looking at every engineer once. It is what a dispatcher's "who is
 * closest" query costs, so the solver's latency can be read as a multiple of it on any machine.
 */
export interface EngineerPoint {
  id: string;
  skills: Readonly<Record<string, number>>;
  lon: number;
  lat: number;
}

export function engineerPoints(problem: Problem): EngineerPoint[] {
  const places = new Map(problem.locations.map((location) => [location.id, location]));
  return problem.engineers.map((engineer) => {
    const start = places.get(engineer.start);
    return { id: engineer.id, skills: engineer.skills, lon: start?.lon ?? 0, lat: start?.lat ?? 0 };
  });
}

export function nearestQualified(
  engineers: readonly EngineerPoint[],
  need: { skill: string; minSkillLevel: number },
  site: { lon: number; lat: number },
): { engineer: string; km: number } | null {
  let best: { engineer: string; km: number } | null = null;
  for (const engineer of engineers) {
    if ((engineer.skills[need.skill] ?? 0) < need.minSkillLevel) continue;
    const km = distance([engineer.lon, engineer.lat], [site.lon, site.lat], { units: 'kilometers' });
    if (!best || km < best.km) best = { engineer: engineer.id, km };
  }
  return best;
}
