import { z } from 'zod';
import { mergeTerms } from './merge-terms.ts';

/**
 * The commitment catalog (data/commitments.json): fault levels, tiers, zones, what each clock is,
 * the default terms, and profiles named after the service plans. Every schema is exported with
 * its inferred type under the same name.
 *
 * Units: a 7×24 clock's figure is minutes; a working-days clock's figure is working days. A null
 * figure means the contract promises nothing there (the spare unit for tier C), so that clock
 * does not run.
 */

export const FaultLevel = z.union([z.literal(1), z.literal(2), z.literal(3)]);
export type FaultLevel = z.infer<typeof FaultLevel>;

export const Tier = z.enum(['A', 'B', 'C']);
export type Tier = z.infer<typeof Tier>;

/** What the ticket is: an on-site fault, a question, a problem solved remotely, a complex problem. */
export const TicketKind = z.enum(['fault', 'question', 'remote', 'complex']);
export type TicketKind = z.infer<typeof TicketKind>;

export const ClockCalendar = z.enum(['7x24', 'working-days']);
export type ClockCalendar = z.infer<typeof ClockCalendar>;

/** Clocks whose figure depends on the tier. */
export const TierClockName = z.enum([
  'acknowledge',
  'answer',
  'remote',
  'complex',
  'arrange',
  'spareUnit',
  'resolve',
  'report',
]);
export type TierClockName = z.infer<typeof TierClockName>;

/** Every clock; `onsite` depends on the zone and the level instead of the tier. */
export const ClockName = z.enum([...TierClockName.options, 'onsite']);
export type ClockName = z.infer<typeof ClockName>;

export const WarrantyExclusion = z.enum(['user-damage', 'unauthorised-repair', 'force-majeure']);
export type WarrantyExclusion = z.infer<typeof WarrantyExclusion>;

export const OutOfWarrantyPolicy = z.enum(['parts-at-cost-no-labour', 'parts-and-labour']);
export type OutOfWarrantyPolicy = z.infer<typeof OutOfWarrantyPolicy>;

export const LocalizedText = z.strictObject({ en: z.string().min(1), zh: z.string().min(1) });
export type LocalizedText = z.infer<typeof LocalizedText>;

const Figure = z.number().int().positive().nullable();

export const TierFigures = z.strictObject({ A: Figure, B: Figure, C: Figure });
export type TierFigures = z.infer<typeof TierFigures>;

export const LevelFigures = z.strictObject({ '1': Figure, '2': Figure, '3': Figure });
export type LevelFigures = z.infer<typeof LevelFigures>;

export const TierClockTerms = z.strictObject({ calendar: ClockCalendar, byTier: TierFigures });
export type TierClockTerms = z.infer<typeof TierClockTerms>;

/** On-site arrival: minutes by zone and level; `anyZone` serves zones that `byZone` does not list. */
export const OnsiteClockTerms = z.strictObject({
  calendar: ClockCalendar,
  byZone: z.record(z.string().min(1), LevelFigures),
  anyZone: LevelFigures.nullable(),
});
export type OnsiteClockTerms = z.infer<typeof OnsiteClockTerms>;

export const ClockTerms = z.strictObject({
  acknowledge: TierClockTerms,
  answer: TierClockTerms,
  remote: TierClockTerms,
  complex: TierClockTerms,
  arrange: TierClockTerms,
  spareUnit: TierClockTerms,
  resolve: TierClockTerms,
  report: TierClockTerms,
  onsite: OnsiteClockTerms,
});
export type ClockTerms = z.infer<typeof ClockTerms>;

export const WarrantyTerms = z.strictObject({
  /** Warranty length per component (e.g. `main-unit`: 36), counted from the cover's start date. */
  months: z.record(z.string().min(1), z.number().int().positive()),
  /** Causes that no warranty and no out-of-warranty policy covers. */
  exclusions: z.array(WarrantyExclusion),
  outOfWarranty: OutOfWarrantyPolicy,
});
export type WarrantyTerms = z.infer<typeof WarrantyTerms>;

export const ThreeStrikesTerms = z.strictObject({
  /** Repairs of the same fault after which the next ticket gets a replacement unit (三包: 3). */
  repairsBeforeReplacement: z.number().int().positive(),
});
export type ThreeStrikesTerms = z.infer<typeof ThreeStrikesTerms>;

/** Everything a contract can set. The catalog's defaults are complete terms. */
export const ProfileTerms = z.strictObject({
  /** A running clock is at risk when less than this share of its budget is left. */
  atRiskShare: z.number().gt(0).lt(1),
  clocks: ClockTerms,
  warranty: WarrantyTerms,
  threeStrikes: ThreeStrikesTerms,
});
export type ProfileTerms = z.infer<typeof ProfileTerms>;

const TierClockTermsPatch = z.strictObject({
  calendar: ClockCalendar.optional(),
  byTier: TierFigures.partial().optional(),
});

/**
 * What a profile or a contract changes: any part of the terms, nested. Objects merge key by key;
 * a value (a figure, null, a list) replaces. Unknown keys are rejected.
 */
export const ProfileOverrides = z.strictObject({
  atRiskShare: ProfileTerms.shape.atRiskShare.optional(),
  clocks: z
    .strictObject({
      acknowledge: TierClockTermsPatch.optional(),
      answer: TierClockTermsPatch.optional(),
      remote: TierClockTermsPatch.optional(),
      complex: TierClockTermsPatch.optional(),
      arrange: TierClockTermsPatch.optional(),
      spareUnit: TierClockTermsPatch.optional(),
      resolve: TierClockTermsPatch.optional(),
      report: TierClockTermsPatch.optional(),
      onsite: z
        .strictObject({
          calendar: ClockCalendar.optional(),
          byZone: z.record(z.string().min(1), LevelFigures.partial()).optional(),
          anyZone: LevelFigures.partial().nullable().optional(),
        })
        .optional(),
    })
    .optional(),
  warranty: z
    .strictObject({
      months: WarrantyTerms.shape.months.optional(),
      exclusions: WarrantyTerms.shape.exclusions.optional(),
      outOfWarranty: OutOfWarrantyPolicy.optional(),
    })
    .optional(),
  threeStrikes: ThreeStrikesTerms.partial().optional(),
});
export type ProfileOverrides = z.infer<typeof ProfileOverrides>;

export const LevelDefinition = z.strictObject({
  level: FaultLevel,
  name: LocalizedText,
  definition: LocalizedText,
});
export type LevelDefinition = z.infer<typeof LevelDefinition>;

export const TierDefinition = z.strictObject({ tier: Tier, name: LocalizedText });
export type TierDefinition = z.infer<typeof TierDefinition>;

/**
 * A zone is a set of sites, by administrative area (optionally listed) or by travel time from the
 * serving office. Deciding which zone a site is in belongs to the network; the catalog names the
 * zones and says how membership is meant.
 */
export const ZoneDefinition = z.strictObject({
  id: z.string().regex(/^[a-z0-9-]+$/),
  name: LocalizedText,
  by: z.enum(['administrative-area', 'travel-time']),
  rule: LocalizedText,
  areas: z.array(z.string().min(1)).optional(),
});
export type ZoneDefinition = z.infer<typeof ZoneDefinition>;

export const ClockDefinition = z.strictObject({ name: LocalizedText, source: z.string().min(1) });
export type ClockDefinition = z.infer<typeof ClockDefinition>;

export const ProfileDefinition = z.strictObject({
  id: z.string().regex(/^[a-z0-9-]+$/),
  name: LocalizedText,
  source: z.string().min(1),
  notes: z.string().optional(),
  terms: ProfileOverrides,
});
export type ProfileDefinition = z.infer<typeof ProfileDefinition>;

function duplicates(values: readonly (string | number)[]): (string | number)[] {
  return values.filter((value, index) => values.indexOf(value) !== index);
}

export const CommitmentCatalog = z
  .strictObject({
    version: z.literal(1),
    description: z.string(),
    levels: z.array(LevelDefinition),
    tiers: z.array(TierDefinition),
    zones: z.array(ZoneDefinition),
    clocks: z.strictObject(
      Object.fromEntries(ClockName.options.map((name) => [name, ClockDefinition])) as Record<
        ClockName,
        typeof ClockDefinition
      >,
    ),
    defaults: ProfileTerms,
    profiles: z.array(ProfileDefinition).min(1),
  })
  .superRefine((catalog, ctx) => {
    const levels = catalog.levels.map((l) => l.level);
    if (duplicates(levels).length || FaultLevel.options.some((o) => !levels.includes(o.value))) {
      ctx.addIssue({ code: 'custom', path: ['levels'], message: 'define each of levels 1, 2, 3 once' });
    }
    const tiers = catalog.tiers.map((t) => t.tier);
    if (duplicates(tiers).length || Tier.options.some((t) => !tiers.includes(t))) {
      ctx.addIssue({ code: 'custom', path: ['tiers'], message: 'define each of tiers A, B, C once' });
    }
    for (const id of duplicates(catalog.zones.map((z) => z.id))) {
      ctx.addIssue({ code: 'custom', path: ['zones'], message: `zone ${id} is defined twice` });
    }
    for (const id of duplicates(catalog.profiles.map((p) => p.id))) {
      ctx.addIssue({ code: 'custom', path: ['profiles'], message: `profile ${id} is defined twice` });
    }
    const zones = new Set(catalog.zones.map((z) => z.id));
    const checkZones = (byZone: object | undefined, path: (string | number)[]) => {
      for (const zone of Object.keys(byZone ?? {})) {
        if (!zones.has(zone))
          ctx.addIssue({ code: 'custom', path: [...path, zone], message: 'unknown zone' });
      }
    };
    checkZones(catalog.defaults.clocks.onsite.byZone, ['defaults', 'clocks', 'onsite', 'byZone']);
    catalog.profiles.forEach((profile, index) => {
      checkZones(profile.terms.clocks?.onsite?.byZone, [
        'profiles',
        index,
        'terms',
        'clocks',
        'onsite',
        'byZone',
      ]);
      const merged = ProfileTerms.safeParse(mergeTerms(catalog.defaults, profile.terms));
      for (const issue of merged.error?.issues ?? []) {
        ctx.addIssue({
          code: 'custom',
          path: [
            'profiles',
            index,
            'terms',
            ...issue.path.map((key) => (typeof key === 'symbol' ? String(key) : key)),
          ],
          message: `with the defaults: ${issue.message}`,
        });
      }
    });
  });
export type CommitmentCatalog = z.infer<typeof CommitmentCatalog>;

/** The terms in force for one contract: a profile with the contract's overrides applied. */
export interface EffectiveProfile extends ProfileTerms {
  profileId: string;
  name: LocalizedText;
}
