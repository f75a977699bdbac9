import { describe, expect, it } from "vitest";
import { distance, type Point } from "./geometry";
import {
  changedRect,
  countPainted,
  cropPixels,
  growBounds,
  interpolate,
  pixelRect,
} from "./strokes";

describe("interpolate", () => {
  it("keeps both endpoints", () => {
    const points = interpolate({ x: 3, y: 4 }, { x: 103, y: -50 }, 7);
    expect(points[0]).toEqual({ x: 3, y: 4 });
    const last = points[points.length - 1] as Point;
    expect(last.x).toBeCloseTo(103, 9);
    expect(last.y).toBeCloseTo(-50, 9);
  });

  it("never leaves a gap wider than the spacing, and spaces stamps evenly", () => {
    for (const spacing of [0.5, 1, 2.5, 12, 40]) {
      const points = interpolate({ x: 0, y: 0 }, { x: 317, y: 211 }, spacing);
      const gaps = points.slice(1).map((p, i) => distance(points[i] as Point, p));
      expect(Math.max(...gaps)).toBeLessThanOrEqual(spacing + 1e-9);
      expect(Math.max(...gaps) - Math.min(...gaps)).toBeLessThan(1e-9);
      // No more stamps than needed: one fewer would break the spacing.
      expect((points.length - 2) * spacing).toBeLessThan(
        distance({ x: 0, y: 0 }, { x: 317, y: 211 }),
      );
    }
  });

  it("gives one stamp for a move of length zero", () => {
    expect(interpolate({ x: 5, y: 6 }, { x: 5, y: 6 }, 4)).toEqual([{ x: 5, y: 6 }]);
  });

  it("gives just the two ends for a move shorter than the spacing", () => {
    expect(interpolate({ x: 0, y: 0 }, { x: 1, y: 1 }, 10)).toEqual([
      { x: 0, y: 0 },
      { x: 1, y: 1 },
    ]);
  });

  it("refuses a spacing that would never finish", () => {
    expect(() => interpolate({ x: 0, y: 0 }, { x: 1, y: 0 }, 0)).toThrow(RangeError);
    expect(() => interpolate({ x: 0, y: 0 }, { x: 1, y: 0 }, Number.NaN)).toThrow(RangeError);
  });
});

describe("dirty rectangle", () => {
  it("covers every stamp with a pixel to spare", () => {
    let bounds = growBounds(null, { x: 10, y: 20 }, 5);
    bounds = growBounds(bounds, { x: 40, y: 8 }, 5);
    expect(bounds).toEqual({ left: 4, top: 2, right: 46, bottom: 26 });
  });

  it("rounds outwards to whole pixels and clips to the image", () => {
    const bounds = { left: -3.5, top: 2.2, right: 12.1, bottom: 500 };
    expect(pixelRect(bounds, 10, 100)).toEqual({ x: 0, y: 2, width: 10, height: 98 });
  });

  it("is null when the stroke stayed outside the image", () => {
    expect(pixelRect({ left: -50, top: -50, right: -10, bottom: -10 }, 100, 100)).toBeNull();
    expect(pixelRect({ left: 120, top: 0, right: 130, bottom: 10 }, 100, 100)).toBeNull();
  });
});

describe("countPainted", () => {
  it("counts pixels whose alpha is above the threshold, as the kernel does", () => {
    const rgba = new Uint8ClampedArray([
      0, 0, 0, 255, 9, 9, 9, 128, 0, 0, 0, 127, 255, 255, 255, 0,
    ]);
    expect(countPainted(rgba, 127)).toBe(2);
  });

  it("takes the threshold it is given rather than assuming one", () => {
    const rgba = new Uint8ClampedArray([0, 0, 0, 200, 0, 0, 0, 100, 0, 0, 0, 50, 0, 0, 0, 0]);
    expect(countPainted(rgba, 0)).toBe(3);
    expect(countPainted(rgba, 99)).toBe(2);
    expect(countPainted(rgba, 200)).toBe(0);
  });
});

describe("a replaced mask's patch", () => {
  /** A 5×4 RGBA picture with alpha 255 at the given (x, y) pixels. */
  function picture(painted: [number, number][]): Uint8ClampedArray {
    const rgba = new Uint8ClampedArray(5 * 4 * 4);
    for (const [x, y] of painted) rgba[(y * 5 + x) * 4 + 3] = 255;
    return rgba;
  }

  it("covers exactly the pixels whose alpha changed", () => {
    const before = picture([[0, 0]]);
    const after = picture([
      [0, 0],
      [1, 2],
      [3, 1],
    ]);
    expect(changedRect(before, after, 5, 4)).toEqual({ x: 1, y: 1, width: 3, height: 2 });
    expect(changedRect(after, after, 5, 4)).toBeNull();
  });

  it("crops a rectangle's pixels row by row", () => {
    const rgba = new Uint8ClampedArray(5 * 4 * 4).map((_, i) => i % 251);
    const cropped = cropPixels(rgba, 5, { x: 1, y: 2, width: 2, height: 2 });
    expect(cropped.length).toBe(16);
    expect([...cropped.slice(0, 8)]).toEqual([...rgba.slice(44, 52)]);
    expect([...cropped.slice(8)]).toEqual([...rgba.slice(64, 72)]);
  });
});
