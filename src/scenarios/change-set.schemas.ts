import { z } from 'zod';
import { Skills, Shift } from '../engineers/engineer.schemas.ts';
import { Id } from '../http/schemas.ts';

/**
 * A scenario's change set: an ordered list of changes over the live network, each naming what it
 * changes by id. The shapes are checked here; whether the ids exist (in the live network or
 * earlier in the same set) is checked by applying the set to the network (apply-change-set.ts).
 */
const uniqueWeekdays = (shifts: Shift[]) =>
  new Set(shifts.map((shift) => shift.weekday)).size === shifts.length;
const Shifts = z.array(Shift).max(7).refine(uniqueWeekdays, 'one shift per weekday');
const Lat = z.number().min(-90).max(90);
const Lon = z.number().min(-180).max(180);
const Qty = z.number().int().min(1).max(1_000_000);

export const AddEngineer = z
  .object({
    kind: z.literal('add-engineer'),
    engineerId: Id,
    name: z.string().min(1).max(200),
    homeLocationId: Id,
    skills: Skills,
    shifts: Shifts,
    maxJobsPerDay: z.number().int().min(0).max(50).default(6),
  })
  .strict();

export const RemoveEngineer = z.object({ kind: z.literal('remove-engineer'), engineerId: Id }).strict();

/** Replaces the engineer's skills with these. */
export const ChangeSkills = z
  .object({ kind: z.literal('change-skills'), engineerId: Id, skills: Skills })
  .strict();

/** Replaces the engineer's weekly shifts with these. */
export const ChangeShift = z
  .object({ kind: z.literal('change-shift'), engineerId: Id, shifts: Shifts })
  .strict();

export const OpenLocation = z
  .object({
    kind: z.literal('open-location'),
    locationId: Id,
    locationKind: z.enum(['depot', 'office']),
    name: z.string().min(1).max(200),
    regionId: Id,
    lat: Lat,
    lon: Lon,
  })
  .strict();

export const CloseLocation = z
  .object({
    kind: z.literal('close-location'),
    locationId: Id,
    /** Where its stock goes; null: the stock leaves the network (sold off, scrapped). */
    stockToLocationId: Id.nullable(),
    /** Where engineers based here and the sites it serves go; required when there are any engineers. */
    reassignToLocationId: Id.optional(),
  })
  .strict();

export const MoveLocation = z
  .object({ kind: z.literal('move-location'), locationId: Id, lat: Lat, lon: Lon })
  .strict();

export const AddStock = z
  .object({ kind: z.literal('add-stock'), locationId: Id, skuId: Id, qty: Qty })
  .strict();

export const MoveStock = z
  .object({ kind: z.literal('move-stock'), fromLocationId: Id, toLocationId: Id, skuId: Id, qty: Qty })
  .strict();

export const RemoveStock = z
  .object({ kind: z.literal('remove-stock'), locationId: Id, skuId: Id, qty: Qty })
  .strict();

export const ChangeContractProfile = z
  .object({
    kind: z.literal('change-contract-profile'),
    contractId: Id,
    profileId: Id,
    tier: z.enum(['A', 'B', 'C']).optional(),
  })
  .strict();

export const ChangeSiteZone = z
  .object({ kind: z.literal('change-site-zone'), siteId: Id, zoneId: Id })
  .strict();

export const ScaleDemand = z
  .object({
    kind: z.literal('scale-demand'),
    factor: z.number().positive().max(100),
    regionId: Id.optional(),
    level: z.number().int().min(1).max(3).optional(),
    months: z
      .array(z.number().int().min(1).max(12))
      .min(1)
      .max(12)
      .refine((months) => new Set(months).size === months.length, 'each month once')
      .optional(),
  })
  .strict();

/** Sets the lead time of every SKU bought from this supplier. */
export const ChangeSupplierLeadTime = z
  .object({
    kind: z.literal('change-supplier-lead-time'),
    supplierId: Id,
    leadTimeDaysMean: z.number().min(0).max(365),
    leadTimeDaysSd: z.number().min(0).max(365).optional(),
  })
  .strict();

export const Change = z
  .discriminatedUnion('kind', [
    AddEngineer,
    RemoveEngineer,
    ChangeSkills,
    ChangeShift,
    OpenLocation,
    CloseLocation,
    MoveLocation,
    AddStock,
    MoveStock,
    RemoveStock,
    ChangeContractProfile,
    ChangeSiteZone,
    ScaleDemand,
    ChangeSupplierLeadTime,
  ])
  .openapi('ScenarioChange');
export type Change = z.output<typeof Change>;
export type ChangeInput = z.input<typeof Change>;

export const ChangeSet = z.array(Change).max(1000);
export type ChangeSet = z.output<typeof ChangeSet>;
