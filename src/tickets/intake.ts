import {
  decideThreeStrikes,
  decideWarranty,
  type EffectiveProfile,
  type FaultCause,
  type LocalDate,
  type RepairRecord,
  type WarrantyDecision,
} from '../commitments/index.ts';

/**
 * What intake derives from the network and the contract, as pure functions of the rows the
 * service loaded: the skill a ticket needs, whether three strikes call for a replacement unit,
 * and who pays for the repair.
 */

/**
 * A critical (level 1) fault needs an engineer of skill level 2 at least, whatever the model asks
 * for: a lost system or lost business data is no job for a trainee, and the on-site clock leaves
 * no time for a second visit. Levels 2 and 3 take the model's own minimum.
 */
export const LEVEL_1_MIN_SKILL_LEVEL = 2;

export function requiredSkill(
  level: number,
  model: { skill: string; minSkillLevel: number } | null,
): { skill: string | null; minSkillLevel: number } {
  const modelMinimum = model?.minSkillLevel ?? 1;
  return {
    skill: model?.skill ?? null,
    minSkillLevel: level === 1 ? Math.max(modelMinimum, LEVEL_1_MIN_SKILL_LEVEL) : modelMinimum,
  };
}

export interface ReplacementNeed {
  requiresReplacement: boolean;
  replacementReason: string | null;
}

/**
 * Three strikes apply to a device and a fault code: without either there is nothing to count,
 * and the ticket is not a replacement.
 */
export function replacementNeed(input: {
  ticketId: string;
  equipmentId: string | null;
  faultCode: string | null;
  reportedAt: Date;
  history: readonly RepairRecord[];
  profile: EffectiveProfile;
}): ReplacementNeed {
  if (!input.equipmentId || !input.faultCode) return { requiresReplacement: false, replacementReason: null };
  const decision = decideThreeStrikes({
    history: input.history,
    ticket: { id: input.ticketId, faultCode: input.faultCode, reportedAt: input.reportedAt },
    repairsBeforeReplacement: input.profile.threeStrikes.repairsBeforeReplacement,
  });
  return {
    requiresReplacement: decision.replacement,
    replacementReason: decision.replacement ? decision.reason : null,
  };
}

/** A warranty card that reaches the vendor later than this after the sale voids the claim. */
export const WARRANTY_CARD_DAYS = 20;

export interface EquipmentWarranty {
  installedOn: LocalDate;
  warrantyCardReceivedOn: LocalDate | null;
  /** The last covered day per component, as the installed base records it. */
  componentWarrantyEnds: Readonly<Record<string, LocalDate>>;
}

const DAY_MS = 86_400_000;

function daysBetween(from: LocalDate, to: LocalDate): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY_MS);
}

const dayBefore = (date: LocalDate): LocalDate =>
  new Date(Date.parse(`${date}T00:00:00Z`) - DAY_MS).toISOString().slice(0, 10);

/**
 * Who pays, per component. The installed base's own warranty end for the component wins; a
 * component it does not list is covered for the profile's months from installation (and an
 * unknown component throws, for the caller to report). The commitments say a warranty card must
 * reach the vendor within 20 days of the sale or the claim is not recognised: a card recorded as
 * late makes the repair chargeable as if out of warranty. A card not recorded at all is taken as
 * received, because the installed base often lacks the date and the customer should not pay for
 * a gap in our records.
 */
export function warrantyDecision(input: {
  component: string | null;
  cause: FaultCause | null;
  faultOn: LocalDate;
  equipment: EquipmentWarranty | null;
  profile: EffectiveProfile;
}): WarrantyDecision | null {
  const { component, equipment } = input;
  if (!component || !equipment) return null;
  const cause = input.cause ?? 'normal-use';
  const terms = input.profile.warranty;
  const recorded = equipment.componentWarrantyEnds[component];
  const cardLate =
    equipment.warrantyCardReceivedOn !== null &&
    daysBetween(equipment.installedOn, equipment.warrantyCardReceivedOn) > WARRANTY_CARD_DAYS;
  if (cardLate) {
    // Covered until the day before the fault: the exclusions and the out-of-warranty policy decide.
    const charged = decideWarranty({
      component,
      faultOn: input.faultOn,
      cause,
      terms,
      coveredUntil: dayBefore(input.faultOn),
    });
    if (charged.decision === 'not-covered') return charged;
    return {
      decision: charged.decision,
      reason:
        `the warranty card arrived on ${equipment.warrantyCardReceivedOn}, more than ${WARRANTY_CARD_DAYS} days ` +
        `after installation on ${equipment.installedOn}: the warranty claim is not recognised and the repair is charged (${charged.decision})`,
    };
  }
  return recorded !== undefined
    ? decideWarranty({ component, faultOn: input.faultOn, cause, terms, coveredUntil: recorded })
    : decideWarranty({
        component,
        faultOn: input.faultOn,
        cause,
        terms,
        coverStartsOn: equipment.installedOn,
      });
}
