import { z } from 'zod';
import { listQuery, pageSchema } from '../db/pagination.ts';
import { Id } from '../http/schemas.ts';

export const LocationKind = z.enum(['depot', 'office', 'site', 'van']);

export const Location = z
  .object({
    id: Id,
    kind: LocationKind,
    name: z.string(),
    regionId: Id,
    zoneId: Id.nullable(),
    lat: z.number(),
    lon: z.number(),
    address: z.string().nullable(),
    city: z.string().nullable(),
    servingOfficeId: Id.nullable(),
    customerId: Id.nullable(),
    active: z.boolean(),
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .openapi('Location');
export type Location = z.infer<typeof Location>;

export const LocationCreate = z
  .object({
    id: Id,
    kind: LocationKind,
    name: z.string().min(1).max(200),
    regionId: Id,
    zoneId: Id.nullable().optional(),
    lat: z.number().min(-90).max(90),
    lon: z.number().min(-180).max(180),
    address: z.string().max(500).nullable().optional(),
    city: z.string().max(100).nullable().optional(),
    servingOfficeId: Id.nullable().optional(),
    customerId: Id.nullable().optional(),
    active: z.boolean().optional(),
  })
  .strict()
  .superRefine((value, ctx) => {
    if ((value.kind === 'site') !== Boolean(value.customerId))
      ctx.addIssue({
        code: 'custom',
        path: ['customerId'],
        message: value.kind === 'site' ? 'a site belongs to a customer' : 'only a site has a customer',
      });
  })
  .openapi('LocationCreate');
export type LocationCreate = z.infer<typeof LocationCreate>;

export const LocationUpdate = z
  .object({
    name: z.string().min(1).max(200),
    zoneId: Id.nullable(),
    lat: z.number().min(-90).max(90),
    lon: z.number().min(-180).max(180),
    address: z.string().max(500).nullable(),
    city: z.string().max(100).nullable(),
    servingOfficeId: Id.nullable(),
    active: z.boolean(),
  })
  .partial()
  .strict()
  .refine((value) => Object.keys(value).length > 0, { message: 'nothing to update' })
  .openapi('LocationUpdate');
export type LocationUpdate = z.infer<typeof LocationUpdate>;

export const LocationListQuery = listQuery(['id', 'name', 'createdAt'], {
  kind: LocationKind.optional(),
  regionId: Id.optional(),
  zoneId: Id.optional(),
  customerId: Id.optional(),
  q: z.string().max(100).optional(),
});
export type LocationListQuery = z.infer<typeof LocationListQuery>;

export const LocationPage = pageSchema(Location).openapi('LocationPage');
