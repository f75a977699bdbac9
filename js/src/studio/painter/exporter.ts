// Sends each area's mask to the kernel a moment after it stops changing: encoding a 12-megapixel
// PNG takes a while, so a burst of strokes or undos costs one encode per area, not one each.

/** Hands the PNG to the kernel; a promise when the sending itself waits (reading the blob). */
type Deliver = (areaId: string, png: Blob | null) => void | Promise<void>;

/** The canvas to encode, or null when the area has nothing painted. */
type Source = () => HTMLCanvasElement | null;

export class MaskExporter {
  private readonly pending = new Map<
    string,
    { timer: ReturnType<typeof setTimeout>; source: Source }
  >();
  /** Bumped per area on every export, so a slow encode never overwrites a newer one. */
  private readonly generation = new Map<string, number>();
  /** Each area's latest export, settled once it has been handed over (or dropped). */
  private readonly delivering = new Map<string, Promise<void>>();

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

  /** Exports the area's waiting paint now; settles once the kernel has been sent it, so a
   * request sent after that finds the paint the person sees (a shift-click adds to it). */
  settle(areaId: string): Promise<void> {
    this.run(areaId);
    return this.delivering.get(areaId) ?? Promise.resolve();
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
    let delivered: Promise<void>;
    if (canvas === null) {
      delivered = Promise.resolve(this.deliver(areaId, null));
    } else {
      delivered = new Promise<void>((resolve) => {
        canvas.toBlob((png) => {
          if (this.generation.get(areaId) !== generation) resolve();
          else resolve(this.deliver(areaId, png));
        }, "image/png");
      });
    }
    this.delivering.set(
      areaId,
      delivered.catch(() => undefined),
    );
  }

  private bump(areaId: string): number {
    const next = (this.generation.get(areaId) ?? 0) + 1;
    this.generation.set(areaId, next);
    return next;
  }
}
