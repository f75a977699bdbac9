// The shots of a multi-shot video on one timeline, in whole seconds. Pure: lists of seconds in,
// lists of seconds out. Every operation that starts from shots adding up to the video's
// duration ends with shots adding up to it, each at least `min` seconds long; the kernel's rule
// ("shot durations must add up to duration") is then never broken by an edit made here.

import type { Shot } from "../generated/contract";

/** A duration as the wire writes it ("4"), as whole seconds; 0 for anything else. */
export function secondsOf(text: string | number | null | undefined): number {
  const value = typeof text === "number" ? text : Number(String(text ?? "").trim() || Number.NaN);
  return Number.isInteger(value) && value > 0 ? value : 0;
}

export function total(seconds: readonly number[]): number {
  return seconds.reduce((sum, value) => sum + value, 0);
}

/** Where each shot starts, in seconds from the start of the video. */
export function starts(seconds: readonly number[]): number[] {
  let at = 0;
  return seconds.map((value) => {
    const start = at;
    at += value;
    return start;
  });
}

/** The fewest seconds `count` shots take. */
export function leastSeconds(count: number, min: number): number {
  return count * min;
}

/**
 * `seconds` rescaled to add up to `duration`: each shot keeps `min` and the seconds above it are
 * shared in proportion to what each had above `min` (equally when none had any), whole seconds
 * going to the largest remainders, earlier shots first among equals. Null when `duration`
 * cannot hold that many shots of `min` seconds.
 */
export function rescale(
  seconds: readonly number[],
  duration: number,
  min: number,
): number[] | null {
  const count = seconds.length;
  if (count === 0) return [];
  if (!Number.isInteger(duration) || duration < leastSeconds(count, min)) return null;
  const extra = duration - leastSeconds(count, min);
  const above = seconds.map((value) => Math.max(0, value - min));
  const weights = total(above) > 0 ? above : above.map(() => 1);
  const sum = total(weights);
  // Integer arithmetic throughout: extra·w = floor·sum + remainder, exactly.
  const floors = weights.map((weight) => Math.floor((extra * weight) / sum));
  const remainders = weights.map((weight, index) => extra * weight - (floors[index] ?? 0) * sum);
  let left = extra - total(floors);
  const order = remainders
    .map((remainder, index) => ({ remainder, index }))
    .sort((a, b) => b.remainder - a.remainder || a.index - b.index);
  for (const { index } of order) {
    if (left === 0) break;
    floors[index] = (floors[index] ?? 0) + 1;
    left -= 1;
  }
  return floors.map((value) => value + min);
}

/** Whether the list is one the timeline can edit: whole seconds, each at least `min`,
 * adding up to `duration`. */
export function fits(seconds: readonly number[], duration: number, min: number): boolean {
  return total(seconds) === duration && seconds.every((value) => value >= min);
}

/**
 * One shot more, at the end: the longest shot (the first of equals) gives it half its seconds,
 * rounded down. Null when even the longest cannot spare `min` and keep `min`.
 */
export function addShot(seconds: readonly number[], min: number): number[] | null {
  if (seconds.length === 0) return null;
  const longest = seconds.indexOf(Math.max(...seconds));
  const from = seconds[longest] ?? 0;
  const given = Math.floor(from / 2);
  if (given < min || from - given < min) return null;
  const next = [...seconds, given];
  next[longest] = from - given;
  return next;
}

/** Shot `index` taken out: its seconds go to the shot before it (the cut before it goes), or,
 * for the first shot, to the one after it. */
export function removeShot(seconds: readonly number[], index: number): number[] {
  if (index < 0 || index >= seconds.length) return [...seconds];
  const next = [...seconds];
  const [gone = 0] = next.splice(index, 1);
  const neighbour = index > 0 ? index - 1 : 0;
  if (next.length > 0) next[neighbour] = (next[neighbour] ?? 0) + gone;
  return next;
}

/** `items` with the one at `from` moved to `to` (both clamped to the list). */
export function moveItem<T>(items: readonly T[], from: number, to: number): T[] {
  const next = [...items];
  if (from < 0 || from >= next.length) return next;
  const [item] = next.splice(from, 1) as [T];
  next.splice(Math.max(0, Math.min(to, next.length)), 0, item);
  return next;
}

/** A cut between shot `cut` and shot `cut + 1`: where it is and how far it may go, in seconds
 * from the start, so that both neighbours keep `min`. */
export interface CutRange {
  at: number;
  min: number;
  max: number;
}

export function cutRange(seconds: readonly number[], cut: number, min: number): CutRange {
  const before = seconds[cut] ?? 0;
  const after = seconds[cut + 1] ?? 0;
  const at = total(seconds.slice(0, cut + 1));
  const low = at - before + min;
  const high = at + after - min;
  // Shots already shorter than `min` (set from Python): the cut stays where it is.
  return low <= high ? { at, min: low, max: high } : { at, min: at, max: at };
}

/** The cut after shot `cut` moved to `to` seconds (rounded, kept within its range): whole
 * seconds pass between the two neighbours only. */
export function moveCut(
  seconds: readonly number[],
  cut: number,
  to: number,
  min: number,
): number[] {
  if (cut < 0 || cut >= seconds.length - 1) return [...seconds];
  const range = cutRange(seconds, cut, min);
  const at = Math.max(range.min, Math.min(range.max, Math.round(to)));
  const next = [...seconds];
  next[cut] = (next[cut] ?? 0) + at - range.at;
  next[cut + 1] = (next[cut + 1] ?? 0) - (at - range.at);
  return next;
}

/** The shot a shot's own seconds trade with: the next one, or the one before the last. */
export function partnerOf(count: number, index: number): number | null {
  if (count < 2) return null;
  return index < count - 1 ? index + 1 : index - 1;
}

/** The most and fewest seconds shot `index` may be given (its partner keeps `min`). */
export function secondsRange(
  seconds: readonly number[],
  index: number,
  min: number,
): { min: number; max: number } {
  const partner = partnerOf(seconds.length, index);
  const own = seconds[index] ?? 0;
  if (partner === null) return { min: own, max: own };
  const pool = own + (seconds[partner] ?? 0);
  return pool - min >= min ? { min, max: pool - min } : { min: own, max: own };
}

/** Shot `index` set to `value` seconds (rounded and kept within its range); its partner gives
 * or takes the difference, so the whole keeps its length. */
export function setSeconds(
  seconds: readonly number[],
  index: number,
  value: number,
  min: number,
): number[] {
  const partner = partnerOf(seconds.length, index);
  if (partner === null || !Number.isFinite(value)) return [...seconds];
  const range = secondsRange(seconds, index, min);
  const own = Math.max(range.min, Math.min(range.max, Math.round(value)));
  const next = [...seconds];
  next[partner] = (next[partner] ?? 0) + (next[index] ?? 0) - own;
  next[index] = own;
  return next;
}

/** The shots as `multi_prompt` carries them: numbered by position, their seconds as strings. */
export function asShots(prompts: readonly string[], seconds: readonly number[]): Shot[] {
  return prompts.map((prompt, position) => ({
    index: position + 1,
    prompt,
    duration: String(seconds[position] ?? 0),
  }));
}

/** The position a problem's field is about (`multi_prompt[1].prompt` → 1), or null. */
export function shotOfField(field: string): number | null {
  const match = /^multi_prompt\[(\d+)\]/.exec(field);
  return match ? Number(match[1]) : null;
}

/** The fields a change of the video's duration sets: the duration, and the shots rescaled to
 * it when they can be (when they cannot, they stay as they are and the editor says why). */
export function withDuration(
  shots: readonly Shot[],
  duration: string,
  min: number,
): { duration: string; multi_prompt?: Shot[] } {
  if (shots.length === 0) return { duration };
  const seconds = shots.map((shot) => secondsOf(shot.duration));
  const scaled = rescale(seconds, secondsOf(duration), min);
  if (scaled === null) return { duration };
  return {
    duration,
    multi_prompt: asShots(
      shots.map((shot) => shot.prompt),
      scaled,
    ),
  };
}
