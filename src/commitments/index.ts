/**
 * Service commitments as pure functions: no database, no HTTP, no clock reads (the caller says
 * what time it is). Typical use at ticket intake:
 *
 *   const profile = resolveProfile(defaultCatalog(), contract.profileId, contract.overrides);
 *   const clocks = computeClocks({ reportedAt, level, tier, zone, profile, needsSpareUnit, kind,
 *     calendar: chinaWorkingCalendar(), events });
 *   const states = clocks.map((c) => clockStatus(c, c.stoppedAt, now));
 *   const strikes = decideThreeStrikes({ history, ticket, repairsBeforeReplacement:
 *     profile.threeStrikes.repairsBeforeReplacement });
 *   const charge = decideWarranty({ component, faultOn, cause, terms: profile.warranty, coveredUntil });
 *
 * Mistakes in configuration or input throw CommitmentError (a code and issues with paths);
 * outcomes such as a breached clock or an uncovered repair are return values.
 */

export {
  ClockCalendar,
  ClockName,
  CommitmentCatalog,
  FaultLevel,
  LevelFigures,
  OutOfWarrantyPolicy,
  ProfileOverrides,
  ProfileTerms,
  TicketKind,
  Tier,
  TierFigures,
  WarrantyExclusion,
  WarrantyTerms,
  type EffectiveProfile,
} from './catalog.schema.ts';
export { defaultCatalog, parseCatalog, resolveProfile } from './catalog.ts';
export {
  DEFAULT_TIME_ZONE,
  addElapsedMinutes,
  addWorkingDays,
  createWorkingCalendar,
  holidayDataStatus,
  isWorkingDay,
  type HolidayDataStatus,
  type WorkingCalendar,
  type WorkingCalendarOptions,
} from './calendar.ts';
export {
  HolidayData,
  chinaWorkingCalendar,
  parseHolidayData,
  workingCalendarFromHolidays,
} from './holidays.ts';
export {
  CLOCK_RULES,
  TicketEvent,
  clockStatus,
  computeClocks,
  type ClockState,
  type ClockStatus,
  type CommitmentClock,
  type ComputeClocksInput,
  type TicketEventRecord,
} from './clocks.ts';
export {
  DEFAULT_REPAIRS_BEFORE_REPLACEMENT,
  decideThreeStrikes,
  type RepairRecord,
  type ThreeStrikesDecision,
  type ThreeStrikesInput,
} from './three-strikes.ts';
export {
  FaultCause,
  decideWarranty,
  lastCoveredDay,
  warrantyEnds,
  type WarrantyDecision,
  type WarrantyDecisionName,
  type WarrantyInput,
} from './warranty.ts';
export { CommitmentError, type CommitmentErrorCode, type CommitmentIssue } from './errors.ts';
export { formatInZone, localDateOf, type Instant, type LocalDate } from './zoned-time.ts';
