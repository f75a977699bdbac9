// Pure path geometry shared by the brush and trajectory tools. Points are image pixels with the
// origin top-left, as canvases use; only `toWire` speaks Kling's bottom-left origin. It mirrors
// kling_studio.api.trajectory, so a path drawn here reaches the wire exactly as one given in Python.

export interface Point {
  readonly x: number;
  readonly y: number;
}

/** Top-left image pixels → Kling's bottom-left origin (integer pixel rows). */
export function toWire(points: readonly Point[], imageHeight: number): Point[] {
  return points.map((p) => ({ x: Math.round(p.x), y: imageHeight - 1 - Math.round(p.y) }));
}

/** Kling's bottom-left origin → top-left image pixels; the inverse of `toWire`. */
export function fromWire(points: readonly Point[], imageHeight: number): Point[] {
  return points.map((p) => ({ x: p.x, y: imageHeight - 1 - p.y }));
}

export function distance(a: Point, b: Point): number {
  return Math.hypot(b.x - a.x, b.y - a.y);
}

/** Drops points that repeat the one before them (a pointer resting in place). */
export function dropRepeats(points: readonly Point[]): Point[] {
  const kept: Point[] = [];
  for (const point of points) {
    const last = kept[kept.length - 1];
    if (last === undefined || distance(last, point) > 0) kept.push(point);
  }
  return kept;
}

/** Cumulative arc length at each point; the last entry is the path's length. */
export function arcLengths(points: readonly Point[]): number[] {
  const lengths: number[] = [];
  let total = 0;
  points.forEach((point, index) => {
    const previous = points[index - 1];
    if (previous !== undefined) total += distance(previous, point);
    lengths.push(total);
  });
  return lengths;
}

/** `count` points evenly spaced along the path by arc length; first and last are kept. */
export function resample(points: readonly Point[], count: number): Point[] {
  const first = points[0];
  if (first === undefined || count < 2 || points.length < 2) return points.slice();
  const lengths = arcLengths(points);
  const total = lengths[lengths.length - 1] ?? 0;
  if (total === 0) return [first];
  const result: Point[] = [];
  let segment = 1;
  for (let i = 0; i < count; i += 1) {
    const target = (total * i) / (count - 1);
    while (segment < points.length - 1 && (lengths[segment] ?? total) < target) segment += 1;
    const start = points[segment - 1] ?? first;
    const end = points[segment] ?? start;
    const from = lengths[segment - 1] ?? 0;
    const span = (lengths[segment] ?? from) - from;
    const t = span > 0 ? (target - from) / span : 0;
    result.push({ x: start.x + (end.x - start.x) * t, y: start.y + (end.y - start.y) * t });
  }
  return result;
}

/**
 * A path the API accepts: repeats dropped, at most `max` points (the catalogue's
 * `max_trajectory_points`), resampled when longer.
 */
export function limitPath(points: readonly Point[], max: number): Point[] {
  const distinct = dropRepeats(points);
  return distinct.length > max ? resample(distinct, max) : distinct;
}
