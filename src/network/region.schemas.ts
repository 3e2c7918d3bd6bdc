import { z } from 'zod';
import { listQuery, pageSchema } from '../db/pagination.ts';
import { Id } from '../http/schemas.ts';

/** True for a time zone the runtime knows (IANA names such as Asia/Shanghai). */
function isTimeZone(value: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: value });
    return true;
  } catch {
    return false;
  }
}

export const TimeZone = z
  .string()
  .min(1)
  .max(64)
  .refine(isTimeZone, 'must be an IANA time zone such as Asia/Shanghai');

export const Region = z
  .object({
    id: Id,
    name: z.string(),
    nameZh: z.string().nullable(),
    timeZone: z.string(),
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .openapi('Region');
export type Region = z.infer<typeof Region>;

export const RegionCreate = z
  .object({
    id: Id,
    name: z.string().min(1).max(200),
    nameZh: z.string().min(1).max(200).nullable().optional(),
    timeZone: TimeZone.optional(),
  })
  .strict()
  .openapi('RegionCreate');
export type RegionCreate = z.infer<typeof RegionCreate>;

export const RegionUpdate = z
  .object({
    name: z.string().min(1).max(200),
    nameZh: z.string().min(1).max(200).nullable(),
    timeZone: TimeZone,
  })
  .partial()
  .strict()
  .refine((value) => Object.keys(value).length > 0, { message: 'nothing to update' })
  .openapi('RegionUpdate');
export type RegionUpdate = z.infer<typeof RegionUpdate>;

export const RegionListQuery = listQuery(['id', 'name', 'createdAt'], {
  q: z.string().max(100).optional(),
});
export type RegionListQuery = z.infer<typeof RegionListQuery>;

export const RegionPage = pageSchema(Region).openapi('RegionPage');
