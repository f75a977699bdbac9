import { describe, expect, it } from "vitest";
import { lengthWords, pathLength, TICKS, timeTicks } from "./pathmeasure";

describe("pathLength and lengthWords", () => {
  it("adds up the segments and says the share of the diagonal", () => {
    const path = [
      { x: 0, y: 0 },
      { x: 300, y: 400 },
      { x: 300, y: 700 },
    ];
    expect(pathLength(path)).toBe(800);
    // 1600 × 1200: the diagonal is 2000 px, so 800 px is 40 %.
    expect(lengthWords(path, 1600, 1200)).toBe("800 px · 40 % of the picture's diagonal");
  });

  it("says nothing for a path of fewer than two points", () => {
    expect(lengthWords([], 100, 100)).toBe("");
    expect(lengthWords([{ x: 1, y: 1 }], 100, 100)).toBe("");
  });
});

describe("timeTicks", () => {
  it("puts ticks at equal index fractions, both ends included", () => {
    // Points 0, 1, 2 at x = 0, 10, 100: the middle tick is on point 1, not half-way along.
    const path = [
      { x: 0, y: 0 },
      { x: 10, y: 0 },
      { x: 100, y: 0 },
    ];
    const ticks = timeTicks(path, 5);
    expect(ticks.map((tick) => tick.x)).toEqual([0, 5, 10, 55, 100]);
    expect(ticks.every((tick) => tick.dx === 1 && tick.dy === 0)).toBe(true);
  });

  it("crowds where the points crowd (slow) and spreads where they spread (fast)", () => {
    const eased = Array.from({ length: 21 }, (_, i) => ({ x: 100 * (i / 20) ** 3, y: 0 }));
    const xs = timeTicks(eased).map((tick) => tick.x);
    expect(xs).toHaveLength(TICKS);
    const gaps = xs.slice(1).map((x, i) => x - (xs[i] as number));
    expect(gaps[0]).toBeLessThan((gaps[gaps.length - 1] as number) / 10);
    expect(xs[0]).toBe(0);
    expect(xs[xs.length - 1]).toBe(100);
  });

  it("gives the direction of travel on each tick's segment", () => {
    const ticks = timeTicks(
      [
        { x: 0, y: 0 },
        { x: 0, y: 10 },
        { x: 10, y: 10 },
      ],
      3,
    );
    expect(ticks[0]).toMatchObject({ dx: 0, dy: 1 });
    expect(ticks[2]).toMatchObject({ x: 10, y: 10, dx: 1, dy: 0 });
  });

  it("has no ticks for fewer than two points", () => {
    expect(timeTicks([])).toEqual([]);
    expect(timeTicks([{ x: 3, y: 4 }])).toEqual([]);
  });
});
