import { describe, expect, it } from "vitest";
import type { Problem } from "../generated/contract";
import { keptNote, shortNote } from "./kept";

/** As the kernel files them (widgets/kept.py, words.py). */
const BRUSH: Problem = {
  field: "dynamic_masks",
  rule:
    "the motion brush: kept, not sent with kling-v2-1 pro 5 s — it is on kling-v1 std/pro 5 s, " +
    "kling-v1-5 pro 5 s",
  value: null,
  severity: "warning",
  text: "Motion brush: the motion brush: kept, not sent with kling-v2-1 pro 5 s — it is on …",
};

describe("keptNote", () => {
  it("says in short what is kept and not sent", () => {
    expect(keptNote([BRUSH], "dynamic_masks")).toBe("kept, not sent with kling-v2-1 pro 5 s");
  });

  it("is null for a field with nothing kept, or only an error", () => {
    expect(keptNote([BRUSH], "camera_control")).toBeNull();
    expect(keptNote([{ ...BRUSH, severity: "error" }], "dynamic_masks")).toBeNull();
    expect(keptNote([], "dynamic_masks")).toBeNull();
  });

  it("keeps words it cannot shorten", () => {
    expect(shortNote("the camera move: kept, not part of multi-image video")).toBe(
      "kept, not part of multi-image video",
    );
    expect(shortNote("kept")).toBe("kept");
  });
});
