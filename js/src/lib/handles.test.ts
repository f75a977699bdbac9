import { describe, expect, it } from "vitest";
import { distance, type Point } from "./geometry";
import { allIndices, dragHandle, handleIndices, MOST_HANDLES } from "./handles";

/** A freehand path: 45 points along a gentle arc, unevenly spaced as a hand draws them. */
const FREEHAND: Point[] = Array.from({ length: 45 }, (_, i) => {
  const t = (i / 44) ** 1.3;
  return { x: 40 + 600 * t, y: 300 - 120 * Math.sin(Math.PI * t) };
});

describe("handleIndices", () => {
  it("shows a few handles on a long path: start, end and evenly spaced between", () => {
    const handles = handleIndices(FREEHAND);
    expect(handles.length).toBeLessThanOrEqual(MOST_HANDLES);
    expect(handles.length).toBeGreaterThanOrEqual(MOST_HANDLES - 1);
    expect(handles[0]).toBe(0);
    expect(handles[handles.length - 1]).toBe(FREEHAND.length - 1);
    for (let i = 1; i < handles.length; i += 1) {
      expect(handles[i]).toBeGreaterThan(handles[i - 1] as number);
    }
    // Evenly spread along the line, though the points are bunched at the start.
    const gaps = handles
      .slice(1)
      .map((h, i) => distance(FREEHAND[h] as Point, FREEHAND[handles[i] as number] as Point));
    expect(Math.max(...gaps) / Math.min(...gaps)).toBeLessThan(2);
  });

  it("makes every point of a short path a handle", () => {
    const clicked = FREEHAND.slice(0, 5);
    expect(handleIndices(clicked)).toEqual([0, 1, 2, 3, 4]);
    expect(handleIndices([])).toEqual([]);
    expect(allIndices(FREEHAND)).toHaveLength(45);
  });
});

describe("dragHandle", () => {
  const handles = handleIndices(FREEHAND);
  const index = handles[3] as number;
  const [before, after] = [handles[2] as number, handles[4] as number];
  const from = FREEHAND[index] as Point;
  const to = { x: from.x, y: from.y - 50 };
  const moved = dragHandle(FREEHAND, handles, index, to);

  it("moves the handle where it is dragged, and its neighbouring handles not at all", () => {
    expect(moved[index]).toEqual(to);
    expect(moved[before]).toEqual(FREEHAND[before]);
    expect(moved[after]).toEqual(FREEHAND[after]);
    expect(moved.slice(0, before)).toEqual(FREEHAND.slice(0, before));
    expect(moved.slice(after)).toEqual(FREEHAND.slice(after));
  });

  it("bends the points between smoothly: less the further from the handle", () => {
    const shift = (i: number) => (FREEHAND[i] as Point).y - (moved[i] as Point).y;
    for (let i = before + 1; i < index; i += 1) {
      expect(shift(i)).toBeGreaterThan(0);
      expect(shift(i)).toBeLessThan(50);
      expect(shift(i)).toBeGreaterThanOrEqual(shift(i - 1));
    }
    for (let i = index + 1; i < after; i += 1) {
      expect(shift(i)).toBeLessThanOrEqual(shift(i - 1));
    }
  });

  it("moves one point alone when every point is a handle (Edit points)", () => {
    const one = dragHandle(FREEHAND, allIndices(FREEHAND), 10, { x: 0, y: 0 });
    expect(one.filter((p, i) => p !== FREEHAND[i])).toEqual([{ x: 0, y: 0 }]);
  });

  it("drags the ends with only one side to follow", () => {
    const start = dragHandle(FREEHAND, handles, 0, { x: 0, y: 0 });
    expect(start[0]).toEqual({ x: 0, y: 0 });
    expect(start[handles[1] as number]).toEqual(FREEHAND[handles[1] as number]);
    const last = FREEHAND.length - 1;
    expect(dragHandle(FREEHAND, handles, last, { x: 1, y: 1 })[last]).toEqual({ x: 1, y: 1 });
  });
});
