// Sends each area's mask to the kernel a moment after it stops changing: encoding a 12-megapixel
// PNG takes a while, so a burst of strokes or undos costs one encode per area, not one each.

type Deliver = (areaId: string, png: Blob | null) => void;

/** The canvas to encode, or null when the area has nothing painted. */
type Source = () => HTMLCanvasElement | null;

export class MaskExporter {
  private readonly pending = new Map<
    string,
    { timer: ReturnType<typeof setTimeout>; source: Source }
  >();
  /** Bumped per area on every export, so a slow encode never overwrites a newer one. */
  private readonly generation = new Map<string, number>();

  constructor(
    private readonly deliver: Deliver,
    private readonly delayMs = 250,
  ) {}

  schedule(areaId: string, source: Source): void {
    const previous = this.pending.get(areaId);
    if (previous !== undefined) clearTimeout(previous.timer);
    const timer = setTimeout(() => this.run(areaId), this.delayMs);
    this.pending.set(areaId, { timer, source });
  }

  /** Exports everything still waiting, now (the view is going away). */
  flush(): void {
    for (const areaId of [...this.pending.keys()]) this.run(areaId);
  }

  /** Forgets everything waiting or encoding (a new picture replaced the old paint). */
  cancel(): void {
    for (const { timer } of this.pending.values()) clearTimeout(timer);
    for (const areaId of this.generation.keys()) this.bump(areaId);
    this.pending.clear();
  }

  private run(areaId: string): void {
    const job = this.pending.get(areaId);
    if (job === undefined) return;
    clearTimeout(job.timer);
    this.pending.delete(areaId);
    const generation = this.bump(areaId);
    const canvas = job.source();
    if (canvas === null) {
      this.deliver(areaId, null);
      return;
    }
    canvas.toBlob((png) => {
      if (this.generation.get(areaId) === generation) this.deliver(areaId, png);
    }, "image/png");
  }

  private bump(areaId: string): number {
    const next = (this.generation.get(areaId) ?? 0) + 1;
    this.generation.set(areaId, next);
    return next;
  }
}
