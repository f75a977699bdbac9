import { describe, expect, it } from "vitest";
import type { Point } from "./geometry";
import {
  fitInBox,
  keepInView,
  panBy,
  pinch,
  type ScaleLimits,
  scaleLimits,
  toImage,
  toScreen,
  type Viewport,
  zoomAbout,
} from "./viewport";

const wide: ScaleLimits = { min: 0.01, max: 100 };

function expectClose(actual: Point, expected: Point): void {
  expect(actual.x).toBeCloseTo(expected.x, 9);
  expect(actual.y).toBeCloseTo(expected.y, 9);
}

describe("screen ↔ image", () => {
  const views: Viewport[] = [
    { scale: 1, x: 0, y: 0 },
    { scale: 0.125, x: 40, y: -3 },
    { scale: 0.333, x: -250.5, y: 17.25 },
    { scale: 4, x: -12000, y: -9000 },
    { scale: 32, x: 7, y: 7 },
  ];
  const points: Point[] = [
    { x: 0, y: 0 },
    { x: 3999, y: 2999 },
    { x: 123.456, y: 789.012 },
  ];

  it("round-trips image → screen → image at several zooms and offsets", () => {
    for (const view of views) {
      for (const point of points) expectClose(toImage(view, toScreen(view, point)), point);
    }
  });

  it("round-trips screen → image → screen", () => {
    for (const view of views) {
      for (const point of points) expectClose(toScreen(view, toImage(view, point)), point);
    }
  });

  it("measures from the offset in units of scale", () => {
    expect(toImage({ scale: 0.5, x: 10, y: 20 }, { x: 60, y: 70 })).toEqual({ x: 100, y: 100 });
  });
});

describe("zoomAbout", () => {
  it("keeps the image point under the anchor fixed", () => {
    const view: Viewport = { scale: 0.2, x: 31, y: -12 };
    const anchor = { x: 250, y: 140 };
    const under = toImage(view, anchor);
    for (const factor of [1.25, 0.8, 3, 0.1]) {
      const zoomed = zoomAbout(view, anchor, factor, wide);
      expect(zoomed.scale).toBeCloseTo(0.2 * factor, 12);
      expectClose(toImage(zoomed, anchor), under);
    }
  });

  it("stops at the scale limits and still keeps the anchor fixed", () => {
    const view: Viewport = { scale: 1, x: 0, y: 0 };
    const anchor = { x: 100, y: 50 };
    const zoomed = zoomAbout(view, anchor, 1000, { min: 0.5, max: 8 });
    expect(zoomed.scale).toBe(8);
    expectClose(toImage(zoomed, anchor), toImage(view, anchor));
    expect(zoomAbout(view, anchor, 0.001, { min: 0.5, max: 8 }).scale).toBe(0.5);
  });
});

describe("pan and pinch", () => {
  it("pans by screen pixels", () => {
    expect(panBy({ scale: 2, x: 1, y: 2 }, 10, -5)).toEqual({ scale: 2, x: 11, y: -3 });
  });

  it("pinching keeps the image point under the fingers' midpoint with the fingers", () => {
    const view: Viewport = { scale: 0.5, x: 10, y: 10 };
    const before: [Point, Point] = [
      { x: 100, y: 100 },
      { x: 200, y: 100 },
    ];
    const after: [Point, Point] = [
      { x: 50, y: 120 },
      { x: 250, y: 120 },
    ];
    const pinched = pinch(view, before, after, wide);
    expect(pinched.scale).toBeCloseTo(1, 12);
    expectClose(toImage(pinched, { x: 150, y: 120 }), toImage(view, { x: 150, y: 100 }));
  });

  it("two fingers on one spot only pan", () => {
    const same: [Point, Point] = [
      { x: 5, y: 5 },
      { x: 5, y: 5 },
    ];
    const moved: [Point, Point] = [
      { x: 9, y: 5 },
      { x: 9, y: 5 },
    ];
    expect(pinch({ scale: 2, x: 0, y: 0 }, same, moved, wide)).toEqual({ scale: 2, x: 4, y: 0 });
  });
});

describe("fitInBox", () => {
  it("fits a wide image to the box's width and centres it vertically", () => {
    const view = fitInBox({ width: 4000, height: 3000 }, { width: 800, height: 800 });
    expect(view.scale).toBeCloseTo(0.2, 12);
    expect(view.x).toBeCloseTo(0, 9);
    expect(view.y).toBeCloseTo(100, 9);
    expectClose(toScreen(view, { x: 4000, y: 3000 }), { x: 800, y: 700 });
  });

  it("fits a tall image to the box's height and centres it horizontally", () => {
    const view = fitInBox({ width: 1000, height: 2000 }, { width: 800, height: 500 });
    expect(view.scale).toBe(0.25);
    expect(view.x).toBe(275);
    expect(view.y).toBe(0);
  });

  it("falls back to natural size while the box has no size yet", () => {
    expect(fitInBox({ width: 100, height: 100 }, { width: 0, height: 0 })).toEqual({
      scale: 1,
      x: 0,
      y: 0,
    });
  });

  it("allows zooming out to a quarter of the fitted size", () => {
    const limits = scaleLimits({ width: 4000, height: 3000 }, { width: 800, height: 600 });
    expect(limits.min).toBeCloseTo(0.05, 12);
    expect(limits.max).toBe(32);
  });
});

describe("keepInView", () => {
  const image = { width: 1000, height: 500 };
  const box = { width: 400, height: 400 };

  it("closes empty margins on an axis where the picture is larger than the box", () => {
    expect(keepInView({ scale: 1, x: 50, y: 0 }, image, box).x).toBe(0);
    expect(keepInView({ scale: 1, x: -900, y: 0 }, image, box).x).toBe(-600);
    expect(keepInView({ scale: 1, x: -300, y: 0 }, image, box).x).toBe(-300);
  });

  it("centres an axis where the picture is smaller than the box", () => {
    expect(keepInView({ scale: 0.4, x: -80, y: 3 }, image, box)).toEqual({
      scale: 0.4,
      x: 0,
      y: 100,
    });
  });
});
