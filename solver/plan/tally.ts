import type { Ledger } from './ledger.ts';

/**
 * Quantities a supply option takes from stock slots, on top of the ledger, so that two needs of
 * one ticket never count the same unit twice.
 */
export class Tally {
  constructor(
    private readonly ledger: Ledger,
    private readonly slots: number[] = [],
    private readonly taken: number[] = [],
  ) {}

  available(slot: number): number {
    return this.ledger.remaining[slot]! - this.takenFrom(slot);
  }

  take(slot: number, qty: number): void {
    const i = this.slots.indexOf(slot);
    if (i < 0) {
      this.slots.push(slot);
      this.taken.push(qty);
    } else {
      this.taken[i]! += qty;
    }
  }

  /** Whether taking `qty` more would empty a pair that is some site's only nearby source. */
  wouldEmptySoleCover(slot: number, qty: number): boolean {
    return this.ledger.wouldEmptySoleCover(slot, this.takenFrom(slot) + qty);
  }

  fork(): Tally {
    return new Tally(this.ledger, this.slots.slice(), this.taken.slice());
  }

  /** Objective term 4 of everything taken: sole-cover pairs emptied. */
  emptiedSoleCovers(): number {
    let count = 0;
    for (let i = 0; i < this.slots.length; i++) {
      if (this.ledger.wouldEmptySoleCover(this.slots[i]!, this.taken[i]!)) count++;
    }
    return count;
  }

  private takenFrom(slot: number): number {
    const i = this.slots.indexOf(slot);
    return i < 0 ? 0 : this.taken[i]!;
  }
}
