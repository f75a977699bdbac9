import { describe, expect, it } from "vitest";
import { shown, withCurrent } from "./choices";

describe("choices", () => {
  it("adds a current value the list lacks, so the choice is never blank", () => {
    expect(withCurrent(["5", "10"], "15")).toEqual(["5", "10", "15"]);
    expect(withCurrent(["5", "10"], "10")).toEqual(["5", "10"]);
    expect(withCurrent(["5"], "")).toEqual(["5"]);
    expect(withCurrent(["5"], null)).toEqual(["5"]);
  });

  it("shows the current value, or the first offered when none (or an empty one) is set", () => {
    expect(shown("pro", ["std", "pro"])).toBe("pro");
    expect(shown("", ["std", "pro"])).toBe("std");
    expect(shown(undefined, ["std", "pro"])).toBe("std");
    expect(shown(null, [])).toBe("");
  });
});
