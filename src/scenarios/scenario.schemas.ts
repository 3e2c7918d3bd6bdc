import { z } from 'zod';
import { listQuery, pageSchema } from '../db/pagination.ts';
import { Id } from '../http/schemas.ts';
import { Change, ChangeSet } from './change-set.schemas.ts';

export const ScenarioStatus = z.enum(['draft', 'archived']);

const Name = z.string().trim().min(1).max(200);
const Description = z.string().max(5000).nullable();

export const Scenario = z
  .object({
    id: z.string(),
    name: z.string(),
    description: z.string().nullable(),
    status: ScenarioStatus,
    changes: z.array(Change),
    version: z.number().int(),
    /** Fingerprint of the network the change set was last validated against. */
    baseNetworkVersion: z.string(),
    /** Whether the live network changed since (its fingerprint differs from baseNetworkVersion). */
    stale: z.boolean(),
    createdBy: z.string(),
    updatedBy: z.string(),
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .openapi('Scenario');
export type Scenario = z.infer<typeof Scenario>;

export const ScenarioCreate = z
  .object({ name: Name, description: Description.optional(), changes: ChangeSet.default([]) })
  .strict()
  .openapi('ScenarioCreate');
export type ScenarioCreate = z.infer<typeof ScenarioCreate>;

export const ScenarioUpdate = z
  .object({
    /** The version the client read: an edit of an older version is refused with 409. */
    version: z.number().int().min(1),
    name: Name.optional(),
    description: Description.optional(),
    status: ScenarioStatus.optional(),
    changes: ChangeSet.optional(),
  })
  .strict()
  .refine((value) => Object.keys(value).length > 1, { message: 'nothing to update' })
  .openapi('ScenarioUpdate');
export type ScenarioUpdate = z.infer<typeof ScenarioUpdate>;

export const ScenarioListQuery = listQuery(['createdAt', 'name', 'updatedAt'], {
  status: ScenarioStatus.optional(),
});
export type ScenarioListQuery = z.infer<typeof ScenarioListQuery>;

export const ScenarioSummary = Scenario.omit({ changes: true })
  .extend({ changeCount: z.number().int() })
  .openapi('ScenarioSummary');
export type ScenarioSummary = z.infer<typeof ScenarioSummary>;
export const ScenarioPage = pageSchema(ScenarioSummary).openapi('ScenarioPage');

export const ScenarioRevision = z
  .object({
    version: z.number().int(),
    name: z.string(),
    description: z.string().nullable(),
    status: ScenarioStatus,
    changes: z.array(Change),
    baseNetworkVersion: z.string(),
    actor: z.string(),
    createdAt: z.string(),
  })
  .openapi('ScenarioRevision');
export type ScenarioRevision = z.infer<typeof ScenarioRevision>;
export const ScenarioRevisions = z.object({ items: z.array(ScenarioRevision) }).openapi('ScenarioRevisions');

export const ScenarioIdParams = z.object({ id: Id });

const NetworkSummary = z
  .object({
    engineers: z.number().int(),
    locations: z.object({
      depot: z.number().int(),
      office: z.number().int(),
      van: z.number().int(),
      site: z.number().int(),
    }),
    stockUnits: z.number().int(),
    stockValue: z.number(),
    /** Per region: available units and their value at unit cost. */
    stockByRegion: z.array(z.object({ regionId: z.string(), units: z.number().int(), value: z.number() })),
    demandScales: z.number().int(),
  })
  .openapi('NetworkSummary');
export type NetworkSummary = z.infer<typeof NetworkSummary>;

export const ScenarioNetwork = z
  .object({
    scenarioId: z.string(),
    version: z.number().int(),
    stale: z.boolean(),
    networkVersion: z.string(),
    before: NetworkSummary,
    after: NetworkSummary,
  })
  .openapi('ScenarioNetwork');
export type ScenarioNetwork = z.infer<typeof ScenarioNetwork>;
