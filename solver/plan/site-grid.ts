import { approxUnitsPerRadian } from './approx-travel.ts';
import type { Model } from './model.ts';

/** Cells are this fraction of the horizon across: most are wholly inside or outside a reach. */
const CELLS_PER_HORIZON = 8;
/** Relative slack on a threshold, far above floating-point error and far below the estimate's band. */
const BOUND_SLACK = 1e-9;
/** Rivals tried for covering a whole cell before looking at its sites one by one. */
const COVER_TRIES = 3;

/** Whether location `from` is within the horizon of `to` (the coverage rule, see coverage.ts). */
export type Within = (from: number, to: number) => boolean;

/**
 * Answers "is there a site within the horizon of `location` and of none of `rivals`?" without
 * asking it of every site. In greatCircle mode the sites are bucketed in a latitude/longitude grid,
 * and each cell gets bounds on the flat-earth estimate that `within` decides by when it is clear:
 * a cell whose nearest point is clearly out of the location's reach is skipped, and so is a cell
 * whose farthest point is clearly within a rival's, since every site in it would be answered the
 * same way one by one. Only the remaining cells (near the edge of a reach) are looked at site by
 * site, with `within` itself, so the answer is exactly the site-by-site one.
 */
export function createSiteGrid(
  model: Model,
  sites: readonly number[],
  within: Within,
  horizon: number,
): (location: number, rivals: readonly number[]) => boolean {
  const { problem } = model;
  const travel = problem.travel;
  if (travel.mode !== 'greatCircle') return (location, rivals) => anyAlone(sites, location, rivals, within);

  const rad = Math.PI / 180;
  const lat = Float64Array.from(problem.locations, (location) => (location.lat ?? 0) * rad);
  const lon = Float64Array.from(problem.locations, (location) => (location.lon ?? 0) * rad);
  const perRadian = approxUnitsPerRadian(travel);
  // within() is decided by the estimate alone below and above these (the same expressions).
  const clearlyIn = horizon * 0.97 - 10;
  const clearlyOut = horizon * 1.03 + 10;
  const clear = (from: number, to: number): number => {
    const estimate = model.approx(from, to);
    return estimate < clearlyIn ? 1 : estimate > clearlyOut ? -1 : 0;
  };
  // The same thresholds in radians, for bounds on whole cells.
  const inside = (clearlyIn / perRadian) * (1 - BOUND_SLACK);
  const outside = (clearlyOut / perRadian) * (1 + BOUND_SLACK);
  const size = Math.max(horizon / perRadian / CELLS_PER_HORIZON, 1e-4);
  const cells = bucketSites(sites, lat, lon, size);
  const bounds = { low: 0, high: 0 };

  return (location, rivals) => {
    // Only cells whose sites can be within reach in latitude: cells are sorted by their lowest
    // site and are less than `size` tall. The cosine ranges of `pointIn` hold for sites in the
    // band; a site of a top cell above it is out of the location's reach whatever its bounds say.
    const latP = lat[location]!;
    const band = { low: latP - outside - size, high: latP + outside };
    const first = firstCellFrom(cells, band.low);
    const point = (q: number): Point => pointIn(lat[q]!, lon[q]!, band);
    const here = point(location);
    const distance = rivals.map((rival) => model.approx(rival, location));
    const order = rivals
      .map((_, i) => i)
      .sort((a, b) => distance[a]! - distance[b]! || a - b)
      .map((i) => rivals[i]!);
    const near = order.slice(0, COVER_TRIES).map(point);
    let cover = -1;
    const coveredWhole = (c: number): boolean => {
      for (let k = -1; k < near.length; k++) {
        const j = k < 0 ? cover : k;
        if (j < 0 || (k >= 0 && j === cover)) continue;
        cellBounds(near[j] ?? point(order[j]!), cells, c, bounds);
        if (bounds.high < inside) {
          cover = j;
          return true;
        }
      }
      return false;
    };
    for (let c = first; c < cells.count && cells.lat0[c]! <= band.high; c++) {
      cellBounds(here, cells, c, bounds);
      if (bounds.low > outside || coveredWhole(c)) continue;
      for (let i = cells.start[c]!; i < cells.start[c + 1]!; i++) {
        const site = cells.sites[i]!;
        // The estimate first: a travel time is measured only where it decides the answer.
        const reached = clear(location, site);
        if (reached < 0) continue;
        if (cover >= 0 && clear(order[cover]!, site) > 0) continue;
        let j = order.findIndex((rival) => clear(rival, site) > 0);
        if (j < 0) {
          if (reached === 0 && !within(location, site)) continue;
          j = order.findIndex((rival) => clear(rival, site) === 0 && within(rival, site));
          if (j < 0) return true;
        }
        cover = j;
      }
    }
    return false;
  };
}

/**
 * A location with the range of cos(mean latitude) between it and any latitude of a band, which
 * bounds the estimate's longitude factor for every cell in the band at once.
 */
interface Point {
  readonly lat: number;
  readonly lon: number;
  readonly cosLow: number;
  readonly cosHigh: number;
}

function pointIn(lat: number, lon: number, band: { low: number; high: number }): Point {
  const mean0 = (lat + band.low) / 2;
  const mean1 = (lat + band.high) / 2;
  const nearest = mean0 <= 0 && mean1 >= 0 ? 0 : Math.min(Math.abs(mean0), Math.abs(mean1));
  const farthest = Math.min(Math.PI / 2, Math.max(Math.abs(mean0), Math.abs(mean1)));
  return { lat, lon, cosLow: Math.cos(farthest), cosHigh: Math.cos(nearest) };
}

/** The first cell (in order of lowest latitude) whose lowest site is at or above `lat`. */
function firstCellFrom(cells: Cells, lat: number): number {
  let low = 0;
  let high = cells.count;
  while (low < high) {
    const mid = (low + high) >> 1;
    if (cells.lat0[mid]! < lat) low = mid + 1;
    else high = mid;
  }
  return low;
}

/** The plain answer, site by site (matrix travel has no geometry to bound). */
function anyAlone(
  sites: readonly number[],
  location: number,
  rivals: readonly number[],
  within: Within,
): boolean {
  for (const site of sites) {
    if (!within(location, site)) continue;
    if (!rivals.some((rival) => within(rival, site))) return true;
  }
  return false;
}

/** Sites grouped by cell, each cell with the bounding box (radians) of its own sites. */
interface Cells {
  readonly count: number;
  /** Sites of cell c are sites[start[c]..start[c+1]). */
  readonly start: Int32Array;
  readonly sites: Int32Array;
  readonly lat0: Float64Array;
  readonly lat1: Float64Array;
  readonly lon0: Float64Array;
  readonly lon1: Float64Array;
}

function bucketSites(sites: readonly number[], lat: Float64Array, lon: Float64Array, size: number): Cells {
  // Rows and columns of a cell, offset to be positive, in one number (size is at least 1e-4 rad).
  const groups = new Map<number, number[]>();
  for (const site of sites) {
    const key = (Math.floor(lat[site]! / size) + 40_000) * 100_000 + Math.floor(lon[site]! / size) + 70_000;
    const group = groups.get(key);
    if (group) group.push(site);
    else groups.set(key, [site]);
  }
  const count = groups.size;
  const cells: Cells = {
    count,
    start: new Int32Array(count + 1),
    sites: new Int32Array(sites.length),
    lat0: new Float64Array(count).fill(Infinity),
    lat1: new Float64Array(count).fill(-Infinity),
    lon0: new Float64Array(count).fill(Infinity),
    lon1: new Float64Array(count).fill(-Infinity),
  };
  const ordered = [...groups.values()]
    .map((group) => ({ group, lowest: group.reduce((low, site) => Math.min(low, lat[site]!), Infinity) }))
    .sort((a, b) => a.lowest - b.lowest);
  let c = 0;
  let at = 0;
  for (const { group } of ordered) {
    cells.start[c] = at;
    for (const site of group) {
      cells.sites[at++] = site;
      cells.lat0[c] = Math.min(cells.lat0[c]!, lat[site]!);
      cells.lat1[c] = Math.max(cells.lat1[c]!, lat[site]!);
      cells.lon0[c] = Math.min(cells.lon0[c]!, lon[site]!);
      cells.lon1[c] = Math.max(cells.lon1[c]!, lon[site]!);
    }
    c++;
  }
  cells.start[count] = at;
  return cells;
}

/**
 * Lower and upper bounds, in radians, on the flat-earth estimate (approx-travel.ts) from a point
 * to any site of cell c: the estimate is sqrt((dLon × cos(mean latitude))² + dLat²), increasing in
 * each of dLon, dLat and the cosine, so bounding each bounds it. A cell spanning more than half
 * the globe in longitude from the point (where the estimate wraps around) gets no bounds.
 */
function cellBounds(point: Point, cells: Cells, c: number, out: { low: number; high: number }): void {
  const { lat, lon } = point;
  const lat0 = cells.lat0[c]!;
  const lat1 = cells.lat1[c]!;
  const lon0 = cells.lon0[c]!;
  const lon1 = cells.lon1[c]!;
  const lonFar = Math.max(Math.abs(lon - lon0), Math.abs(lon - lon1));
  if (lonFar > Math.PI) {
    out.low = 0;
    out.high = Infinity;
    return;
  }
  const lonNear = Math.max(0, lon0 - lon, lon - lon1);
  const latNear = Math.max(0, lat0 - lat, lat - lat1);
  const latFar = Math.max(Math.abs(lat - lat0), Math.abs(lat - lat1));
  const xLow = lonNear * point.cosLow;
  const xHigh = lonFar * point.cosHigh;
  out.low = Math.sqrt(xLow * xLow + latNear * latNear);
  out.high = Math.sqrt(xHigh * xHigh + latFar * latFar);
}
