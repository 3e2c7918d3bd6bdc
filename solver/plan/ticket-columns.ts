import type { Problem, Ticket } from '../problem.schema.ts';
import type { TravelModel } from '../travel.ts';
import { minutesToUnits } from '../units.ts';
import type { Catalog } from './catalog.ts';
import { bytes, floats, ints } from './columns.ts';
import type { Model } from './model.ts';

/** The model's per-ticket columns, indexed by position in the problem's ticket list. */
export type TicketColumns = Pick<
  Model,
  | 'tSite'
  | 'tLevel'
  | 'tWeight'
  | 'tDueOnsite'
  | 'tDueUnit'
  | 'tHasUnit'
  | 'tPenalty'
  | 'tEarliest'
  | 'tService'
  | 'tLoad'
  | 'tNeeds'
  | 'tUnitSkus'
  | 'tPin'
  | 'tPinFirst'
  | 'tPrevious'
>;

/** What turning tickets into columns needs from the rest of the model. */
export interface TicketContext {
  readonly problem: Pick<Problem, 'weights'>;
  readonly travel: TravelModel;
  readonly catalog: Catalog;
  readonly engineerIndex: ReadonlyMap<string, number>;
  /** An ISO time in units from `now`; Infinity for none. */
  readonly toUnits: (iso: string | null | undefined) => number;
}

/**
 * The columns of a list of tickets. buildModel calls it for the whole problem; candidates mode
 * calls it for the one new ticket and appends the result to today's columns.
 */
export function buildTicketColumns(tickets: readonly Ticket[], context: TicketContext): TicketColumns {
  const { problem, travel, catalog, engineerIndex, toUnits } = context;
  const tHasUnit = bytes(tickets, (t) => (t.spareUnit ? 1 : 0));
  const tDueOnsite = floats(tickets, (t) => toUnits(t.due.onsite));
  const tDueUnit = floats(tickets, (t) => (t.spareUnit ? toUnits(t.due.spareUnit) : Infinity));
  const tWeight = floats(
    tickets,
    (t) => (problem.weights.level[t.level - 1] ?? 0) * problem.weights.tier[t.tier],
  );
  const tPenalty = floats(tickets, (_, i) => {
    const commitments = (Number.isFinite(tDueOnsite[i]) ? 1 : 0) + (Number.isFinite(tDueUnit[i]) ? 1 : 0);
    return tWeight[i]! * (commitments + 1);
  });
  const engineerOrMinusOne = (id: string | null | undefined): number =>
    id === null || id === undefined ? -1 : (engineerIndex.get(id) ?? -1);
  return {
    tSite: ints(tickets, (t) => travel.indexOf(t.site)),
    tLevel: ints(tickets, (t) => t.level),
    tWeight,
    tDueOnsite,
    tDueUnit,
    tHasUnit,
    tPenalty,
    tEarliest: floats(tickets, (t) => (t.earliestStart ? toUnits(t.earliestStart) : 0)),
    tService: floats(tickets, (t) => minutesToUnits(t.serviceMinutes)),
    tLoad: floats(tickets, (t) => t.load),
    tNeeds: tickets.map((t) =>
      t.parts.map((need) => {
        const asked = catalog.indexOf(need.sku);
        return { asked, qty: need.qty, compatible: catalog.compatibleWith(asked) };
      }),
    ),
    tUnitSkus: tickets.map((t) => (t.spareUnit ? catalog.unitsFor(t.spareUnit.model) : null)),
    tPin: ints(tickets, (t) => engineerOrMinusOne(t.pin?.engineer)),
    tPinFirst: bytes(tickets, (t) => (t.pin?.first ? 1 : 0)),
    tPrevious: ints(tickets, (t) => engineerOrMinusOne(t.previousEngineer)),
  };
}

/** Columns `a` followed by columns `b`: ticket i of `b` becomes ticket a.length + i. */
export function appendTicketColumns(a: TicketColumns, b: TicketColumns): TicketColumns {
  return {
    tSite: concatInts(a.tSite, b.tSite),
    tLevel: concatInts(a.tLevel, b.tLevel),
    tWeight: concatFloats(a.tWeight, b.tWeight),
    tDueOnsite: concatFloats(a.tDueOnsite, b.tDueOnsite),
    tDueUnit: concatFloats(a.tDueUnit, b.tDueUnit),
    tHasUnit: concatBytes(a.tHasUnit, b.tHasUnit),
    tPenalty: concatFloats(a.tPenalty, b.tPenalty),
    tEarliest: concatFloats(a.tEarliest, b.tEarliest),
    tService: concatFloats(a.tService, b.tService),
    tLoad: concatFloats(a.tLoad, b.tLoad),
    tNeeds: a.tNeeds.concat(b.tNeeds),
    tUnitSkus: a.tUnitSkus.concat(b.tUnitSkus),
    tPin: concatInts(a.tPin, b.tPin),
    tPinFirst: concatBytes(a.tPinFirst, b.tPinFirst),
    tPrevious: concatInts(a.tPrevious, b.tPrevious),
  };
}

function concatFloats(a: Float64Array, b: Float64Array): Float64Array {
  const out = new Float64Array(a.length + b.length);
  out.set(a);
  out.set(b, a.length);
  return out;
}

function concatInts(a: Int32Array, b: Int32Array): Int32Array {
  const out = new Int32Array(a.length + b.length);
  out.set(a);
  out.set(b, a.length);
  return out;
}

function concatBytes(a: Uint8Array, b: Uint8Array): Uint8Array {
  const out = new Uint8Array(a.length + b.length);
  out.set(a);
  out.set(b, a.length);
  return out;
}
