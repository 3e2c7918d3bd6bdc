import { z } from 'zod';

/**
 * The plan: the solver's answer, in the contract's names (solver-contract.md). Times are ISO-8601
 * in the offset of the problem's `now`, minutes have two decimals. Extensions are marked.
 */

export const StockVia = z.enum(['van', 'pickup', 'courier']);
export type StockVia = z.infer<typeof StockVia>;

export const PartSupply = z.object({
  sku: z.string(),
  qty: z.number().int().positive(),
  /** "van" for the engineer's van stock, else the stock location's id. */
  from: z.string(),
  via: StockVia,
  atSite: z.string(),
  /** Extension: the SKU the ticket asked for, when a superseding SKU is used instead. */
  forSku: z.string().optional(),
});
export type PartSupply = z.infer<typeof PartSupply>;

export const UnitSupply = z.object({
  sku: z.string(),
  from: z.string(),
  via: StockVia,
  atSite: z.string(),
});
export type UnitSupply = z.infer<typeof UnitSupply>;

export const CommitmentOutcome = z.object({
  due: z.string(),
  met: z.boolean(),
  /** Negative when late. */
  slackMinutes: z.number(),
});
export type CommitmentOutcome = z.infer<typeof CommitmentOutcome>;

export const Alternative = z.object({
  engineer: z.string(),
  rejected: z.string(),
});

export const Assignment = z.object({
  ticket: z.string(),
  engineer: z.string(),
  arrive: z.string(),
  start: z.string(),
  end: z.string(),
  parts: z.array(PartSupply),
  spareUnit: UnitSupply.nullable().optional(),
  commitments: z.object({
    onsite: CommitmentOutcome.optional(),
    spareUnit: CommitmentOutcome.optional(),
  }),
  why: z.string(),
  alternatives: z.array(Alternative),
  /** Extension: held in place by a pin. */
  pinned: z.boolean().optional(),
});
export type Assignment = z.infer<typeof Assignment>;

export const Stop = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('pickup'),
    location: z.string(),
    arrive: z.string(),
    depart: z.string(),
    skus: z.record(z.string(), z.number().int().positive()),
  }),
  z.object({
    type: z.literal('ticket'),
    ticket: z.string(),
    location: z.string(),
    arrive: z.string(),
    depart: z.string(),
  }),
]);
export type Stop = z.infer<typeof Stop>;

export const Route = z.object({
  engineer: z.string(),
  stops: z.array(Stop),
  /** Extension: when the engineer reaches `end` (or leaves the last stop), and minutes driven. */
  finish: z.string().optional(),
  travelMinutes: z.number().optional(),
});
export type Route = z.infer<typeof Route>;

export const Unassigned = z.object({ ticket: z.string(), reason: z.string() });
export type Unassigned = z.infer<typeof Unassigned>;

/** [weighted missed commitments, late minutes, travel + courier minutes, coverage taken]. */
export const Objective = z.tuple([z.number(), z.number(), z.number(), z.number()]);
export type Objective = z.infer<typeof Objective>;

export const Summary = z.object({
  commitments: z.object({
    met: z.number().int(),
    missed: z.number().int(),
    /** level → [met, missed] */
    byLevel: z.record(z.string(), z.tuple([z.number().int(), z.number().int()])),
  }),
  lateMinutes: z.number(),
  travelMinutes: z.number(),
  courierMinutes: z.number(),
  objective: Objective,
  solveMs: z.number(),
  provenOptimal: z.boolean(),
  lowerBound: z.number().nullable(),
  /** Extension: assignments whose engineer differs from the ticket's previousEngineer. */
  moved: z.number().int().optional(),
  /** Extension: what produced the plan ("regret+ils", "exact:highs", …). */
  method: z.string().optional(),
});
export type Summary = z.infer<typeof Summary>;

export const Consequence = z.object({
  ticket: z.string(),
  slackLostMinutes: z.number(),
  becomesLate: z.boolean(),
});

export const Candidate = z.object({
  rank: z.number().int().positive(),
  engineer: z.string(),
  /** Where in the engineer's route the ticket goes (0 = first stop). */
  position: z.number().int().min(0),
  arrive: z.string(),
  start: z.string(),
  parts: z.array(PartSupply),
  spareUnit: UnitSupply.nullable().optional(),
  commitments: Assignment.shape.commitments,
  /** The objective of the whole plan with the ticket inserted here. */
  objective: Objective,
  /** Objective change against today's routes without the ticket. */
  delta: Objective,
  consequences: z.array(Consequence),
  why: z.string(),
});
export type Candidate = z.infer<typeof Candidate>;

export const Plan = z.object({
  assignments: z.array(Assignment),
  routes: z.array(Route),
  unassigned: z.array(Unassigned),
  summary: Summary,
  /** Extension (candidates mode): ranked options for the one ticket. */
  candidates: z.array(Candidate).optional(),
});
export type Plan = z.infer<typeof Plan>;
