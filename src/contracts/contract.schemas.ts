import { z } from 'zod';
import { OutOfWarrantyPolicy, ProfileOverrides, ProfileTerms, Tier } from '../commitments/index.ts';
import { LocalizedText } from '../commitments/catalog.schema.ts';
import { listQuery, pageSchema } from '../db/pagination.ts';
import { Id, IsoDate } from '../http/schemas.ts';

export const Contract = z
  .object({
    id: Id,
    customerId: Id,
    profileId: Id,
    tier: Tier,
    /** Any figure of the profile, changed for this customer. */
    overrides: ProfileOverrides,
    outOfWarrantyPolicy: OutOfWarrantyPolicy,
    startsOn: IsoDate,
    endsOn: IsoDate.nullable(),
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .openapi('Contract');
export type Contract = z.infer<typeof Contract>;

/**
 * The out-of-warranty policy lives in its own field; the overrides may not set it as well, so
 * that the two can never disagree.
 */
const ContractOverrides = ProfileOverrides.refine(
  (overrides) => overrides.warranty?.outOfWarranty === undefined,
  {
    path: ['warranty', 'outOfWarranty'],
    message: 'set outOfWarrantyPolicy on the contract instead',
  },
);

const endsAfterStart = (value: { startsOn?: string; endsOn?: string | null }) =>
  !value.startsOn || !value.endsOn || value.endsOn >= value.startsOn;

export const ContractCreate = z
  .object({
    id: Id,
    customerId: Id,
    profileId: Id,
    tier: Tier,
    overrides: ContractOverrides.default({}),
    /** The profile's policy when absent. */
    outOfWarrantyPolicy: OutOfWarrantyPolicy.optional(),
    startsOn: IsoDate,
    endsOn: IsoDate.nullable().default(null),
  })
  .strict()
  .refine(endsAfterStart, { path: ['endsOn'], message: 'must not be before startsOn' })
  .openapi('ContractCreate');
export type ContractCreate = z.infer<typeof ContractCreate>;

/** A contract stays with its customer; overrides given replace the old ones whole. */
export const ContractUpdate = z
  .object({
    profileId: Id,
    tier: Tier,
    overrides: ContractOverrides,
    outOfWarrantyPolicy: OutOfWarrantyPolicy,
    startsOn: IsoDate,
    endsOn: IsoDate.nullable(),
  })
  .partial()
  .strict()
  .refine((value) => Object.keys(value).length > 0, { message: 'nothing to update' })
  .openapi('ContractUpdate');
export type ContractUpdate = z.infer<typeof ContractUpdate>;

export const ContractListQuery = listQuery(['id', 'startsOn', 'createdAt'], {
  customerId: Id.optional(),
  profileId: Id.optional(),
  tier: Tier.optional(),
  /** Contracts in force on this day. */
  activeOn: IsoDate.optional(),
});
export type ContractListQuery = z.infer<typeof ContractListQuery>;

export const ContractPage = pageSchema(Contract).openapi('ContractPage');

export const EffectiveContractTerms = ProfileTerms.extend({
  contractId: Id,
  customerId: Id,
  tier: Tier,
  profileId: Id,
  name: LocalizedText,
}).openapi('EffectiveContractTerms');
export type EffectiveContractTerms = z.infer<typeof EffectiveContractTerms>;
