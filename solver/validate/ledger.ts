import { stockKey, type CheckContext } from './context.ts';
import type { ViolationSink } from './types.ts';

/** One draw on stock: from a stock location (pickup, courier) or from an engineer's van. */
export interface Draw {
  source: 'stock' | 'van';
  /** The stock location's id, or the engineer's id for a van. */
  owner: string;
  sku: string;
  qty: number;
}

interface Usage {
  owner: string;
  sku: string;
  qty: number;
}

/**
 * What the plan takes from each (location, sku) and each (engineer, sku). A ledger may sit on a
 * parent: it then counts the parent's draws too but reports only the pairs it drew on itself, which
 * is how one candidate's draws are checked against the rest of the plan without copying it.
 */
export class StockLedger {
  private readonly stock = new Map<string, Usage>();
  private readonly van = new Map<string, Usage>();

  constructor(private readonly parent?: StockLedger) {}

  draw(draw: Draw): void {
    const uses = draw.source === 'stock' ? this.stock : this.van;
    const key = stockKey(draw.owner, draw.sku);
    const usage = uses.get(key);
    if (usage) usage.qty += draw.qty;
    else uses.set(key, { owner: draw.owner, sku: draw.sku, qty: draw.qty });
  }

  /** Quantity drawn from a stock location, this ledger and its parents together. */
  stockUsed(location: string, sku: string): number {
    const own = this.stock.get(stockKey(location, sku))?.qty ?? 0;
    return own + (this.parent?.stockUsed(location, sku) ?? 0);
  }

  private vanUsed(engineer: string, sku: string): number {
    const own = this.van.get(stockKey(engineer, sku))?.qty ?? 0;
    return own + (this.parent?.vanUsed(engineer, sku) ?? 0);
  }

  /** Reports every pair this ledger drew on whose total use exceeds what is available. */
  reportOveruse(ctx: CheckContext, sink: ViolationSink): void {
    for (const { owner, sku } of this.stock.values()) {
      const used = this.stockUsed(owner, sku);
      const available = ctx.stockQty.get(stockKey(owner, sku)) ?? 0;
      if (used > available)
        sink.report('stock-overuse', `${used} × ${sku} taken from ${owner}, which has ${available}`);
    }
    for (const { owner, sku } of this.van.values()) {
      const used = this.vanUsed(owner, sku);
      const available = ctx.engineers.get(owner)?.vanStock[sku] ?? 0;
      if (used > available)
        sink.report('van-overuse', `${used} × ${sku} taken from ${owner}'s van, which holds ${available}`, {
          engineer: owner,
        });
    }
  }

  /** Stock pairs this ledger's draws empty (whole quantity used) that were not empty before them. */
  *newlyEmptied(ctx: CheckContext): Generator<{ location: string; sku: string }> {
    for (const { owner, sku } of this.stock.values()) {
      const available = ctx.stockQty.get(stockKey(owner, sku)) ?? 0;
      const before = this.parent?.stockUsed(owner, sku) ?? 0;
      if (available > 0 && before < available && this.stockUsed(owner, sku) >= available)
        yield { location: owner, sku };
    }
  }
}
