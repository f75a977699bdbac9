// Plays the cells' videos on one timeline. Each animation frame while playing, the clip that keeps
// time is read and every other clip is corrected against it (decisions in lib/sync). A frame only
// reads currentTime/duration/paused/seeking and writes what changed: no layout is touched.
// A class: it owns the animation frame and the videos' seek listeners, and the transport drives
// it through its methods.

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

/** The timeline's clock. */
export class Clock {
  private playing = false;
  private speed = 1;
  private loop = true;
  private time = 0;
  private frame = 0;
  private keeper: HTMLVideoElement | null = null;
  private readonly latency = new WeakMap<HTMLVideoElement, number>();
  private readonly seekStarted = new Map<HTMLVideoElement, number>();
  private readonly seekEnded = new WeakMap<HTMLVideoElement, number>();
  private readonly timed = new WeakSet<HTMLVideoElement>();

  /**
   * `videos` lists the videos with bytes, in cell order; `fpsOf` tells a video's frame rate (the
   * kernel sends it per cell); `onUpdate` runs after every change.
   */
  constructor(
    private readonly videos: () => HTMLVideoElement[],
    private readonly fpsOf: (video: HTMLVideoElement) => number | null,
    private readonly onUpdate: (state: ClockState) => void,
  ) {}

  state(): ClockState {
    const list = this.known();
    const leader = list[leaderIndex(list.map((video) => video.duration))] ?? null;
    const { time, playing, speed, loop, keeper } = this;
    return { time, end: this.end(), playing, speed, loop, fps: this.fpsAt(time), leader, keeper };
  }

  play(): void {
    const list = this.known();
    if (list.length === 0 || this.playing) return;
    if (this.time >= this.end() - END_EPSILON) this.time = 0;
    for (const video of list) this.place(video, this.time);
    this.playing = true;
    this.start(list);
    this.frame = requestAnimationFrame(this.run);
    this.emit();
  }

  pause(): void {
    this.seek(this.stop()); // every follower shows exactly the clock's frame
  }

  toggle(): void {
    if (this.playing) this.pause();
    else this.play();
  }

  seek(to: number): void {
    this.time = clamp(to, 0, this.end());
    const list = this.known();
    for (const video of list) this.place(video, this.time);
    if (this.playing) this.start(list);
    this.emit();
  }

  /** Pauses, then moves by whole frames. */
  step(frames: number): void {
    const at = this.stop();
    const fps = this.fpsAt(at);
    this.seek(fps === null ? at : frameStep(at, frames, this.end(), fps));
  }

  setSpeed(rate: number): void {
    this.speed = rate;
    for (const video of this.videos()) video.playbackRate = rate;
    this.emit();
  }

  setLoop(value: boolean): void {
    this.loop = value;
    this.emit();
  }

  /** Call when videos come or go, or one learns its duration. */
  refresh(): void {
    const list = this.known();
    if (list.length === 0 && this.playing) this.halt();
    this.time = clamp(this.time, 0, this.end());
    if (!this.playing) for (const video of list) this.place(video, this.time);
    this.emit();
  }

  destroy(): void {
    this.halt();
  }

  private known(): HTMLVideoElement[] {
    return this.videos().filter((video) => isKnown(video.duration));
  }

  private end(): number {
    return timelineEnd(this.known().map((video) => video.duration));
  }

  private fpsAt(at: number): number | null {
    return timelineFps(
      at,
      this.known().map((video) => ({ duration: video.duration, fps: this.fpsOf(video) })),
    );
  }

  private emit(): void {
    this.onUpdate(this.state());
  }

  /** Puts a video where timeline time `at` shows it (a user's seek: not timed). */
  private place(video: HTMLVideoElement, at: number): void {
    const target = holdTime(at, video.duration);
    this.seekStarted.delete(video);
    if (Math.abs(video.currentTime - target) > SAME_TIME) video.currentTime = target;
  }

  /** A follower's corrective seek, timed so later seeks can aim where the clock will be. */
  private timedSeek(video: HTMLVideoElement, to: number): void {
    if (!this.timed.has(video)) {
      this.timed.add(video);
      video.addEventListener("seeked", () => {
        const started = this.seekStarted.get(video);
        if (started === undefined) return;
        this.seekStarted.delete(video);
        this.seekEnded.set(video, wallClock());
        this.latency.set(video, smoothLatency(this.latency.get(video), wallClock() - started));
      });
    }
    this.seekStarted.set(video, wallClock());
    video.currentTime = to;
  }

  /** Plays the videos the time is inside of; holds the others on their last frame. */
  private start(list: HTMLVideoElement[]): void {
    for (const video of list) {
      video.playbackRate = this.speed;
      if (this.time < video.duration - END_EPSILON) resume(video);
      else if (!video.paused) video.pause();
    }
  }

  private halt(): void {
    this.playing = false;
    this.keeper = null;
    cancelAnimationFrame(this.frame);
    this.frame = 0;
    for (const video of this.videos()) {
      if (!video.paused) video.pause();
      video.playbackRate = this.speed;
    }
  }

  private follow(list: HTMLVideoElement[], positions: Position[], index: number): void {
    let inFlight = 0;
    for (const video of this.seekStarted.keys()) if (video.seeking) inFlight += 1;
    list.forEach((video, i) => {
      const at = positions[i];
      if (i === index || at === undefined || busy(video)) return;
      const fix = correction(this.time, at.time, at.duration, this.speed, {
        seekLead: this.latency.get(video) ?? 0,
        nudged: video.playbackRate !== this.speed,
        canSeek: maySeek(wallClock(), this.seekEnded.get(video), inFlight),
      });
      if (fix.seek !== undefined) {
        inFlight += 1;
        this.timedSeek(video, fix.seek);
      }
      if (fix.pause) {
        if (!video.paused) video.pause();
      } else if (video.paused && (fix.seek !== undefined || !video.ended)) {
        resume(video);
      }
      if (video.playbackRate !== fix.rate) video.playbackRate = fix.rate;
    });
  }

  private act(next: Tick, list: HTMLVideoElement[], positions: Position[]): void {
    if (next.kind === "stop") {
      this.halt();
      this.time = this.end();
      for (const video of list) this.place(video, this.time); // each exactly on its end
      return;
    }
    if (next.kind === "wrap") {
      this.time = 0;
      for (const video of list) this.place(video, 0);
      this.start(list);
      return;
    }
    const lead = list[next.index];
    const at = positions[next.index];
    if (lead === undefined || at === undefined) return;
    this.keeper = lead;
    this.time = at.time;
    if (lead.playbackRate !== this.speed) lead.playbackRate = this.speed;
    if (lead.paused && !lead.seeking) resume(lead);
    this.follow(list, positions, next.index);
  }

  /** One animation frame while playing (an arrow: it is handed to requestAnimationFrame). */
  private readonly run = (): void => {
    this.frame = 0;
    if (!this.playing) return;
    const list = this.known();
    if (list.length > 0 && list.every((video) => !video.isConnected)) {
      this.halt(); // the widget left the page (output cleared, a windowed notebook scrolled)
    } else if (list.length > 0) {
      const positions = list.map(position);
      this.act(tick(positions, this.loop), list, positions);
    }
    this.emit();
    if (this.playing) this.frame = requestAnimationFrame(this.run);
  };

  /** Stops playback; returns where the timeline stopped, read from the clip keeping time. */
  private stop(): number {
    if (!this.playing) return this.time;
    const list = this.known();
    const next = tick(list.map(position), false);
    const lead = next.kind === "clock" ? list[next.index] : undefined;
    this.halt();
    return lead ? lead.currentTime : this.end(); // read once paused: the position no longer moves
  }
}
