import { z } from 'zod';

/**
 * The dispatch problem: the public JSON contract of ../shared/docs/solver-contract.md.
 * Names here are the contract's and must not be renamed; additions are marked "extension".
 */

const isoTime = z
  .string()
  .refine((value) => /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/.test(value), {
    message: 'must be an ISO-8601 date-time with an offset, e.g. 2026-11-28T08:00:00+08:00',
  })
  .refine((value) => !Number.isNaN(Date.parse(value)), { message: 'is not a valid date-time' });

const id = z.string().min(1).max(200);
const positiveQty = z.number().int().positive();

export const LocationKind = z.enum(['depot', 'office', 'site']);

export const Location = z.object({
  id,
  /** Required in greatCircle travel mode; a matrix problem may leave coordinates out. */
  lat: z.number().min(-90).max(90).optional(),
  lon: z.number().min(-180).max(180).optional(),
  kind: LocationKind,
});
export type Location = z.infer<typeof Location>;

export const SkillLevel = z.number().int().min(1).max(3);

export const Engineer = z.object({
  id,
  start: id,
  availableFrom: isoTime,
  shiftEnd: isoTime,
  /** Where the route must finish; absent: the route ends at the last stop. */
  end: id.optional(),
  skills: z.record(z.string().min(1), SkillLevel),
  vanStock: z.record(z.string().min(1), z.number().int().min(0)).default({}),
  maxJobs: z.number().int().min(0).optional(),
  /** Van load units; absent: unlimited. */
  capacity: z.number().min(0).optional(),
});
export type Engineer = z.infer<typeof Engineer>;

export const StockRecord = z.object({
  location: id,
  sku: id,
  /** Available = on hand − reserved. */
  qty: z.number().int().min(0),
});
export type StockRecord = z.infer<typeof StockRecord>;

export const Sku = z.object({
  sku: id,
  kind: z.enum(['part', 'unit']),
  /** For a unit: the equipment model it is. */
  model: z.string().min(1).optional(),
  /** For a part: the equipment models it fits. */
  fits: z.array(z.string().min(1)).default([]),
  /** SKUs this one replaces: a ticket asking for one of them may be served with this SKU. */
  supersedes: z.array(z.string().min(1)).default([]),
});
export type Sku = z.infer<typeof Sku>;

export const PartNeed = z.object({ sku: id, qty: positiveQty });
export type PartNeed = z.infer<typeof PartNeed>;

export const Ticket = z.object({
  id,
  site: id,
  level: z.union([z.literal(1), z.literal(2), z.literal(3)]),
  tier: z.enum(['A', 'B', 'C']),
  skill: z.string().min(1),
  minSkillLevel: SkillLevel,
  serviceMinutes: z
    .number()
    .min(0)
    .max(7 * 24 * 60),
  parts: z.array(PartNeed).default([]),
  /** A unit of this model must reach the site (by courier or carried by the engineer). */
  spareUnit: z.object({ model: z.string().min(1) }).nullish(),
  due: z
    .object({
      onsite: isoTime.nullish(),
      spareUnit: isoTime.nullish(),
    })
    .default({}),
  load: z.number().min(0).default(0),
  /** Windowed work (preventive jobs): service may not start before this time. */
  earliestStart: isoTime.nullish(),
  /**
   * Extension: the ticket is held by this engineer (work in progress or a committed plan).
   * `first: true` means the engineer is already on the way or on site: it is their first stop.
   */
  pin: z.object({ engineer: id, first: z.boolean().default(false) }).nullish(),
  /** Extension: the engineer of the previous plan, so a re-plan can count and limit moves. */
  previousEngineer: id.nullish(),
});
export type Ticket = z.infer<typeof Ticket>;

export const Travel = z.discriminatedUnion('mode', [
  z.object({
    mode: z.literal('greatCircle'),
    speedKmh: z.number().positive().default(60),
    circuity: z.number().min(1).default(1.3),
  }),
  z.object({
    mode: z.literal('matrix'),
    ids: z.array(id).min(1),
    minutes: z.array(z.array(z.number().min(0))),
  }),
]);
export type Travel = z.infer<typeof Travel>;

export const Courier = z.object({
  /** A courier leaves a stock location this long after the plan's `now`. */
  handlingMinutes: z.number().min(0).default(30),
  /** Courier driving time = engineer driving time ÷ speedFactor. */
  speedFactor: z.number().positive().default(1),
});
export type Courier = z.infer<typeof Courier>;

export const Weights = z.object({
  level: z.tuple([z.number().min(0), z.number().min(0), z.number().min(0)]).default([1_000_000, 1000, 1]),
  tier: z
    .object({ A: z.number().min(0), B: z.number().min(0), C: z.number().min(0) })
    .default({ A: 3, B: 2, C: 1 }),
});
export type Weights = z.infer<typeof Weights>;

export const SolveMode = z.enum(['plan', 'candidates', 'exact']);
export type SolveMode = z.infer<typeof SolveMode>;

export const Options = z.object({
  timeLimitMs: z.number().int().min(1).max(3_600_000).default(2000),
  seed: z.number().int().default(1),
  mode: SolveMode.default('plan'),
  /** Extension (candidates mode): the ticket to place; default the first ticket. */
  ticket: id.optional(),
  /** Extension (candidates mode): how many ranked options to return. */
  maxCandidates: z.number().int().min(1).max(100).default(5),
  /** Extension: the coverage horizon of the fourth objective term, in minutes. */
  coverageMinutes: z.number().min(0).default(240),
});
export type Options = z.infer<typeof Options>;

const ProblemShape = z.object({
  now: isoTime,
  locations: z.array(Location),
  engineers: z.array(Engineer),
  stock: z.array(StockRecord).default([]),
  skus: z.array(Sku).default([]),
  tickets: z.array(Ticket),
  travel: Travel.default({ mode: 'greatCircle', speedKmh: 60, circuity: 1.3 }),
  /** Absent or null: no courier service, parts and units travel with engineers only. */
  courier: Courier.nullish(),
  weights: Weights.default({ level: [1_000_000, 1000, 1], tier: { A: 3, B: 2, C: 1 } }),
  options: Options.default({
    timeLimitMs: 2000,
    seed: 1,
    mode: 'plan',
    maxCandidates: 5,
    coverageMinutes: 240,
  }),
});

export const Problem = ProblemShape.superRefine(checkReferences);

export type Problem = z.infer<typeof Problem>;
/** The problem as written by a caller, before defaults are applied. */
export type ProblemInput = z.input<typeof Problem>;

/** Cross-references that a shape check cannot see, each reported at the offending field. */
function checkReferences(p: z.infer<typeof ProblemShape>, ctx: z.RefinementCtx): void {
  const locationIds = new Set<string>();
  p.locations.forEach((location, i) => {
    if (locationIds.has(location.id))
      ctx.addIssue({
        code: 'custom',
        path: ['locations', i, 'id'],
        message: `duplicate location id ${location.id}`,
      });
    locationIds.add(location.id);
    if (p.travel.mode === 'greatCircle' && (location.lat === undefined || location.lon === undefined))
      ctx.addIssue({
        code: 'custom',
        path: ['locations', i, location.lat === undefined ? 'lat' : 'lon'],
        message: 'coordinates are required in greatCircle travel mode',
      });
  });
  const requireLocation = (value: string, path: (string | number)[]) => {
    if (!locationIds.has(value)) ctx.addIssue({ code: 'custom', path, message: `unknown location ${value}` });
  };
  const engineerIds = new Set<string>();
  p.engineers.forEach((engineer, i) => {
    if (engineerIds.has(engineer.id))
      ctx.addIssue({
        code: 'custom',
        path: ['engineers', i, 'id'],
        message: `duplicate engineer id ${engineer.id}`,
      });
    engineerIds.add(engineer.id);
    requireLocation(engineer.start, ['engineers', i, 'start']);
    if (engineer.end !== undefined) requireLocation(engineer.end, ['engineers', i, 'end']);
    if (Date.parse(engineer.shiftEnd) < Date.parse(engineer.availableFrom))
      ctx.addIssue({
        code: 'custom',
        path: ['engineers', i, 'shiftEnd'],
        message: 'is before availableFrom',
      });
  });
  p.stock.forEach((record, i) => requireLocation(record.location, ['stock', i, 'location']));
  const skuIds = new Set<string>();
  p.skus.forEach((sku, i) => {
    if (skuIds.has(sku.sku))
      ctx.addIssue({ code: 'custom', path: ['skus', i, 'sku'], message: `duplicate sku ${sku.sku}` });
    skuIds.add(sku.sku);
    if (sku.kind === 'unit' && !sku.model)
      ctx.addIssue({ code: 'custom', path: ['skus', i, 'model'], message: 'a unit SKU needs its model' });
  });
  const ticketIds = new Set<string>();
  p.tickets.forEach((ticket, i) => {
    if (ticketIds.has(ticket.id))
      ctx.addIssue({
        code: 'custom',
        path: ['tickets', i, 'id'],
        message: `duplicate ticket id ${ticket.id}`,
      });
    ticketIds.add(ticket.id);
    requireLocation(ticket.site, ['tickets', i, 'site']);
    if (ticket.pin && !engineerIds.has(ticket.pin.engineer))
      ctx.addIssue({
        code: 'custom',
        path: ['tickets', i, 'pin', 'engineer'],
        message: `unknown engineer ${ticket.pin.engineer}`,
      });
  });
  if (p.travel.mode === 'matrix') {
    const { ids, minutes } = p.travel;
    if (minutes.length !== ids.length)
      ctx.addIssue({
        code: 'custom',
        path: ['travel', 'minutes'],
        message: `needs ${ids.length} rows, one per id`,
      });
    minutes.forEach((row, i) => {
      if (row.length !== ids.length)
        ctx.addIssue({
          code: 'custom',
          path: ['travel', 'minutes', i],
          message: `needs ${ids.length} columns`,
        });
    });
    const inMatrix = new Set(ids);
    p.locations.forEach((location, i) => {
      if (!inMatrix.has(location.id))
        ctx.addIssue({
          code: 'custom',
          path: ['locations', i, 'id'],
          message: `location ${location.id} is not in travel.ids`,
        });
    });
  }
  if (p.options.mode === 'candidates') {
    if (p.tickets.length === 0)
      ctx.addIssue({ code: 'custom', path: ['tickets'], message: 'candidates mode needs a ticket' });
    if (p.options.ticket !== undefined && !ticketIds.has(p.options.ticket))
      ctx.addIssue({
        code: 'custom',
        path: ['options', 'ticket'],
        message: `unknown ticket ${p.options.ticket}`,
      });
  }
}
