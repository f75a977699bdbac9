import { describe, expect, it } from "vitest";
import { dropRepeats, fromWire, limitPath, type Point, resample, toWire } from "./geometry";

const spiral = (n: number): Point[] =>
  Array.from({ length: n }, (_, i) => {
    const t = (i / (n - 1)) * 6 * Math.PI;
    return { x: 500 + t * 20 * Math.cos(t), y: 400 + t * 20 * Math.sin(t) };
  });

function distanceToPath(p: Point, path: readonly Point[]): number {
  let best = Number.POSITIVE_INFINITY;
  for (let i = 1; i < path.length; i += 1) {
    const a = path[i - 1] as Point;
    const b = path[i] as Point;
    const dx = b.x - a.x;
    const dy = b.y - a.y;
    const len2 = dx * dx + dy * dy;
    const t =
      len2 === 0 ? 0 : Math.max(0, Math.min(1, ((p.x - a.x) * dx + (p.y - a.y) * dy) / len2));
    best = Math.min(best, Math.hypot(p.x - (a.x + t * dx), p.y - (a.y + t * dy)));
  }
  return best;
}

describe("toWire", () => {
  it("flips y so a point near the top of the picture has a large wire y", () => {
    expect(toWire([{ x: 10, y: 0 }], 720)).toEqual([{ x: 10, y: 719 }]);
    expect(toWire([{ x: 10, y: 719 }], 720)).toEqual([{ x: 10, y: 0 }]);
  });

  it("turns a path going down the picture into decreasing wire y", () => {
    const wire = toWire(
      [
        { x: 100, y: 100 },
        { x: 200, y: 500 },
      ],
      720,
    );
    expect((wire[1] as Point).y).toBeLessThan((wire[0] as Point).y);
  });

  it("round-trips through fromWire", () => {
    const points = [
      { x: 3, y: 7 },
      { x: 640, y: 359 },
    ];
    expect(fromWire(toWire(points, 720), 720)).toEqual(points);
  });
});

describe("resample", () => {
  it("gives exactly the requested count, keeping both ends", () => {
    const path = spiral(500);
    const result = resample(path, 77);
    expect(result).toHaveLength(77);
    expect(result[0]).toEqual(path[0]);
    const last = result[76] as Point;
    const end = path[499] as Point;
    expect(last.x).toBeCloseTo(end.x, 6);
    expect(last.y).toBeCloseTo(end.y, 6);
  });

  it("keeps the shape: every resampled point lies on the original path", () => {
    const path = spiral(500);
    for (const point of resample(path, 77)) {
      expect(distanceToPath(point, path)).toBeLessThan(0.5);
    }
  });

  it("spaces points evenly along a straight line", () => {
    const line = [
      { x: 0, y: 0 },
      { x: 1, y: 0 },
      { x: 100, y: 0 },
    ];
    const xs = resample(line, 5).map((p) => p.x);
    expect(xs).toEqual([0, 25, 50, 75, 100]);
  });
});

describe("limitPath", () => {
  it("drops repeated points and leaves short paths alone", () => {
    const path = [
      { x: 1, y: 1 },
      { x: 1, y: 1 },
      { x: 5, y: 5 },
    ];
    expect(limitPath(path, 77)).toEqual([
      { x: 1, y: 1 },
      { x: 5, y: 5 },
    ]);
    expect(dropRepeats(path)).toHaveLength(2);
  });

  it("resamples long paths down to the catalogue's limit", () => {
    expect(limitPath(spiral(1000), 77)).toHaveLength(77);
    expect(limitPath(spiral(1000), 20)).toHaveLength(20);
  });
});
