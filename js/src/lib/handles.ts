// Which points of a path show as handles, and how dragging one moves the path. A freehand path
// has dozens of points; a few handles (start, end and some evenly spaced between) are enough to
// reshape it, and "Edit points" makes every point a handle. Dragging a handle moves the points
// between it and its neighbouring handles with a smooth falloff, so the line bends rather than
// spikes; the neighbouring handles stay put. With every point a handle, a drag moves one point.

import { arcLengths, type Point } from "./geometry";

/** Start, end and up to six between. */
export const MOST_HANDLES = 8;

/** Indices of the handles: every point of a short path, else start, end and points nearest to
 * evenly spaced distances along the path; increasing, no repeats. */
export function handleIndices(points: readonly Point[], most = MOST_HANDLES): number[] {
  const count = points.length;
  if (count <= most) return points.map((_, i) => i);
  const lengths = arcLengths(points);
  const total = lengths[count - 1] ?? 0;
  const chosen = new Set<number>([0, count - 1]);
  let index = 0;
  for (let k = 1; k < most - 1; k += 1) {
    const target = (total * k) / (most - 1);
    while (index < count - 1 && (lengths[index + 1] ?? total) <= target) index += 1;
    const next = Math.min(index + 1, count - 1);
    const nearer = target - (lengths[index] ?? 0) <= (lengths[next] ?? total) - target;
    chosen.add(nearer ? index : next);
  }
  return [...chosen].sort((a, b) => a - b);
}

/** Every index: "Edit points" shows them all. */
export function allIndices(points: readonly Point[]): number[] {
  return points.map((_, i) => i);
}

/** 1 at the dragged handle, easing to 0 at the neighbouring handle (`s` from 0 to 1). */
function falloff(s: number): number {
  return 0.5 * (1 + Math.cos(Math.PI * Math.min(1, Math.max(0, s))));
}

/**
 * `points` (as they were when the drag began) with point `index` moved to `to`, and the points
 * between the handles either side of it following by the falloff (by distance along the path).
 */
export function dragHandle(
  points: readonly Point[],
  handles: readonly number[],
  index: number,
  to: Point,
): Point[] {
  const origin = points[index];
  if (origin === undefined) return points.slice();
  const dx = to.x - origin.x;
  const dy = to.y - origin.y;
  const before = handles.filter((h) => h < index).pop() ?? index;
  const after = handles.find((h) => h > index) ?? index;
  const lengths = arcLengths(points);
  const along = (i: number) => lengths[i] ?? 0;
  return points.map((point, i) => {
    if (i === index) return to;
    if (i <= before || i >= after) return point;
    const span = i < index ? along(index) - along(before) : along(after) - along(index);
    const s = span > 0 ? Math.abs(along(index) - along(i)) / span : 1;
    const w = falloff(s);
    return { x: point.x + dx * w, y: point.y + dy * w };
  });
}
