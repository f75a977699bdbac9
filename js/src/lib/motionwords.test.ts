import { describe, expect, it } from "vitest";
import {
  diagonalWords,
  directionWords,
  percent,
  progressWords,
  rateWords,
  scoreText,
  scoreWord,
} from "./motionwords";

describe("scores", () => {
  it("reads 80 and above as good, 50 and above as fair, the rest as poor", () => {
    expect([100, 80, 79, 50, 49, 0].map(scoreWord)).toEqual([
      "good",
      "good",
      "fair",
      "fair",
      "poor",
      "poor",
    ]);
    expect(scoreText(82.4)).toBe("82 / 100, good");
  });
});

describe("directions", () => {
  it("says the way asked, another way or the other way, with the angle and the cosine", () => {
    expect(directionWords(1)).toBe("the way asked, 0° off (cosine 1.00)");
    expect(directionWords(0.7)).toBe("the way asked, 46° off (cosine 0.70)");
    expect(directionWords(0)).toBe("another way, 90° off (cosine 0.00)");
    expect(directionWords(-1)).toBe("the other way, 180° off (cosine -1.00)");
  });

  it("keeps a cosine a rounding error outside −1 … 1 readable", () => {
    expect(directionWords(1.0000001)).toBe("the way asked, 0° off (cosine 1.00)");
  });
});

describe("shares", () => {
  it("shows one decimal under 10 % and whole percents above", () => {
    expect(percent(0.021)).toBe("2.1 %");
    expect(percent(0.123)).toBe("12 %");
    expect(percent(-0.00001)).toBe("0.0 %");
    expect(diagonalWords(0.05)).toBe("5.0 % of the picture's diagonal");
    expect(rateWords(0.003)).toBe("0.3 % of the picture's diagonal a second");
    expect(progressWords(0.75)).toBe("75 % of the way along");
  });
});
