import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { distance } from '@turf/distance';
import { chengduRoute } from './osrm-route.fixture.ts';

/**
 * A stand-in for osrm-routed, answering in the response format of OSRM's HTTP API v1
 * (docs/http.md of osrm-backend): the table service computes its answers from the requested
 * coordinates (road = 1.35 × straight line at 45 km/h), refuses tables above maxTableSize² pairs
 * with 400 TooBig as osrm-routed does, and answers null for pairs touching an unroutable place;
 * the route service answers a recorded-style fixture. Tests can replace any answer.
 */
export interface RecordedRequest {
  service: string;
  coordinates: [number, number][];
  sources: number[];
  destinations: number[];
  query: URLSearchParams;
}

/** 'hang': never answer; 'reset': drop the connection without an answer. */
export type Answer = { status: number; body: unknown } | 'hang' | 'reset';

export const FAKE_ROAD_FACTOR = 1.35;
export const FAKE_SPEED_MPS = 12.5;

export async function startFakeOsrm(
  options: { maxTableSize?: number; unroutable?: [number, number][] } = {},
) {
  const maxTableSize = options.maxTableSize ?? 100;
  const unroutable = new Set((options.unroutable ?? []).map(([lon, lat]) => `${lon},${lat}`));
  const requests: RecordedRequest[] = [];
  const state: { override?: (request: RecordedRequest) => Answer | undefined } = {};

  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const url = new URL(req.url ?? '/', 'http://osrm');
    const match = /^\/(table|route)\/v1\/driving\/([^/]+)$/.exec(url.pathname);
    if (!match)
      return send(res, 400, {
        code: 'InvalidUrl',
        message: `URL string malformed close to position 1: "${url.pathname}"`,
      });
    const coordinates = decodeURIComponent(match[2]!)
      .split(';')
      .map((pair) => pair.split(',').map(Number) as [number, number]);
    const all = coordinates.map((_, i) => i);
    const indices = (name: string) => url.searchParams.get(name)?.split(';').map(Number) ?? all;
    const request: RecordedRequest = {
      service: match[1]!,
      coordinates,
      sources: indices('sources'),
      destinations: indices('destinations'),
      query: url.searchParams,
    };
    requests.push(request);
    const answer =
      state.override?.(request) ?? (request.service === 'table' ? table(request) : route(request));
    if (answer === 'hang') return; // the client's timeout must end the wait
    if (answer === 'reset') return void req.socket.destroy();
    send(res, answer.status, answer.body);
  });

  function table(request: RecordedRequest): Answer {
    const { coordinates, sources, destinations } = request;
    if (sources.length * destinations.length > maxTableSize * maxTableSize) {
      return { status: 400, body: { code: 'TooBig', message: 'Too many table coordinates' } };
    }
    const annotations = (request.query.get('annotations') ?? 'duration').split(',');
    const isUnroutable = (i: number) => unroutable.has(`${coordinates[i]![0]},${coordinates[i]![1]}`);
    const metres = (i: number, j: number) =>
      isUnroutable(i) !== isUnroutable(j)
        ? null
        : distance(coordinates[i]!, coordinates[j]!, { units: 'meters' }) * FAKE_ROAD_FACTOR;
    const waypoint = (i: number) => ({
      hint: 'KSoKADRYroqUBAEAEAAAABkAAAAGAAAAAAAAABhnCQCLtwAA_0vMAKlYIQM8TMwArVghAwEAAQH1a66g',
      distance: 4.15,
      name: '',
      location: coordinates[i],
    });
    const body: Record<string, unknown> = {
      code: 'Ok',
      sources: sources.map(waypoint),
      destinations: destinations.map(waypoint),
    };
    if (annotations.includes('duration')) {
      body.durations = sources.map((i) =>
        destinations.map((j) => {
          const m = metres(i, j);
          return m === null ? null : Math.round((m / FAKE_SPEED_MPS) * 10) / 10;
        }),
      );
    }
    if (annotations.includes('distance')) {
      body.distances = sources.map((i) =>
        destinations.map((j) => {
          const m = metres(i, j);
          return m === null ? null : Math.round(m * 10) / 10;
        }),
      );
    }
    return { status: 200, body };
  }

  function route(request: RecordedRequest): Answer {
    const q = request.query;
    if (q.get('steps') !== 'true' || q.get('geometries') !== 'geojson' || q.get('overview') !== 'full') {
      return {
        status: 400,
        body: { code: 'InvalidOptions', message: 'expected steps, geojson, full overview' },
      };
    }
    if (request.coordinates.length !== chengduRoute.waypoints.length) {
      return { status: 400, body: { code: 'NoRoute', message: 'Impossible route between points' } };
    }
    return { status: 200, body: chengduRoute };
  }

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    /** Replaces answers while set; return undefined to answer normally. */
    answer(override: ((request: RecordedRequest) => Answer | undefined) | undefined) {
      state.override = override;
    },
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

export type FakeOsrm = Awaited<ReturnType<typeof startFakeOsrm>>;

function send(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json; charset=UTF-8' });
  res.end(JSON.stringify(body));
}
