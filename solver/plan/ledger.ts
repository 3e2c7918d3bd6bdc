import type { CoverageIndex } from './coverage.ts';
import type { Journal } from './journal.ts';
import type { Model } from './model.ts';

/**
 * Remaining quantity per stock slot (depot pairs and vans), shared by all routes: every unit is
 * used at most once across the plan. It also keeps the fourth objective term, the number of
 * sole-cover pairs that the plan has emptied.
 */
export class Ledger {
  readonly remaining: Int32Array;
  private emptiedSoleCovers = 0;
  /** Changes with every draw, release and restore: caches of stock-dependent answers key on it. */
  version = 0;

  constructor(
    private readonly model: Model,
    private readonly coverage: CoverageIndex,
    private readonly journal: Journal,
  ) {
    this.remaining = Int32Array.from(model.slotQty);
  }

  get coverageTaken(): number {
    return this.emptiedSoleCovers;
  }

  /** Whether drawing `qty` more from the slot would empty a sole-cover pair (term 4 + 1). */
  wouldEmptySoleCover(slot: number, qty: number): boolean {
    return slot < this.model.pairCount && this.remaining[slot] === qty && this.coverage.isSoleCover(slot);
  }

  draw(slot: number, qty: number): void {
    this.change(slot, -qty);
  }

  release(slot: number, qty: number): void {
    this.change(slot, qty);
  }

  snapshot(): { remaining: Int32Array; emptied: number } {
    return { remaining: this.remaining.slice(), emptied: this.emptiedSoleCovers };
  }

  restore(snapshot: { remaining: Int32Array; emptied: number }): void {
    this.remaining.set(snapshot.remaining);
    this.emptiedSoleCovers = snapshot.emptied;
    this.version++;
  }

  private change(slot: number, by: number): void {
    const before = this.remaining[slot]!;
    const after = before + by;
    if (after < 0 || after > this.model.slotQty[slot]!)
      throw new Error(`stock slot ${slot} would hold ${after}`);
    this.remaining[slot] = after;
    this.version++;
    if (slot < this.model.pairCount && (before === 0) !== (after === 0) && this.coverage.isSoleCover(slot)) {
      this.emptiedSoleCovers += after === 0 ? 1 : -1;
    }
    this.journal.record(() => this.change(slot, -by));
  }
}
