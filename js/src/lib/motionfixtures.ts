// For tests only (no widget imports it): motion checks as the kernel sends them.

import type { AreaCheck, MotionCheck } from "../generated/contract";

/** A boat asked to sail right along the middle of a 1000 × 500 picture over a 4 s clip, and
 * measured at each second: on the path, three quarters of the way. */
export const BOAT: AreaCheck = {
  name: "dynamic 1",
  score: 82,
  distance: 0.021,
  direction: 0.99,
  progress: 0.75,
  requested: [
    [100, 250],
    [500, 250],
    [900, 250],
  ],
  measured: [
    [100, 250],
    [300, 250],
    [500, 250],
    [600, 250],
    [700, 250],
  ],
  times: [0, 1, 2, 3, 4],
  lost_at: null,
  problem: "",
};

export const DONE: MotionCheck = {
  state: "done",
  score: 82,
  verdict: "followed the brush",
  areas: [BOAT],
  static: { score: 95, inside: 0.001, outside: 0.04, problem: "" },
  camera: { score: 90, asked: "", seen: "still", amount: 0.002, problem: "" },
  picture: [1000, 500],
  intent: "the brush",
  seconds: 1.234,
  error: "",
};

export const MEASURING_CHECK: MotionCheck = {
  ...DONE,
  state: "measuring",
  score: null,
  verdict: "measuring the motion…",
  areas: [],
  static: null,
  camera: null,
  seconds: 0,
};

export const FAILED_CHECK: MotionCheck = {
  ...MEASURING_CHECK,
  state: "failed",
  verdict: "the motion could not be measured",
  error: "the video could not be read: no frames",
};

/** A check whose one area went the other way. */
export const REVERSED: MotionCheck = {
  ...DONE,
  score: 12,
  verdict: "dynamic 1 went the other way",
  areas: [{ ...BOAT, score: 12, direction: -0.98, progress: 0, problem: "went the other way" }],
};
