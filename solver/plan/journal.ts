/**
 * An undo log. The search tries a move by changing the state for real, compares objectives, and
 * either keeps the change or rolls it back; every mutation records how to undo itself here while
 * a trial is open.
 */
export class Journal {
  private readonly undo: (() => void)[] = [];
  private depth = 0;

  get open(): boolean {
    return this.depth > 0;
  }

  begin(): void {
    if (this.depth > 0) throw new Error('a trial is already open');
    this.depth = 1;
  }

  record(undo: () => void): void {
    if (this.depth > 0) this.undo.push(undo);
  }

  commit(): void {
    this.undo.length = 0;
    this.depth = 0;
  }

  /** A point inside the open trial that `rollbackTo` can return to (a trial within the trial). */
  mark(): number {
    return this.undo.length;
  }

  /** Undoes what was recorded after `mark`; the trial stays open. */
  rollbackTo(mark: number): void {
    const entries = this.undo.splice(mark);
    // Undoing records nothing: the entries before the mark already restore the trial's start.
    const depth = this.depth;
    this.depth = 0;
    for (let i = entries.length - 1; i >= 0; i--) entries[i]!();
    this.depth = depth;
  }

  rollback(): void {
    const entries = this.undo.splice(0);
    this.depth = 0;
    for (let i = entries.length - 1; i >= 0; i--) entries[i]!();
  }
}
