// Where the person points on a clip's first frame: a click on the shown frame, or a crosshair
// moved with the arrow keys (the keyboard's way to say "the thing that moves is here"). In the
// clip's own pixels, top-left, as `track-path` takes them. Pure.

import type { Point } from "./geometry";

export interface Size {
  readonly width: number;
  readonly height: number;
}

/** Arrow key → direction. */
const ARROWS: Readonly<Record<string, readonly [number, number]>> = {
  ArrowLeft: [-1, 0],
  ArrowRight: [1, 0],
  ArrowUp: [0, -1],
  ArrowDown: [0, 1],
};

/** An arrow moves the crosshair by this share of the clip's long side; with Shift, ten times. */
export const STEP_SHARE = 0.01;

/** The clip's middle: where the crosshair starts. */
export function middle(clip: Size): Point {
  return { x: Math.round((clip.width - 1) / 2), y: Math.round((clip.height - 1) / 2) };
}

function inside(point: Point, clip: Size): Point {
  return {
    x: Math.min(clip.width - 1, Math.max(0, point.x)),
    y: Math.min(clip.height - 1, Math.max(0, point.y)),
  };
}

/** The crosshair after `key` (null: not an arrow), kept inside the clip, on whole pixels. */
export function movedCrosshair(at: Point, key: string, large: boolean, clip: Size): Point | null {
  const direction = ARROWS[key];
  if (direction === undefined) return null;
  const step = Math.max(1, Math.round(Math.max(clip.width, clip.height) * STEP_SHARE));
  const by = large ? step * 10 : step;
  return inside({ x: at.x + direction[0] * by, y: at.y + direction[1] * by }, clip);
}

/** A click at `offset` in the frame as shown (`shown` CSS pixels, a continuous position) → the
 * clip's pixel under it (pixel centres at whole numbers). */
export function clipPoint(offset: Point, shown: Size, clip: Size): Point {
  const x = (offset.x / Math.max(shown.width, 1)) * clip.width - 0.5;
  const y = (offset.y / Math.max(shown.height, 1)) * clip.height - 0.5;
  return inside({ x: Math.round(x), y: Math.round(y) }, clip);
}
