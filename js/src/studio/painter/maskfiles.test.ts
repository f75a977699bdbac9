import { describe, expect, it } from "vitest";
import { areaNamed, placeMaskFiles } from "./maskfiles";

const AREAS = ["static", "dynamic-1", "dynamic-2"];
const file = (name: string) => ({ name });

describe("placeMaskFiles", () => {
  it("reads an area from a file's name, whatever its case and extension", () => {
    expect(areaNamed("dynamic-1.png", AREAS)).toBe("dynamic-1");
    expect(areaNamed("Static.PNG", AREAS)).toBe("static");
    expect(areaNamed("dynamic-10.png", AREAS)).toBeNull();
    expect(areaNamed("boat.png", AREAS)).toBeNull();
  });

  it("sends named files to their areas and one unnamed file to the selected area", () => {
    const placed = placeMaskFiles(
      [file("dynamic-2.png"), file("boat.png"), file("static.png")],
      AREAS,
      "dynamic-1",
    );
    expect(placed).toEqual({
      ok: true,
      files: [
        { file: file("dynamic-2.png"), area: "dynamic-2" },
        { file: file("boat.png"), area: "dynamic-1" },
        { file: file("static.png"), area: "static" },
      ],
    });
  });

  it("refuses several unnamed files in words that say how to name them", () => {
    const placed = placeMaskFiles([file("a.png"), file("b.png")], AREAS, "static");
    expect(placed.ok).toBe(false);
    if (!placed.ok) {
      expect(placed.text).toContain("Name each mask file after its area");
      expect(placed.text).toContain("a.png, b.png");
    }
  });

  it("refuses two files for one area", () => {
    const placed = placeMaskFiles([file("boat.png"), file("dynamic-1.png")], AREAS, "dynamic-1");
    expect(placed).toEqual({
      ok: false,
      text: "boat.png and dynamic-1.png both go to dynamic-1: load one.",
    });
  });
});
