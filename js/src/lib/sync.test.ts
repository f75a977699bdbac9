import { describe, expect, it } from "vitest";
import {
  correction,
  frameStep,
  holdTime,
  leaderIndex,
  MAX_SEEK_LEAD,
  maySeek,
  NUDGE,
  SEEK_COOLDOWN,
  shownFrame,
  smoothLatency,
  tick,
  timelineEnd,
  timelineFps,
} from "./sync";

/** kling-v2-x clips (the frame steps below were written for them). */
const FPS = 24;

describe("correction", () => {
  it("seeks a follower that drifted more than 100 ms, either way", () => {
    expect(correction(1.0, 0.85, 3, 1)).toEqual({ seek: 1.0, rate: 1 });
    expect(correction(1.0, 1.15, 3, 1)).toEqual({ seek: 1.0, rate: 1 });
    expect(correction(1.0, 1.101, 3, 2).seek).toBe(1.0);
  });

  it("seeks ahead by the follower's seek latency, scaled by the rate", () => {
    expect(correction(1.0, 0.5, 3, 2, { seekLead: 0.05 }).seek).toBeCloseTo(1.1);
    expect(correction(1.0, 0.5, 3, 1, { seekLead: 10 }).seek).toBeCloseTo(1.0 + MAX_SEEK_LEAD);
    expect(correction(2.9, 2.0, 3, 1, { seekLead: 0.2 }).seek).toBe(3);
  });

  it("nudges a large drift when a seek is not allowed now", () => {
    expect(correction(1.0, 0.6, 3, 1, { canSeek: false })).toEqual({ rate: 1 + NUDGE });
    expect(correction(1.0, 1.4, 3, 1, { canSeek: false })).toEqual({ rate: 1 - NUDGE });
    expect(correction(2.5, 1.9, 2, 1, { canSeek: false })).toEqual({
      seek: 2,
      rate: 1,
      pause: true,
    });
  });

  it("nudges a small drift: faster when behind, slower when ahead", () => {
    expect(correction(1.0, 0.95, 3, 1)).toEqual({ rate: 1 + NUDGE });
    expect(correction(1.0, 1.05, 3, 1)).toEqual({ rate: 1 - NUDGE });
    expect(correction(1.0, 0.97, 3, 0.5).rate).toBeCloseTo(0.5 * (1 + NUDGE));
    expect(correction(1.0, 1.03, 3, 2).rate).toBeCloseTo(2 * (1 - NUDGE));
  });

  it("keeps nudging a nudged follower until it is within a few milliseconds", () => {
    expect(correction(1.0, 1.01, 3, 1, { nudged: true })).toEqual({ rate: 1 - NUDGE });
    expect(correction(1.0, 0.99, 3, 2, { nudged: true }).rate).toBeCloseTo(2 * (1 + NUDGE));
    expect(correction(1.0, 1.004, 3, 1, { nudged: true })).toEqual({ rate: 1 });
  });

  it("restores the common rate once in sync", () => {
    expect(correction(1.0, 1.01, 3, 1)).toEqual({ rate: 1 });
    expect(correction(1.0, 0.985, 3, 0.25)).toEqual({ rate: 0.25 });
    expect(correction(1.0, 1.0, 3, 2)).toEqual({ rate: 2 });
  });

  it("holds a shorter follower on its last frame once the clock is past its end", () => {
    expect(correction(2.5, 1.95, 2, 1)).toEqual({ seek: 2, rate: 1, pause: true });
    expect(correction(2.5, 2, 2, 1)).toEqual({ rate: 1, pause: true });
    expect(correction(2.0, 2, 2, 1)).toEqual({ rate: 1, pause: true });
  });

  it("counts a follower that stopped a few milliseconds short of its duration as finished", () => {
    expect(correction(2.5, 1.995, 2, 1)).toEqual({ rate: 1, pause: true });
  });

  it("lets a follower that finished a moment early wait rather than restart", () => {
    expect(correction(1.95, 2, 2, 1)).toEqual({ rate: 1, pause: true });
  });

  it("restarts a follower when the clock wraps around to the beginning", () => {
    expect(correction(0.02, 2, 2, 1)).toEqual({ seek: 0.02, rate: 1 });
    expect(correction(0.0, 2.95, 3, 1)).toEqual({ seek: 0, rate: 1 });
  });
});

describe("maySeek", () => {
  it("allows a first seek and one after the cooldown", () => {
    expect(maySeek(10, undefined, 0)).toBe(true);
    expect(maySeek(10, 10 - SEEK_COOLDOWN, 0)).toBe(true);
  });

  it("refuses during the cooldown or while another seek is decoding", () => {
    expect(maySeek(10, 10 - SEEK_COOLDOWN / 2, 0)).toBe(false);
    expect(maySeek(10, undefined, 1)).toBe(false);
  });
});

describe("tick", () => {
  const at = (time: number, duration: number) => ({ time, duration });

  it("keeps time from the first clip while the timeline is inside it", () => {
    expect(tick([at(0.5, 2), at(0.5, 3)], true)).toEqual({ kind: "clock", index: 0 });
  });

  it("skips clips whose duration is not known yet", () => {
    expect(tick([at(0, Number.NaN), at(0.5, 3)], true)).toEqual({ kind: "clock", index: 1 });
  });

  it("hands the clock to a longer clip once the first has ended", () => {
    expect(tick([at(2, 2), at(2.02, 3)], true)).toEqual({ kind: "clock", index: 1 });
  });

  it("does not keep time from a clip that stopped just short of its duration", () => {
    expect(tick([at(1.999, 2), at(2.5, 3)], true)).toEqual({ kind: "clock", index: 1 });
    expect(tick([at(1.999, 2), at(2.995, 3)], false)).toEqual({ kind: "stop" });
  });

  it("keeps time from the clip heard while it plays, else as without one", () => {
    const clips = [at(0.5, 2), at(0.52, 3), at(0.49, 3)];
    expect(tick(clips, true, 1)).toEqual({ kind: "clock", index: 1 });
    expect(tick(clips, true, 2)).toEqual({ kind: "clock", index: 2 });
    expect(tick(clips, true, -1)).toEqual({ kind: "clock", index: 0 });
    expect(tick(clips, true, 7)).toEqual({ kind: "clock", index: 0 }); // not among them
    // The heard clip ended (it is shorter): the first clip still playing keeps time.
    expect(tick([at(2.5, 3), at(2, 2)], true, 1)).toEqual({ kind: "clock", index: 0 });
    expect(tick([at(0, Number.NaN), at(0.5, 3)], true, 0)).toEqual({ kind: "clock", index: 1 });
    expect(tick([at(2, 2), at(3, 3)], false, 0)).toEqual({ kind: "stop" });
  });

  it("wraps when looping and every clip is at its end, else stops", () => {
    expect(tick([at(2, 2), at(3, 3)], true)).toEqual({ kind: "wrap" });
    expect(tick([at(2, 2), at(3, 3)], false)).toEqual({ kind: "stop" });
    expect(tick([], false)).toEqual({ kind: "stop" });
  });
});

describe("timeline", () => {
  it("leads with the first clip whose duration is known", () => {
    expect(leaderIndex([Number.NaN, 3, 2])).toBe(1);
    expect(leaderIndex([Number.NaN, Number.POSITIVE_INFINITY])).toBe(-1);
  });

  it("leads with the clip heard once its duration is known", () => {
    expect(leaderIndex([2, 3, 3], 2)).toBe(2);
    expect(leaderIndex([2, Number.NaN, 3], 1)).toBe(0);
    expect(leaderIndex([2, 3], -1)).toBe(0);
  });

  it("covers the longest known clip", () => {
    expect(timelineEnd([2, Number.NaN, 3])).toBe(3);
    expect(timelineEnd([])).toBe(0);
  });

  it("holds a clip on its last frame past its end", () => {
    expect(holdTime(2.5, 2)).toBe(2);
    expect(holdTime(1.5, 2)).toBe(1.5);
    expect(holdTime(-1, 2)).toBe(0);
    expect(holdTime(1.5, Number.NaN)).toBe(1.5);
  });
});

describe("frameStep", () => {
  it("moves one frame, to the middle of the frame", () => {
    expect(frameStep(0, 1, 3, FPS)).toBeCloseTo(1.5 / FPS);
    expect(frameStep(1.5 / FPS, 1, 3, FPS)).toBeCloseTo(2.5 / FPS);
    expect(frameStep(2.5 / FPS, -1, 3, FPS)).toBeCloseTo(1.5 / FPS);
  });

  it("steps from the frame shown, wherever in it the time is", () => {
    expect(frameStep(1.01, 1, 3, FPS)).toBeCloseTo(25.5 / FPS);
    expect(frameStep(1.04, -1, 3, FPS)).toBeCloseTo(23.5 / FPS);
  });

  it("keeps exactly one frame apart on repeated steps", () => {
    let time = 0;
    for (let i = 0; i < 40; i += 1) {
      const next = frameStep(time, 1, 3, FPS);
      if (i > 0) expect(next - time).toBeCloseTo(1 / FPS, 9);
      time = next;
    }
  });

  it("stays between the first and the last frame", () => {
    expect(frameStep(0, -1, 3, FPS)).toBeCloseTo(0.5 / FPS);
    expect(frameStep(3, 1, 3, FPS)).toBeCloseTo(71.5 / FPS);
    expect(frameStep(71.5 / FPS, 1, 3, FPS)).toBeCloseTo(71.5 / FPS);
    expect(frameStep(0, 1, 0, FPS)).toBe(0);
  });
});

describe("frame rates per clip", () => {
  it("steps a 30 fps clip by 33 ms, not 24 fps's 42 ms", () => {
    expect(frameStep(0, 1, 5, 30)).toBeCloseTo(1.5 / 30);
    expect(frameStep(1.5 / 30, 1, 5, 30) - 1.5 / 30).toBeCloseTo(1 / 30, 9);
    expect(frameStep(5, 1, 5, 30)).toBeCloseTo(149.5 / 30);
  });

  it("reads 1.85 s of a 30 fps clip as frame 55, and of a 24 fps clip as frame 44", () => {
    expect(shownFrame(1.85, 30)).toBe(55);
    expect(shownFrame(1.85, 24)).toBe(44);
    expect(shownFrame(0, 30)).toBe(0);
  });

  it("counts in the frame rate of the clip keeping time", () => {
    const v1 = { duration: 5.0, fps: 30 };
    const v2 = { duration: 10.0, fps: 24 };
    expect(timelineFps(1, [v1, v2])).toBe(30);
    expect(timelineFps(1, [v2, v1])).toBe(24);
    expect(timelineFps(7, [v1, v2])).toBe(24); // past the first clip's end, the longer keeps time
    expect(timelineFps(10, [v1, v2])).toBe(24); // at the very end, the longest holds it
  });

  it("counts in the heard clip's rate while it keeps time", () => {
    const v1 = { duration: 5.0, fps: 30 };
    const v2 = { duration: 4.0, fps: 24 };
    expect(timelineFps(1, [v1, v2], 1)).toBe(24);
    expect(timelineFps(4.5, [v1, v2], 1)).toBe(30); // the heard clip has ended
    expect(timelineFps(1, [v1, v2], -1)).toBe(30);
  });

  it("skips clips whose duration is not known yet, and knows no rate without any", () => {
    expect(
      timelineFps(1, [
        { duration: Number.NaN, fps: 30 },
        { duration: 5, fps: 24 },
      ]),
    ).toBe(24);
    expect(
      timelineFps(1, [
        { duration: 5, fps: null },
        { duration: 5, fps: 30 },
      ]),
    ).toBe(30);
    expect(timelineFps(1, [{ duration: 5, fps: null }])).toBeNull();
    expect(timelineFps(1, [])).toBeNull();
  });
});

describe("smoothLatency", () => {
  it("moves part of the way to each sample, ignoring stalls beyond the cap", () => {
    expect(smoothLatency(0, 0.1)).toBeCloseTo(0.03);
    expect(smoothLatency(0.1, 0.1)).toBeCloseTo(0.1);
    expect(smoothLatency(0, 30, 1)).toBe(MAX_SEEK_LEAD);
  });

  it("takes the first sample whole", () => {
    expect(smoothLatency(undefined, 0.12)).toBe(0.12);
    expect(smoothLatency(undefined, 3)).toBe(MAX_SEEK_LEAD);
  });
});
