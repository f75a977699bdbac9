// A bounded undo/redo stack. Generic so it can be tested without a DOM; the painter stores pixel
// patches in it, which is why the bound can be a memory budget as well as an entry count.

export interface HistoryLimits<T> {
  /** Most entries kept (undo and redo together); the oldest is dropped first. */
  readonly maxEntries: number;
  /** Budget for the summed `costOf` of all entries, e.g. bytes of pixels; the newest always stays. */
  readonly maxCost?: number;
  readonly costOf?: (entry: T) => number;
}

interface Kept<T> {
  readonly entry: T;
  /** Measured once, at push: an entry may change while it is kept. */
  readonly cost: number;
}

export class History<T> {
  private readonly done: Kept<T>[] = [];
  private readonly undone: Kept<T>[] = [];
  private totalCost = 0;
  private readonly maxEntries: number;
  private readonly maxCost: number;
  private readonly costOf: (entry: T) => number;

  constructor(limits: HistoryLimits<T> = { maxEntries: 100 }) {
    if (limits.maxEntries < 1) throw new RangeError("a history must keep at least one entry");
    this.maxEntries = limits.maxEntries;
    this.maxCost = limits.maxCost ?? Number.POSITIVE_INFINITY;
    this.costOf = limits.costOf ?? (() => 0);
  }

  get canUndo(): boolean {
    return this.done.length > 0;
  }

  get canRedo(): boolean {
    return this.undone.length > 0;
  }

  /** Records a new action; anything that could have been redone is forgotten. */
  push(entry: T): void {
    for (const dropped of this.undone.splice(0)) this.totalCost -= dropped.cost;
    const cost = this.costOf(entry);
    this.done.push({ entry, cost });
    this.totalCost += cost;
    while (
      this.done.length > 1 &&
      (this.done.length > this.maxEntries || this.totalCost > this.maxCost)
    ) {
      const oldest = this.done.shift() as Kept<T>;
      this.totalCost -= oldest.cost;
    }
  }

  /** The entry to revert, or undefined when there is nothing to undo. */
  undo(): T | undefined {
    const kept = this.done.pop();
    if (kept !== undefined) this.undone.push(kept);
    return kept?.entry;
  }

  /** The entry to apply again, or undefined when there is nothing to redo. */
  redo(): T | undefined {
    const kept = this.undone.pop();
    if (kept !== undefined) this.done.push(kept);
    return kept?.entry;
  }

  clear(): void {
    this.done.length = 0;
    this.undone.length = 0;
    this.totalCost = 0;
  }
}
