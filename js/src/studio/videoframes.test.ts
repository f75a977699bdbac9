// @vitest-environment happy-dom
import { describe, expect, it } from "vitest";
import type { FrameClock } from "../lib/redraw";
import { VideoFrames } from "./videoframes";

/** An animation-frame clock run by hand. */
function manualFrames() {
  let next = 1;
  const waiting = new Map<number, () => void>();
  const clock: FrameClock = {
    request(callback) {
      waiting.set(next, callback);
      next += 1;
      return next - 1;
    },
    cancel: (handle) => void waiting.delete(handle),
  };
  const tick = () => {
    const due = [...waiting.values()];
    waiting.clear();
    for (const run of due) run();
  };
  return { clock, tick, pending: () => waiting.size };
}

/** A <video> whose playing state and time the test sets. */
function fakeVideo(perFrame: boolean) {
  const video = document.createElement("video");
  const state = { paused: true, time: 0 };
  Object.defineProperty(video, "paused", { get: () => state.paused });
  Object.defineProperty(video, "ended", { get: () => false });
  Object.defineProperty(video, "currentTime", { get: () => state.time });
  const callbacks = new Map<number, VideoFrameRequestCallback>();
  let handles = 0;
  if (perFrame) {
    Object.assign(video, {
      requestVideoFrameCallback(callback: VideoFrameRequestCallback) {
        handles += 1;
        callbacks.set(handles, callback);
        return handles;
      },
      cancelVideoFrameCallback: (handle: number) => void callbacks.delete(handle),
    });
  }
  /** The browser presents a frame of `mediaTime`. */
  const present = (mediaTime: number) => {
    const due = [...callbacks.values()];
    callbacks.clear();
    for (const run of due) run(0, { mediaTime } as VideoFrameCallbackMetadata);
  };
  return { video, state, present, asked: () => callbacks.size };
}

describe("VideoFrames with requestVideoFrameCallback", () => {
  it("reports each presented frame's media time, and a seek's frame while paused", () => {
    const { video, present, asked } = fakeVideo(true);
    const times: number[] = [];
    const frames = new VideoFrames(video, (seconds) => times.push(seconds));
    present(0.5);
    expect(times).toEqual([]); // not following yet
    frames.follow(true);
    expect(times).toEqual([0]); // the moment shown now, at once
    present(0.033);
    present(0.067);
    expect(times).toEqual([0, 0.033, 0.067]);
    expect(asked()).toBe(1); // still asked while paused: a seek presents a frame
    frames.follow(false);
    expect(asked()).toBe(0);
    present(1);
    expect(times).toEqual([0, 0.033, 0.067]);
    frames.destroy();
  });
});

describe("VideoFrames without requestVideoFrameCallback", () => {
  it("reads currentTime each animation frame while playing, and stops when paused", () => {
    const { video, state } = fakeVideo(false);
    const { clock, tick, pending } = manualFrames();
    const times: number[] = [];
    const frames = new VideoFrames(video, (seconds) => times.push(seconds), clock);
    frames.follow(true);
    expect(times).toEqual([0]);
    expect(pending()).toBe(0); // paused: no frame loop
    state.paused = false;
    video.dispatchEvent(new Event("play"));
    state.time = 0.1;
    tick();
    state.time = 0.2;
    tick();
    expect(times).toEqual([0, 0, 0.1, 0.2]);
    state.paused = true;
    video.dispatchEvent(new Event("pause"));
    tick();
    expect(times).toEqual([0, 0, 0.1, 0.2, 0.2]);
    expect(pending()).toBe(0);
    frames.destroy();
  });

  it("reports a seek and a new video at once, while following only", () => {
    const { video, state } = fakeVideo(false);
    const { clock } = manualFrames();
    const times: number[] = [];
    const frames = new VideoFrames(video, (seconds) => times.push(seconds), clock);
    state.time = 3;
    video.dispatchEvent(new Event("seeked"));
    expect(times).toEqual([]);
    frames.follow(true);
    state.time = 1.5;
    video.dispatchEvent(new Event("seeked"));
    state.time = 0;
    video.dispatchEvent(new Event("loadeddata"));
    expect(times).toEqual([3, 1.5, 0]);
    frames.destroy();
    video.dispatchEvent(new Event("seeked"));
    expect(times).toEqual([3, 1.5, 0]);
  });
});
