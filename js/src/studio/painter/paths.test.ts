import { describe, expect, it } from "vitest";
import { nearestPoint } from "./paths";

describe("nearestPoint", () => {
  const path = [
    { x: 0, y: 0 },
    { x: 10, y: 0 },
    { x: 12, y: 0 },
  ];

  it("grabs the nearest point within reach", () => {
    expect(nearestPoint(path, { x: 11.5, y: 1 }, 5)).toBe(2);
    expect(nearestPoint(path, { x: 1, y: 1 }, 5)).toBe(0);
  });

  it("grabs only the handles shown, when told which", () => {
    expect(nearestPoint(path, { x: 11.5, y: 1 }, 5, [0, 1])).toBe(1);
    expect(nearestPoint(path, { x: 11.5, y: 1 }, 1, [0, 1])).toBe(-1);
  });

  it("grabs nothing out of reach or on an empty path", () => {
    expect(nearestPoint(path, { x: 50, y: 50 }, 5)).toBe(-1);
    expect(nearestPoint([], { x: 0, y: 0 }, 5)).toBe(-1);
  });
});
