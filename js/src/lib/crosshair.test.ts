import { describe, expect, it } from "vitest";
import { clipPoint, middle, movedCrosshair } from "./crosshair";

const CLIP = { width: 320, height: 180 };

describe("movedCrosshair", () => {
  it("moves by 1 % of the long side, ten times that with Shift", () => {
    const at = middle(CLIP);
    expect(at).toEqual({ x: 160, y: 90 });
    expect(movedCrosshair(at, "ArrowRight", false, CLIP)).toEqual({ x: 163, y: 90 });
    expect(movedCrosshair(at, "ArrowUp", true, CLIP)).toEqual({ x: 160, y: 60 });
  });

  it("stays inside the clip", () => {
    expect(movedCrosshair({ x: 1, y: 178 }, "ArrowLeft", true, CLIP)).toEqual({ x: 0, y: 178 });
    expect(movedCrosshair({ x: 1, y: 178 }, "ArrowDown", true, CLIP)).toEqual({ x: 1, y: 179 });
  });

  it("ignores keys that are not arrows", () => {
    expect(movedCrosshair({ x: 5, y: 5 }, "Enter", false, CLIP)).toBeNull();
  });
});

describe("clipPoint", () => {
  it("scales a click on the shown frame to the clip's pixels", () => {
    const shown = { width: 160, height: 90 }; // shown at half size
    expect(clipPoint({ x: 0, y: 0 }, shown, CLIP)).toEqual({ x: 0, y: 0 });
    expect(clipPoint({ x: 80, y: 45 }, shown, CLIP)).toEqual({ x: 160, y: 90 });
    expect(clipPoint({ x: 500, y: -3 }, shown, CLIP)).toEqual({ x: 319, y: 0 });
  });
});
