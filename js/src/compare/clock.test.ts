// @vitest-environment happy-dom
// The clock with the sound on one cell: the heard clip keeps time, so its own rate is never
// nudged (a listener hears a nudge) and it is never sought; the others follow it.
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { NUDGE } from "../lib/sync";
import { Clock, type ClockState } from "./clock";

/** A playing <video> as the clock reads it: where it is, its rate, play and pause. */
function clip(name: string, currentTime: number) {
  return {
    dataset: { cell: name },
    duration: 5,
    currentTime,
    paused: false,
    seeking: false,
    ended: false,
    readyState: 4,
    playbackRate: 1,
    isConnected: true,
    play: vi.fn(() => Promise.resolve()),
    pause: vi.fn(),
    addEventListener: vi.fn(),
  };
}

let frames: FrameRequestCallback[] = [];
beforeEach(() => {
  frames = [];
  vi.stubGlobal("requestAnimationFrame", (callback: FrameRequestCallback) => {
    frames.push(callback);
    return frames.length;
  });
  vi.stubGlobal("cancelAnimationFrame", () => undefined);
});
afterEach(() => vi.unstubAllGlobals());

/** Three clips a few frames apart, playing; `heard`: the index of the one heard, if any. */
function playing(heard: number | null) {
  const clips = [clip("a", 1.0), clip("b", 1.05), clip("c", 0.97)];
  const videos = clips as unknown as HTMLVideoElement[];
  let last: ClockState | null = null;
  const clock = new Clock(
    () => videos,
    () => 24,
    (state) => {
      last = state;
    },
  );
  if (heard !== null) clock.hear(videos[heard] ?? null);
  const drifted = clips.map((each) => each.currentTime);
  clock.play(); // puts every clip at 0; then they play on, a few frames apart
  for (const [i, each] of clips.entries()) each.currentTime = drifted[i] ?? 0;
  frames.shift()?.(0);
  return { clips, state: () => last as ClockState | null, clock };
}

describe("the clock with a heard clip", () => {
  it("keeps time from the heard clip and nudges the others, not it", () => {
    const { clips, state, clock } = playing(2);
    const [a, b, c] = clips;
    expect(state()?.keeper?.dataset.cell).toBe("c");
    expect(state()?.leader?.dataset.cell).toBe("c");
    expect(state()?.time).toBeCloseTo(0.97);
    expect(c?.playbackRate).toBe(1);
    expect(a?.playbackRate).toBeCloseTo(1 - NUDGE); // 30 ms ahead of the heard clip
    expect(b?.playbackRate).toBeCloseTo(1 - NUDGE);
    clock.destroy();
  });

  it("without one, keeps time from the first clip and nudges the rest", () => {
    const { clips, state, clock } = playing(null);
    expect(state()?.keeper?.dataset.cell).toBe("a");
    expect(clips[2]?.playbackRate).toBeCloseTo(1 + NUDGE); // 30 ms behind: faster
    clock.destroy();
  });

  it("hands the clock to a newly heard clip on the next frame, at the common rate", () => {
    const { clips, state, clock } = playing(null);
    const c = clips[2];
    expect(c?.playbackRate).toBeCloseTo(1 + NUDGE);
    clock.hear(c as unknown as HTMLVideoElement);
    frames.shift()?.(16);
    expect(state()?.keeper?.dataset.cell).toBe("c");
    expect(c?.playbackRate).toBe(1);
    clock.destroy();
  });
});
