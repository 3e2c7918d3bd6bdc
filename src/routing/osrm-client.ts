import { z } from 'zod';
import type { LonLat } from './types.ts';

/**
 * A thin client for OSRM's HTTP API v1 (driving profile): the table and route services, each
 * request bounded by a timeout, every answer checked against the documented response format.
 * Any failure is thrown as an OsrmError; the caller decides how to fall back.
 */

export type OsrmFailureKind = 'timeout' | 'network' | 'http' | 'code' | 'format';

export class OsrmError extends Error {
  constructor(
    readonly kind: OsrmFailureKind,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'OsrmError';
  }
}

/** A short, log- and user-safe reason for a failure. */
export function describeFailure(error: unknown): string {
  if (error instanceof OsrmError) return error.message;
  return error instanceof Error ? error.message : String(error);
}

const Waypoint = z.object({
  location: z.tuple([z.number(), z.number()]),
  name: z.string().optional(),
  distance: z.number().nullish(),
});

/** https://project-osrm.org/docs/v5.24.0/api/#table-service: null where no route was found. */
const TableResponse = z.object({
  code: z.literal('Ok'),
  durations: z.array(z.array(z.number().nullable())),
  distances: z.array(z.array(z.number().nullable())),
  sources: z.array(Waypoint),
  destinations: z.array(Waypoint),
});
export type OsrmTable = z.infer<typeof TableResponse>;

const Maneuver = z.looseObject({
  location: z.tuple([z.number(), z.number()]),
  bearing_before: z.number(),
  bearing_after: z.number(),
  type: z.string(),
  modifier: z.string().optional(),
  exit: z.number().optional(),
});

const GeoJsonLine = z.object({
  type: z.literal('LineString'),
  coordinates: z.array(z.tuple([z.number(), z.number()])),
});

/** The RouteStep object; loose because osrm-text-instructions reads more of it (ref, rotary_name, …). */
const Step = z.looseObject({
  distance: z.number(),
  duration: z.number(),
  geometry: GeoJsonLine,
  name: z.string(),
  mode: z.string(),
  maneuver: Maneuver,
});
export type OsrmStep = z.infer<typeof Step>;

const Leg = z.object({ distance: z.number(), duration: z.number(), steps: z.array(Step) });

const RouteResponse = z.object({
  code: z.literal('Ok'),
  routes: z.array(z.object({ distance: z.number(), duration: z.number(), legs: z.array(Leg) })).min(1),
  waypoints: z.array(Waypoint),
});
export type OsrmRoute = z.infer<typeof RouteResponse>;

export interface OsrmClientDeps {
  baseUrl: string;
  timeoutMs: number;
  fetch: typeof fetch;
}

export interface TableRequest {
  sources: readonly LonLat[];
  destinations: readonly LonLat[];
}

export function createOsrmClient(deps: OsrmClientDeps) {
  const base = deps.baseUrl.replace(/\/+$/, '');

  async function get(service: 'table' | 'route', points: readonly LonLat[], query: string): Promise<unknown> {
    const url = `${base}/${service}/v1/driving/${points.map(formatCoordinate).join(';')}?${query}`;
    let answer: { response: Response; body: unknown };
    try {
      answer = await fetchJson(url);
    } catch (error) {
      if (isTimeout(error)) throw timeoutError(service, error);
      // A kept-alive connection the server closed meanwhile (often after a long synchronous solve
      // held the event loop) fails at once; a GET is safe to send again on a fresh connection.
      try {
        answer = await fetchJson(url);
      } catch (retryError) {
        if (isTimeout(retryError)) throw timeoutError(service, retryError);
        throw new OsrmError('network', `${service}: ${networkMessage(retryError)}`, { cause: retryError });
      }
    }
    const { response, body } = answer;
    const code = codeOf(body);
    if (!response.ok) {
      const detail = code ? ` ${code}: ${messageOf(body)}` : '';
      throw new OsrmError('http', `${service}: HTTP ${response.status}${detail}`);
    }
    if (code !== 'Ok')
      throw new OsrmError('code', `${service}: code ${code ?? 'missing'}: ${messageOf(body)}`);
    return body;
  }

  async function fetchJson(url: string): Promise<{ response: Response; body: unknown }> {
    const response = await deps.fetch(url, { signal: AbortSignal.timeout(deps.timeoutMs) });
    return { response, body: parseJson(await response.text()) };
  }

  function timeoutError(service: string, cause: unknown): OsrmError {
    return new OsrmError('timeout', `${service}: no answer within ${deps.timeoutMs} ms`, { cause });
  }

  /** durations and distances from every source to every destination (one request). */
  async function table(request: TableRequest): Promise<OsrmTable> {
    const s = request.sources.length;
    const d = request.destinations.length;
    const query = [
      `sources=${range(0, s).join(';')}`,
      `destinations=${range(s, s + d).join(';')}`,
      'annotations=duration,distance',
    ].join('&');
    const body = await get('table', [...request.sources, ...request.destinations], query);
    const table = checked(TableResponse, body, 'table');
    if (table.durations.length !== s || table.durations.some((row) => row.length !== d)) {
      throw new OsrmError('format', `table: expected ${s} × ${d} durations`);
    }
    if (table.distances.length !== s || table.distances.some((row) => row.length !== d)) {
      throw new OsrmError('format', `table: expected ${s} × ${d} distances`);
    }
    return table;
  }

  /** The fastest route through the points in order, with steps and GeoJSON geometry. */
  async function route(points: readonly LonLat[]): Promise<OsrmRoute> {
    const body = await get('route', points, 'steps=true&geometries=geojson&overview=full');
    const route = checked(RouteResponse, body, 'route');
    if (route.routes[0]!.legs.length !== points.length - 1) {
      throw new OsrmError('format', `route: expected ${points.length - 1} legs`);
    }
    return route;
  }

  return { table, route };
}

export type OsrmClient = ReturnType<typeof createOsrmClient>;

/** OSRM wants lon,lat; six decimals are about 10 cm. */
function formatCoordinate(point: LonLat): string {
  return `${point.lon.toFixed(6)},${point.lat.toFixed(6)}`;
}

function range(from: number, to: number): number[] {
  return Array.from({ length: to - from }, (_, i) => from + i);
}

function isTimeout(error: unknown): boolean {
  return error instanceof Error && (error.name === 'TimeoutError' || error.name === 'AbortError');
}

/** fetch says only "fetch failed"; the cause says why (ECONNREFUSED, ECONNRESET, …). */
function networkMessage(error: unknown): string {
  const cause = error instanceof Error ? error.cause : undefined;
  const code = (cause as { code?: unknown } | undefined)?.code;
  return typeof code === 'string' ? `${describeFailure(error)} (${code})` : describeFailure(error);
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

function codeOf(body: unknown): string | undefined {
  const code = (body as { code?: unknown } | undefined)?.code;
  return typeof code === 'string' ? code : undefined;
}

function messageOf(body: unknown): string {
  const message = (body as { message?: unknown } | undefined)?.message;
  return typeof message === 'string' ? message : 'no message';
}

function checked<T>(schema: z.ZodType<T>, body: unknown, service: string): T {
  const result = schema.safeParse(body);
  if (!result.success) {
    const issue = result.error.issues[0];
    throw new OsrmError(
      'format',
      `${service}: unexpected response at ${issue?.path.join('.')}: ${issue?.message}`,
    );
  }
  return result.data;
}
