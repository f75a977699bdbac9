import { describe, expect, it } from "vitest";
import {
  addShot,
  asShots,
  cutRange,
  fits,
  moveCut,
  moveItem,
  removeShot,
  rescale,
  secondsOf,
  secondsRange,
  setSeconds,
  shotOfField,
  starts,
  total,
} from "./shots";

/** A seeded generator (mulberry32): the same "random" cases on every run. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const CASES = 2000;

/** `count` shots of at least `min` seconds adding up to `duration`. */
function someShots(next: () => number, count: number, duration: number, min: number): number[] {
  const seconds = Array.from({ length: count }, () => min);
  for (let left = duration - count * min; left > 0; left -= 1) {
    const index = Math.floor(next() * count);
    seconds[index] = (seconds[index] ?? 0) + 1;
  }
  return seconds;
}

/** A random valid timeline: 1–6 shots, 3–15 s, a minimum of 1 or 2 s. */
function someTimeline(next: () => number) {
  const min = next() < 0.8 ? 1 : 2;
  const count = 1 + Math.floor(next() * 6);
  const duration = count * min + Math.floor(next() * (16 - count * min));
  return { min, duration, seconds: someShots(next, count, duration, min) };
}

describe("durations as the wire writes them", () => {
  it("reads whole seconds and nothing else", () => {
    expect(secondsOf("4")).toBe(4);
    expect(secondsOf(" 12 ")).toBe(12);
    expect([secondsOf(""), secondsOf("4.5"), secondsOf("x"), secondsOf(undefined)]).toEqual([
      0, 0, 0, 0,
    ]);
    expect(secondsOf(-3)).toBe(0);
  });

  it("numbers the shots by position, their seconds as strings", () => {
    expect(asShots(["a", "b"], [4, 6])).toEqual([
      { index: 1, prompt: "a", duration: "4" },
      { index: 2, prompt: "b", duration: "6" },
    ]);
  });

  it("finds the shot a problem is about", () => {
    expect(shotOfField("multi_prompt[1].prompt")).toBe(1);
    expect(shotOfField("multi_prompt[0]")).toBe(0);
    expect(shotOfField("multi_prompt")).toBeNull();
    expect(shotOfField("voice_list[0].voice_id")).toBeNull();
  });
});

describe("rescaling to a new duration", () => {
  it("keeps the shape (largest remainder) and each shot's minimum", () => {
    expect(rescale([2, 3], 10, 1)).toEqual([4, 6]);
    expect(rescale([4, 3, 3], 5, 1)).toEqual([2, 2, 1]);
    expect(rescale([1, 1, 1], 7, 1)).toEqual([3, 2, 2]); // equal shares, earlier first
    expect(rescale([5], 12, 1)).toEqual([12]);
    expect(rescale([], 10, 1)).toEqual([]);
  });

  it("leaves shots that already fit as they are", () => {
    const next = random(7);
    for (let i = 0; i < CASES; i += 1) {
      const { min, duration, seconds } = someTimeline(next);
      expect(rescale(seconds, duration, min)).toEqual(seconds);
    }
  });

  it("is impossible, not wrong, with more shots than the duration holds", () => {
    expect(rescale([1, 1, 1, 1], 3, 1)).toBeNull();
    expect(rescale([2, 2], 3, 2)).toBeNull();
    expect(rescale([2, 2], 4, 2)).toEqual([2, 2]);
  });

  it("always adds up to the new duration, each shot at least the minimum", () => {
    const next = random(11);
    for (let i = 0; i < CASES; i += 1) {
      const { min, seconds } = someTimeline(next);
      const duration = 1 + Math.floor(next() * 20);
      const scaled = rescale(seconds, duration, min);
      if (duration < seconds.length * min) {
        expect(scaled).toBeNull();
      } else {
        expect(scaled).not.toBeNull();
        expect(fits(scaled ?? [], duration, min)).toBe(true);
      }
    }
  });

  it("fits shots set from Python that add up to something else", () => {
    expect(rescale([0, 0, 9], 6, 1)).toEqual([1, 1, 4]);
    expect(fits([0, 0, 9], 9, 1)).toBe(false);
  });
});

describe("adding, removing and reordering shots", () => {
  it("splits the longest shot (the first of equals) for a new one at the end", () => {
    expect(addShot([10], 1)).toEqual([5, 5]);
    expect(addShot([3, 7, 7], 1)).toEqual([3, 4, 7, 3]);
    expect(addShot([1, 1], 1)).toBeNull(); // nothing to spare
    expect(addShot([3], 2)).toBeNull(); // 3 s cannot be two shots of 2 s
    expect(addShot([], 1)).toBeNull();
  });

  it("gives a removed shot's seconds to the shot before it, or after the first", () => {
    expect(removeShot([2, 3, 5], 1)).toEqual([5, 5]);
    expect(removeShot([2, 3, 5], 0)).toEqual([5, 5]);
    expect(removeShot([2, 3, 5], 2)).toEqual([2, 8]);
    expect(removeShot([4], 0)).toEqual([]);
  });

  it("moves an item within its list", () => {
    expect(moveItem(["a", "b", "c"], 0, 2)).toEqual(["b", "c", "a"]);
    expect(moveItem(["a", "b", "c"], 2, 1)).toEqual(["a", "c", "b"]);
    expect(moveItem(["a", "b", "c"], 1, 9)).toEqual(["a", "c", "b"]);
    expect(moveItem(["a"], 3, 0)).toEqual(["a"]);
  });

  it("keeps the sum and every minimum through any sequence of edits", () => {
    const next = random(23);
    for (let i = 0; i < CASES; i += 1) {
      const timeline = someTimeline(next);
      const { min, duration } = timeline;
      let seconds = timeline.seconds;
      for (let step = 0; step < 8; step += 1) {
        const pick = Math.floor(next() * seconds.length);
        const choice = next();
        if (choice < 0.2) seconds = addShot(seconds, min) ?? seconds;
        else if (choice < 0.35 && seconds.length > 1) seconds = removeShot(seconds, pick);
        else if (choice < 0.5) seconds = moveItem(seconds, pick, Math.floor(next() * 6));
        else if (choice < 0.75) seconds = moveCut(seconds, pick, next() * 20 - 2, min);
        else seconds = setSeconds(seconds, pick, Math.floor(next() * 20) - 2, min);
        expect(fits(seconds, duration, min)).toBe(true);
      }
    }
  });
});

describe("cuts on the timeline", () => {
  it("say where they are and how far each may go", () => {
    expect(starts([3, 4, 3])).toEqual([0, 3, 7]);
    expect(cutRange([3, 4, 3], 0, 1)).toEqual({ at: 3, min: 1, max: 6 });
    expect(cutRange([3, 4, 3], 1, 1)).toEqual({ at: 7, min: 4, max: 9 });
    expect(cutRange([3, 4, 3], 1, 2)).toEqual({ at: 7, min: 5, max: 8 });
  });

  it("move whole seconds between the two neighbours only, never below the minimum", () => {
    expect(moveCut([3, 4, 3], 0, 5, 1)).toEqual([5, 2, 3]);
    expect(moveCut([3, 4, 3], 0, 5.4, 1)).toEqual([5, 2, 3]);
    expect(moveCut([3, 4, 3], 0, 99, 1)).toEqual([6, 1, 3]);
    expect(moveCut([3, 4, 3], 0, -5, 1)).toEqual([1, 6, 3]);
    expect(moveCut([3, 4, 3], 2, 5, 1)).toEqual([3, 4, 3]); // no cut after the last shot
  });

  it("stay put when their shots are already under the minimum", () => {
    expect(cutRange([1, 1], 0, 2)).toEqual({ at: 1, min: 1, max: 1 });
    expect(moveCut([1, 1], 0, 0, 2)).toEqual([1, 1]);
  });

  it("never change the sum, whatever the drag", () => {
    const next = random(5);
    for (let i = 0; i < CASES; i += 1) {
      const { min, duration, seconds } = someTimeline(next);
      const cut = Math.floor(next() * seconds.length);
      const moved = moveCut(seconds, cut, next() * (duration + 4) - 2, min);
      expect(total(moved)).toBe(duration);
      expect(moved.every((value) => value >= min)).toBe(true);
      // only the two neighbours of the cut changed
      moved.forEach((value, index) => {
        if (index !== cut && index !== cut + 1) expect(value).toBe(seconds[index]);
      });
    }
  });
});

describe("a shot's own seconds", () => {
  it("trade with the next shot, or the one before the last", () => {
    expect(setSeconds([3, 4, 3], 0, 5, 1)).toEqual([5, 2, 3]);
    expect(setSeconds([3, 4, 3], 2, 5, 1)).toEqual([3, 2, 5]);
    expect(setSeconds([3, 4, 3], 1, 99, 1)).toEqual([3, 6, 1]);
    expect(setSeconds([10], 0, 4, 1)).toEqual([10]); // one shot is the whole video
    expect(secondsRange([3, 4, 3], 1, 1)).toEqual({ min: 1, max: 6 });
    expect(secondsRange([10], 0, 1)).toEqual({ min: 10, max: 10 });
  });
});
