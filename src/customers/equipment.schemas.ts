import { z } from 'zod';
import { listQuery, pageSchema } from '../db/pagination.ts';
import { Id, IsoDate, QueryBoolean } from '../http/schemas.ts';

/** A component name as the commitment catalog's warranty terms spell it: `main-unit`, `piping`. */
export const ComponentName = z
  .string()
  .min(1)
  .max(50)
  .regex(/^[a-z0-9][a-z0-9-]*$/, 'must be lower-case letters, digits and -');

export const Component = z
  .object({
    component: ComponentName,
    /** The last day the component is covered. */
    warrantyEnd: IsoDate,
  })
  .strict()
  .openapi('EquipmentComponent');
export type Component = z.infer<typeof Component>;

const Components = z
  .array(Component)
  .max(50)
  .superRefine((components, ctx) => {
    const names = components.map((c) => c.component);
    names.forEach((name, index) => {
      if (names.indexOf(name) !== index)
        ctx.addIssue({ code: 'custom', path: [index, 'component'], message: `${name} is listed twice` });
    });
  });

export const Equipment = z
  .object({
    id: Id,
    siteId: Id,
    modelId: Id,
    serial: z.string(),
    installedOn: IsoDate,
    warrantyCardReceivedOn: IsoDate.nullable(),
    active: z.boolean(),
    components: z.array(Component),
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .openapi('Equipment');
export type Equipment = z.infer<typeof Equipment>;

const fields = {
  /** The customer site it is installed at. */
  siteId: Id,
  modelId: Id,
  serial: z.string().min(1).max(100),
  installedOn: IsoDate,
  /** The day the vendor received the warranty card (it must arrive within 20 days of the sale). */
  warrantyCardReceivedOn: IsoDate.nullable(),
  active: z.boolean(),
  /** Each component with its own warranty end; a list given replaces the old one. */
  components: Components,
};

export const EquipmentCreate = z
  .object({
    id: Id,
    ...fields,
    warrantyCardReceivedOn: fields.warrantyCardReceivedOn.default(null),
    active: fields.active.default(true),
    components: fields.components.default([]),
  })
  .strict()
  .openapi('EquipmentCreate');
export type EquipmentCreate = z.infer<typeof EquipmentCreate>;

export const EquipmentUpdate = z
  .object(fields)
  .partial()
  .strict()
  .refine((value) => Object.keys(value).length > 0, { message: 'nothing to update' })
  .openapi('EquipmentUpdate');
export type EquipmentUpdate = z.infer<typeof EquipmentUpdate>;

export const EquipmentListQuery = listQuery(['id', 'serial', 'installedOn', 'createdAt'], {
  siteId: Id.optional(),
  modelId: Id.optional(),
  customerId: Id.optional(),
  serial: z.string().min(1).max(100).optional(),
  active: QueryBoolean.optional(),
});
export type EquipmentListQuery = z.infer<typeof EquipmentListQuery>;

export const EquipmentPage = pageSchema(Equipment).openapi('EquipmentPage');

export const WarrantyQuery = z.object({
  /** The day asked about; today in the site's time zone when absent. */
  at: IsoDate.optional(),
});

export const WarrantyCardStatus = z.enum(['received', 'late', 'pending', 'missing']);
export type WarrantyCardStatus = z.infer<typeof WarrantyCardStatus>;

export const EquipmentWarranty = z
  .object({
    equipmentId: Id,
    at: IsoDate,
    warrantyCard: z.object({
      receivedOn: IsoDate.nullable(),
      dueBy: IsoDate,
      /** received in time; late (claims not recognised); pending (not yet due); missing (overdue). */
      status: WarrantyCardStatus,
    }),
    components: z.array(
      Component.extend({
        /** `at` is on or before the component's warranty end. */
        withinTerm: z.boolean(),
        /** Within term and the warranty card recognised (received in time, or not yet due). */
        inWarranty: z.boolean(),
      }),
    ),
  })
  .openapi('EquipmentWarranty');
export type EquipmentWarranty = z.infer<typeof EquipmentWarranty>;
