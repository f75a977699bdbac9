import { describe, expect, it } from "vitest";
import type { Run } from "../generated/contract";
import { costShown, finishedAt, promptShown, settingsShown, shorten, unitsShown } from "./runs";

function run(changes: Partial<Run> = {}): Run {
  return {
    prompt: "a boat crosses the lake",
    finished_at: new Date(2025, 2, 3, 14, 5).getTime() / 1000,
    restorable: true,
    id: "1",
    task_id: "1",
    external_id: null,
    resumed: false,
    path: "/work/kling-output/1.mp4",
    sidecar: "/work/kling-output/1.json",
    units: "1",
    seconds: 41.6,
    params: { model_name: "kling-v1", mode: "std", duration: "5" },
    motion: null,
    ...changes,
  };
}

describe("a run at a glance", () => {
  it("shortens a long prompt at a word, and says when there is none", () => {
    expect(shorten("a b", 10)).toBe("a b");
    expect(shorten("the quick brown fox jumps over", 20)).toBe("the quick brown fox…");
    expect(shorten("  spaced\n\nout  ")).toBe("spaced out");
    expect(shorten("x".repeat(30), 10)).toBe(`${"x".repeat(9)}…`);
    expect(promptShown(run({ prompt: " " }))).toBe("(no prompt)");
  });

  it("says the time of day, with the day when it was not today", () => {
    const today = new Date(2025, 2, 3, 20, 0);
    expect(finishedAt(run().finished_at, today)).toMatch(/^\d{1,2}:05/);
    const earlier = finishedAt(run().finished_at, new Date(2025, 2, 9));
    expect(earlier).toContain("Mar");
    expect(earlier).toMatch(/\d{1,2}:05/);
  });

  it("names the settings that tell runs apart, and the cost in units", () => {
    expect(settingsShown(run())).toBe("kling-v1 · std · 5 s");
    expect(settingsShown(run({ params: { model_name: "kling-v2-1" } }))).toBe("kling-v2-1");
    expect(unitsShown(run())).toBe("1 unit");
    expect(unitsShown(run({ units: "3.5" }))).toBe("3.5 units");
    expect(unitsShown(run({ units: null }))).toBe("units not reported");
    expect(costShown(run({ resumed: true }))).toBe("resumed · 1 unit · made in 42 s");
  });
});
