import { describe, expect, it } from "vitest";
import type { MotionCheck } from "../generated/contract";
import { DONE, FAILED_CHECK, MEASURING_CHECK } from "./motionfixtures";
import { byMotionScore, isCellOrder, motionScore, orderKey } from "./ranking";

const scored = (id: string, score: number | null) => ({
  id,
  motion: { ...DONE, score } as MotionCheck,
});
const checked = (id: string, motion: MotionCheck | null) => ({ id, motion });
const ids = (cells: readonly { id: string }[]) => cells.map((cell) => cell.id);

describe("motionScore", () => {
  it("is the overall score of a finished check only", () => {
    expect(motionScore(scored("a", 70))).toBe(70);
    expect(motionScore(checked("b", MEASURING_CHECK))).toBeNull();
    expect(motionScore(checked("c", FAILED_CHECK))).toBeNull();
    expect(motionScore(checked("d", null))).toBeNull();
    expect(motionScore(scored("e", null))).toBeNull();
  });
});

describe("byMotionScore", () => {
  it("puts the highest score first and every unscored cell last, in grid order", () => {
    const cells = [
      checked("none", null),
      scored("low", 20),
      checked("measuring", MEASURING_CHECK),
      scored("high", 95),
      checked("failed", FAILED_CHECK),
      scored("mid", 60),
    ];
    expect(ids(byMotionScore(cells))).toEqual([
      "high",
      "mid",
      "low",
      "none",
      "measuring",
      "failed",
    ]);
  });

  it("keeps equal scores in grid order, and leaves the grid's list as it was", () => {
    const cells = [scored("a", 50), scored("b", 80), scored("c", 50), scored("d", 80)];
    expect(ids(byMotionScore(cells))).toEqual(["b", "d", "a", "c"]);
    expect(ids(cells)).toEqual(["a", "b", "c", "d"]);
  });

  it("is the same order however often it is applied", () => {
    const cells = [scored("a", 1), checked("x", null), scored("b", 1), scored("c", 9)];
    const once = byMotionScore(cells);
    expect(ids(byMotionScore(once))).toEqual(ids(once));
  });
});

describe("isCellOrder", () => {
  it("knows the two orders the select offers", () => {
    expect(["grid", "score", "name"].map(isCellOrder)).toEqual([true, true, false]);
  });
});

describe("orderKey", () => {
  it("changes with the ranking in score order only", () => {
    const before = [scored("a", 10), scored("b", 20)];
    const after = [scored("a", 30), scored("b", 20)];
    expect(orderKey("grid", before)).toBe(orderKey("grid", after));
    expect(orderKey("score", before)).not.toBe(orderKey("score", after));
    expect(orderKey("score", before)).toBe(orderKey("score", [scored("a", 5), scored("b", 20)]));
  });
});
