import { describe, expect, it } from "vitest";
import { type Cubic, smoothCurve, smoothPathData } from "./curve";
import type { Point } from "./geometry";

const close = (a: Point, b: Point) => {
  expect(a.x).toBeCloseTo(b.x, 6);
  expect(a.y).toBeCloseTo(b.y, 6);
};

/** A point of the cubic at t. */
function on(c: Cubic, t: number): Point {
  const u = 1 - t;
  const mix = (k: "x" | "y") =>
    u * u * u * c.from[k] + 3 * u * u * t * c.c1[k] + 3 * u * t * t * c.c2[k] + t * t * t * c.to[k];
  return { x: mix("x"), y: mix("y") };
}

describe("smoothCurve", () => {
  const zigzag = [
    { x: 0, y: 0 },
    { x: 10, y: 20 },
    { x: 40, y: 18 },
    { x: 42, y: 60 },
    { x: 90, y: 61 },
  ];

  it("passes through every point the request carries, in order", () => {
    const cubics = smoothCurve(zigzag);
    expect(cubics).toHaveLength(zigzag.length - 1);
    cubics.forEach((cubic, i) => {
      expect(cubic.from).toEqual(zigzag[i]);
      expect(cubic.to).toEqual(zigzag[i + 1]);
    });
  });

  it("is smooth: the line leaves each inner point the way it arrived", () => {
    const cubics = smoothCurve(zigzag);
    for (let i = 0; i + 1 < cubics.length; i += 1) {
      const [a, b] = [cubics[i] as Cubic, cubics[i + 1] as Cubic];
      const into = Math.atan2(a.to.y - a.c2.y, a.to.x - a.c2.x);
      const out = Math.atan2(b.c1.y - b.from.y, b.c1.x - b.from.x);
      expect(out).toBeCloseTo(into, 6);
    }
  });

  it("keeps a straight path straight", () => {
    const line = [
      { x: 0, y: 0 },
      { x: 10, y: 5 },
      { x: 30, y: 15 },
    ];
    for (const cubic of smoothCurve(line)) {
      for (const t of [0.25, 0.5, 0.75]) {
        const p = on(cubic, t);
        expect(p.y).toBeCloseTo(p.x / 2, 6);
      }
    }
  });

  it("does not overshoot between unevenly spaced points", () => {
    const uneven = [
      { x: 0, y: 0 },
      { x: 1, y: 0 },
      { x: 100, y: 0 },
      { x: 101, y: 1 },
    ];
    for (const cubic of smoothCurve(uneven)) {
      for (let t = 0; t <= 1; t += 0.05) {
        const p = on(cubic, t);
        expect(p.x).toBeGreaterThanOrEqual(-1e-9);
        expect(p.x).toBeLessThanOrEqual(101 + 1e-9);
      }
    }
  });

  it("copes with repeated points and short paths", () => {
    const repeated = [
      { x: 5, y: 5 },
      { x: 5, y: 5 },
      { x: 9, y: 9 },
    ];
    for (const cubic of smoothCurve(repeated)) {
      for (const value of [cubic.c1.x, cubic.c1.y, cubic.c2.x, cubic.c2.y]) {
        expect(Number.isFinite(value)).toBe(true);
      }
    }
    close(
      on(
        smoothCurve([
          { x: 0, y: 0 },
          { x: 8, y: 4 },
        ])[0] as never,
        0.5,
      ),
      { x: 4, y: 2 },
    );
    expect(smoothCurve([{ x: 1, y: 1 }])).toEqual([]);
  });
});

describe("smoothPathData", () => {
  it("is an SVG path: a move, then one cubic per step", () => {
    expect(smoothPathData([])).toBe("");
    expect(smoothPathData([{ x: 1, y: 2 }])).toBe("M1.0,2.0");
    const d = smoothPathData([
      { x: 0, y: 0 },
      { x: 10, y: 0 },
      { x: 20, y: 10 },
    ]);
    expect(d.startsWith("M0.0,0.0C")).toBe(true);
    expect(d.match(/C/g)).toHaveLength(2);
    expect(d.endsWith("20.0,10.0")).toBe(true);
  });
});
