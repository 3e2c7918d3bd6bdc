import { z } from 'zod';
import { ProfileOverrides } from '../commitments/index.ts';
import { listQuery, pageSchema } from '../db/pagination.ts';
import { Id } from '../http/schemas.ts';

/**
 * A commitment profile: the figures of one service plan, as a patch over the commitment catalog's
 * default terms (the shape of a profile's `terms` in data/commitments.json).
 */
export const CommitmentProfile = z
  .object({
    id: Id,
    name: z.string(),
    definition: ProfileOverrides,
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .openapi('CommitmentProfile');
export type CommitmentProfile = z.infer<typeof CommitmentProfile>;

export const ProfileCreate = z
  .object({ id: Id, name: z.string().min(1).max(200), definition: ProfileOverrides })
  .strict()
  .openapi('CommitmentProfileCreate');
export type ProfileCreate = z.infer<typeof ProfileCreate>;

/** A definition given replaces the old one whole. */
export const ProfileUpdate = z
  .object({ name: z.string().min(1).max(200), definition: ProfileOverrides })
  .partial()
  .strict()
  .refine((value) => Object.keys(value).length > 0, { message: 'nothing to update' })
  .openapi('CommitmentProfileUpdate');
export type ProfileUpdate = z.infer<typeof ProfileUpdate>;

export const ProfileListQuery = listQuery(['id', 'name', 'createdAt'], {
  q: z.string().max(100).optional(),
});
export type ProfileListQuery = z.infer<typeof ProfileListQuery>;

export const ProfilePage = pageSchema(CommitmentProfile).openapi('CommitmentProfilePage');
