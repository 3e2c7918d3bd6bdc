import { Problem, problems } from '../http/problem.ts';
import type { MovementKind, StockReference } from './stock.schemas.ts';

/**
 * The ledger's problems. A check-constraint violation on stock_balances (SQLSTATE 23514) is the
 * database refusing a movement that would take a balance below zero; it becomes a 409 naming the
 * location and SKU, which the generic translation at the database edge cannot know.
 */

export interface MovementContext {
  locationId: string;
  skuId: string;
  kind: MovementKind;
  /** Units asked for (the absolute value for an adjustment). */
  qty: number;
  /** The request field to name, e.g. `body.qty`. */
  field: string;
}

const shortfallOf: Record<string, (kind: MovementKind) => string> = {
  stock_balances_on_hand_check: () => 'on hand',
  stock_balances_reserved_check: (kind) =>
    kind === 'release' ? 'reserved' : 'available (on hand minus reserved)',
  stock_balances_defective_check: () => 'defective',
};

export function translateInsufficientStock(error: unknown, context: MovementContext): Problem | undefined {
  const pg = error as { code?: unknown; constraint?: unknown } | null;
  if (pg?.code !== '23514' || typeof pg.constraint !== 'string') return undefined;
  const shortfall = shortfallOf[pg.constraint];
  if (!shortfall) return undefined;
  const detail = `not enough stock of ${context.skuId} at ${context.locationId}: a ${context.kind} of ${context.qty} would take ${shortfall(context.kind)} below zero`;
  return problems.conflict(detail, 'insufficient-stock', [{ field: context.field, message: detail }]);
}

export function reservationExceeded(
  reference: StockReference,
  held: number,
  context: Omit<MovementContext, 'kind'> & { verb: string },
): Problem {
  const detail = `${reference.type} ${reference.id} holds ${held} reserved of ${context.skuId} at ${context.locationId}; cannot ${context.verb} ${context.qty}`;
  return problems.conflict(detail, 'reservation-exceeded', [{ field: context.field, message: detail }]);
}

export function staleBalance(
  context: { locationId: string; skuId: string; field: string },
  expected: number,
  actual: number,
): Problem {
  const detail = `the stock of ${context.skuId} at ${context.locationId} changed (version ${actual}, expected ${expected}); re-read and try again`;
  return problems.conflict(detail, 'stale-stock', [{ field: context.field, message: detail }]);
}
