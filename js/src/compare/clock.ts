// Plays the cells' videos on one timeline. Each animation frame while playing, the clip that keeps
// time is read and every other clip is corrected against it (decisions in lib/sync, carried out
// by followers.ts, seeks timed by seeks.ts). The clip being heard keeps time while it plays, so
// its sound is never stretched by a rate nudge nor cut by a corrective seek. A frame only reads currentTime/duration/paused/
// seeking and writes what changed: no layout is touched.

import {
  clamp,
  END_EPSILON,
  frameStep,
  holdTime,
  isKnown,
  leaderIndex,
  type Position,
  type Tick,
  tick,
  timelineEnd,
  timelineFps,
} from "../lib/sync";
import { follow, pauseAll, position, resume, startAll } from "./followers";
import { SeekTimer } from "./seeks";

export interface ClockState {
  time: number;
  end: number;
  playing: boolean;
  speed: number;
  loop: boolean;
  /** Frames a second of the clip keeping time (frame steps and the readout count in it). */
  fps: number | null;
  /** The heard video, else the first with a known duration: the clock while inside it. */
  leader: HTMLVideoElement | null;
  /** The video that kept time on the last frame (the leader, or a longer clip past its end). */
  keeper: HTMLVideoElement | null;
}

/**
 * The transport's state (playing, time, speed, loop) and the animation-frame loop that keeps the
 * videos on it. A class: it owns a requestAnimationFrame loop and state that lives as long as the
 * widget, and `destroy` ends both; the transport drives it through its methods.
 */
export class Clock {
  private playing = false;
  private speed = 1;
  private loop = true;
  private time = 0;
  private frame = 0;
  private keeper: HTMLVideoElement | null = null;
  private heard: HTMLVideoElement | null = null;
  private readonly seeks = new SeekTimer();

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
    const durations = list.map((video) => video.duration);
    const leader = list[leaderIndex(durations, this.heardIn(list))] ?? null;
    const { time, playing, speed, loop, keeper } = this;
    return { time, end: this.end(), playing, speed, loop, fps: this.fpsAt(time), leader, keeper };
  }

  play(): void {
    const list = this.known();
    if (list.length === 0 || this.playing) return;
    if (this.time >= this.end() - END_EPSILON) this.time = 0;
    this.placeAll(list, this.time);
    this.playing = true;
    startAll(list, this.time, this.speed);
    this.frame = requestAnimationFrame(this.run);
    this.emit();
  }

  /** Every follower ends on exactly the clock's frame. */
  pause(): void {
    this.seek(this.stop());
  }

  toggle(): void {
    if (this.playing) this.pause();
    else this.play();
  }

  seek(to: number): void {
    this.time = clamp(to, 0, this.end());
    const list = this.known();
    this.placeAll(list, this.time);
    if (this.playing) startAll(list, this.time, this.speed);
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

  /** The video whose sound is on (null: none), which keeps time from the next frame on. */
  hear(video: HTMLVideoElement | null): void {
    if (this.heard === video) return;
    this.heard = video;
    this.emit();
  }

  setLoop(loop: boolean): void {
    this.loop = loop;
    this.emit();
  }

  /** Call when videos come or go, or one learns its duration. */
  refresh(): void {
    const list = this.known();
    if (list.length === 0 && this.playing) this.halt();
    this.time = clamp(this.time, 0, this.end());
    if (!this.playing) this.placeAll(list, this.time);
    this.emit();
  }

  destroy(): void {
    this.halt();
  }

  // -- one animation frame ----------------------------------------------------------------

  private readonly run = (): void => {
    this.frame = 0;
    if (!this.playing) return;
    const list = this.known();
    if (list.length > 0 && list.every((video) => !video.isConnected)) {
      this.halt(); // the widget left the page (output cleared, cell scrolled out of a windowed notebook)
    } else if (list.length > 0) {
      const positions = list.map(position);
      this.act(tick(positions, this.loop, this.heardIn(list)), list, positions);
    }
    this.emit();
    if (this.playing) this.frame = requestAnimationFrame(this.run);
  };

  private act(next: Tick, list: HTMLVideoElement[], positions: Position[]): void {
    if (next.kind === "stop") {
      this.halt();
      this.time = this.end();
      this.placeAll(list, this.time); // each exactly on its end, not 10 ms short
      return;
    }
    if (next.kind === "wrap") {
      this.time = 0;
      this.placeAll(list, 0);
      startAll(list, 0, this.speed);
      return;
    }
    const lead = list[next.index];
    const at = positions[next.index];
    if (lead === undefined || at === undefined) return;
    this.keeper = lead;
    this.time = at.time;
    if (lead.playbackRate !== this.speed) lead.playbackRate = this.speed;
    if (lead.paused && !lead.seeking) resume(lead);
    follow(list, positions, next.index, this.time, this.speed, this.seeks);
  }

  // -- helpers ------------------------------------------------------------------------------

  /** Stops playback; returns where the timeline stopped, read from the clip keeping time. */
  private stop(): number {
    if (!this.playing) return this.time;
    const list = this.known();
    const next = tick(list.map(position), false, this.heardIn(list));
    const lead = next.kind === "clock" ? list[next.index] : undefined;
    this.halt();
    return lead ? lead.currentTime : this.end(); // read once paused: the position no longer moves
  }

  private halt(): void {
    this.playing = false;
    this.keeper = null;
    cancelAnimationFrame(this.frame);
    this.frame = 0;
    pauseAll(this.videos(), this.speed);
  }

  /** Puts every video where timeline time `at` shows it (a person's seek: not timed). */
  private placeAll(list: readonly HTMLVideoElement[], at: number): void {
    for (const video of list) this.seeks.place(video, holdTime(at, video.duration));
  }

  /** Where the heard video is in `list` (-1: none, or not in it). */
  private heardIn(list: readonly HTMLVideoElement[]): number {
    return this.heard === null ? -1 : list.indexOf(this.heard);
  }

  private known(): HTMLVideoElement[] {
    return this.videos().filter((video) => isKnown(video.duration));
  }

  private end(): number {
    return timelineEnd(this.known().map((video) => video.duration));
  }

  private fpsAt(at: number): number | null {
    const list = this.known();
    const clips = list.map((video) => ({ duration: video.duration, fps: this.fpsOf(video) }));
    return timelineFps(at, clips, this.heardIn(list));
  }

  private emit(): void {
    this.onUpdate(this.state());
  }
}
