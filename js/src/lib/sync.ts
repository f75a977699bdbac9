// Several videos on one timeline, as pure decisions: which clip keeps time, when a follower seeks,
// when it plays a little faster or slower, where a frame step lands. The <video> elements only
// carry these decisions out, so everything here is tested without a browser.
//
// The timeline runs from 0 to the end of the longest clip. At timeline time t a clip shows
// min(t, its duration): past its own end it holds its last frame. The clock is the clip being heard
// while it has not reached its end (a follower is nudged by a few percent of its rate, which a
// listener hears as a wobble, and corrected by seeks, which cut the sound), else the first clip (in
// cell order) that has not; the timeline wraps (or stops) once every clip is at its end. Frames are counted at
// the frame rate of the clip keeping time, which the kernel sends per cell (kling-v1 to v1-6
// render 30 fps, v2 and later 24).

/** Drift beyond which a follower seeks: a rate nudge would take too long to be invisible. */
export const SEEK_DRIFT = 0.1;
/** Drift below which a follower plays at the common rate: nudging further only adds jitter. */
export const NUDGE_DRIFT = 0.02;
/** A follower already being nudged keeps at it until this close: a frame is 33 ms at 30 fps. */
export const SETTLED_DRIFT = 0.005;
/** How much faster or slower (as a fraction of the rate) a drifting follower plays. */
export const NUDGE = 0.05;
/** Speeds offered by the transport. */
export const SPEEDS = [0.25, 0.5, 1, 2] as const;
/**
 * A clip within this of its duration is at its end: Chromium sometimes stops a clip a millisecond
 * short of the duration the container declares. Well under a frame (33 ms at 30 fps).
 */
export const END_EPSILON = 0.01;
/** After a corrective seek, a follower waits this long (wall seconds) before seeking again. */
export const SEEK_COOLDOWN = 0.5;
/** Corrective seeks in flight at once: each decodes from a keyframe, and together they starve. */
export const MAX_SEEKS_IN_FLIGHT = 1;
/** A seek lead beyond this is a stall, not a seek latency worth compensating. */
export const MAX_SEEK_LEAD = 0.5;

/** What a follower should do this frame: seek (seconds), play at `rate`, or hold (pause). */
export interface Correction {
  seek?: number;
  rate: number;
  pause?: boolean;
}

export interface CorrectionOptions {
  /** The follower's recent seek latency (wall seconds): a seek aims where the clock will be. */
  seekLead?: number;
  /** Whether the follower is being nudged now (its rate differs from the common rate). */
  nudged?: boolean;
  /** Whether a seek is allowed now (see `maySeek`); if not, a large drift is nudged instead. */
  canSeek?: boolean;
}

/** Where one clip is, in seconds; `duration` is NaN until its metadata has loaded. */
export interface Position {
  readonly time: number;
  readonly duration: number;
}

/** A clip with the frame rate its model renders at (null for a model the kernel cannot name). */
export interface Clip {
  readonly duration: number;
  readonly fps: number | null;
}

/** Per animation frame while playing: keep time from clip `index`, or wrap/stop at the end. */
export type Tick = { kind: "clock"; index: number } | { kind: "wrap" } | { kind: "stop" };

export function isKnown(duration: number): boolean {
  return Number.isFinite(duration) && duration > 0;
}

export function clamp(value: number, low: number, high: number): number {
  return Math.min(Math.max(value, low), high);
}

function atEnd(position: Position): boolean {
  return position.time >= position.duration - END_EPSILON;
}

/**
 * Corrects a follower against the clock. A follower past its own end holds its last frame; one
 * more than SEEK_DRIFT away seeks (ahead by its seek latency, so it lands where the clock will
 * be); a smaller drift above NUDGE_DRIFT is closed by playing NUDGE faster (behind) or slower
 * (ahead), and once nudged it keeps going until within SETTLED_DRIFT; in sync it plays at `rate`.
 */
export function correction(
  leaderTime: number,
  followerTime: number,
  followerDuration: number,
  rate: number,
  { seekLead = 0, nudged = false, canSeek = true }: CorrectionOptions = {},
): Correction {
  const end = followerDuration;
  const finished = atEnd({ time: followerTime, duration: end });
  if (leaderTime >= end - END_EPSILON || (finished && leaderTime > end - SEEK_DRIFT)) {
    return finished ? { rate, pause: true } : { seek: end, rate, pause: true };
  }
  const drift = followerTime - leaderTime;
  if (Math.abs(drift) > SEEK_DRIFT && canSeek) {
    return { seek: Math.min(leaderTime + clamp(seekLead, 0, MAX_SEEK_LEAD) * rate, end), rate };
  }
  if (Math.abs(drift) > (nudged ? SETTLED_DRIFT : NUDGE_DRIFT))
    return { rate: rate * (drift > 0 ? 1 - NUDGE : 1 + NUDGE) };
  return { rate };
}

/**
 * Whether a follower may seek now (`now` and `lastSeekEnd` in seconds of wall time): not while
 * other corrective seeks are still decoding, nor again straight after its own last one. Under a
 * heavy decode load this turns a storm of seeks, each landing late, into a few and some nudging.
 */
export function maySeek(now: number, lastSeekEnd: number | undefined, inFlight: number): boolean {
  if (inFlight >= MAX_SEEKS_IN_FLIGHT) return false;
  return lastSeekEnd === undefined || now - lastSeekEnd >= SEEK_COOLDOWN;
}

/**
 * The clip that keeps time, or what to do once every clip has reached its end: clip `preferred`
 * (the one heard; -1 for none) while it plays, else the first that has not reached its end.
 */
export function tick(positions: readonly Position[], loop: boolean, preferred = -1): Tick {
  const running = (p: Position | undefined) => p !== undefined && isKnown(p.duration) && !atEnd(p);
  if (running(positions[preferred])) return { kind: "clock", index: preferred };
  const index = positions.findIndex(running);
  if (index >= 0) return { kind: "clock", index };
  return loop ? { kind: "wrap" } : { kind: "stop" };
}

/**
 * The leader: clip `preferred` (the one heard) once its duration is known, else the first clip
 * whose duration is known (-1 while none is).
 */
export function leaderIndex(durations: readonly number[], preferred = -1): number {
  const mine = durations[preferred];
  return mine !== undefined && isKnown(mine) ? preferred : durations.findIndex(isKnown);
}

/** The timeline covers the longest clip. */
export function timelineEnd(durations: readonly number[]): number {
  return durations.filter(isKnown).reduce((longest, d) => Math.max(longest, d), 0);
}

/** Where a clip should be at timeline time `time`: past its own end, on its last frame. */
export function holdTime(time: number, duration: number): number {
  return isKnown(duration) ? clamp(time, 0, duration) : Math.max(time, 0);
}

/**
 * The frame rate the timeline counts frames in at `time`: that of the clip keeping time there
 * (clip `preferred`, the one heard, or the first known clip not yet at its end; at the very end,
 * the longest), else of any clip that has one; null while none does.
 */
export function timelineFps(time: number, clips: readonly Clip[], preferred = -1): number | null {
  const inside = (clip: Clip | undefined): clip is Clip =>
    clip !== undefined && isKnown(clip.duration) && time < clip.duration - END_EPSILON;
  const known = clips.filter((clip) => isKnown(clip.duration));
  const heard = clips[preferred];
  const keeper =
    (inside(heard) ? heard : known.find(inside)) ??
    known.reduce<Clip | undefined>((a, b) => (a && a.duration >= b.duration ? a : b), undefined);
  return keeper?.fps ?? clips.find((clip) => clip.fps !== null)?.fps ?? null;
}

/** The frame shown at `time` in a clip of `fps` frames a second (0 is the first). */
export function shownFrame(time: number, fps: number): number {
  return Math.floor(time * fps + 1e-6);
}

/**
 * The time `frames` frames away from the frame shown at `time`, landing in the middle of that
 * frame so that every clip, whatever its rounding, shows the same frame; never beyond the last
 * frame of a timeline `end` seconds long.
 */
export function frameStep(time: number, frames: number, end: number, fps: number): number {
  const last = Math.max(Math.ceil(end * fps - 1e-6) - 1, 0);
  const shown = shownFrame(time, fps);
  const target = clamp(shown + frames, 0, last);
  return Math.min((target + 0.5) / fps, end);
}

/** Follows a follower's seek latency (seconds) with an exponential average; the first is taken whole. */
export function smoothLatency(previous: number | undefined, sample: number, weight = 0.3): number {
  const capped = clamp(sample, 0, MAX_SEEK_LEAD);
  return previous === undefined ? capped : previous + (capped - previous) * weight;
}
