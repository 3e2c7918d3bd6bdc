import { z } from 'zod';
import { listQuery, pageSchema } from '../db/pagination.ts';
import { Id } from '../http/schemas.ts';

/** How a zone is meant (the commitment profiles map a zone and a fault level to on-site hours). */
export const ZoneKind = z.enum(['same-city', 'surrounding', 'other-province', '2h', '12h', '48h', 'custom']);

export const Zone = z
  .object({
    id: Id,
    regionId: Id,
    name: z.string(),
    kind: ZoneKind,
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .openapi('Zone');
export type Zone = z.infer<typeof Zone>;

export const ZoneCreate = z
  .object({
    id: Id,
    regionId: Id,
    name: z.string().min(1).max(200),
    kind: ZoneKind,
  })
  .strict()
  .openapi('ZoneCreate');
export type ZoneCreate = z.infer<typeof ZoneCreate>;

/** A zone stays in its region: its locations' regions were chosen with it. */
export const ZoneUpdate = z
  .object({ name: z.string().min(1).max(200), kind: ZoneKind })
  .partial()
  .strict()
  .refine((value) => Object.keys(value).length > 0, { message: 'nothing to update' })
  .openapi('ZoneUpdate');
export type ZoneUpdate = z.infer<typeof ZoneUpdate>;

export const ZoneListQuery = listQuery(['id', 'name', 'createdAt'], {
  regionId: Id.optional(),
  kind: ZoneKind.optional(),
  q: z.string().max(100).optional(),
});
export type ZoneListQuery = z.infer<typeof ZoneListQuery>;

export const ZonePage = pageSchema(Zone).openapi('ZonePage');
