import { describe, expect, it } from "vitest";
import { type Spend, spendText } from "./spend";

const spend: Spend = { run: 10, today: 35, budget: null, left: null, over: false, emulated: false };

describe("spendText", () => {
  it("puts the run next to today's spend", () => {
    expect(spendText(spend)).toBe("this run ≈ 10 units · spent today 35");
  });

  it("adds the budget and what is left of it", () => {
    expect(spendText({ ...spend, budget: 100, left: 65 })).toBe(
      "this run ≈ 10 units · spent today 35 · budget 100, 65 left",
    );
  });

  it("labels emulated spend", () => {
    expect(spendText({ ...spend, emulated: true })).toContain("spent today 35 (emulated)");
  });

  it("counts one unit in the singular", () => {
    expect(spendText({ ...spend, run: 1 })).toBe("this run ≈ 1 unit · spent today 35");
  });

  it("leaves out a run the form cannot make", () => {
    expect(spendText({ ...spend, run: null })).toBe("spent today 35");
  });
});
