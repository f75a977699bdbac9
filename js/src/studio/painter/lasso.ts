// The Lasso tool's anchors while they are being placed (pure): a click adds one, a click on the
// first closes the loop once there are enough for one, Backspace takes the last back. The kernel
// snaps each leg to the picture's edges and fills the loop.

import type { Point } from "../../lib/geometry";

/** A click this close to the first anchor, on screen, closes the loop. */
export const CLOSE_PX = 8;
/** A loop needs this many anchors (the kernel's rule too). */
export const MIN_ANCHORS = 3;

export type LassoClick = "added" | "closed";

export class LassoAnchors {
  private readonly placed: Point[] = [];

  constructor(
    readonly areaId: string,
    readonly add: boolean,
    readonly remove: boolean,
  ) {}

  get points(): readonly Point[] {
    return this.placed;
  }

  get canClose(): boolean {
    return this.placed.length >= MIN_ANCHORS;
  }

  /** A click at `at` (image pixels; `scale`: screen pixels per image pixel): on the first
   * anchor of a loop that can close, it closes; anywhere else, a new anchor (a click on the
   * last anchor again — a double-click's second press — adds nothing). */
  click(at: Point, scale: number): LassoClick {
    const first = this.placed[0];
    if (first !== undefined && this.canClose && distance(first, at) * scale <= CLOSE_PX) {
      return "closed";
    }
    const last = this.placed[this.placed.length - 1];
    if (last === undefined || distance(last, at) * scale > 1) this.placed.push(at);
    return "added";
  }

  /** Takes the last anchor back; false when none was left to take. */
  back(): boolean {
    return this.placed.pop() !== undefined;
  }

  /** The anchors as the `select` request's `points`, whole pixels. */
  request(): [number, number][] {
    return this.placed.map((p) => [Math.round(p.x), Math.round(p.y)]);
  }
}

function distance(a: Point, b: Point): number {
  return Math.hypot(a.x - b.x, a.y - b.y);
}
