import { describe, expect, it } from "vitest";
import { falloffStops, stampAlpha } from "./hardness";

describe("stampAlpha", () => {
  it("is full inside the hard core and nothing at the rim", () => {
    expect(stampAlpha(0, 20, 0.5)).toBe(1);
    expect(stampAlpha(10, 20, 0.5)).toBe(1);
    expect(stampAlpha(20, 20, 0.5)).toBe(0);
    expect(stampAlpha(25, 20, 0.5)).toBe(0);
  });

  it("falls smoothly and monotonically between (smoothstep, half way at the middle)", () => {
    expect(stampAlpha(15, 20, 0.5)).toBeCloseTo(0.5, 5);
    const values = [10, 12, 14, 16, 18, 20].map((d) => stampAlpha(d, 20, 0.5));
    for (let i = 1; i < values.length; i += 1) {
      expect(values[i]).toBeLessThanOrEqual(values[i - 1] as number);
    }
  });

  it("fades from the very centre at hardness 0, and keeps a one-pixel rim at hardness 1", () => {
    expect(stampAlpha(0, 20, 0)).toBe(1);
    expect(stampAlpha(10, 20, 0)).toBeCloseTo(0.5, 5);
    expect(stampAlpha(19, 20, 1)).toBe(1);
    expect(stampAlpha(19.5, 20, 1)).toBeCloseTo(0.5, 5);
  });
});

describe("falloffStops", () => {
  it("run from the core's edge to the rim, full to empty, offsets rising", () => {
    const stops = falloffStops(20, 0.5);
    expect(stops[0]).toEqual([0, 1]);
    expect(stops.find(([offset]) => offset === 0.5)?.[1]).toBe(1);
    expect(stops[stops.length - 1]).toEqual([1, 0]);
    for (let i = 1; i < stops.length; i += 1) {
      expect((stops[i] as [number, number])[0]).toBeGreaterThanOrEqual(
        (stops[i - 1] as [number, number])[0],
      );
    }
  });
});
