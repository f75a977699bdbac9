// A path drawn as a smooth line: a centripetal Catmull–Rom spline through every point, as the
// cubic Béziers SVG draws. Centripetal (α = ½) never loops or overshoots between unevenly spaced
// points, as a hand-drawn path's are. The line passes through each point the request carries.

import { distance, type Point } from "./geometry";

/** One piece of the line: from one point to the next, bent by two control points. */
export interface Cubic {
  readonly from: Point;
  readonly c1: Point;
  readonly c2: Point;
  readonly to: Point;
}

/** The control point leaving `p1` towards `p2`, with `p0` before it (centripetal, α = ½). */
function control(p0: Point, p1: Point, p2: Point): Point {
  const d1 = distance(p0, p1);
  const d2 = distance(p1, p2);
  if (d1 === 0 || d2 === 0) return p1;
  const r1 = Math.sqrt(d1);
  const r2 = Math.sqrt(d2);
  const scale = 3 * r1 * (r1 + r2);
  const weight = 2 * d1 + 3 * r1 * r2 + d2;
  return {
    x: (d1 * p2.x - d2 * p0.x + weight * p1.x) / scale,
    y: (d1 * p2.y - d2 * p0.y + weight * p1.y) / scale,
  };
}

/** A point mirrored through `about`: the ends get a neighbour that continues their direction. */
function mirrored(point: Point, about: Point): Point {
  return { x: 2 * about.x - point.x, y: 2 * about.y - point.y };
}

/** The spline through `points`, one cubic per pair of neighbours (none for fewer than two). */
export function smoothCurve(points: readonly Point[]): Cubic[] {
  const count = points.length;
  const at = (i: number): Point => {
    const first = points[0] as Point;
    const last = points[count - 1] as Point;
    if (i < 0) return mirrored(points[1] ?? first, first);
    if (i >= count) return mirrored(points[count - 2] ?? last, last);
    return points[i] as Point;
  };
  const cubics: Cubic[] = [];
  for (let i = 0; i + 1 < count; i += 1) {
    const [p0, p1, p2, p3] = [at(i - 1), at(i), at(i + 1), at(i + 2)];
    cubics.push({ from: p1, c1: control(p0, p1, p2), c2: control(p3, p2, p1), to: p2 });
  }
  return cubics;
}

const fixed = (p: Point): string => `${p.x.toFixed(1)},${p.y.toFixed(1)}`;

/** The spline as an SVG path's `d` ("" for no points, a lone move for one). */
export function smoothPathData(points: readonly Point[]): string {
  const first = points[0];
  if (first === undefined) return "";
  const pieces = smoothCurve(points).map((c) => `C${fixed(c.c1)} ${fixed(c.c2)} ${fixed(c.to)}`);
  return `M${fixed(first)}${pieces.join("")}`;
}
