import { describe, expect, it } from "vitest";
import { BOAT, DONE, FAILED_CHECK, MEASURING_CHECK, REVERSED } from "./motionfixtures";
import { MEASURING, motionBrief, motionProblem, motionReport } from "./motionreport";

describe("motionReport while measuring or after a failure", () => {
  it("says the motion is being measured, and nothing else", () => {
    expect(motionReport(MEASURING_CHECK)).toEqual({
      state: "measuring",
      status: MEASURING,
      score: null,
      facts: [],
      parts: [],
    });
  });

  it("says why the motion could not be measured", () => {
    const report = motionReport(FAILED_CHECK);
    expect(report.status).toBe(
      "The motion could not be measured: the video could not be read: no frames",
    );
    expect(report.parts).toEqual([]);
    expect(motionReport({ ...FAILED_CHECK, error: "" }).status).toBe(
      "The motion could not be measured.",
    );
  });
});

describe("motionReport once measured", () => {
  const report = motionReport(DONE);

  it("announces the overall score with its verdict, then what it was measured against", () => {
    expect(report.status).toBe("Motion score 82 / 100, good: followed the brush");
    expect(report.score).toBe(82);
    expect(report.facts).toEqual([
      { term: "Measured against", detail: "the brush" },
      { term: "Took", detail: "1.2 s" },
    ]);
  });

  it("gives each dynamic area its score and three parts, then the static area and the camera", () => {
    expect(report.parts.map((part) => [part.id, part.title, part.area])).toEqual([
      ["area-dynamic-1", "dynamic 1", "dynamic 1"],
      ["static", "Static area", null],
      ["camera", "Camera", null],
    ]);
    expect(report.parts[0]?.facts).toEqual([
      { term: "Score", detail: "82 / 100, good" },
      { term: "Distance", detail: "2.1 % of the picture's diagonal from the path, on average" },
      { term: "Direction", detail: "the way asked, 8° off (cosine 0.99)" },
      { term: "Progress", detail: "75 % of the way along" },
    ]);
    expect(report.parts[1]?.facts).toEqual([
      { term: "Stillness", detail: "95 / 100, good" },
      { term: "Motion inside", detail: "0.1 % of the picture's diagonal a second" },
      { term: "Motion outside", detail: "4.0 % of the picture's diagonal a second" },
    ]);
    expect(report.parts[2]?.facts).toEqual([
      { term: "Score", detail: "90 / 100, good" },
      { term: "Asked", detail: "no move (it should stay put)" },
      { term: "Seen", detail: "still" },
      { term: "Amount", detail: "0.2 % of the picture's diagonal over the clip" },
    ]);
  });

  it("says each part's problem last, where it was lost, and what was not measured", () => {
    const lost = motionReport({
      ...REVERSED,
      areas: [{ ...BOAT, lost_at: 2.5, problem: "was lost from sight at 2.5 s" }],
      static: { score: 30, inside: 0.02, outside: 0.02, problem: "the static area moved" },
      camera: {
        score: 40,
        asked: "zoom in",
        seen: "zoom out",
        amount: -0.22,
        problem: "zoomed out",
      },
      error: "dynamic 2: no mask",
    });
    expect(lost.parts[0]?.facts.slice(-2)).toEqual([
      { term: "Lost", detail: "at 2.5 s" },
      { term: "Problem", detail: "was lost from sight at 2.5 s", problem: true },
    ]);
    expect(lost.parts[1]?.facts.at(-1)).toEqual({
      term: "Problem",
      detail: "the static area moved",
      problem: true,
    });
    expect(lost.parts[2]?.facts).toContainEqual({ term: "Amount", detail: "-0.22 on a log scale" });
    expect(lost.facts).toContainEqual({ term: "Not measured", detail: "dynamic 2: no mask" });
  });

  it("has no score line when nothing was scored", () => {
    const bare = motionReport({ ...DONE, score: null, areas: [], static: null, camera: null });
    expect(bare.status).toBe("Motion measured: followed the brush");
    expect(bare.score).toBeNull();
  });
});

describe("Compare's lines", () => {
  it("gives the score, or where the check is", () => {
    expect(motionBrief(DONE)).toBe("Motion 82 / 100, good");
    expect(motionBrief(MEASURING_CHECK)).toBe("Motion: measuring…");
    expect(motionBrief(FAILED_CHECK)).toBe("Motion: not measured");
  });

  it("says the verdict only when a part went wrong, and why a check failed", () => {
    expect(motionProblem(DONE)).toBe("");
    expect(motionProblem(REVERSED)).toBe("dynamic 1 went the other way");
    expect(motionProblem(FAILED_CHECK)).toBe("the video could not be read: no frames");
    expect(motionProblem(MEASURING_CHECK)).toBe("");
  });
});
