import { describe, expect, it } from "vitest";
import { asPoints, measuredUpTo, requestedAt } from "./pathtime";

const p = (x: number, y: number) => ({ x, y });

describe("asPoints", () => {
  it("reads [x, y] pairs and leaves out what is not two finite numbers", () => {
    expect(asPoints([[1, 2], [3], [Number.NaN, 4], [5, 6, 7]])).toEqual([p(1, 2), p(5, 6)]);
  });
});

describe("requestedAt: equally timed points over the clip", () => {
  // Spacing is pace: the first step is short, the second long, but each takes half the clip.
  const path = [p(0, 0), p(10, 0), p(100, 0)];

  it("reaches point i at i/(n − 1) of the duration", () => {
    expect(requestedAt(path, 0, 4)).toEqual(p(0, 0));
    expect(requestedAt(path, 2, 4)).toEqual(p(10, 0));
    expect(requestedAt(path, 4, 4)).toEqual(p(100, 0));
  });

  it("moves in a straight line between two points", () => {
    expect(requestedAt(path, 1, 4)).toEqual(p(5, 0));
    expect(requestedAt(path, 3, 4)).toEqual(p(55, 0));
  });

  it("stays at the ends outside the clip", () => {
    expect(requestedAt(path, -1, 4)).toEqual(p(0, 0));
    expect(requestedAt(path, 9, 4)).toEqual(p(100, 0));
  });

  it("keeps a one-point path where it is, and has nothing without points or duration", () => {
    expect(requestedAt([p(3, 4)], 2, 5)).toEqual(p(3, 4));
    expect(requestedAt([], 1, 5)).toBeNull();
    expect(requestedAt(path, 1, 0)).toBeNull();
    expect(requestedAt(path, 1, Number.NaN)).toBeNull();
  });
});

describe("measuredUpTo: the path as far as it went by a moment", () => {
  const points = [p(0, 0), p(10, 0), p(10, 20)];
  const times = [0, 1, 2];

  it("draws the points reached and the position between the last and the next", () => {
    expect(measuredUpTo(points, times, 0.5, null)).toEqual({
      line: [p(0, 0), p(5, 0)],
      now: p(5, 0),
      lost: false,
    });
    expect(measuredUpTo(points, times, 1.25, null)).toEqual({
      line: [p(0, 0), p(10, 0), p(10, 5)],
      now: p(10, 5),
      lost: false,
    });
  });

  it("shows nothing before the first measured moment, the whole path after the last", () => {
    expect(measuredUpTo(points, [0.5, 1, 2], 0.2, null)).toEqual({
      line: [],
      now: null,
      lost: false,
    });
    expect(measuredUpTo(points, times, 5, null)).toEqual({
      line: points,
      now: p(10, 20),
      lost: false,
    });
  });

  it("says the area is lost from lost_at on, where it was last seen", () => {
    const early = { points: points.slice(0, 2), times: [0, 1] };
    expect(measuredUpTo(early.points, early.times, 0.9, 1).lost).toBe(false);
    expect(measuredUpTo(early.points, early.times, 3, 1)).toEqual({
      line: early.points,
      now: p(10, 0),
      lost: true,
    });
  });

  it("uses only as many points as there are times", () => {
    expect(measuredUpTo(points, [0, 1], 9, null).now).toEqual(p(10, 0));
    expect(measuredUpTo([], [], 1, null).now).toBeNull();
  });
});

describe("measuredUpTo on a measured moment", () => {
  it("ends the line on that point, without repeating it", () => {
    const points = [p(0, 0), p(10, 0), p(10, 20)];
    expect(measuredUpTo(points, [0, 1, 2], 1, null)).toEqual({
      line: [p(0, 0), p(10, 0)],
      now: p(10, 0),
      lost: false,
    });
  });
});
