import { describe, expect, it } from "vitest";
import { CLOSE_PX, LassoAnchors } from "./lasso";

describe("LassoAnchors", () => {
  it("adds anchors and closes on the first once there are three", () => {
    const lasso = new LassoAnchors("dynamic-1", false, false);
    expect(lasso.click({ x: 10, y: 10 }, 1)).toBe("added");
    expect(lasso.click({ x: 50, y: 10 }, 1)).toBe("added");
    // Two anchors cannot close: a click near the first is a new anchor.
    expect(lasso.click({ x: 12, y: 11 }, 1)).toBe("added");
    expect(lasso.points).toHaveLength(3);
    expect(lasso.canClose).toBe(true);
    expect(lasso.click({ x: 10 + CLOSE_PX - 1, y: 10 }, 1)).toBe("closed");
    expect(lasso.points).toHaveLength(3);
  });

  it("measures closing on screen: zoomed out, a click further in image pixels closes", () => {
    const lasso = new LassoAnchors("static", true, false);
    for (const [x, y] of [
      [0, 0],
      [100, 0],
      [100, 100],
    ])
      lasso.click({ x: x ?? 0, y: y ?? 0 }, 0.5);
    expect(lasso.click({ x: 14, y: 0 }, 0.5)).toBe("closed");
  });

  it("ignores a second press on the same spot (a double-click) and takes anchors back", () => {
    const lasso = new LassoAnchors("dynamic-2", false, true);
    lasso.click({ x: 5, y: 5 }, 2);
    lasso.click({ x: 40, y: 5 }, 2);
    lasso.click({ x: 40.2, y: 5.1 }, 2);
    expect(lasso.points).toHaveLength(2);
    expect(lasso.back()).toBe(true);
    expect(lasso.back()).toBe(true);
    expect(lasso.back()).toBe(false);
  });

  it("asks with whole pixels in the order placed", () => {
    const lasso = new LassoAnchors("dynamic-1", false, false);
    lasso.click({ x: 1.4, y: 2.6 }, 1);
    lasso.click({ x: 30.5, y: 4 }, 1);
    expect(lasso.request()).toEqual([
      [1, 3],
      [31, 4],
    ]);
  });
});
