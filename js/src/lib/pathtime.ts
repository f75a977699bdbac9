// Where an area is on its paths at a moment of the clip, for the overlay drawn over the video.
// A requested path's points are reached at equal steps of time over the clip (point i of n at
// i/(n − 1) of its duration: Kling plays them so, and `pathmeasure.timeTicks` marks them so);
// a measured path has its own time for each point. Between two points the position moves in a
// straight line. Points come as the contract sends them, [x, y] pairs in the picture's pixels.
// Pure.

import type { Point } from "./geometry";

/** [x, y] pairs as points; a pair that is not two finite numbers is left out. */
export function asPoints(pairs: readonly (readonly number[])[]): Point[] {
  const points: Point[] = [];
  for (const [x, y] of pairs) {
    if (Number.isFinite(x) && Number.isFinite(y)) points.push({ x: x as number, y: y as number });
  }
  return points;
}

function between(from: Point, to: Point, t: number): Point {
  return { x: from.x + (to.x - from.x) * t, y: from.y + (to.y - from.y) * t };
}

/** Where a path of equally timed points is `time` seconds into a clip of `duration` seconds:
 * its start before the clip, its end after; null for no points or no duration. */
export function requestedAt(
  points: readonly Point[],
  time: number,
  duration: number,
): Point | null {
  const first = points[0];
  if (first === undefined || !(duration > 0) || !Number.isFinite(time)) return null;
  const last = points.length - 1;
  const at = Math.min(Math.max(time / duration, 0), 1) * last;
  const index = Math.min(Math.floor(at), Math.max(last - 1, 0));
  const to = points[index + 1];
  return to === undefined ? first : between(points[index] as Point, to, at - index);
}

/** A measured path up to a moment. */
export interface Travelled {
  /** The points reached by then, the position then included as the last. */
  readonly line: readonly Point[];
  /** Where the area is then (null before its first measured moment). */
  readonly now: Point | null;
  /** It could no longer be followed by then: `now` is where it was last seen. */
  readonly lost: boolean;
}

/** The measured path (`points`, one per `times` entry, in seconds) up to `time`; `lostAt`: when
 * the area could no longer be followed (null: to the end). */
export function measuredUpTo(
  points: readonly Point[],
  times: readonly number[],
  time: number,
  lostAt: number | null,
): Travelled {
  const count = Math.min(points.length, times.length);
  const lost = lostAt !== null && time >= lostAt;
  if (count === 0 || !Number.isFinite(time) || time < (times[0] as number)) {
    return { line: [], now: null, lost: false };
  }
  let reached = 0; // the last point whose time has come
  while (reached + 1 < count && (times[reached + 1] as number) <= time) reached += 1;
  const line = points.slice(0, reached + 1);
  const from = points[reached] as Point;
  const to = points[reached + 1];
  if (to === undefined || reached + 1 >= count) return { line, now: from, lost };
  const start = times[reached] as number;
  const span = (times[reached + 1] as number) - start;
  if (time <= start || span <= 0) return { line, now: from, lost }; // on a measured point
  const now = between(from, to, (time - start) / span);
  return { line: [...line, now], now, lost };
}
