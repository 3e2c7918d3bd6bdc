import fc from 'fast-check';
import type { Knex } from 'knex';
import { HOSTILE_PATH_SEGMENTS, hostileQueryValue, hostileValue } from './hostile-values.ts';
import { schemaArbitrary, type ArbitraryOptions, type JsonSchema } from './schema-arbitrary.ts';

/** One operation of the OpenAPI document: what the fuzzer may send to it. */
export interface FuzzTarget {
  method: string;
  /** OpenAPI path, `/api/v1/tickets/{id}`. */
  path: string;
  pathParams: Array<{ name: string; schema: JsonSchema }>;
  queryParams: Array<{ name: string; schema: JsonSchema; required: boolean }>;
  body?: JsonSchema;
}

export interface OpenApiDocument {
  paths: Record<string, Record<string, OpenApiOperation>>;
  components?: { schemas?: Record<string, JsonSchema> };
}
interface OpenApiOperation {
  parameters?: Array<{ name: string; in: string; required?: boolean; schema: JsonSchema }>;
  requestBody?: { content?: Record<string, { schema: JsonSchema }> };
}

/** Every operation under /api of the document: a route added to the registry is fuzzed with no edit here. */
export function fuzzTargets(document: OpenApiDocument): FuzzTarget[] {
  const targets: FuzzTarget[] = [];
  for (const [path, operations] of Object.entries(document.paths)) {
    if (!path.startsWith('/api/')) continue;
    for (const [method, operation] of Object.entries(operations)) {
      const parameters = operation.parameters ?? [];
      targets.push({
        method: method.toUpperCase(),
        path,
        pathParams: parameters
          .filter((p) => p.in === 'path')
          .map((p) => ({ name: p.name, schema: p.schema })),
        queryParams: parameters
          .filter((p) => p.in === 'query')
          .map((p) => ({ name: p.name, schema: p.schema, required: p.required === true })),
        body: operation.requestBody?.content?.['application/json']?.schema,
      });
    }
  }
  return targets;
}

/** A request as the fuzzer sends it. */
export interface FuzzRequest {
  method: string;
  url: string;
  headers: Record<string, string>;
  body?: string;
  /** What was fuzzed, for the report. */
  target: string;
}

const CSV_BODIES = [
  'id,name\nA-1,x\n',
  'a,b,c\n1,2\n',
  '"unterminated,1\n',
  '\ufeffid,kind,name\nP-1,part,Part\n',
  'id\n' + "'; drop table skus; --\n",
  '',
  'x'.repeat(5000),
];

const MALFORMED_JSON = [
  '{"a":',
  '[1,2',
  'nul',
  '{"a":1}}',
  '\u0000',
  '{"__proto__":{"admin":true}}',
  '"just a string"',
  '123',
];

/** An arbitrary request to `target`: valid-shaped or hostile path, query and body. */
export function requestArbitrary(
  target: FuzzTarget,
  options: Omit<ArbitraryOptions, 'hostile'>,
): fc.Arbitrary<FuzzRequest> {
  const hostile = hostileValue();
  const valid = { ...options, hostile, hostility: 0 };
  const mixed = { ...options, hostile, hostility: Math.max(options.hostility, 1) };
  const segment = (schema: JsonSchema) =>
    fc.oneof(
      {
        weight: 6,
        arbitrary: schemaArbitrary(schema, valid).map((value) => encodeURIComponent(String(value))),
      },
      { weight: 2, arbitrary: fc.constantFrom(...HOSTILE_PATH_SEGMENTS) },
    );
  const pathArb = fc.tuple(...target.pathParams.map((param) => segment(param.schema))).map((values) => {
    let path = target.path;
    target.pathParams.forEach((param, i) => (path = path.replace(`{${param.name}}`, values[i]!)));
    return path;
  });
  const queryValue = (schema: JsonSchema) =>
    fc.oneof(
      {
        weight: 6,
        arbitrary: schemaArbitrary(schema, valid).map((value) =>
          typeof value === 'object' && value !== null ? JSON.stringify(value) : String(value),
        ),
      },
      { weight: 2, arbitrary: hostileQueryValue() },
    );
  const queryArb = fc
    .tuple(
      ...target.queryParams.map((param) =>
        param.required ? queryValue(param.schema) : fc.option(queryValue(param.schema), { nil: undefined }),
      ),
      fc.option(fc.tuple(fc.constantFrom('unknown', '__proto__', 'limit[]', ''), hostileQueryValue()), {
        nil: undefined,
      }),
    )
    .map((values) => {
      const search = new URLSearchParams();
      target.queryParams.forEach((param, i) => {
        const value = values[i] as string | string[] | undefined;
        if (value === undefined) return;
        for (const one of Array.isArray(value) ? value : [value]) search.append(param.name, one);
      });
      const extra = values[target.queryParams.length] as [string, string | string[]] | undefined;
      if (extra) for (const one of [extra[1]].flat()) search.append(extra[0], one);
      return search.toString();
    });
  const jsonBody = target.body
    ? fc.oneof(
        { weight: 5, arbitrary: schemaArbitrary(target.body, valid) },
        { weight: 5, arbitrary: schemaArbitrary(target.body, mixed) },
        { weight: 1, arbitrary: hostile },
      )
    : fc.option(hostile, { nil: undefined });
  const bodyArb: fc.Arbitrary<{ contentType?: string; text?: string }> = fc.oneof(
    {
      weight: 12,
      arbitrary: jsonBody.map((value) =>
        value === undefined ? {} : { contentType: 'application/json', text: JSON.stringify(value) },
      ),
    },
    {
      weight: 1,
      arbitrary: fc
        .constantFrom(...MALFORMED_JSON)
        .map((text) => ({ contentType: 'application/json', text })),
    },
    {
      weight: target.method === 'POST' && !target.body ? 4 : 1,
      arbitrary: fc.constantFrom(...CSV_BODIES).map((text) => ({ contentType: 'text/csv', text })),
    },
    {
      weight: 1,
      arbitrary: fc
        .constantFrom('text/plain', 'application/x-www-form-urlencoded', 'application/json; charset=latin-9')
        .map((contentType) => ({ contentType, text: 'a=1&b=2' })),
    },
  );
  const idempotencyKey = fc.option(
    fc.oneof(fc.uuid(), fc.constantFrom('x'.repeat(500), "'; drop table tickets; --", '', ' ')),
    { nil: undefined },
  );
  return fc.tuple(pathArb, queryArb, bodyArb, idempotencyKey).map(([path, query, body, key]) => {
    const headers: Record<string, string> = {};
    if (body.contentType) headers['content-type'] = body.contentType;
    if (key !== undefined && target.method === 'POST') headers['idempotency-key'] = key;
    const hasBody = target.method !== 'GET' && target.method !== 'DELETE' && body.text !== undefined;
    return {
      method: target.method,
      url: `${path}${query ? `?${query}` : ''}`,
      headers: hasBody ? headers : {},
      body: hasBody ? body.text : undefined,
      target: `${target.method} ${target.path}`,
    };
  });
}

/**
 * A fingerprint of the whole database: per table its row count and a hash of every row, in one
 * query. A rejected request must leave it unchanged (nothing half-written, no audit row, no event).
 */
export async function databaseFingerprint(db: Knex): Promise<string> {
  const tables = await tableNames(db);
  const parts = tables.map(
    (table) =>
      `select '${table}' as t, count(*)::bigint as n, coalesce(sum(hashtext(x::text)::bigint), 0)::bigint as h from "${table}" x`,
  );
  const result = await db.raw(parts.join(' union all '));
  const rows = (result.rows ?? result) as Array<{ t: string; n: number | string; h: number | string }>;
  return rows.map((row) => `${row.t}:${row.n}:${row.h}`).join('|');
}

let cachedTables: { db: Knex; tables: string[] } | undefined;
async function tableNames(db: Knex): Promise<string[]> {
  if (cachedTables?.db === db) return cachedTables.tables;
  const result = await db.raw(
    `select table_name from information_schema.tables
     where table_schema = current_schema() and table_type = 'BASE TABLE' order by table_name`,
  );
  const tables = ((result.rows ?? result) as Array<{ table_name: string }>).map((row) => row.table_name);
  cachedTables = { db, tables };
  return tables;
}

/** What the database holds that a valid-shaped request can refer to. */
export async function existingIds(db: Knex): Promise<string[]> {
  const ids = new Set<string>();
  for (const table of await tableNames(db)) {
    const columns = await db.raw(
      `select column_name from information_schema.columns
       where table_schema = current_schema() and table_name = ? and column_name = 'id' and data_type = 'text'`,
      [table],
    );
    if (((columns.rows ?? columns) as unknown[]).length === 0) continue;
    for (const row of (await db(table).select('id').limit(20)) as Array<{ id: string }>) ids.add(row.id);
  }
  return [...ids];
}

export interface FuzzFinding {
  request: FuzzRequest;
  status: number;
  problem: string;
}

export interface FuzzReport {
  requests: number;
  byStatus: Record<string, number>;
  targets: number;
  targetsHit: number;
  serverErrors: FuzzFinding[];
  partialWrites: FuzzFinding[];
  notProblemJson: FuzzFinding[];
  ms: number;
}

export interface FuzzOptions {
  baseUrl: string;
  db: Knex;
  targets: FuzzTarget[];
  /** components.schemas of the OpenAPI document. */
  components: Record<string, JsonSchema>;
  knownIds: string[];
  requests: number;
  seed: number;
  /** Headers every request carries (the token). */
  headers: Record<string, string>;
  /** Past this a request counts as unanswered (default 30 s). */
  requestTimeoutMs?: number;
  /** Resolves when background work started by an accepted request is done (plans, re-plans). */
  settle: () => Promise<void>;
  onProgress?: (done: number, report: FuzzReport) => void;
}

/**
 * Sends `requests` fuzzed requests, round-robin over the targets so each is hit, and checks each
 * answer: no 5xx, a 4xx is problem+json with its status, and a rejected request wrote nothing.
 */
export async function runFuzz(options: FuzzOptions): Promise<FuzzReport> {
  const started = Date.now();
  const report: FuzzReport = {
    requests: 0,
    byStatus: {},
    targets: options.targets.length,
    targetsHit: 0,
    serverErrors: [],
    partialWrites: [],
    notProblemJson: [],
    ms: 0,
  };
  const arbitraries = options.targets.map((target) =>
    requestArbitrary(target, { components: options.components, knownIds: options.knownIds, hostility: 2 }),
  );
  const samples = arbitraries.map((arbitrary, i) =>
    fc.sample(arbitrary, {
      seed: options.seed + i,
      numRuns: Math.ceil(options.requests / arbitraries.length),
    }),
  );
  const hit = new Set<number>();
  let before = await databaseFingerprint(options.db);
  for (let i = 0; i < options.requests; i += 1) {
    const index = i % arbitraries.length;
    const request = samples[index]![Math.floor(i / arbitraries.length)]!;
    hit.add(index);
    let status: number;
    let contentType: string;
    let text: string;
    try {
      const response = await fetch(`${options.baseUrl}${request.url}`, {
        method: request.method,
        headers: { ...options.headers, ...request.headers },
        body: request.body,
        // A request that never answers is a finding too (a hung handler holds a connection forever).
        signal: AbortSignal.timeout(options.requestTimeoutMs ?? 30_000),
      });
      status = response.status;
      contentType = response.headers.get('content-type') ?? '';
      text = await response.text();
    } catch (error) {
      report.serverErrors.push({ request, status: 0, problem: `no answer: ${String(error)}` });
      continue;
    }
    report.requests += 1;
    report.byStatus[status] = (report.byStatus[status] ?? 0) + 1;
    if (status >= 500) report.serverErrors.push({ request, status, problem: text.slice(0, 500) });
    if (status >= 400) {
      let problemStatus: unknown;
      try {
        problemStatus = (JSON.parse(text) as { status?: unknown }).status;
      } catch {
        problemStatus = undefined;
      }
      if (!contentType.startsWith('application/problem+json') || problemStatus !== status)
        report.notProblemJson.push({ request, status, problem: `${contentType}: ${text.slice(0, 200)}` });
      const after = await databaseFingerprint(options.db);
      if (after !== before) {
        report.partialWrites.push({ request, status, problem: diffFingerprints(before, after) });
        before = after;
      }
    } else {
      const settled = await Promise.race([
        options.settle().then(() => true),
        new Promise<false>((resolve) => setTimeout(() => resolve(false), 60_000).unref()),
      ]);
      if (!settled)
        report.serverErrors.push({
          request,
          status,
          problem: 'background work it started did not finish in 60 s',
        });
      before = await databaseFingerprint(options.db);
    }
    options.onProgress?.(i + 1, report);
  }
  report.targetsHit = hit.size;
  report.ms = Date.now() - started;
  return report;
}

function diffFingerprints(before: string, after: string): string {
  const old = new Set(before.split('|'));
  return `changed: ${after
    .split('|')
    .filter((part) => !old.has(part))
    .map((part) => part.split(':')[0])
    .join(', ')}`;
}
