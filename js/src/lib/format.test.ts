import { describe, expect, it } from "vitest";
import { formatSeconds } from "./format";

describe("formatSeconds", () => {
  it("reads seconds under a minute, minutes and seconds above", () => {
    expect(formatSeconds(0)).toBe("0 s");
    expect(formatSeconds(42.4)).toBe("42 s");
    expect(formatSeconds(125)).toBe("2 min 5 s");
  });

  it("says nothing is known with a dash", () => {
    expect(formatSeconds(null)).toBe("–");
    expect(formatSeconds(undefined)).toBe("–");
  });
});
