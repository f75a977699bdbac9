// One invalidation path for a view drawn in parts: a change marks the parts it affects as dirty,
// and one scheduled frame draws each dirty part once, in a fixed order. Ten changes between two
// frames cost one draw; nothing is drawn twice or out of order (the paths above the layers).

/** Schedules the frame; injected so the scheduling can be tested without a browser. */
export interface FrameClock {
  request(callback: () => void): number;
  cancel(handle: number): void;
}

export const animationFrames: FrameClock = {
  request: (callback) => requestAnimationFrame(callback),
  cancel: (handle) => cancelAnimationFrame(handle),
};

export class Redraw<Part extends string> {
  private readonly dirty = new Set<Part>();
  private handle: number | null = null;
  private drawing = false;
  private destroyed = false;

  /** `order`: every part, in the order they are drawn; `draw` draws one. */
  constructor(
    private readonly order: readonly Part[],
    private readonly draw: (part: Part) => void,
    private readonly clock: FrameClock = animationFrames,
  ) {}

  /** Marks parts to draw in the next frame. */
  invalidate(...parts: Part[]): void {
    if (this.destroyed) return; // a late decode or message after the view went
    for (const part of parts) this.dirty.add(part);
    if (this.handle === null && this.dirty.size > 0) {
      this.handle = this.clock.request(() => {
        this.handle = null;
        this.flush();
      });
    }
  }

  isDirty(part: Part): boolean {
    return this.dirty.has(part);
  }

  /** Draws every dirty part now (the frame does this; so does a read that needs them drawn). A
   * part marked while drawing waits for the next frame rather than being drawn out of order. */
  flush(): void {
    if (this.drawing) return;
    const parts = this.order.filter((part) => this.dirty.has(part));
    for (const part of parts) this.dirty.delete(part);
    this.drawing = true;
    try {
      for (const part of parts) this.draw(part);
    } finally {
      this.drawing = false;
    }
  }

  /** Nothing more is drawn. */
  destroy(): void {
    if (this.handle !== null) this.clock.cancel(this.handle);
    this.handle = null;
    this.dirty.clear();
    this.destroyed = true;
  }
}
