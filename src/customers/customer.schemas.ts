import { z } from 'zod';
import { listQuery, pageSchema } from '../db/pagination.ts';
import { Id } from '../http/schemas.ts';

/** What the customer is: `hospital`, `school`, `education-centre`, `farm`, `solar-installation`, … */
export const CustomerKind = z
  .string()
  .min(1)
  .max(50)
  .regex(/^[a-z][a-z0-9-]*$/, 'must be lower-case letters, digits and -');

export const Customer = z
  .object({
    id: Id,
    name: z.string(),
    kind: z.string(),
    regionId: Id.nullable(),
    contact: z.string().nullable(),
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .openapi('Customer');
export type Customer = z.infer<typeof Customer>;

const fields = {
  name: z.string().min(1).max(200),
  kind: CustomerKind,
  regionId: Id.nullable(),
  contact: z.string().min(1).max(500).nullable(),
};

export const CustomerCreate = z
  .object({
    id: Id,
    ...fields,
    regionId: fields.regionId.optional(),
    contact: fields.contact.optional(),
  })
  .strict()
  .openapi('CustomerCreate');
export type CustomerCreate = z.infer<typeof CustomerCreate>;

export const CustomerUpdate = z
  .object(fields)
  .partial()
  .strict()
  .refine((value) => Object.keys(value).length > 0, { message: 'nothing to update' })
  .openapi('CustomerUpdate');
export type CustomerUpdate = z.infer<typeof CustomerUpdate>;

export const CustomerListQuery = listQuery(['id', 'name', 'createdAt'], {
  kind: CustomerKind.optional(),
  regionId: Id.optional(),
  q: z.string().max(100).optional(),
});
export type CustomerListQuery = z.infer<typeof CustomerListQuery>;

export const CustomerPage = pageSchema(Customer).openapi('CustomerPage');
