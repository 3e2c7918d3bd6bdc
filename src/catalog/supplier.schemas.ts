import { z } from 'zod';
import { listQuery, pageSchema } from '../db/pagination.ts';
import { Id } from '../http/schemas.ts';

export const Supplier = z
  .object({ id: Id, name: z.string(), createdAt: z.string(), updatedAt: z.string() })
  .openapi('Supplier');
export type Supplier = z.infer<typeof Supplier>;

export const SupplierCreate = z
  .object({ id: Id, name: z.string().min(1).max(200) })
  .strict()
  .openapi('SupplierCreate');
export type SupplierCreate = z.infer<typeof SupplierCreate>;

export const SupplierUpdate = z
  .object({ name: z.string().min(1).max(200) })
  .strict()
  .openapi('SupplierUpdate');
export type SupplierUpdate = z.infer<typeof SupplierUpdate>;

export const SupplierListQuery = listQuery(['id', 'name', 'createdAt'], {
  q: z.string().max(100).optional(),
});
export type SupplierListQuery = z.infer<typeof SupplierListQuery>;

export const SupplierPage = pageSchema(Supplier).openapi('SupplierPage');
