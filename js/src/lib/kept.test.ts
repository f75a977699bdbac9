import { describe, expect, it } from "vitest";
import type { Problem } from "../generated/contract";
import { keptNote } from "./kept";

/** As the kernel files them (widgets/kept.py, words.py). */
const BRUSH: Problem = {
  field: "dynamic_masks",
  rule:
    "the motion brush: kept, not sent with kling-v2-1 pro 5 s — it is on kling-v1 std/pro 5 s, " +
    "kling-v1-5 pro 5 s",
  value: null,
  severity: "warning",
  text: "Motion brush: the motion brush: kept, not sent with kling-v2-1 pro 5 s — it is on …",
  brief: "kept, not sent with kling-v2-1 pro 5 s",
};

describe("keptNote", () => {
  it("says in short what is kept and not sent", () => {
    expect(keptNote([BRUSH], "dynamic_masks")).toBe("kept, not sent with kling-v2-1 pro 5 s");
  });

  it("is a warning's whole rule when the kernel gave no brief, however its words read", () => {
    const documented = {
      ...BRUSH,
      field: "sound",
      rule: "sound: kept, not documented on CometAPI — sent as is",
    };
    delete documented.brief;
    expect(keptNote([documented], "sound")).toBe(documented.rule);
  });

  it("is null for a field with nothing kept, or only an error", () => {
    expect(keptNote([BRUSH], "camera_control")).toBeNull();
    expect(keptNote([{ ...BRUSH, severity: "error" }], "dynamic_masks")).toBeNull();
    expect(keptNote([], "dynamic_masks")).toBeNull();
  });
});
