import { z } from 'zod';

/**
 * The demo network's file format, one schema per file (data/demo/README.md explains each field and
 * its unit). Every schema is strict, so a generator change that adds a field without documenting
 * it fails the format test. Each schema and its inferred type share one name.
 *
 * Conventions: fields are camelCase; a field that holds one other entity's id ends in `Id`; a list
 * of ids is named after the relation (`fits`, `supersedes`); times are ISO-8601 with the +08:00
 * offset (Asia/Shanghai), dates are local calendar dates.
 */

const Id = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._:-]*$/);
const LocalDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);
const LocalDateTime = z.string().regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\+08:00$/);
const LocalTime = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/);
const Level = z.union([z.literal(1), z.literal(2), z.literal(3)]);
const SkillLevel = z.number().int().min(1).max(3);

export const SKILL_IDS = [
  'his-server',
  'xray',
  'av-classroom',
  'farm-machinery',
  'solar-heater',
  'network',
] as const;
export const SkillId = z.enum(SKILL_IDS);
export type SkillId = z.infer<typeof SkillId>;

/** The commitment catalog's zones (data/commitments.json): profiles give on-site minutes per zone kind. */
export const ZoneKind = z.enum([
  'same-city',
  'surrounding',
  'other-province',
  'beijing-urban',
  'beijing-suburban',
  'beijing-outside',
]);
export type ZoneKind = z.infer<typeof ZoneKind>;

/** Components with a warranty of their own, named as in the catalog's warranty terms. */
export const ComponentName = z.enum(['main-unit', 'piping', 'electrical', 'software-support']);
export type ComponentName = z.infer<typeof ComponentName>;

export const Region = z.strictObject({ id: Id, name: z.string(), nameZh: z.string(), timeZone: z.string() });
export type Region = z.infer<typeof Region>;

export const Zone = z.strictObject({
  id: Id,
  regionId: Id,
  officeId: Id,
  kind: ZoneKind,
  name: z.string(),
  nameZh: z.string(),
});
export type Zone = z.infer<typeof Zone>;

export const LocationKind = z.enum(['depot', 'office', 'site', 'van']);
export type LocationKind = z.infer<typeof LocationKind>;

export const Location = z.strictObject({
  id: Id,
  kind: LocationKind,
  name: z.string(),
  nameZh: z.string(),
  regionId: Id,
  zoneId: Id.nullable(),
  servingOfficeId: Id.nullable(),
  customerId: Id.nullable(),
  lat: z.number().min(-90).max(90),
  lon: z.number().min(-180).max(180),
  province: z.string(),
  city: z.string(),
  county: z.string(),
  address: z.string(),
  holdsStock: z.boolean(),
});
export type Location = z.infer<typeof Location>;

export const Skill = z.strictObject({ id: SkillId, name: z.string(), nameZh: z.string() });
export type Skill = z.infer<typeof Skill>;

export const Supplier = z.strictObject({ id: Id, name: z.string(), city: z.string() });
export type Supplier = z.infer<typeof Supplier>;

export const EquipmentModel = z.strictObject({
  id: Id,
  name: z.string(),
  manufacturer: z.string(),
  category: z.string(),
  skill: SkillId,
  minSkillLevel: SkillLevel,
  designLifeYears: z.number().int().positive(),
  spareUnitSkuId: Id.nullable(),
  components: z.array(ComponentName).min(1),
});
export type EquipmentModel = z.infer<typeof EquipmentModel>;

export const Sku = z.strictObject({
  id: Id,
  kind: z.enum(['part', 'unit']),
  name: z.string(),
  role: z.string(),
  modelId: Id.nullable(),
  fits: z.array(Id),
  supersedes: z.array(Id),
  unitCost: z.number().nonnegative(),
  packSize: z.number().int().positive(),
  minOrderQty: z.number().int().positive(),
  supplierId: Id,
  leadTimeDaysMean: z.number().nonnegative(),
  leadTimeDaysSd: z.number().nonnegative(),
  endOfLife: LocalDate.nullable(),
  loadUnits: z.number().nonnegative(),
});
export type Sku = z.infer<typeof Sku>;

export const TicketKind = z.enum(['fault', 'question', 'remote', 'complex']);
export type TicketKind = z.infer<typeof TicketKind>;

export const FaultCode = z.strictObject({
  id: Id,
  name: z.string(),
  nameZh: z.string(),
  skill: SkillId,
  ticketKind: TicketKind,
  typicalLevel: Level,
  minSkillLevel: SkillLevel,
  serviceMinutes: z.number().int().nonnegative(),
  component: ComponentName,
  partRole: z.string().nullable(),
  needsSpareUnit: z.boolean(),
});
export type FaultCode = z.infer<typeof FaultCode>;

export const Engineer = z.strictObject({
  id: Id,
  name: z.string(),
  nameZh: z.string(),
  homeOfficeId: Id,
  vanLocationId: Id,
  phone: z.string(),
  vanCapacity: z.number().positive(),
  maxJobsPerDay: z.number().int().positive(),
  skills: z.partialRecord(SkillId, SkillLevel),
  shifts: z.array(
    z.strictObject({ weekday: z.number().int().min(1).max(7), startsAt: LocalTime, endsAt: LocalTime }),
  ),
  absences: z.array(z.strictObject({ startsAt: LocalDateTime, endsAt: LocalDateTime, reason: z.string() })),
});
export type Engineer = z.infer<typeof Engineer>;

export const CustomerKind = z.enum(['hospital', 'school', 'education-centre', 'farm', 'solar-installation']);
export type CustomerKind = z.infer<typeof CustomerKind>;

export const Customer = z.strictObject({
  id: Id,
  name: z.string(),
  nameZh: z.string(),
  kind: CustomerKind,
  regionId: Id,
  contact: z.string(),
});
export type Customer = z.infer<typeof Customer>;

export const Equipment = z.strictObject({
  id: Id,
  siteId: Id,
  modelId: Id,
  serial: z.string(),
  installedOn: LocalDate,
  warrantyCardReceivedOn: LocalDate.nullable(),
  components: z.array(z.strictObject({ component: ComponentName, warrantyEnd: LocalDate })).min(1),
});
export type Equipment = z.infer<typeof Equipment>;

export const Contract = z.strictObject({
  id: Id,
  customerId: Id,
  profileId: z.string(),
  tier: z.enum(['A', 'B', 'C']),
  /** A patch of the profile's terms in the catalog's override format (src/commitments). */
  overrides: z.record(z.string(), z.unknown()),
  outOfWarrantyPolicy: z.enum(['parts-at-cost-no-labour', 'parts-and-labour']),
  startsOn: LocalDate,
  endsOn: LocalDate,
});
export type Contract = z.infer<typeof Contract>;

export const StockMovement = z.strictObject({
  id: Id,
  kind: z.literal('receipt'),
  locationId: Id,
  skuId: Id,
  onHandDelta: z.number().int().positive(),
  referenceType: z.literal('opening-balance'),
  referenceId: Id,
  reason: z.string(),
  actor: z.string(),
  createdAt: LocalDateTime,
});
export type StockMovement = z.infer<typeof StockMovement>;

export const TicketStatus = z.enum(['reported', 'acknowledged', 'closed']);
export type TicketStatus = z.infer<typeof TicketStatus>;

export const Ticket = z.strictObject({
  id: Id,
  siteId: Id,
  customerId: Id,
  equipmentId: Id,
  contractId: Id,
  kind: TicketKind,
  level: Level,
  tier: z.enum(['A', 'B', 'C']),
  faultCode: Id,
  component: ComponentName,
  cause: z.string().nullable(),
  description: z.string(),
  status: TicketStatus,
  reportedAt: LocalDateTime,
  acknowledgedAt: LocalDateTime.nullable(),
  resolvedAt: LocalDateTime.nullable(),
  reportedBy: z.string(),
  skill: SkillId,
  minSkillLevel: SkillLevel,
  serviceMinutes: z.number().int().nonnegative(),
  spareUnitModelId: Id.nullable(),
  parts: z.array(z.strictObject({ skuId: Id, qty: z.number().int().positive() })),
});
export type Ticket = z.infer<typeof Ticket>;

export const PreventiveJob = z.strictObject({
  id: Id,
  siteId: Id,
  equipmentId: Id.nullable(),
  kind: z.enum(['inspection', 'training']),
  skill: SkillId,
  minSkillLevel: SkillLevel,
  serviceMinutes: z.number().int().positive(),
  windowStart: LocalDateTime,
  windowEnd: LocalDateTime,
  recurrence: z.enum(['once', 'monthly', 'twice-a-year']),
  status: z.literal('planned'),
});
export type PreventiveJob = z.infer<typeof PreventiveJob>;

export const DemandSeries = z.strictObject({
  locationId: Id,
  skuId: Id,
  period: z.literal('month'),
  start: LocalDate,
  values: z.array(z.number().int().nonnegative()),
});
export type DemandSeries = z.infer<typeof DemandSeries>;

export const Manifest = z.strictObject({
  format: z.literal('spares-demo-network'),
  formatVersion: z.literal(1),
  seed: z.number().int(),
  today: LocalDateTime,
  timeZone: z.string(),
  currency: z.literal('CNY'),
  scale: z.boolean(),
  historyStart: LocalDate,
  historyMonths: z.number().int().positive(),
  options: z.strictObject({
    stockLocations: z.number().int(),
    engineers: z.number().int(),
    sites: z.number().int(),
    skus: z.number().int(),
    tickets: z.number().int(),
  }),
  counts: z.record(z.string(), z.number().int().nonnegative()),
});
export type Manifest = z.infer<typeof Manifest>;
