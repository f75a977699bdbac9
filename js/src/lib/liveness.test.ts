import { describe, expect, it } from "vitest";
import {
  kernelNotice,
  kernelVerdict,
  SILENCE_LIMIT_MS,
  silenceSince,
  sweepNotice,
} from "./liveness";

const base = { disconnected: null, expectingBeats: true, lastHeard: 1_000, now: 2_000 } as const;

describe("kernelVerdict", () => {
  it("is alive while beats arrive", () => {
    expect(kernelVerdict(base)).toBe("alive");
    expect(kernelVerdict({ ...base, now: 1_000 + SILENCE_LIMIT_MS })).toBe("alive");
  });

  it("calls a working kernel silent once the limit passes without a word", () => {
    expect(kernelVerdict({ ...base, now: 1_001 + SILENCE_LIMIT_MS })).toBe("silent");
  });

  it("does not judge silence while no run is under way", () => {
    expect(kernelVerdict({ ...base, expectingBeats: false, now: 10 ** 9 })).toBe("alive");
  });

  it("reports a closed comm whatever the phase, and says why", () => {
    expect(kernelVerdict({ ...base, disconnected: "restarted", expectingBeats: false })).toBe(
      "restarted",
    );
    expect(kernelVerdict({ ...base, disconnected: "unreachable" })).toBe("unreachable");
  });

  it("takes its limit as an argument", () => {
    expect(kernelVerdict({ ...base, now: 1_600 }, 500)).toBe("silent");
  });
});

describe("silenceSince", () => {
  it("keeps counting from the last word while checks run on time", () => {
    expect(silenceSince(1_000, 9_000, 10_000, 1_000)).toBe(1_000);
  });

  it("starts afresh after the page slept through its checks", () => {
    expect(silenceSince(1_000, 2_000, 60_000, 1_000)).toBe(60_000);
  });

  it("never moves the last word backwards", () => {
    expect(silenceSince(70_000, 2_000, 60_000, 1_000)).toBe(70_000);
  });
});

describe("kernelNotice", () => {
  it("names the task that can be resumed", () => {
    expect(kernelNotice("restarted", { task_id: "8123", external_id: "ks-1" })).toBe(
      "The kernel restarted — run the cell again; task 8123 can be resumed.",
    );
  });

  it("falls back to the external id before the service answered the create", () => {
    expect(kernelNotice("silent", { task_id: null, external_id: "ks-9" })).toContain(
      "the request sent as ks-9 can be resumed if it reached Kling",
    );
  });

  it("says only what to do when no task was under way", () => {
    expect(kernelNotice("unreachable")).toBe(
      "The kernel is gone (restarted or shut down) — run the cell again.",
    );
    expect(kernelNotice("alive", { task_id: "1" })).toBe("");
  });
});

describe("sweepNotice", () => {
  it("names every task of the sweep still under way", () => {
    expect(sweepNotice("restarted", ["1", "2"])).toBe(
      "The kernel restarted — run the cell again; tasks 1, 2 can be resumed.",
    );
    expect(sweepNotice("restarted", ["1"])).toBe(
      "The kernel restarted — run the cell again; task 1 can be resumed.",
    );
    expect(sweepNotice("silent", [])).toContain("run the cell again.");
    expect(sweepNotice("alive", ["1"])).toBe("");
  });
});
