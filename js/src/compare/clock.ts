// Plays the cells' videos on one timeline. Each animation frame while playing, the clip that keeps
// time is read and every other clip is corrected against it (decisions in lib/sync). A frame only
// reads currentTime/duration/paused/seeking and writes what changed: no layout is touched.

import {
  clamp,
  correction,
  END_EPSILON,
  frameStep,
  holdTime,
  isKnown,
  leaderIndex,
  maySeek,
  type Position,
  smoothLatency,
  type Tick,
  tick,
  timelineEnd,
  timelineFps,
} from "../lib/sync";

export interface ClockState {
  time: number;
  end: number;
  playing: boolean;
  speed: number;
  loop: boolean;
  /** Frames a second of the clip keeping time (frame steps and the readout count in it). */
  fps: number | null;
  /** The first video with a known duration: the clock while the time is inside it. */
  leader: HTMLVideoElement | null;
  /** The video that kept time on the last frame (the leader, or a longer clip past its end). */
  keeper: HTMLVideoElement | null;
}

export interface Clock {
  play(): void;
  pause(): void;
  toggle(): void;
  seek(time: number): void;
  /** Pauses, then moves by whole frames. */
  step(frames: number): void;
  setSpeed(rate: number): void;
  setLoop(loop: boolean): void;
  /** Call when videos come or go, or one learns its duration. */
  refresh(): void;
  state(): ClockState;
  destroy(): void;
}

/** A seek closer than this to where a video already is would only cost a decode. */
const SAME_TIME = 1e-6;

function position(video: HTMLVideoElement): Position {
  return { time: video.currentTime, duration: video.duration };
}

/** Seconds of wall time, for seek latencies and cooldowns. */
function wallClock(): number {
  return performance.now() / 1000;
}

/** A video still seeking, or playing but starved of frames, would only be corrected wrongly. */
function busy(video: HTMLVideoElement): boolean {
  return video.seeking || (!video.paused && video.readyState < HTMLMediaElement.HAVE_FUTURE_DATA);
}

function resume(video: HTMLVideoElement): void {
  void video.play().catch(() => undefined); // a later frame retries; pause() may interrupt play()
}

/**
 * `videos` lists the videos with bytes, in cell order; `fpsOf` tells a video's frame rate (the
 * kernel sends it per cell); `onUpdate` runs after every change.
 */
export function clock(
  videos: () => HTMLVideoElement[],
  fpsOf: (video: HTMLVideoElement) => number | null,
  onUpdate: (state: ClockState) => void,
): Clock {
  let playing = false;
  let speed = 1;
  let loop = true;
  let time = 0;
  let frame = 0;
  let keeper: HTMLVideoElement | null = null;
  const latency = new WeakMap<HTMLVideoElement, number>();
  const seekStarted = new Map<HTMLVideoElement, number>();
  const seekEnded = new WeakMap<HTMLVideoElement, number>();
  const timed = new WeakSet<HTMLVideoElement>();

  const known = () => videos().filter((video) => isKnown(video.duration));
  const end = () => timelineEnd(known().map((video) => video.duration));
  const fpsAt = (at: number) =>
    timelineFps(
      at,
      known().map((video) => ({ duration: video.duration, fps: fpsOf(video) })),
    );

  function state(): ClockState {
    const list = known();
    const leader = list[leaderIndex(list.map((video) => video.duration))] ?? null;
    return { time, end: end(), playing, speed, loop, fps: fpsAt(time), leader, keeper };
  }

  const emit = () => onUpdate(state());

  /** Puts a video where timeline time `at` shows it (a user's seek: not timed). */
  function place(video: HTMLVideoElement, at: number): void {
    const target = holdTime(at, video.duration);
    seekStarted.delete(video);
    if (Math.abs(video.currentTime - target) > SAME_TIME) video.currentTime = target;
  }

  /** A follower's corrective seek, timed so later seeks can aim where the clock will be. */
  function timedSeek(video: HTMLVideoElement, to: number): void {
    if (!timed.has(video)) {
      timed.add(video);
      video.addEventListener("seeked", () => {
        const started = seekStarted.get(video);
        if (started === undefined) return;
        seekStarted.delete(video);
        seekEnded.set(video, wallClock());
        latency.set(video, smoothLatency(latency.get(video), wallClock() - started));
      });
    }
    seekStarted.set(video, wallClock());
    video.currentTime = to;
  }

  /** Plays the videos the time is inside of; holds the others on their last frame. */
  function start(list: HTMLVideoElement[]): void {
    for (const video of list) {
      video.playbackRate = speed;
      if (time < video.duration - END_EPSILON) resume(video);
      else if (!video.paused) video.pause();
    }
  }

  function halt(): void {
    playing = false;
    keeper = null;
    cancelAnimationFrame(frame);
    frame = 0;
    for (const video of videos()) {
      if (!video.paused) video.pause();
      video.playbackRate = speed;
    }
  }

  function follow(list: HTMLVideoElement[], positions: Position[], index: number): void {
    let inFlight = 0;
    for (const video of seekStarted.keys()) if (video.seeking) inFlight += 1;
    list.forEach((video, i) => {
      const at = positions[i];
      if (i === index || at === undefined || busy(video)) return;
      const fix = correction(time, at.time, at.duration, speed, {
        seekLead: latency.get(video) ?? 0,
        nudged: video.playbackRate !== speed,
        canSeek: maySeek(wallClock(), seekEnded.get(video), inFlight),
      });
      if (fix.seek !== undefined) {
        inFlight += 1;
        timedSeek(video, fix.seek);
      }
      if (fix.pause) {
        if (!video.paused) video.pause();
      } else if (video.paused && (fix.seek !== undefined || !video.ended)) {
        resume(video);
      }
      if (video.playbackRate !== fix.rate) video.playbackRate = fix.rate;
    });
  }

  function act(next: Tick, list: HTMLVideoElement[], positions: Position[]): void {
    if (next.kind === "stop") {
      halt();
      time = end();
      for (const video of list) place(video, time); // each exactly on its end, not 10 ms short
      return;
    }
    if (next.kind === "wrap") {
      time = 0;
      for (const video of list) place(video, 0);
      start(list);
      return;
    }
    const lead = list[next.index];
    const at = positions[next.index];
    if (lead === undefined || at === undefined) return;
    keeper = lead;
    time = at.time;
    if (lead.playbackRate !== speed) lead.playbackRate = speed;
    if (lead.paused && !lead.seeking) resume(lead);
    follow(list, positions, next.index);
  }

  function run(): void {
    frame = 0;
    if (!playing) return;
    const list = known();
    if (list.length > 0 && list.every((video) => !video.isConnected)) {
      halt(); // the widget left the page (output cleared, cell scrolled out of a windowed notebook)
    } else if (list.length > 0) {
      const positions = list.map(position);
      act(tick(positions, loop), list, positions);
    }
    emit();
    if (playing) frame = requestAnimationFrame(run);
  }

  /** Stops playback; returns where the timeline stopped, read from the clip keeping time. */
  function stop(): number {
    if (!playing) return time;
    const list = known();
    const next = tick(list.map(position), false);
    const lead = next.kind === "clock" ? list[next.index] : undefined;
    halt();
    return lead ? lead.currentTime : end(); // read once paused: the position no longer moves
  }

  function seek(to: number): void {
    time = clamp(to, 0, end());
    const list = known();
    for (const video of list) place(video, time);
    if (playing) start(list);
    emit();
  }

  function play(): void {
    const list = known();
    if (list.length === 0 || playing) return;
    if (time >= end() - END_EPSILON) time = 0;
    for (const video of list) place(video, time);
    playing = true;
    start(list);
    frame = requestAnimationFrame(run);
    emit();
  }

  function pause(): void {
    seek(stop()); // every follower shows exactly the clock's frame
  }

  return {
    play,
    pause,
    toggle: () => (playing ? pause() : play()),
    seek,
    step(frames) {
      const at = stop();
      const fps = fpsAt(at);
      seek(fps === null ? at : frameStep(at, frames, end(), fps));
    },
    setSpeed(rate) {
      speed = rate;
      for (const video of videos()) video.playbackRate = rate;
      emit();
    },
    setLoop(value) {
      loop = value;
      emit();
    },
    refresh() {
      const list = known();
      if (list.length === 0 && playing) halt();
      time = clamp(time, 0, end());
      if (!playing) for (const video of list) place(video, time);
      emit();
    },
    state,
    destroy: halt,
  };
}
