import { z } from 'zod';
import { listQuery, pageSchema } from '../db/pagination.ts';
import { Id } from '../http/schemas.ts';

/** A skill name as engineers' skills spell it: `his-server`, `xray`. */
export const Skill = z
  .string()
  .min(1)
  .max(50)
  .regex(/^[a-z0-9][a-z0-9-]*$/, 'must be lower-case letters, digits and -');

export const EquipmentModel = z
  .object({
    id: Id,
    name: z.string(),
    category: z.string(),
    skill: z.string(),
    minSkillLevel: z.number().int(),
    designLifeYears: z.number().int().nullable(),
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .openapi('EquipmentModel');
export type EquipmentModel = z.infer<typeof EquipmentModel>;

const fields = {
  name: z.string().min(1).max(200),
  category: z.string().min(1).max(100),
  skill: Skill,
  /** The level an engineer needs in `skill` to work on this model. */
  minSkillLevel: z.number().int().min(1).max(3),
  /** How long the vendor must supply genuine parts for it. */
  designLifeYears: z.number().int().min(1).max(100).nullable(),
};

export const EquipmentModelCreate = z
  .object({
    id: Id,
    ...fields,
    minSkillLevel: fields.minSkillLevel.optional(),
    designLifeYears: fields.designLifeYears.optional(),
  })
  .strict()
  .openapi('EquipmentModelCreate');
export type EquipmentModelCreate = z.infer<typeof EquipmentModelCreate>;

export const EquipmentModelUpdate = z
  .object(fields)
  .partial()
  .strict()
  .refine((value) => Object.keys(value).length > 0, { message: 'nothing to update' })
  .openapi('EquipmentModelUpdate');
export type EquipmentModelUpdate = z.infer<typeof EquipmentModelUpdate>;

export const EquipmentModelListQuery = listQuery(['id', 'name', 'createdAt'], {
  category: z.string().max(100).optional(),
  skill: Skill.optional(),
  q: z.string().max(100).optional(),
});
export type EquipmentModelListQuery = z.infer<typeof EquipmentModelListQuery>;

export const EquipmentModelPage = pageSchema(EquipmentModel).openapi('EquipmentModelPage');
