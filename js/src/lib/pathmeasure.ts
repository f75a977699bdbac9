// What the path bar and the overlay say about a path: its length, and where the motion is at
// equal steps of time. Kling plays a path's points at equal time steps, so point i of n is at
// time i / (n − 1), and a tick k of m marks index k·(n − 1)/(m − 1), between the points around
// it: ticks crowd where the motion is slow and spread where it is fast. Mirrors
// kling_studio.paths.measure. Pure.

import { arcLengths, type Point } from "./geometry";

/** Ticks at every tenth of the run, both ends included (the kernel's `measure.TICKS`). */
export const TICKS = 11;

/** A tick: where the motion is, and the unit direction of travel there (to draw it across). */
export interface Tick {
  readonly x: number;
  readonly y: number;
  readonly dx: number;
  readonly dy: number;
}

/** Along the path, point to point, in the picture's pixels. */
export function pathLength(points: readonly Point[]): number {
  return arcLengths(points)[points.length - 1] ?? 0;
}

/** "412 px · 28 % of the picture's diagonal"; "" for no path. */
export function lengthWords(points: readonly Point[], width: number, height: number): string {
  if (points.length < 2) return "";
  const pixels = pathLength(points);
  const diagonal = Math.hypot(width, height);
  const share = diagonal > 0 ? Math.round((pixels / diagonal) * 100) : 0;
  return `${Math.round(pixels)} px · ${share} % of the picture's diagonal`;
}

/** `count` ticks at equal steps of time, the start and the end included; none for fewer than
 * two points. The direction is the segment's the tick lies on (the last one's at the end). */
export function timeTicks(points: readonly Point[], count = TICKS): Tick[] {
  const last = points.length - 1;
  if (last < 1 || count < 2) return [];
  const ticks: Tick[] = [];
  for (let k = 0; k < count; k += 1) {
    const at = (k * last) / (count - 1);
    const segment = Math.min(Math.floor(at), last - 1);
    const from = points[segment] as Point;
    const to = points[segment + 1] as Point;
    const t = at - segment;
    const length = Math.hypot(to.x - from.x, to.y - from.y);
    ticks.push({
      x: from.x + (to.x - from.x) * t,
      y: from.y + (to.y - from.y) * t,
      dx: length > 0 ? (to.x - from.x) / length : 1,
      dy: length > 0 ? (to.y - from.y) / length : 0,
    });
  }
  return ticks;
}
