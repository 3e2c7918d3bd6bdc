import { z } from 'zod';
import { Candidate, Problem, Ticket, Unassigned } from '../../solver/index.ts';
import { Id } from '../http/schemas.ts';

export const DispatchProblemQuery = z
  .object({
    region: Id.optional(),
    mode: z.enum(['plan', 'candidates']).optional(),
    /** Only these tickets, comma-separated (in candidates mode the first one is the question). */
    tickets: z
      .string()
      .max(20_000)
      .transform((value) => value.split(',').filter((id) => id.length > 0))
      .pipe(z.array(Id).min(1).max(1000))
      .optional(),
    timeLimitMs: z.coerce.number().int().min(1).max(3_600_000).optional(),
    seed: z.coerce.number().int().min(0).max(2_147_483_647).optional(),
  })
  .strict();
export type DispatchProblemQuery = z.infer<typeof DispatchProblemQuery>;

export const DispatchSnapshotView = z
  .object({
    takenAt: z.string(),
    stockVersions: z.record(z.string(), z.number().int()),
    engineerVersions: z.record(z.string(), z.number().int()),
    ticketVersions: z.record(z.string(), z.number().int()),
  })
  .openapi('DispatchSnapshot');

/**
 * The solver problem (solver-contract.md) as built from the database, plus the snapshot of
 * versions it was read at. The solver's parser ignores `snapshot`, so the body replays as is:
 * `npx tsx scripts/plan.ts --in problem.json`.
 */
export const DispatchProblemView = Problem.and(z.object({ snapshot: DispatchSnapshotView })).openapi(
  'DispatchProblem',
);

export const CandidatesRequest = z
  .object({
    ticketId: Id,
    /** How many ranked options (default 5). */
    k: z.number().int().min(1).max(20).optional(),
  })
  .strict()
  .openapi('DispatchCandidatesRequest');

export const CandidatesView = z
  .object({
    ticketId: z.string(),
    /** The ticket as the solver saw it: skill and level, parts, spare unit, deadlines. */
    ticket: Ticket,
    /** Ranked best first by the plan objective; late options are kept, with their lateness. */
    candidates: z.array(Candidate),
    /** Why the ticket has no (or no timely) option, when the solver says so. */
    unassigned: z.array(Unassigned),
    /** When today's routes were read, and the change counter they were read at. */
    preparedAt: z.string(),
    changeCounter: z.number().int(),
    solveMs: z.number(),
  })
  .openapi('DispatchCandidates');
export type CandidatesView = z.infer<typeof CandidatesView>;
